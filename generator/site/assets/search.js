/* congkhai: the header search. Without JavaScript the search button is a plain link to the
 * full list of procedures. With it, the first press loads Pagefind's component UI from the
 * site's own pagefind/ folder (never a CDN) and opens it as a dialog; phones download nothing
 * for search until someone asks for it. */
(function () {
  "use strict";
  var button = document.querySelector("[data-ck-search]");
  var dialog = document.getElementById("ck-search-dialog");
  if (!button || !dialog || !("content" in dialog)) return;

  // The bundle URL is relative (MkDocs' base_url), so the site works under any sub-path.
  var bundle = new URL(button.getAttribute("data-ck-bundle"), document.baseURI);
  var strings = JSON.parse(document.getElementById("ck-search-strings").textContent);
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("pagefind-component-ui.css", bundle).href;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = new URL("pagefind-component-ui.js", bundle).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      var components = window.PagefindComponents;
      // Configure before any element registers: translations set later re-render the modal.
      var instance = components.configureInstance("default", {
        bundlePath: bundle.pathname,
        // Rank by weighted matches (a procedure's name weighs most), not by how densely a
        // word recurs: otherwise the long pages of related procedures ("… có yếu tố nước
        // ngoài") outrank the short one whose name is exactly what was typed.
        ranking: { termFrequency: 0 }
      });
      instance.setTranslations(strings);
      document.body.appendChild(document.importNode(dialog.content, true));
      var modal = document.querySelector("pagefind-modal");
      modal.querySelector("[data-ck-close]").addEventListener("click", function () {
        modal.close();
      });
      // Filters fold away on phones, where the results need the room.
      modal.querySelector("[data-ck-filters]").open = window.matchMedia("(min-width: 45em)").matches;
      connectFilters(instance, modal);
      return modal;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  // Our filter selects: options are the values found in the index; a choice narrows the
  // current query to pages with that value.
  function connectFilters(instance, modal) {
    var selects = Array.prototype.slice.call(modal.querySelectorAll("select[data-ck-filter]"));
    var collator = new Intl.Collator("vi");
    instance.on("filters", function (filters) {
      var total = (filters && filters.total) || {};
      selects.forEach(function (select) {
        if (select.options.length > 1) return;  // filled once: the index does not change
        Object.keys(total[select.getAttribute("data-ck-filter")] || {}).sort(collator.compare)
          .forEach(function (value) { select.add(new Option(value, value)); });
      });
    }, modal);
    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        var chosen = {};
        selects.forEach(function (s) {
          if (s.value) chosen[s.getAttribute("data-ck-filter")] = [s.value];
        });
        instance.triggerFilters(chosen);
      });
    });
  }

  function open(event) {
    event.preventDefault();
    load().then(function (modal) {
      modal.open();
    }, function () {
      window.location.href = button.href;  // no index reachable: fall back to the list
    });
  }

  button.setAttribute("role", "button");
  button.setAttribute("aria-haspopup", "dialog");
  button.addEventListener("click", open);
  button.addEventListener("keydown", function (event) {
    if (event.key === " ") open(event);  // a link does not react to Space; a button does
  });
  // Start fetching as soon as the user shows intent, so the dialog opens without a wait.
  button.addEventListener("pointerenter", load, { once: true });
  button.addEventListener("focus", load, { once: true });
})();
