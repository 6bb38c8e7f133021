"""The audit of issue 6 inside the test suite: offline checks, Lighthouse, reproducible build.

The Chromium checks of every page (other hosts, failed loads, console errors,
axe in both themes) are ``tests/browser/test_pages.py``: the same code
(:mod:`tools.quality.browser`) that ``make audit`` (``python -m tools.quality audit``) runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minebook.sphinx.pagemeta import shorten
from tools.quality import htmlcheck, lighthouse, reproducible
from tools.quality.audit import default_lighthouse_pages
from tools.quality.browser import html_dir, serve

ROOT = Path(__file__).resolve().parents[2]
BOOK = html_dir()


def _built() -> Path:
    if not (BOOK / "intro.html").is_file():
        pytest.fail(f"No built book at {BOOK}: run `make book` first (make test does).", pytrace=False)
    return BOOK


def test_every_page_passes_the_offline_checks() -> None:
    """Links, anchors, images, citations, alt text, title, description and icon, on every page."""
    problems, counts = htmlcheck.check_book(_built())
    assert counts["pages"] >= 5 and counts["links"] > 0
    assert not problems, "\n".join(str(p) for p in problems)


PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>{head}</head><body>{body}</body></html>"""


def test_offline_checks_find_each_kind_of_problem(tmp_path: Path) -> None:
    """The checks are only worth something if they fail: one broken thing of each kind."""
    good_head = '<meta name="description" content="A page."><link rel="icon" href="icon.svg">'
    (tmp_path / "icon.svg").write_text("<svg/>")
    (tmp_path / "a.html").write_text(
        PAGE.format(title="A", head=good_head, body='<h1 id="top">A</h1><a href="b.html#nowhere">b</a>'
                    '<a href="missing.html">m</a><img src="icon.svg"><span class="problematic">[x]</span>')
    )
    (tmp_path / "b.html").write_text(PAGE.format(title="A", head="", body="<p>b</p>"))
    problems, _ = htmlcheck.check_book(tmp_path)
    kinds = {(p.page, p.check) for p in problems}
    assert kinds == {
        ("a.html", "broken anchor"),
        ("a.html", "broken link"),
        ("a.html", "image without alt text"),
        ("a.html", "unresolved reference or citation"),
        ("a.html", "duplicate title"),
        ("b.html", "no description"),
        ("b.html", "no icon"),
    }


def test_descriptions_are_cut_at_a_word_boundary() -> None:
    text = "word " * 60
    short = shorten(text)
    assert len(short) <= 160 and short.endswith("word…")
    assert shorten("  A short   page. ") == "A short page."


@pytest.mark.browser
@pytest.mark.parametrize("page", default_lighthouse_pages(BOOK) if BOOK.is_dir() else ["intro.html"])
def test_lighthouse_scores_reach_the_thresholds(page: str) -> None:
    """Accessibility, best practices and SEO 100; performance above a floor (see tools/quality/lighthouse.py)."""
    book = _built()
    if missing := lighthouse.available():
        pytest.fail(f"Lighthouse cannot run: {missing}", pytrace=False)
    with serve(book) as base_url:
        result = lighthouse.run(base_url, page)
    print(f"{page}: {result.scores}")
    assert not result.below_threshold(), f"{page}: " + "; ".join(result.below_threshold())


def test_a_second_clean_build_gives_identical_files() -> None:
    """No random ids, dates or absolute paths: a clean build elsewhere gives the same files as _build/html."""
    book = _built()
    if book != (ROOT / "_build" / "html").resolve():
        pytest.skip("MINEBOOK_HTML_DIR points at another build; its sources are unknown")
    comparison = reproducible.check(ROOT, book)
    report = [f"{name} differs:\n{diff}" for name, diff in comparison.differing.items()]
    report += [f"{name}: only in _build/html" for name in comparison.only_first]
    report += [f"{name}: only in the second build" for name in comparison.only_second]
    assert comparison.identical, "\n".join(report)
