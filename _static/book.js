// Issue 14: a data table that is wider than the screen scrolls sideways in its own box (book.css). Such a box must
// be reachable from the keyboard (axe scrollable-region-focusable), so it takes focus, and only while it scrolls:
// a table that fits adds no Tab stop.
// Speed on a phone: the widths are read when the browser reports a table's new size (a ResizeObserver runs after
// layout, so reading them costs nothing), every width before any tabindex is written. Reading at DOMContentLoaded,
// and writing between reads, made the browser lay the whole page out before its first paint and again per table.
// The observer also sees sizes that change without a window resize: the laptop layout's sidebars settling, a
// <details> holding a table being opened.
(() => {
  const TABLES = ".bd-article .cell_output table, .bd-article table.mb-table, .bd-article table.mb-chart-data, "
    + ".bd-article .mb-catalog-table table";
  const mark = (tables) => {
    const scrolls = tables.map((table) => table.scrollWidth > table.clientWidth + 1);
    tables.forEach((table, i) => {
      if (scrolls[i]) {
        if (table.tabIndex !== 0) table.tabIndex = 0;
      } else if (table.tabIndex === 0) {
        table.removeAttribute("tabindex");
      }
    });
  };
  const start = () => {
    const tables = Array.from(document.querySelectorAll(TABLES));
    if (!tables.length) return;
    const observer = new ResizeObserver((entries) => mark([...new Set(entries.map((e) => e.target.closest("table")))]));
    // The table's box, and its rows' box: content that widens inside a box of unchanged size (a late font, an image
    // above that settles) changes only the second.
    tables.forEach((table) => [table, table.tBodies[0]].forEach((box) => box && observer.observe(box)));
    // Web fonts can widen a table's content without changing its box: look once more when everything has loaded.
    addEventListener("load", () => requestAnimationFrame(() => mark(tables)), { once: true });
    // A font asked for late in layout can arrive after the load event: look again when every font is in.
    document.fonts?.ready.then(() => requestAnimationFrame(() => mark(tables)));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
// Issue s6: a phone gets its own, narrower drawing of a chart (minebook/content/charts.py), which mostly fits the
// screen: "scroll it sideways" is said only under a chart whose frame does scroll (others get data-mb-fits).
(() => {
  const mark = (frames) => {
    const scrolls = frames.map((frame) => frame.scrollWidth > frame.clientWidth + 1);
    frames.forEach((frame, i) => frame.toggleAttribute("data-mb-fits", !scrolls[i]));
  };
  const start = () => {
    const frames = Array.from(document.querySelectorAll(".mb-chart-frame"));
    if (!frames.length) return;
    const observer = new ResizeObserver((entries) => mark(entries.map((entry) => entry.target)));
    frames.forEach((frame) => {
      observer.observe(frame);
      frame.querySelector("img")?.addEventListener("load", () => mark([frame]));
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
// Issue s7: the language switch (minebook/sphinx/templates/language-switch.html) keeps the reader's place. Its
// plain href leads to the top of the same page in the other language; here it also carries the search page's
// query (?q=) and the section the reader is at (#id). Section ids are the same in both languages (Sphinx gives a
// translated heading the id of the English one); only docutils' numbered ids (id12) differ, and for those the
// switch leads to the section around them.
(() => {
  const NUMBERED = /^id\d+$/;
  const fragment = () => {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return "";
    }
    let target = id && document.getElementById(id);
    if (target && NUMBERED.test(target.id) && target.localName !== "section") {
      target = target.parentElement?.closest("section[id]");
    }
    return target ? "#" + encodeURIComponent(target.id) : "";
  };
  const update = () => document.querySelectorAll("a.mb-lang-switch").forEach((link) => {
    link.dataset.mbPage ??= link.getAttribute("href");
    link.setAttribute("href", link.dataset.mbPage + location.search + fragment());
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  addEventListener("hashchange", update);
})();

// The page a search result opens marks the searched words (Sphinx's sphinx_highlight.js) wherever their letters
// occur: «мін» inside «змінилося», and even inside a quiz's data script. Those marks are taken away again.
(function () {
  if (typeof SphinxHighlight === "undefined") return;
  const mark = SphinxHighlight.highlightSearchWords;
  SphinxHighlight.highlightSearchWords = () => {
    mark();
    setTimeout(() => {  // Sphinx marks after 10 ms
      for (const span of document.querySelectorAll("span.highlighted")) {
        const before = span.previousSibling;
        if (span.closest("script, style, textarea")
            || (before && before.nodeType === 3 && /[\p{L}\p{M}]$/u.test(before.nodeValue))) span.replaceWith(...span.childNodes);
      }
    }, 30);
  };
})();
