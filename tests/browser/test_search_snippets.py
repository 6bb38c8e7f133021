"""Search results as a reader sees them (issue s7; minebook/static/search-snippets.js over Sphinx 7.4's
searchtools.js): a searched word is marked only where a word starts («міни» in «міни», «мінами», never inside
«змінилося» or «терміни»), and a snippet taken from a table shows its cells apart, not "2023Ukraine".
"""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import quote

import pytest
from helpers import OpenPage
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SEARCHES = ["uk/search.html?q=міни", "search.html?q=mines", "search.html?q=mine"]
TABLE_PAGE = "appendices/timeline.html"  # a page whose text is mostly one table


def _results(page: Page) -> list[dict]:
    """Every result once Sphinx has listed them all and each snippet has arrived."""
    page.locator("#search-results .search-summary", has_text=re.compile(r"\d")).wait_for(timeout=15000)
    page.wait_for_function("""() => {
        const items = document.querySelectorAll('#search-results li');
        return items.length && Array.from(items).every(li => li.querySelector('p.context'));
    }""", timeout=15000)
    page.wait_for_timeout(100)  # the marks are added right after each snippet
    return page.evaluate("""() => Array.from(document.querySelectorAll('#search-results li')).map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        snippet: li.querySelector('p.context').textContent,
        marks: Array.from(li.querySelectorAll('span.highlighted')).map(span => {
            // the text just before and after the mark in its line (the title or the snippet), across nodes
            const line = span.parentElement.closest('a, p');
            const range = document.createRange();
            range.setStart(line, 0);
            range.setEndBefore(span);
            const before = range.toString();
            range.setStartAfter(span);
            range.setEnd(line, line.childNodes.length);
            return {before: before.slice(-12), text: span.textContent, after: range.toString().slice(0, 12)};
        }),
    }))""")


@pytest.mark.parametrize("path", SEARCHES)
def test_search_marks_words_only_where_a_word_starts(open_page: OpenPage, path: str) -> None:
    page = open_page(path)
    results = _results(page)
    marks = [m for r in results for m in r["marks"]]
    assert marks, f"{path}: nothing marked in {len(results)} results"
    inside = [f"{m['before']}[{m['text']}]{m['after']}" for m in marks if re.search(r"[^\W\d_]$", m["before"])]
    assert not inside, f"{path}: marked inside a word: {inside[:6]}"
    cut = [f"{m['before']}[{m['text']}]{m['after']}" for m in marks if re.match(r"[^\W\d_]", m["after"])]
    assert not cut, f"{path}: a mark stops inside its word (only the stem marked): {cut[:6]}"
    # A result whose page (or section) has the word where a word starts shows it there in its snippet.
    start = rf"(?<![^\W\d_]){re.escape(path.split('q=', 1)[1][:3])}"
    texts = page.evaluate("""hrefs => Promise.all(hrefs.map(async href => {
        const html = new DOMParser().parseFromString(await (await fetch(href)).text(), 'text/html');
        const main = html.querySelector('[role=main]');
        const anchor = href.includes('#') ? main.querySelector('#' + CSS.escape(href.split('#')[1])) : null;
        return (anchor || main).textContent;
    }))""", [r["href"] for r in results])
    missed = [r["snippet"] for r, text in zip(results, texts)
              if re.search(start, text, re.I) and not re.search(start, r["snippet"], re.I)]
    assert not missed, f"{path}: snippets without the word where a word starts, which their page has: {missed[:2]}"
    assert not page.console_errors, page.console_errors


def _word_only_in_cells(page: Page) -> str:
    """A word of the page that is in its table's cells and nowhere else on it (nor anything that starts the same)."""
    return page.evaluate("""() => {
        const main = document.querySelector('[role=main]');
        const rest = main.cloneNode(true);
        rest.querySelectorAll('table').forEach(t => t.remove());
        const outside = rest.textContent.toLowerCase();
        const words = Array.from(main.querySelectorAll('table td'), td => td.textContent.match(/\\p{L}{6,}/gu) || []).flat();
        return words.find(w => !new RegExp(`(?<!\\\\p{L})${w.slice(0, 4).toLowerCase()}`, 'u').test(outside)) || '';
    }""")


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_snippet_from_a_table_shows_its_cells_apart(open_page: OpenPage, lang: str) -> None:
    prefix = "uk/" if lang == "uk" else ""
    table_page = open_page(prefix + TABLE_PAGE)
    word = _word_only_in_cells(table_page)
    assert word, f"{prefix}{TABLE_PAGE}: no word found only in its table"
    rows = table_page.evaluate("""() => Array.from(document.querySelectorAll('[role=main] table tbody tr'),
        tr => Array.from(tr.cells, td => td.textContent.replace(/\\s+/g, ' ').trim()))""")
    page = open_page(f"{prefix}search.html?q={quote(word)}")
    snippet = next((r["snippet"] for r in _results(page) if r["href"].split("#")[0].endswith(TABLE_PAGE)), None)
    assert snippet, f"searching {word!r} did not find {prefix}{TABLE_PAGE}"
    text = re.sub(r"\s+", " ", snippet)
    pairs = [(a[-8:], b[:8]) for row in rows for a, b in pairwise(row) if a and b]
    run_together = [a + b for a, b in pairs if a + b in text]
    apart = [f"{a} {b}" for a, b in pairs if f"{a} {b}" in text]
    assert not run_together, f"cells run together in the snippet for {word!r}: {run_together[:3]}\n{text}"
    assert apart, f"the snippet for {word!r} shows no two cells of a row: {text}"


@pytest.mark.parametrize("path", ["uk/chapters/human-cost.html?highlight=мін", "chapters/mine-types.html?highlight=mine",
                                  "uk/chapters/reading-the-report.html?highlight=міни"])
def test_the_page_a_result_opens_marks_words_only_where_a_word_starts(open_page: OpenPage, path: str) -> None:
    """A result opens its page with the searched word marked (Sphinx's ?highlight=): «мін», never «з[мін]илося»."""
    page = open_page(path)
    page.wait_for_timeout(300)  # Sphinx marks 10 ms after the page is ready; the book's script checks 30 ms later
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('span.highlighted'), span => {
        const before = span.previousSibling;
        return [before && before.nodeType === 3 ? before.nodeValue.slice(-10) : '', span.textContent];
    })""")
    assert marks, f"{path}: nothing marked"
    inside = [f"{before}[{text}]" for before, text in marks if re.search(r"[^\W\d_]$", before)]
    assert not inside, f"{path}: marked inside a word: {inside[:6]}"
    in_scripts = page.evaluate("document.querySelectorAll('script span.highlighted, style span.highlighted').length")
    assert in_scripts == 0, f"{path}: {in_scripts} marks inside the page's scripts (the quiz's data)"
    assert not page.console_errors, page.console_errors
