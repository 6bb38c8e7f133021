"""The book's settings, `_config.yml`, read in one place and once per change of the file.

Jupyter Book reads the same file for the build; everything of ours (the bibliography files the check reads, the
title in exports and keys, the repository of the set-up cell and launch buttons) asks here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from minebook.core.paths import book_root

_CACHE: dict[Path, tuple[bytes, dict[str, Any]]] = {}


def book_config(root: Path | None = None) -> dict[str, Any]:
    """`_config.yml` as a mapping; read again only when its bytes change (a build reads it from many places)."""
    path = (root or book_root()) / "_config.yml"
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    cached = _CACHE.get(path)
    if cached and cached[0] == raw:
        return cached[1]
    try:
        config = yaml.safe_load(raw) or {}
    except yaml.YAMLError:
        config = {}  # Jupyter Book reports a broken settings file itself, with its line
    if not isinstance(config, dict):
        config = {}
    _CACHE[path] = (raw, config)
    return config


def bib_files(root: Path | None = None) -> list[Path]:
    """The bibliography files Sphinx reads (`bibtex_bibfiles`), so the check reads the same."""
    root = root or book_root()
    names = book_config(root).get("bibtex_bibfiles") or ["references.bib"]
    return [root / n for n in names]


def book_title(root: Path | None = None) -> str:
    """The title, so exports and keys never repeat it in code."""
    return str(book_config(root).get("title") or "The book")
