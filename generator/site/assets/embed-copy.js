// congkhai: a "Chép mã" (copy) button beside each embed snippet (templates/_embed_snippet.html).
// Progressive: without this script, or without a clipboard the page may use, the snippet stays
// plain selectable text. The result is announced in the box's status line.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("pre[data-ck-copy]").forEach(function (pre) {
    var label = pre.getAttribute("data-ck-copy");
    var heading = label ? document.getElementById(label) : null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button ck-embed-copy";
    button.textContent = "Chép mã";
    if (heading) button.setAttribute("aria-label", "Chép mã: " + heading.textContent);
    var status = pre.closest("details").querySelector(".ck-embed-copy-status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        if (status) status.textContent = "Đã chép mã nhúng" + (heading ? " (" + heading.textContent + ")" : "") + ".";
      }, function () {
        if (status) status.textContent = "Không chép được: hãy chọn và chép đoạn mã bằng tay.";
      });
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
  });
})();
