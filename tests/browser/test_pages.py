"""Every page of the built book, in the light and the dark theme, as a reader's browser sees it.

A reader may be offline or behind a filter, may use a screen reader or
keyboard, and may prefer a dark screen: every page must work from this
machine alone, load every file it asks for, run its scripts without errors
and pass axe-core's accessibility rules in both themes.

Each (page, theme) is loaded once; the checks share that load (``_report``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    THEMES,
    OpenPage,
    all_pages,
    format_violations,
    html_dir,
    redirect_pages,
    run_axe,
    search_term,
)

pytestmark = pytest.mark.browser

_BOOK = html_dir()
# Collected at import time so each page is its own test; with no built book
# one placeholder runs, and the built_book fixture fails with instructions.
PAGES = all_pages(_BOOK) if _BOOK.is_dir() else []
REDIRECTS = redirect_pages(_BOOK) if _BOOK.is_dir() else {}
_NOT_BUILT = "<book not built>"


@dataclass
class PageReport:
    """What one load of one page in one theme showed."""

    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    axe_error: str | None = None


_REPORTS: dict[tuple[str, str], PageReport] = {}


def _report(open_page: OpenPage, path: str, theme: str) -> PageReport:
    """Load ``path`` in ``theme`` once per session and keep what it showed."""
    key = (path, theme)
    if key not in _REPORTS:
        page = open_page(path, theme=theme)
        report = PageReport()
        try:
            report.violations = run_axe(page)
        except Exception as error:  # reported by the accessibility tests only
            report.axe_error = f"{type(error).__name__}: {error}"
        report.external_requests = list(page.external_requests)  # type: ignore[attr-defined]
        report.failed_requests = list(page.failed_requests)  # type: ignore[attr-defined]
        report.console_errors = list(page.console_errors)  # type: ignore[attr-defined]
        page.context.close()
        _REPORTS[key] = report
    return _REPORTS[key]


def _bullets(items: list[str]) -> str:
    return "\n".join(f"  - {item}" for item in items)


def _fail(message: str) -> None:
    """Fail with just the message: which page, which URL/rule, which element."""
    pytest.fail(message, pytrace=False)


pages = pytest.mark.parametrize("path", PAGES or [_NOT_BUILT])
themes = pytest.mark.parametrize("theme", THEMES)


@themes
@pages
def test_page_makes_no_request_to_another_host(built_book: Path, open_page: OpenPage, path: str, theme: str) -> None:
    report = _report(open_page, path, theme)
    if report.external_requests:
        _fail(
            f"{path} ({theme} theme) asks for files from other hosts (the test blocked them; "
            f"an offline reader would not get them either). Ship them with the book:\n"
            f"{_bullets(report.external_requests)}"
        )


@themes
@pages
def test_page_loads_every_file_it_asks_for(built_book: Path, open_page: OpenPage, path: str, theme: str) -> None:
    report = _report(open_page, path, theme)
    if report.failed_requests:
        _fail(f"{path} ({theme} theme): these files failed to load:\n{_bullets(report.failed_requests)}")


@themes
@pages
def test_page_shows_no_error_in_the_browser_console(
    built_book: Path, open_page: OpenPage, path: str, theme: str
) -> None:
    report = _report(open_page, path, theme)
    if report.console_errors:
        _fail(f"{path} ({theme} theme): the browser console shows errors:\n{_bullets(report.console_errors)}")


def _check_accessibility(open_page: OpenPage, path: str, theme: str) -> None:
    report = _report(open_page, path, theme)
    if report.axe_error is not None:
        _fail(f"{path} ({theme} theme): axe-core did not run: {report.axe_error}")
    if report.violations:
        _fail(
            f"{path} ({theme} theme) breaks {len(report.violations)} accessibility rule(s) "
            f"(axe-core):\n{format_violations(report.violations)}"
        )


@pages
def test_page_has_no_accessibility_violations_in_light_theme(built_book: Path, open_page: OpenPage, path: str) -> None:
    _check_accessibility(open_page, path, "light")


@pages
def test_page_has_no_accessibility_violations_in_dark_theme(built_book: Path, open_page: OpenPage, path: str) -> None:
    _check_accessibility(open_page, path, "dark")


@pytest.mark.parametrize("stub", sorted(REDIRECTS) or [_NOT_BUILT])
def test_redirect_page_leads_to_a_page_of_the_book(built_book: Path, stub: str) -> None:
    """``index.html`` is only a redirect stub; where it sends readers must exist."""
    if stub == _NOT_BUILT:
        pytest.skip("the book has no redirect stub (no index.html redirect)")
    target = REDIRECTS[stub]
    if "://" in target:
        _fail(f"{stub} sends readers off the book, to {target}")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(stub), target.split("#")[0]))
    if not (built_book / resolved).is_file():
        _fail(f"{stub} redirects to {target}, which is not in the built book")


@themes
def test_search_results_have_no_accessibility_violations(built_book: Path, open_page: OpenPage, theme: str) -> None:
    """Search results highlight the search term: a state no static page shows."""
    term = search_term(built_book)
    if not (built_book / "search.html").is_file() or term is None:
        _fail(f"{built_book} has no search.html or no terms in searchindex.js")
    page = open_page(f"search.html?q={term}", theme=theme)
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.innerText.trim()",
        timeout=10_000,
    )
    where = f"search.html?q={term} ({theme} theme)"
    if page.locator("#search-results li").count() == 0:
        _fail(f"{where}: the search found nothing")
    if violations := run_axe(page):
        _fail(f"{where} breaks accessibility rules (axe-core):\n{format_violations(violations)}")
    problems = page.external_requests + page.failed_requests + page.console_errors  # type: ignore[attr-defined]
    if problems:
        _fail(f"{where}: external requests, failed loads or console errors:\n{_bullets(problems)}")
