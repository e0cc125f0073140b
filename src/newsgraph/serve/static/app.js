// Progressive enhancement only: every page reads and works without this file.
// - tooltips for marks on hover and keyboard focus (the native title never shows on focus);
// - roving focus in the article text: one Tab stop, the arrow keys move from mark to mark;
// - "Copy citation" buttons; a quote or event linked by #id is scrolled to and highlighted;
// - the analyse form says it is busy while the server works.
(function () {
  "use strict";
  var tip = null;
  function show(el) {
    var text = el.getAttribute("data-tip");
    if (!text) return;
    if (!tip) { tip = document.createElement("div"); tip.id = "tip"; tip.setAttribute("role", "tooltip"); document.body.appendChild(tip); }
    tip.textContent = text;
    var r = el.getBoundingClientRect();
    var left = Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 240);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    tip.hidden = false;
    el.setAttribute("aria-describedby", "tip");
  }
  function hide() { if (tip) tip.hidden = true; }

  function roving(text) {
    var marks = Array.prototype.slice.call(text.querySelectorAll("mark"));
    if (!marks.length) return;
    text.addEventListener("keydown", function (e) {
      var i = marks.indexOf(document.activeElement);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: marks.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      next = Math.max(0, Math.min(marks.length - 1, next));
      marks[i].setAttribute("tabindex", "-1");
      marks[next].setAttribute("tabindex", "0");
      marks[next].focus();
    });
  }

  function highlightTarget() {
    document.querySelectorAll(".targeted").forEach(function (el) { el.classList.remove("targeted"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el || !(el.matches("mark.quote") || el.matches(".anchor"))) return;
    el.classList.add("targeted");
    el.scrollIntoView({ block: "center" });
    if (el.matches("mark")) {
      document.querySelectorAll("article mark[tabindex='0']").forEach(function (m) { m.setAttribute("tabindex", "-1"); });
      el.setAttribute("tabindex", "0");
      el.focus({ preventScroll: true });
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "sr-only";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("mark[title]").forEach(function (m) {
      m.setAttribute("data-tip", m.getAttribute("title"));
      m.removeAttribute("title");
    });
    document.querySelectorAll("article.text").forEach(roving);
    document.querySelectorAll("button.copy-cite").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        var status = document.getElementById("copied");
        copyText(b.getAttribute("data-citation")).then(function () {
          b.textContent = "Copied";
          if (status) status.textContent = "Citation copied: " + b.getAttribute("data-citation");
          setTimeout(function () { b.textContent = "Copy citation"; }, 2000);
        }, function () { if (status) status.textContent = "Could not copy; select the quote instead."; });
      });
    });
    // The analyse form and the result's "Save to store" form: each says it is busy while the server works.
    document.querySelectorAll("form.analyze").forEach(function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        var word = form.getAttribute("data-busy") || "Analysing…";
        form.setAttribute("aria-busy", "true");
        var status = form.querySelector(".busy[role=status]");
        if (status) status.textContent = word + " this takes a few seconds.";
        if (button) { button.textContent = word; setTimeout(function () { button.disabled = true; }, 0); }
      });
    });
    highlightTarget();
  });
  window.addEventListener("hashchange", highlightTarget);
  ["mouseover", "focusin"].forEach(function (ev) {
    document.addEventListener(ev, function (e) { var m = e.target.closest && e.target.closest("mark[data-tip]"); if (m) show(m); });
  });
  ["mouseout", "focusout"].forEach(function (ev) {
    document.addEventListener(ev, function (e) { if (e.target.closest && e.target.closest("mark[data-tip]")) hide(); });
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
