/* congkhai embed, on the embedding page: resize each <iframe data-congkhai-embed> to the height
   its document reports (see embed-resize.js). A message is used only when it comes from that
   iframe's window and from the origin of the iframe's src, and has our type: an iframe that
   navigated elsewhere, or any other window, cannot resize anything. Load once or many times. */
(function () {
  "use strict";
  if (window.congkhaiEmbedHost) return;
  window.congkhaiEmbedHost = true;
  var MAX_HEIGHT = 100000;

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute("src"), document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "congkhai:resize") return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    var frames = document.querySelectorAll("iframe[data-congkhai-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      if (event.origin !== originOf(frames[i])) return;
      frames[i].style.height = Math.ceil(height) + "px";
      return;
    }
  });
})();
