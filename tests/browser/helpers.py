"""Plain helpers for the browser tests: serving the book, opening pages, running axe.

The code lives in :mod:`tools.quality.browser`, shared with ``make audit`` (``python -m tools.quality audit``) and
``make benchmark`` (``python -m tools.quality benchmark``); this module keeps the names tests import
(``from helpers import run_axe``). ``conftest.py`` wraps them in fixtures.
The allow-lists ``KNOWN_CONSOLE_NOISE`` and ``AXE_ALLOWED`` (both empty) are in
``tools/quality/browser.py``; only the names the tests use are re-exported here.
"""

from __future__ import annotations

from minebook.core.language import LANGUAGES, SOURCE_LANGUAGE, available_languages, translate
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


def in_every_language(paths: list[str] | tuple[str, ...]) -> list[str]:
    """The English pages, then the same pages of every published translation (uk/chapters/x.html)."""
    prefixes = [LANGUAGES[lang]["prefix"].strip("/") for lang in available_languages() if lang != SOURCE_LANGUAGE]
    return [*paths, *(f"{prefix}/{path}" for prefix in prefixes for path in paths)]


def page_language(path: str) -> str:
    """The language of a page of the built book, from its folder (uk/...), English at the root."""
    first = path.split("/", 1)[0]
    return next((lang for lang in LANGUAGES if LANGUAGES[lang]["prefix"].strip("/") == first and first), SOURCE_LANGUAGE)


def say(path: str, msgid: str, context: str | None = None, domain: str = "ui") -> str:
    """A word of the book's interface as the page at `path` shows it (from the catalogs, never typed in a test)."""
    return translate(domain, msgid, context, page_language(path))


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
    "in_every_language",
    "open_book_page",
    "page_language",
    "redirect_pages",
    "run_axe",
    "say",
    "search_term",
    "serve",
]
