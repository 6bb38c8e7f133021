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
