/* The search page's snippets (issue s7), loaded on search.html only, after Sphinx 7.4's searchtools.js, whose
   Search.htmlToText, Search.makeSearchSummary and Search._parseQuery it replaces (minebook/sphinx/extension.py).
   Sphinx finds a search word's letters anywhere: «міни» was marked inside «змінилося» and «терміни», and the
   snippet began there. Here a snippet is centred on a match where a word starts (no letter before it) and starts
   and ends on whole words; only such matches are marked. Sphinx takes a page's text without spaces between table
   cells ("2023Ukraine"): here every cell, list item and block ends with a space. */
"use strict";
(() => {
  if (typeof Search === "undefined") return;
  const NOT_AFTER_LETTER = "(?<![\\p{L}\\p{M}])";
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const wordStart = (terms) => {
    const words = [...new Set(terms)].filter((t) => t && t.length >= 2).sort((a, b) => b.length - a.length);
    // The whole word is marked, not only the stem it starts with: «міну», not «[мін]у».
    return words.length ? new RegExp(`${NOT_AFTER_LETTER}(?:${words.map(escape).join("|")})[\\p{L}\\p{M}]*`, "giu") : null;
  };
  let marked = [];  // the reader's words and their stems, marked where a word starts

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const [text, searchTerms, excludedTerms, highlightTerms, objectTerms] = parseQuery(query);
    marked = [...highlightTerms, ...searchTerms];
    // Sphinx's own marker would mark the letters inside words: it gets nothing to mark (the words it keeps for
    // the page a result leads to are already saved by parseQuery).
    return [text, searchTerms, excludedTerms, new Set(), objectTerms];
  };

  Search.htmlToText = (htmlString, anchor) => {
    const html = new DOMParser().parseFromString(htmlString, "text/html");
    for (const removalQuery of [".headerlink", "script", "style"]) {
      html.querySelectorAll(removalQuery).forEach((el) => el.remove());
    }
    html.querySelectorAll("th, td, caption, li, dt, dd, p, div, br, h1, h2, h3, h4, h5, h6, figcaption")
      .forEach((el) => el.after(" "));
    const main = html.querySelector('[role="main"]');
    const part = anchor && main ? main.querySelector(anchor) : null;
    return (part || main)?.textContent ?? "";
  };

  const mark = (root, pattern) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(".highlighted, button")) found.push(node);
    }
    for (const node of found) {
      const text = node.nodeValue;
      const pieces = [];
      let last = 0;
      for (const m of text.matchAll(pattern)) {
        pieces.push(text.slice(last, m.index));
        const span = document.createElement("span");
        span.className = "highlighted";
        span.textContent = m[0];
        pieces.push(span);
        last = m.index + m[0].length;
      }
      if (last) node.replaceWith(...pieces, text.slice(last));
    }
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor).replace(/\s+/g, " ").trim();
    if (text === "") return null;
    const pattern = wordStart([...keywords, ...marked].map((k) => k.toLowerCase()));
    let at = pattern ? text.search(pattern) : -1;
    if (at < 0) {  // only inside words (a partial match, «догов» in «договору»): where Sphinx would start
      const lower = text.toLowerCase();
      at = Math.max(0, ...[...keywords].map((k) => lower.indexOf(k.toLowerCase())).filter((i) => i > -1).slice(0, 1));
    }
    let start = Math.max(at - 120, 0);
    if (start > 0) {  // begin on a whole word
      const space = text.slice(start, at).indexOf(" ");
      start = space > -1 ? start + space + 1 : at;
    }
    let end = Math.min(start + 240, text.length);
    if (end < text.length) {  // and end on one
      const space = text.slice(at, end).lastIndexOf(" ");
      if (space > 0) end = at + space;
    }
    const summary = document.createElement("p");
    summary.classList.add("context");
    // One ellipsis character: a cut after «2025 р.» reads «р.…», not «р....».
    summary.textContent = (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
    // Mark the whole result (its title too) once Sphinx has put the snippet into it.
    const words = wordStart(marked);
    if (words) queueMicrotask(() => mark(summary.closest("li") || summary, words));
    return summary;
  };
})();
