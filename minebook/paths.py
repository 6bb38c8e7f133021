"""Find the book's folders from anywhere, so a chapter runs from any working directory."""

from __future__ import annotations

import os
from pathlib import Path

MARKERS = ("_config.yml", "_toc.yml")


def book_root() -> Path:
    """The folder holding `_config.yml` and `_toc.yml`.

    Looked for from the environment variable MINEBOOK_ROOT, then upwards from the current folder, then
    upwards from this package (an editable install lives inside the book).
    """
    env = os.environ.get("MINEBOOK_ROOT")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd(), Path(__file__).resolve().parent]
    for start in candidates:
        for folder in [start, *start.parents]:
            if all((folder / m).is_file() for m in MARKERS):
                return folder
    raise FileNotFoundError(
        "Could not find the book's folder (the one with _config.yml and _toc.yml). "
        "Open the notebook from inside the book, or set MINEBOOK_ROOT to that folder."
    )


def data_dir() -> Path:
    return book_root() / "data"


def chapters_dir() -> Path:
    return book_root() / "chapters"


def bib_files() -> list[Path]:
    """The bibliography files Sphinx reads (`bibtex_bibfiles` in _config.yml), so the check reads the same."""
    import yaml

    root = book_root()
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        config = {}
    names = config.get("bibtex_bibfiles") or ["references.bib"]
    return [root / n for n in names]


def book_config() -> dict:
    """The book's _config.yml as a mapping (title, author, repository ...)."""
    import yaml

    try:
        return yaml.safe_load((book_root() / "_config.yml").read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}


def book_title() -> str:
    """The title from _config.yml, so exports and keys never repeat it in code."""
    return str(book_config().get("title") or "The book")
