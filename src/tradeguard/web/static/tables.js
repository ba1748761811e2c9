/* Sortable, filterable tables: a progressive enhancement of every plain <table> on a page.
 *
 * Server-sorted lists (a header with aria-sort or an a.sort link) and tables marked
 * data-tables="off" are left alone; so are tables with fewer than two body rows or with merged
 * cells. Each header becomes a <button> (Tab, Enter or Space) that sorts the rows by value:
 * numbers, money ("$1,234.50", "-12%"), ISO dates ("2026-01-31 (due)") compare as values, other
 * text in natural order. A labelled search box above the table hides the rows that do not hold
 * every word typed. The view is kept in the address fragment, keyed by the table's id (or t1,
 * t2... by its place among the page's tables), columns counted from 1:
 * #movements-sort=5-desc&movements-q=abc, so a copied link reopens the same view.
 * Without JavaScript the tables stay as served. */
(function () {
  "use strict";
  var NUMBER = /^[-+\u2212]?\(?\$?\s*[\d,]*\.?\d+\)?\s*%?$/;
  var DATE = /^\d{4}-\d{2}-\d{2}/;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function fragment() {
    var raw = window.location.hash.replace(/^#/, "");
    return new URLSearchParams(raw.indexOf("=") >= 0 ? raw : "");
  }

  function remember(key, name, value) {
    var params = fragment();
    if (value) { params.set(key + "-" + name, value); } else { params.delete(key + "-" + name); }
    var text = params.toString();
    var url = window.location.pathname + window.location.search + (text ? "#" + text : "");
    window.history.replaceState(window.history.state, "", url);
  }

  function sortValue(text) {
    var t = text.trim();
    if (NUMBER.test(t) && /\d/.test(t)) {
      var negative = /^[-\u2212(]/.test(t);
      var n = parseFloat(t.replace(/[^\d.]/g, ""));
      return { kind: 0, value: negative ? -n : n };
    }
    if (DATE.test(t)) { return { kind: 1, value: t.slice(0, 10) }; }
    return { kind: 2, value: t };
  }

  function compare(a, b) {
    if (a.kind !== b.kind) { return a.kind - b.kind; }
    if (a.kind === 0) { return a.value - b.value; }
    if (a.kind === 1) { return a.value < b.value ? -1 : a.value > b.value ? 1 : 0; }
    return collator.compare(a.value, b.value);
  }

  function enhanceable(table) {
    if (table.dataset.tables === "off" || table.dataset.tablesDone) { return false; }
    if (!table.tHead || table.tHead.rows.length !== 1 || table.tBodies.length !== 1) { return false; }
    if (table.querySelector("thead [aria-sort], thead a.sort, [colspan], [rowspan]")) { return false; }
    var width = table.tHead.rows[0].cells.length;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    return rows.length >= 2 && rows.every(function (r) { return r.cells.length === width; });
  }

  function sortRows(table, state) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      if (state.column < 0) { return a.dataset.tablesIndex - b.dataset.tablesIndex; }
      var order = compare(sortValue(a.cells[state.column].textContent),
        sortValue(b.cells[state.column].textContent));
      if (state.descending) { order = -order; }
      return order || a.dataset.tablesIndex - b.dataset.tablesIndex;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var mark = th.querySelector(".sort-mark");
      if (i === state.column) {
        th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
        mark.textContent = state.descending ? " \u25bc" : " \u25b2";
      } else {
        th.removeAttribute("aria-sort");
        mark.textContent = "";
      }
    });
  }

  function filterRows(table, status, query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = 0;
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      r.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = words.length ? shown + " of " + rows.length + " rows shown" : "";
  }

  /* What the filter box is called: the table's caption, else the heading just above it. */
  function title(table) {
    if (table.caption && table.caption.textContent.trim()) { return table.caption.textContent.trim(); }
    for (var el = table.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) { return "\u201c" + el.textContent.trim() + "\u201d"; }
    }
    return "this table";
  }

  function addFilter(table, key, query) {
    var box = document.createElement("div");
    box.className = "table-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("span");
    input.type = "search";
    input.id = key + "-filter";
    input.value = query;
    input.setAttribute("aria-controls", table.id);
    label.htmlFor = input.id;
    label.textContent = "Filter " + title(table) + " ";
    status.setAttribute("aria-live", "polite");
    status.className = "table-filter-count";
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    table.parentNode.insertBefore(box, table);
    input.addEventListener("input", function () {
      filterRows(table, status, input.value);
      remember(key, "q", input.value.trim());
    });
    filterRows(table, status, query);
  }

  function enhance(table) {
    if (!table.id) {
      table.id = "t" + (Array.prototype.indexOf.call(document.querySelectorAll("table"), table) + 1);
    }
    var key = table.id;
    table.dataset.tablesDone = "1";
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r, i) {
      r.dataset.tablesIndex = String(i);
    });
    var params = fragment();
    var asked = /^(\d+)-(asc|desc)$/.exec(params.get(key + "-sort") || "");
    var headers = table.tHead.rows[0].cells;
    var state = { column: -1, descending: false };
    if (asked && +asked[1] >= 1 && +asked[1] <= headers.length) {
      state = { column: +asked[1] - 1, descending: asked[2] === "desc" };
    }
    Array.prototype.forEach.call(headers, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var mark = document.createElement("span");
      mark.className = "sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.appendChild(button);
      button.addEventListener("click", function () {
        state = { column: i, descending: state.column === i && !state.descending };
        sortRows(table, state);
        remember(key, "sort", (i + 1) + "-" + (state.descending ? "desc" : "asc"));
      });
    });
    addFilter(table, key, params.get(key + "-q") || "");
    sortRows(table, state);
  }

  function enhanceWithin(root) {
    var tables = root.tagName === "TABLE" ? [root] : root.querySelectorAll("table");
    Array.prototype.forEach.call(tables, function (table) {
      if (enhanceable(table)) { enhance(table); }
    });
  }

  function start() { enhanceWithin(document.body); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target.querySelectorAll) { enhanceWithin(event.target); }
  });
})();
