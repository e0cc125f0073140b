// "Copy citation" buttons in the article's Who said what (loaded by app.js after the page has loaded).
// A citation is built from what the page shows: the quote's words, its group's speaker (data-who for an
// unresolved one, as written) and the section's data-cite (outlet, date, URL), so no citation text is
// repeated in the HTML.
(function () {
  "use strict";
  // “…,” Name said (Outlet, 22 Dec 2023, URL), or Name said … for a paraphrase.
  function citation(li) {
    var badge = li.querySelector(".badge"), group = li.closest(".speaker");
    var who = group.getAttribute("data-who") || group.getAttribute("data-speaker");
    var words = badge.nextSibling.textContent.trim().replace(/^["“”‘’']+|["“”‘’']+$/g, "").trim().replace(/[,.;:]+$/, "");
    var where = li.closest("[data-cite]").getAttribute("data-cite"), tail = where ? " (" + where + ")" : "";
    return badge.classList.contains("k-indirect") ? who + " said " + words + tail : "“" + words + ",” " + who + " said" + tail;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "sr-only";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  function citeButtons(section) {
    var status = document.getElementById("copied");
    section.querySelectorAll("li > a[href^='#']").forEach(function (a) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = "Copy citation";
      a.after(b);
      b.addEventListener("click", function () {
        var text = citation(b.parentNode);
        copyText(text).then(function () {
          b.textContent = "Copied";
          status.textContent = "Citation copied: " + text;
          setTimeout(function () { b.textContent = "Copy citation"; }, 2000);
        }, function () { status.textContent = "Could not copy; select the quote instead."; });
      });
    });
  }

  document.querySelectorAll("[data-cite]").forEach(citeButtons);
})();
