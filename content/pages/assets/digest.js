// Sortable and filterable tables for the digest (vendored, no dependencies, no network).
(function () {
  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    if (kind === "number") { return parseFloat(cell.getAttribute("data-value")) || 0; }
    return cell.textContent.trim().toLowerCase();
  }
  // Numbers sort within their unit (the row's data-unit): $350bn is never ranked against 3.7%.
  function unitOrder(a, b) {
    var ua = a.getAttribute("data-unit") || "", ub = b.getAttribute("data-unit") || "";
    return ua === ub ? 0 : (ua > ub ? 1 : -1);
  }
  function sortBy(table, index, kind, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      var byValue = (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
      return kind === "number" ? (unitOrder(a, b) || byValue) : byValue;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function applyFilters(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) { return; }
    var selects = box.querySelectorAll("select[data-filter]");
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var shown = Array.prototype.every.call(selects, function (select) {
        var wanted = select.value;
        if (!wanted) { return true; }
        var have = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
        return have.indexOf(wanted) !== -1;
      });
      row.hidden = !shown;
    });
  }
  // A search box in the header on every page; it opens the search page (Pagefind) with the query.
  function addSearchBox() {
    var header = document.querySelector(".md-header__inner");
    var config = document.getElementById("__config");
    if (!header || !config || document.getElementById("digest-q")) { return; }
    var base = JSON.parse(config.textContent).base || ".";
    var form = document.createElement("form");
    form.className = "digest-search-box";
    form.setAttribute("role", "search");
    form.action = base.replace(/\/$/, "") + "/search/";
    var label = document.createElement("label");
    label.htmlFor = "digest-q";
    label.className = "digest-visually-hidden";
    label.textContent = "Search the digest";
    var input = document.createElement("input");
    input.id = "digest-q";
    input.name = "q";
    input.type = "search";
    input.placeholder = "Search";
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    form.appendChild(label);
    form.appendChild(input);
    header.appendChild(form);
  }
  function init() {
    addSearchBox();
    Array.prototype.forEach.call(document.querySelectorAll("table.digest-sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        th.tabIndex = 0;
        th.addEventListener("click", function () { sortBy(table, index, th.getAttribute("data-sort"), th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(table, index, th.getAttribute("data-sort"), th); } });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".digest-filters"), function (box) {
      box.addEventListener("change", function () { applyFilters(box); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
