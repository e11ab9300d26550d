// The leaflet's print button. Without JavaScript it stays hidden, and the PDF link
// and the browser's own Print command (Ctrl+P) do the same job.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
