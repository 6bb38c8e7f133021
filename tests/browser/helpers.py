"""Plain helpers for the browser tests: serving the book, opening pages, running axe.

The code lives in :mod:`tools.quality.browser`, shared with ``make audit`` (``python -m tools.quality audit``) and
``make benchmark`` (``python -m tools.quality benchmark``); this module keeps the names tests import
(``from helpers import run_axe``). ``conftest.py`` wraps them in fixtures.
The allow-lists ``KNOWN_CONSOLE_NOISE`` and ``AXE_ALLOWED`` (both empty) are in
``tools/quality/browser.py``; only the names the tests use are re-exported here.
"""

from __future__ import annotations

from tools.quality.browser import (
    AXE_JS,
    REPO_ROOT,
    THEMES,
    OpenPage,
    all_pages,
    allow_list_summary,
    chromium_path,
    format_violations,
    html_dir,
    open_book_page,
    redirect_pages,
    run_axe,
    search_term,
    serve,
)

__all__ = [
    "AXE_JS",
    "REPO_ROOT",
    "THEMES",
    "OpenPage",
    "all_pages",
    "allow_list_summary",
    "chromium_path",
    "format_violations",
    "html_dir",
    "open_book_page",
    "redirect_pages",
    "run_axe",
    "search_term",
    "serve",
]
