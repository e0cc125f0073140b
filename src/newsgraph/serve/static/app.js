// Progressive enhancement: pages work without it. Mark tooltips (a title becomes data-tip when first shown);
// roving focus in the text (one Tab stop, arrows between marks); a linked quote or event highlighted.
(function () {
  "use strict";
  var tip = null;
  function show(el) {
    if (el.title) { el.setAttribute("data-tip", el.title); el.removeAttribute("title"); }
    if (!el.hasAttribute("data-tip")) return;
    if (!tip) { tip = document.createElement("div"); tip.id = "tip"; tip.setAttribute("role", "tooltip"); document.body.appendChild(tip); }
    tip.textContent = el.getAttribute("data-tip");
    var r = el.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - 240) + scrollX) + "px";
    tip.style.top = (r.bottom + scrollY + 6) + "px";
    tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
  }
  function hide() { if (tip) tip.hidden = true; }

  function roving(text) {
    var marks = Array.prototype.slice.call(text.querySelectorAll("mark"));
    marks.forEach(function (m) { if (!m.hasAttribute("tabindex")) m.tabIndex = -1; });
    text.addEventListener("keydown", function (e) {
      var i = marks.indexOf(document.activeElement);
      var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: marks.length - 1 }[e.key];
      if (i < 0 || next === undefined) return;
      e.preventDefault();
      next = Math.max(0, Math.min(marks.length - 1, next));
      marks[i].tabIndex = -1;
      marks[next].tabIndex = 0;
      marks[next].focus();
    });
  }

  function highlightTarget() {
    document.querySelectorAll(".targeted").forEach(function (el) { el.classList.remove("targeted"); });
    var id = decodeURIComponent(location.hash.slice(1)), el = id && document.getElementById(id);
    if (!el || !el.matches("mark.quote, [id^='ev-']")) return;
    el.classList.add("targeted");
    el.scrollIntoView({ block: "center" });
    if (el.matches("mark")) {
      document.querySelectorAll("article mark[tabindex='0']").forEach(function (m) { m.tabIndex = -1; });
      el.tabIndex = 0;
      el.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("article.text").forEach(roving);
    highlightTarget();
  });
  // cite.js after "load" and the first contentful paint (which can come later), not competing with it
  addEventListener("load", function () {
    if (!document.querySelector("[data-cite]")) return;
    var add = function () { var s = document.createElement("script"); s.src = "/static/cite.js"; document.head.appendChild(s); };
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("paint") < 0) return add();
    new PerformanceObserver(function (list, seen) {
      if (!list.getEntries().some(function (e) { return e.name === "first-contentful-paint"; })) return;
      seen.disconnect();
      setTimeout(add);
    }).observe({ type: "paint", buffered: true });
  });
  addEventListener("hashchange", highlightTarget);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  ["mouseover", "focusin", "mouseout", "focusout"].forEach(function (ev, i) {
    document.addEventListener(ev, function (e) {
      var m = e.target.closest && e.target.closest("mark");
      if (m) i < 2 ? show(m) : hide();
    });
  });
})();
