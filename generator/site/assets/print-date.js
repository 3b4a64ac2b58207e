// congkhai: the date a page is printed on. The site is built byte-identically from its records,
// so the build cannot write today's date; this fills "In ngày dd/mm/yyyy" in the browser
// (elements with data-ck-print-date) and on the full procedure page adds it to the printed
// page footer (@page margin box). Print buttons ([data-ck-print]) appear only when it runs.
(function () {
  "use strict";
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear();
  }
  function stamp() {
    var text = "In ngày " + today();
    document.querySelectorAll("[data-ck-print-date]").forEach(function (el) {
      el.textContent = " " + text + ".";
      el.hidden = false;
    });
    var footer = document.querySelector("[data-ck-print-footer]");
    if (footer) {
      var style = document.getElementById("ck-print-date-style") || document.createElement("style");
      style.id = "ck-print-date-style";
      style.media = "print";
      // The static footer (update date) is kept; the print date is added after it.
      style.textContent = "@page { @bottom-left { content: " +
        JSON.stringify(footer.getAttribute("data-ck-print-footer") + " · " + text) + "; } }";
      document.body.appendChild(style);  // after the page's own @page rules: it wins
    }
  }
  function ready() {
    stamp();
    document.querySelectorAll("[data-ck-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  window.addEventListener("beforeprint", stamp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
