"""Shared fixtures: a tiny throw-away book, so loader tests never touch the real content."""

from __future__ import annotations

from pathlib import Path

import pytest
from bookfixture import MiniBook


@pytest.fixture
def minibook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MiniBook:
    book = MiniBook(tmp_path / "book")
    monkeypatch.setenv("MINEBOOK_ROOT", str(book.root))
    monkeypatch.chdir(book.root)
    return book
