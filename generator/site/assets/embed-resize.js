/* congkhai embed, inside the iframe: tell the embedding page how tall this document is, now
   and whenever it changes, so the iframe can fit it (embed-host.js does the resizing).
   The height is not secret: it is posted to any origin ("*"); the host checks ours. */
(function () {
  "use strict";
  if (window.parent === window) return;  // opened on its own, not embedded
  var root = document.documentElement;
  var id = root.getAttribute("data-congkhai-embed") || location.pathname;
  var last = -1;

  function report() {
    // The <html> box follows the content (embed.css sets no height on it), so it can shrink.
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({type: "congkhai:resize", height: height, id: id}, "*");
  }

  if ("ResizeObserver" in window) new ResizeObserver(report).observe(root);
  window.addEventListener("load", report);
  report();
})();
