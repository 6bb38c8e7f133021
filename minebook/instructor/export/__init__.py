"""Quiz exports for learning platforms, one module per format behind one registry (FORMATS).

A format module defines NAME, LABEL (what `minebook export` calls it), HELP, LIMITS (what it can and cannot
express, printed by `minebook export` and in the head of every exported file, so an instructor is never
surprised after an import) and write(name, quizzes, title, folder). How each kind of question is expressed
is that kind's own hook (quiz/kinds/). Written by hand (a few dozen lines each) rather than with a library:
both formats are small, and the tests parse every exported file back and compare it with the quiz files.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType

from minebook.core.config import book_title
from minebook.core.language import ui
from minebook.quiz.model import Quiz

from .common import explanation_text, number, position, prompt_text
from .gift import gift_question, to_gift
from .qti import QTI_TYPES, qti_item, qti_package, to_qti

FORMATS: dict[str, ModuleType] = {m.NAME: m for m in (import_module(f"{__name__}.{n}") for n in ("gift", "qti"))}
LIMITS = {name: m.LIMITS for name, m in FORMATS.items()}

__all__ = ["FORMATS", "LIMITS", "QTI_TYPES", "explanation_text", "gift_question", "number", "position", "prompt_text",
           "qti_item", "qti_package", "to_gift", "to_qti", "write_exports"]


def write_exports(quizzes: list[Quiz], out: Path, formats: tuple[str, ...] = tuple(FORMATS)) -> list[Path]:
    """Per chapter and, for several chapters, one file for the whole book, in each format."""
    out.mkdir(parents=True, exist_ok=True)
    groups = [(q.id, [q], q.title) for q in quizzes]
    if len(quizzes) > 1:
        groups.append(("book", quizzes, ui("{book}: all quizzes").format(book=book_title())))
    return [FORMATS[fmt].write(name, group, title, out) for name, group, title in groups for fmt in FORMATS if fmt in formats]
