// Copy buttons for the share section of a scam-type page. Without JavaScript the
// buttons stay hidden and the link and the text are there to select by hand.
(function () {
  "use strict";

  function copy(text, source) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on an intranet: the older way, through a selection.
    return new Promise(function (resolve, reject) {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      if (source.select) {
        source.select();
      } else {
        selection.addRange(range);
      }
      var done = document.execCommand("copy");
      selection.removeAllRanges();
      (done ? resolve : reject)();
    });
  }

  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copyFrom);
    if (!source) {
      return;
    }
    var label = button.textContent;
    var status = button.nextElementSibling;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in source ? source.value : source.textContent;
      copy(text, source).then(function () {
        button.textContent = button.dataset.copied;
        status.textContent = button.dataset.copied;
        window.setTimeout(function () {
          button.textContent = label;
          status.textContent = "";
        }, 4000);
      }, function () {
        // Copying was refused: leave the text selected for the visitor to copy.
        if (source.select) {
          source.select();
        }
      });
    });
  });
})();
