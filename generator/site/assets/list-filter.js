/* congkhai: instant filtering of the list of all procedures (/thu-tuc/).
 * Progressive enhancement: the page is a complete HTML table without JavaScript; this script
 * shows the (hidden) filter form and hides the rows that do not match. Matching ignores
 * accents, so "dang ky khai sinh" finds "Đăng ký khai sinh". The state is kept in the URL
 * (?q=…) so a filtered list can be shared. A long list is split into pages (trang-2/, …):
 * the text filter works on the rows of this page, "Tìm trong toàn bộ danh mục" hands the
 * words to the site search, and the sector and level selects open their own list pages
 * (so the whole catalogue is never downloaded at once). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-ck-filter]");
  var table = form && form.parentNode.querySelector(".ck-list table");
  if (!form || !table) return;

  var status = form.querySelector("[data-ck-status]");
  var empty = document.querySelector("[data-ck-empty]");
  var query = form.elements.namedItem("q");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-ck-match]"));

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // One entry per procedure row, with the group heading row it belongs to.
  var rows = [];
  var groups = [];
  var group = null;
  Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
    if (tr.classList.contains("ck-group")) {
      group = { row: tr, visible: 0 };
      groups.push(group);
      return;
    }
    var cells = tr.cells;
    // Name and code (2nd column) and handling unit (7th column) are searchable.
    var text = cells[1].textContent + " " + (cells[6] ? cells[6].textContent : "");
    rows.push({
      row: tr,
      group: group,
      text: fold(text),
      values: {
        sector: [tr.getAttribute("data-sector")],
        levels: (tr.getAttribute("data-levels") || "").split("|"),
        online: [tr.getAttribute("data-online")]
      }
    });
  });

  function apply() {
    var words = fold(query.value).split(" ").filter(Boolean);
    var wanted = selects.filter(function (s) { return s.value; });
    var shown = 0;
    groups.forEach(function (g) { g.visible = 0; });
    rows.forEach(function (r) {
      var match = words.every(function (w) { return r.text.indexOf(w) !== -1; }) &&
        wanted.every(function (s) {
          return r.values[s.getAttribute("data-ck-match")].indexOf(s.value) !== -1;
        });
      r.row.hidden = !match;
      if (match) {
        shown += 1;
        if (r.group) r.group.visible += 1;
      }
    });
    groups.forEach(function (g) { g.row.hidden = g.visible === 0; });
    var filtered = words.length > 0 || wanted.length > 0;
    status.textContent = filtered
      ? "Đang hiển thị " + shown + " trên " + rows.length + " thủ tục của trang này."
      : "Đang hiển thị " + rows.length + " thủ tục của trang này.";
    if (empty) empty.hidden = shown > 0;
    remember();
  }

  function remember() {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    if (query.value.trim()) params.set(query.name, query.value.trim());
    selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var search = params.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    if (params.has(query.name)) query.value = params.get(query.name);
    selects.forEach(function (s) {
      var value = params.get(s.name);
      if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) {
        s.value = value;
      }
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll("select[data-ck-go]"), function (s) {
    s.addEventListener("change", function (event) {
      // Leave for the chosen list page; the row filter must not rewrite the URL meanwhile.
      event.stopPropagation();
      if (s.value) location.href = s.value;
    });
  });
  var searchAll = form.querySelector("[data-ck-search-all]");
  if (searchAll) {
    searchAll.addEventListener("click", function () {
      // The search page searches the whole catalogue, fetching only the index files it needs.
      var target = new URL(searchAll.getAttribute("data-ck-search-all"), document.baseURI);
      if (query.value.trim()) target.searchParams.set("q", query.value.trim());
      location.href = target.href;
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  restore();
  form.hidden = false;
  apply();
})();
