// Issue 14: a data table that is wider than the screen scrolls sideways in its own box (book.css). Such a box must
// be reachable from the keyboard (axe scrollable-region-focusable), so it takes focus, and only while it scrolls:
// a table that fits adds no Tab stop.
(() => {
  const TABLES = ".bd-article .cell_output table, .bd-article table.mb-table, .bd-article table.mb-chart-data, "
    + ".bd-article .mb-catalog-table table";
  const mark = () => {
    for (const table of document.querySelectorAll(TABLES)) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.tabIndex = 0;
      } else if (table.tabIndex === 0) {
        table.removeAttribute("tabindex");
      }
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  addEventListener("resize", mark);
  document.addEventListener("toggle", mark, true); // a table inside <details> scrolls once opened
})();
