// The activity form's optional helpers; without them the form works the same.
// - A filter box above a long unit list: matches a unit's name or its code (data-code).
// - A filter box above the scam-type chips: matches either language's name or the slug.
// Labels come from the page (data-filter-label), already translated.
(function () {
  "use strict";

  function filterBox(label, className) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control " + className;
    input.placeholder = label;
    input.setAttribute("aria-label", label);
    input.autocomplete = "off";
    return input;
  }

  function matches(text, query) {
    return text.toLowerCase().indexOf(query) !== -1;
  }

  var unitField = document.querySelector(".unit-field");
  var select = unitField && unitField.querySelector("select");
  if (select && select.options.length > 8) {
    var all = Array.prototype.slice.call(select.options);
    var unitBox = filterBox(unitField.dataset.filterLabel, "unit-filter");
    select.parentNode.insertBefore(unitBox, select);
    unitBox.addEventListener("input", function () {
      var query = unitBox.value.trim().toLowerCase();
      var chosen = select.value;
      // Options are taken out rather than hidden: phones ignore hidden options.
      select.textContent = "";
      all.forEach(function (option) {
        var code = option.dataset.code || "";
        if (!query || option.value === chosen || matches(option.text, query) || matches(code, query)) {
          select.appendChild(option);
        }
      });
      select.value = chosen;
    });
  }

  var groups = document.querySelector(".chip-groups");
  if (groups) {
    var chipBox = filterBox(groups.dataset.filterLabel, "chip-filter");
    groups.insertBefore(chipBox, groups.firstChild);
    chipBox.addEventListener("input", function () {
      var query = chipBox.value.trim().toLowerCase();
      groups.querySelectorAll(".chip-group").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll(".chip-item").forEach(function (chip) {
          var hit = !query || matches(chip.textContent + " " + (chip.dataset.search || ""), query);
          chip.hidden = !hit;
          shown += hit ? 1 : 0;
        });
        group.hidden = shown === 0;
      });
    });
  }
})();
