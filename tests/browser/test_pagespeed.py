"""Lighter chapters on a phone (issue 14, mobile speed), with nothing a reader uses taken away.

* The code of a hidden code cell ships as plain text (minebook/sphinx/pagespeed.py): no Pygments colour spans,
  which were half of a chapter's elements; opened, it shows every line of the chapter's code.
* Each page links one stylesheet joined from the theme's and the extensions' eleven, and looks exactly as it did
  with them, in both themes, on a phone and a laptop.
* A data table that scrolls sideways is a Tab stop and one that fits is not (_static/book.js), at both widths,
  now that book.js reads every width before it writes any tabindex and waits for the page to load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import REPO_ROOT, in_every_language, open_book_page, page_language
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from minebook.sphinx.pagespeed import BUNDLE_PREFIX, bundle_sources

pytestmark = pytest.mark.browser

CHAPTERS = ("chapters/reading-the-report.html", "chapters/mine-types.html", "chapters/treaty-obligations.html",
            "chapters/competing-claims.html", "chapters/human-cost.html")

_CODE_CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)


def _hidden_sources(chapter: str) -> list[str]:
    """The code of each hide-input cell of a chapter's MyST file, as written (without its option lines)."""
    if page_language(chapter) != "en":  # uk/chapters/x.html: the same chapter's code (code is not translated)
        chapter = chapter.split("/", 1)[1]
    text = (REPO_ROOT / chapter.replace(".html", ".md")).read_text(encoding="utf-8")
    out = []
    for body in _CODE_CELL.findall(text):
        lines = body.split("\n")
        options = [line for line in lines if line.startswith(":")]
        if any("hide-input" in line for line in options):
            out.append("\n".join(line for line in lines if not line.startswith(":")).strip())
    return out


@pytest.mark.parametrize("path", in_every_language(CHAPTERS))
def test_hidden_code_ships_without_colour_markup_and_shows_every_line_when_opened(open_page, path: str) -> None:
    page = open_page(path)
    page.set_viewport_size({"width": 390, "height": 900})
    cells = page.locator(".cell.tag_hide-input")
    sources = _hidden_sources(path)
    assert cells.count() == len(sources) > 0, f"{path}: {cells.count()} hidden cells on the page, {len(sources)} in the file"
    for i, source in enumerate(sources):
        cell = cells.nth(i)
        pre = cell.locator(".cell_input pre")
        elements = pre.evaluate("p => p.querySelectorAll('*').length")
        assert elements <= 1, f"{path}, hidden cell {i + 1}: {elements} elements of colour markup inside its code"
        assert not pre.is_visible(), f"{path}, hidden cell {i + 1}: the code shows before it is asked for"
        cell.locator("details.above-input > summary").click()
        assert pre.is_visible(), f"{path}, hidden cell {i + 1}: the code does not show when opened"
        shown = pre.inner_text().strip()
        assert shown == source, f"{path}, hidden cell {i + 1}: the code shown differs from the chapter's code"
        assert pre.evaluate("p => getComputedStyle(p).fontFamily").lower().find("mono") >= 0
        box = pre.bounding_box()
        assert box and box["height"] > 40 and box["width"] > 200, f"{path}, hidden cell {i + 1}: code box {box}"


_TAB_STOPS = """() => [...document.querySelectorAll('.bd-article table')]
    .filter(t => t.offsetParent !== null)
    .map((t, i) => ({index: i, cls: t.className, scrolls: t.scrollWidth > t.clientWidth + 1,
                      tabindex: t.getAttribute('tabindex')}))"""


def _tab_stops(page: Page) -> list[dict]:
    """Each shown table: does it scroll, and its tabindex, once book.js has caught up with the last resize (and the
    fonts are in). The tables are read in the same moment as they are found settled: read again a frame later, a
    late layout change could be seen before book.js has had its frame to answer it."""
    page.evaluate("document.fonts.ready.then(() => true)")
    settled = f"() => {{ const t = ({_TAB_STOPS})(); return t.every(x => (x.tabindex === '0') === x.scrolls) ? t : null; }}"
    try:
        return page.wait_for_function(settled, timeout=10_000).json_value()
    except PlaywrightTimeout:
        return page.evaluate(_TAB_STOPS)  # the assertion below says which table is wrong


@pytest.mark.parametrize("path", in_every_language(("chapters/reading-the-report.html", "chapters/human-cost.html",
                                                    "appendices/data-sources.html")))
def test_a_table_is_a_tab_stop_exactly_while_it_scrolls_sideways(open_page, path: str) -> None:
    page = open_page(path)
    seen_scrolling = 0
    for width in (390, 1280, 390):  # resizing, both ways, updates the Tab stops
        page.set_viewport_size({"width": width, "height": 900})
        tables = _tab_stops(page)
        assert tables, f"{path}: no table"
        for table in tables:
            expected = "0" if table["scrolls"] else None
            assert table["tabindex"] == expected, (
                f"{path} at {width} px: table {table['index'] + 1} ({table['cls']}) "
                f"{'scrolls' if table['scrolls'] else 'fits'} but has tabindex={table['tabindex']!r}")
            seen_scrolling += table["scrolls"]
    assert seen_scrolling, f"{path}: no table scrolls sideways at 390 px, so the check proved nothing"


def _photo(browser: Browser, base_url: str, path: str, theme: str, width: int, built_book: Path,
           separate: bool) -> bytes:
    """A full-page picture, with the page's one stylesheet or (``separate``) the stylesheets it was joined from."""
    page = open_book_page(browser, base_url, path, theme)
    if separate:
        html = (built_book / path).read_text(encoding="utf-8")
        link = re.search(rf'<link rel="stylesheet" href="([^"]*{BUNDLE_PREFIX}[0-9a-f]+\.css)" />', html)
        assert link, f"{path}: no joined stylesheet"
        up = "../" * path.count("/")
        sources = bundle_sources(built_book / "_static" / link.group(1).rsplit("/", 1)[1])
        links = "".join(f'<link rel="stylesheet" href="{up}{source}" />' for source in sources)
        page.context.route(f"{base_url.rstrip('/')}/{path}", lambda route: route.fulfill(
            body=html.replace(link.group(0), links), content_type="text/html"))
    page.set_viewport_size({"width": width, "height": 900})
    page.reload(wait_until="load")
    page.evaluate("document.fonts.ready")
    picture = page.screenshot(full_page=True, animations="disabled", caret="hide")
    assert not page.failed_requests and not page.console_errors, (page.failed_requests, page.console_errors)
    page.context.close()
    return picture


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("path", "width"), [("chapters/human-cost.html", 390), ("chapters/mine-types.html", 1280),
                                             ("intro.html", 390), ("appendices/glossary.html", 1280)])
def test_the_one_stylesheet_looks_exactly_like_the_stylesheets_it_joins(browser: Browser, book_server: str,
                                                                        built_book: Path, path: str, width: int,
                                                                        theme: str, tmp_path: Path) -> None:
    for _ in range(3):  # Chromium now and then paints a 2 px column differently between two loads (test_slim.py)
        joined = _photo(browser, book_server, path, theme, width, built_book, separate=False)
        separate = _photo(browser, book_server, path, theme, width, built_book, separate=True)
        if joined == separate:
            return
    (tmp_path / "joined.png").write_bytes(joined)
    (tmp_path / "separate.png").write_bytes(separate)
    pytest.fail(f"{path} at {width} px ({theme}) looks different with one stylesheet: compare "
                f"{tmp_path / 'joined.png'} with {tmp_path / 'separate.png'}")
