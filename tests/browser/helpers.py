"""Plain helpers for the browser tests: serving the book, opening pages, running axe.

The code lives in :mod:`tools.quality.browser`, shared with ``make audit`` (``python -m tools.quality audit``) and
``make benchmark`` (``python -m tools.quality benchmark``); this module keeps the names tests import
(``from helpers import run_axe``). ``conftest.py`` wraps them in fixtures.
The allow-lists ``KNOWN_CONSOLE_NOISE`` and ``AXE_ALLOWED`` are in
``tools/quality/browser.py`` (both empty).
"""

from __future__ import annotations

from tools.quality.browser import (
    AXE_ALLOWED,
    AXE_JS,
    CHROMIUM_ARGS,
    DEFAULT_CHROMIUM,
    DEFAULT_HTML_DIR,
    KNOWN_CONSOLE_NOISE,
    LOCAL_HOSTS,
    LOCAL_SCHEMES,
    REPO_ROOT,
    TESTS_DIR,
    THEMES,
    Allowed,
    OpenPage,
    all_pages,
    allow_list_summary,
    chromium_path,
    format_violations,
    html_dir,
    is_local,
    open_book_page,
    redirect_pages,
    redirect_target,
    run_axe,
    search_term,
    serve,
)

__all__ = [
    "AXE_ALLOWED",
    "AXE_JS",
    "CHROMIUM_ARGS",
    "DEFAULT_CHROMIUM",
    "DEFAULT_HTML_DIR",
    "KNOWN_CONSOLE_NOISE",
    "LOCAL_HOSTS",
    "LOCAL_SCHEMES",
    "REPO_ROOT",
    "TESTS_DIR",
    "THEMES",
    "Allowed",
    "OpenPage",
    "all_pages",
    "allow_list_summary",
    "chromium_path",
    "format_violations",
    "html_dir",
    "is_local",
    "open_book_page",
    "redirect_pages",
    "redirect_target",
    "run_axe",
    "search_term",
    "serve",
]
