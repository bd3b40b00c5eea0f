// Moves focus to what a form post answered with, the error summary or the thank-you, so that a
// screen reader reads it first. Without this file the address's #fragment scrolls to it instead.
(function () {
  "use strict";
  const target = document.querySelector("[data-autofocus]");
  if (target) target.focus();
})();
