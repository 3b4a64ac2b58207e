/* congkhai: sortable ranking tables (progressive enhancement).
 *
 * Tables marked `data-ck-sortable` are complete without this script. It wraps the text of each
 * `<th data-sort="number|text">` in a button; pressing it sorts the rows by that column and
 * sets `aria-sort` on the header. Cells may carry `data-sort-value` (a plain number); empty
 * values (units not scored, N/A) always stay at the bottom. A status line announces the order.
 */
(function () {
  "use strict";

  var NAMES = { ascending: "tăng dần", descending: "giảm dần" };

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return null;
    var raw = cell.hasAttribute("data-sort-value")
      ? cell.getAttribute("data-sort-value")
      : cell.textContent.trim();
    if (raw === "") return null;
    if (type === "number") {
      var n = parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    return raw;
  }

  function compare(a, b, type) {
    if (type === "number") return a - b;
    return a.localeCompare(b, "vi", { sensitivity: "base", numeric: true });
  }

  function sortBy(table, header, index, order, status) {
    var type = header.getAttribute("data-sort");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, value: cellValue(row, index, type), position: position };
    });
    rows.sort(function (x, y) {
      if (x.value === null || y.value === null) {
        if (x.value === y.value) return x.position - y.position;
        return x.value === null ? 1 : -1;
      }
      var c = compare(x.value, y.value, type);
      if (order === "descending") c = -c;
      return c || x.position - y.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", order);
    if (status) {
      status.textContent = "Đã sắp xếp theo cột «" + header.getAttribute("data-label") +
        "», " + NAMES[order] + ".";
    }
  }

  function enhance(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var status = document.createElement("p");
    status.className = "ck-sort-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var hint = document.createElement("p");
    hint.className = "ck-sort-hint";
    hint.textContent = "Bấm vào tiêu đề cột để sắp xếp bảng.";
    var holder = table.parentNode;
    holder.parentNode.insertBefore(hint, holder);
    holder.parentNode.insertBefore(status, holder.nextSibling);
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      th.setAttribute("data-label", th.textContent.replace(/\s+/g, " ").trim());
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ck-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var first = th.getAttribute("data-sort-first") || "ascending";
        var other = first === "ascending" ? "descending" : "ascending";
        var order = current === first ? other : first;
        sortBy(table, th, index, order, status);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-ck-sortable]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
