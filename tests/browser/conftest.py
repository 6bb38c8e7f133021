"""Fixtures for tests that open the built book in a real browser (Chromium).

Fixture names are a contract other test files rely on:
``built_book``, ``book_server`` and ``open_page`` (``browser`` is shared by all tests: tests/conftest.py).
Plain helpers (``run_axe``, ``all_pages``...) are in ``helpers.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests here import `from helpers import ...`; this folder is a package (see
# __init__.py), so pytest puts only tests/ on sys.path: add this folder too.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import (
    AXE_JS,
    OpenPage,
    allow_list_summary,
    chromium_path,
    html_dir,
    open_book_page,
    serve,
)
from playwright.sync_api import Browser, Page


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The built HTML book; fails (never skips) when it has not been built."""
    path = html_dir()
    if not path.is_dir() or not any(path.glob("*.html")):
        pytest.fail(
            f"No built book at {path}. Build it first: "
            "`.venv/bin/jupyter-book build . -n -W --keep-going` (`make test` does), "
            "or set MINEBOOK_HTML_DIR to a built book's HTML folder.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def book_server(built_book: Path) -> Iterator[str]:
    """Serve the book over HTTP on 127.0.0.1 (pages break on file://); yield the base URL."""
    with serve(built_book) as base_url:
        yield base_url


@pytest.fixture
def open_page(browser: Browser, book_server: str) -> Iterator[OpenPage]:
    """Factory: ``open_page("chapters/x.html", theme="dark")`` -> a loaded Playwright Page.

    Each call gets a fresh browser context (clean localStorage). The page
    records ``external_requests`` (blocked), ``failed_requests`` and
    ``console_errors``; see ``helpers.open_book_page``. Closed after the test.
    """
    pages: list[Page] = []

    def _open(path: str, theme: str | None = None) -> Page:
        page = open_book_page(browser, book_server, path, theme)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.context.close()


def _axe_version() -> str:
    try:
        return json.loads((AXE_JS.parent / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "missing (run `npm ci --prefix tests`)"


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say what is under test, so a report from CI is self-explanatory."""
    return [f"browser tests: book {html_dir()}, chromium {chromium_path()}, axe-core {_axe_version()}"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Always print what the browser tests tolerate (the goal: nothing)."""
    terminalreporter.section("browser tests: allow-lists")
    for line in allow_list_summary():
        terminalreporter.write_line(line)
