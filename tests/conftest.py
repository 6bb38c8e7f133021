"""Shared fixtures: a tiny throw-away book, so loader tests never touch the real content."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bookfixture import MiniBook

# Tests are in folders by kind (unit/, build/, notebooks/, browser/; see tests/README.md). Some borrow tables and
# quiz makers from a unit test (test_quiz_html.EVERY_TYPE, test_checking.CASES): those folders are importable.
for _kind in ("unit", "notebooks", "build"):
    sys.path.insert(0, str(Path(__file__).resolve().parent / _kind))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the whole run (``playwright install`` is never needed).

    Shared by the book's browser tests and the JupyterLab test: Playwright's sync API allows one instance per thread.
    A missing browser is a broken test setup, never a reason to skip, locally or in CI.
    """
    import os

    from playwright.sync_api import sync_playwright

    from tools.quality.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if not (Path(executable).is_file() and os.access(executable, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {executable}; `make test` installs it with "
            "apt-get install -y chromium (or set MINEBOOK_CHROMIUM to a Chromium binary).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def minibook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MiniBook:
    book = MiniBook(tmp_path / "book")
    monkeypatch.setenv("MINEBOOK_ROOT", str(book.root))
    monkeypatch.chdir(book.root)
    return book
