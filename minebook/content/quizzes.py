"""This book's quizzes: the quiz engine (minebook.quiz) bound to the book's folders, tables and bibliography.

The engine knows no book; here it is handed this book's look-ups (`{TABLE.COLUMN[KEY=VALUE]}` and numeric
answers drawn from data/) and its sources (references.bib).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from minebook.content.bib import load_bibliography
from minebook.content.data import lookup, table_names
from minebook.core.errors import ContentError, Problem
from minebook.core.language import ENV
from minebook.core.paths import chapters_dir
from minebook.quiz import model
from minebook.quiz.model import NoSuchTable, Quiz

__all__ = ["check_all", "check_language", "load_quiz", "quiz_path"]


def quiz_path(name: str) -> Path:
    """`NAME` -> chapters/NAME.quiz.yml; a path to a .yml file is kept as it is."""
    p = Path(name)
    if p.suffix in (".yml", ".yaml") or p.is_file():
        return p
    return chapters_dir() / f"{name}.quiz.yml"


def book_lookup(table: str, column: str, where: dict[str, Any]) -> Any:
    """A value from data/ for the engine; a table that does not exist is named as the mistake (NoSuchTable)."""
    names = table_names()
    if table not in names:
        raise NoSuchTable(f"tables: {', '.join(names) or 'none'}")
    return lookup(table, column, where)


def load_quiz(name: str | Path, sources: Mapping[str, Any] | None = None) -> Quiz:
    """Load `chapters/NAME.quiz.yml` (or a path) with this book's tables and bibliography, raising ContentError
    listing every mistake."""
    path = quiz_path(str(name))
    if not path.is_file():
        known = ", ".join(sorted(p.name.removesuffix(".quiz.yml") for p in chapters_dir().glob("*.quiz.yml")))
        raise ContentError([Problem(path, "the file", "quiz", "a quiz file", f"no such file (quizzes: {known or 'none'})")])
    return model.load_quiz(path, load_bibliography() if sources is None else sources, book_lookup)


def check_all() -> list[Problem]:
    """Every problem in every quiz file, for `minebook check`."""
    problems: list[Problem] = []
    try:
        sources = load_bibliography()
    except ContentError as err:
        return list(err.problems)
    for path in sorted(chapters_dir().glob("*.quiz.yml")):
        try:
            load_quiz(path, sources)
        except ContentError as err:
            problems.extend(err.problems)
    return problems


def check_language(lang: str) -> list[Problem]:
    """Every problem in every quiz file as the book in `lang` loads it (a translation that lost a look-up or
    citation marker), for `minebook check --lang`: the build in that language would stop on them."""
    before = os.environ.get(ENV)
    os.environ[ENV] = lang
    try:
        return check_all()
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before
