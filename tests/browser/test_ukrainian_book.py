"""The Ukrainian book as its readers meet it (issue 16): every page in Ukrainian, with no English a reader sees or a
screen reader speaks (the rule: tools/quality/language.py, locales/README.md), and each page's switch leading to the
same page in English and back.

The checks every page of the book gets (no request to another host, every file loads, no console error, axe in
light and dark) run on the Ukrainian pages too: test_pages.py walks every page under the built book, uk/ included.
While Ukrainian is not listed in `minebook_languages` (_config.yml), the book must not show it half-built: no uk/
pages and no switch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import OpenPage, all_pages, html_dir

from minebook.core.language import available_languages
from tools.quality.language import english_runs

pytestmark = pytest.mark.browser

_BOOK = html_dir()
PUBLISHED = "uk" in available_languages()
PAGES = [p for p in (all_pages(_BOOK) if _BOOK.is_dir() else []) if p.startswith("uk/")]


@pytest.mark.parametrize("path", PAGES if PUBLISHED else ["<Ukrainian not published>"])
def test_a_ukrainian_page_shows_and_speaks_no_english(built_book: Path, open_page: OpenPage, path: str) -> None:
    if not PUBLISHED:
        assert not (built_book / "uk").exists(), "uk/ pages were built although Ukrainian is not in minebook_languages"
        assert "mb-lang-switch" not in (built_book / "intro.html").read_text(encoding="utf-8")
        return
    assert PAGES, "Ukrainian is published but no page was built under uk/"
    page = open_page(path)
    runs = english_runs(page, "uk")
    assert page.evaluate("document.documentElement.lang") == "uk"
    assert not runs, f"{path}: English on a Ukrainian page:\n" + "\n".join(f"  - {r['where']}: {r['text']!r}" for r in runs)


@pytest.mark.parametrize("path", ["uk/chapters/mine-types.html", "uk/appendices/glossary.html"])
def test_the_switch_leads_to_the_same_page_in_english_and_back(built_book: Path, open_page: OpenPage, path: str) -> None:
    if not PUBLISHED:  # no switch may lead to a page that was not built
        english = (built_book / path.removeprefix("uk/")).read_text(encoding="utf-8")
        assert "mb-lang-switch" not in english and 'hreflang="uk"' not in english
        return
    page = open_page(path)
    page.click("a.mb-lang-switch[hreflang=en]")
    page.wait_for_load_state()
    assert page.url.endswith("/" + path.removeprefix("uk/")) and page.evaluate("document.documentElement.lang") == "en"
    page.click("a.mb-lang-switch[hreflang=uk]")
    page.wait_for_load_state()
    assert page.url.endswith("/" + path) and page.evaluate("document.documentElement.lang") == "uk"
