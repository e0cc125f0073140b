// The analyse form and the result's "Save to store" form each say they are busy while the server works.
// Progressive enhancement: both forms post without this file.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("form.analyze").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]"), word = form.getAttribute("data-busy") || "Analysing…";
      var status = form.querySelector(".busy[role=status]");
      form.setAttribute("aria-busy", "true");
      if (status) status.textContent = word + " this takes a few seconds.";
      if (button) { button.textContent = word; setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
});
