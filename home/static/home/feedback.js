// Moves focus to what a form post answered with, the error summary or the thank-you, so that a
// screen reader reads it first. Without this file the address's #fragment scrolls to it instead.
(function () {
  "use strict";
  const target = document.querySelector("[data-autofocus]");
  if (target) target.focus();

  // A link in the error summary brings its field's label or question into view with the field,
  // where following the link alone would scroll the label just off the top of the screen.
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".error-summary a[href^='#']");
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const group = field && field.closest(".field, fieldset");
    if (!group) return;
    event.preventDefault();
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
