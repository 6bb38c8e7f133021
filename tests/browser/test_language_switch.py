"""The language switch keeps the reader's place (issue s7): a Ukrainian teacher searching «міни» or reading a section
lands, in the other language, on the same search or the same section, not on an empty search page or the top of the
chapter. The plain href (no JavaScript) leads to the same page; _static/book.js adds the query and the section.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import OpenPage
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CHAPTER = "chapters/mine-types.html"
# Both directions: English -> Ukrainian and back.
SEARCHES = [("search.html?q=mines", "uk/search.html", "mines"), ("uk/search.html?q=міни", "search.html", "міни")]
NUMBERED = re.compile(r"^id\d+$")


def _other(path: str) -> str:
    return path.removeprefix("uk/") if path.startswith("uk/") else "uk/" + path


def _ids(html: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)"', html)


def _follow_switch(page: Page) -> Page:
    with page.expect_navigation():
        page.locator("a.mb-lang-switch").first.click()
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize(("path", "lands_on", "query"), SEARCHES)
def test_the_switch_on_a_search_page_keeps_the_search(open_page: OpenPage, path: str, lands_on: str,
                                                      query: str) -> None:
    page = _follow_switch(open_page(path))
    url = urlsplit(page.url)
    assert url.path.endswith("/" + lands_on), page.url
    assert parse_qs(url.query).get("q") == [query], f"the search {query!r} was lost: {page.url}"
    assert page.locator("input[name=q]").first.input_value() == query
    page.locator("#search-results .search-summary", has_text=re.compile(r"\w")).wait_for(timeout=15000)  # searched


@pytest.mark.parametrize("path", [CHAPTER, "uk/" + CHAPTER])
def test_the_switch_on_a_section_leads_to_the_same_section(built_book: Path, open_page: OpenPage, path: str) -> None:
    sections = _ids((built_book / path).read_text(encoding="utf-8"))
    section = sections[len(sections) // 2]  # a section in the middle of the chapter, far from its top
    page = _follow_switch(open_page(f"{path}#{section}"))
    url = urlsplit(page.url)
    assert url.path.endswith("/" + _other(path)) and url.fragment == section, page.url
    heading = page.locator(f"section[id='{section}'] > :is(h1, h2, h3, h4)").first
    assert heading.count() == 1, f"no section {section!r} on {page.url}"
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < 300, f"section {section!r} is not where the page opened (its heading at {top:.0f} px)"


def test_the_switch_follows_a_section_link_clicked_on_the_page(built_book: Path, open_page: OpenPage) -> None:
    sections = _ids((built_book / CHAPTER).read_text(encoding="utf-8"))
    page = open_page(CHAPTER)
    page.evaluate("id => { location.hash = id; }", sections[-1])  # as a click on the page's "Contents" does
    page.wait_for_function("id => document.querySelector('a.mb-lang-switch').getAttribute('href').endsWith('#' + id)",
                           arg=sections[-1], timeout=3000)


def test_a_numbered_id_leads_to_its_section(built_book: Path, open_page: OpenPage) -> None:
    """docutils numbers some ids (id12) in page order, which differs between languages: the switch then leads to the
    section around the element, whose id is the same in both."""
    html = (built_book / CHAPTER).read_text(encoding="utf-8")
    numbered = re.findall(r'<(?!section)\w+ [^>]*\bid="(id\d+)"', html)[0]
    page = open_page(f"{CHAPTER}#{numbered}")
    section = page.evaluate("id => document.getElementById(id).parentElement.closest('section[id]').id", numbered)
    href = page.locator("a.mb-lang-switch").first.get_attribute("href") or ""
    assert href.endswith(f"uk/{CHAPTER}#{section}"), href


def test_without_javascript_the_switch_leads_to_the_same_page(browser: Browser, book_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{book_server.rstrip('/')}/uk/search.html?q=міни")
        link = page.locator("a.mb-lang-switch").first
        assert link.get_attribute("href") == "../search.html"
        page = _follow_switch(page)
        assert urlsplit(page.url).path.endswith("/search.html") and page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_section_ids_are_the_same_in_both_languages(built_book: Path) -> None:
    """What the switch relies on: every id of an English page that is not numbered (sections, glossary terms,
    references) names the same thing on the Ukrainian page (the index's letter headings are the language's own)."""
    for english in sorted(built_book.glob("**/*.html")):
        relative = english.relative_to(built_book).as_posix()
        ukrainian = built_book / "uk" / relative
        if relative.startswith(("uk/", "_")) or relative in ("genindex.html", "search.html") or not ukrainian.is_file():
            continue
        sections = _ids(english.read_text(encoding="utf-8"))
        assert sections == _ids(ukrainian.read_text(encoding="utf-8")), f"{relative}: the sections' ids differ"
        ids = {i for i in re.findall(r' id="([^"]+)"', english.read_text(encoding="utf-8")) if not NUMBERED.match(i)}
        missing = ids - set(re.findall(r' id="([^"]+)"', ukrainian.read_text(encoding="utf-8")))
        assert not missing, f"uk/{relative} lacks ids of the English page: {sorted(missing)[:5]}"
