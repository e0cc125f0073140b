// Tooltips for marks on hover and on keyboard focus (the native title tooltip
// never shows on focus). Without JavaScript the title attribute still works.
(function () {
  "use strict";
  var tip = null;
  function show(el) {
    var text = el.getAttribute("data-tip");
    if (!text) return;
    if (!tip) { tip = document.createElement("div"); tip.id = "tip"; tip.setAttribute("role", "tooltip"); document.body.appendChild(tip); }
    tip.textContent = text;
    var r = el.getBoundingClientRect();
    tip.style.left = Math.max(4, r.left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
  }
  function hide() { if (tip) tip.hidden = true; }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("mark[title]").forEach(function (m) {
      m.setAttribute("data-tip", m.getAttribute("title"));
      m.removeAttribute("title");
      m.setAttribute("aria-label", m.textContent + " — " + m.getAttribute("data-tip"));
    });
  });
  ["mouseover", "focusin"].forEach(function (ev) {
    document.addEventListener(ev, function (e) { var m = e.target.closest && e.target.closest("mark[data-tip]"); if (m) show(m); });
  });
  ["mouseout", "focusout"].forEach(function (ev) {
    document.addEventListener(ev, function (e) { if (e.target.closest && e.target.closest("mark[data-tip]")) hide(); });
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
