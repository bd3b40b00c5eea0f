// Show the print button only where scripts run; without them the browser's own menu prints.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
