"""Editions of the book: one source, three builds, chosen by one option (`MINEBOOK_EDITION`).

| edition      | quizzes                                   | answers                 | instructor notes |
|--------------|-------------------------------------------|-------------------------|------------------|
| `default`    | check themselves in the browser           | behind "Show answer"    | none             |
| `student`    | a form to fill in; nothing is checked     | nowhere (not in a page, | none             |
|              | ("your teacher will go through them")     | a source or any JSON)   |                  |
| `instructor` | check themselves, answers shown inline    | inline, with sources    | inline           |

This module only says which edition is being built; the Sphinx hooks are in minebook/sphinx/editions.py and
the build orchestrator in minebook/instructor/editions.py, so the quiz view, the extension and the command line agree.
Instructor notes are content, not code: one Markdown file per chapter, `instructors/<chapter>.md`, added to the
chapter page only in the instructor edition (the chapter file itself never changes).
"""

from __future__ import annotations

import os

from minebook.core.errors import ContentError, Problem

ENV = "MINEBOOK_EDITION"
EDITIONS = ("default", "student", "instructor")
NOTES_DIR = "instructors"
NOTES_LABEL = "instructor-notes-{stem}"
# The instructor guide ("Instructor guide") and anything else under instructors/ is left out of the student edition.
INSTRUCTOR_ONLY_PREFIX = f"{NOTES_DIR}/"


def current_edition() -> str:
    """The edition being built, from the environment; an unknown name is a content mistake, not a traceback."""
    raw = os.environ.get(ENV, "").strip().lower() or "default"
    if raw not in EDITIONS:
        raise ContentError([Problem(ENV, "the environment variable", ENV, f"one of {', '.join(EDITIONS)}", f"'{raw}'")])
    return raw


def shows_answers(edition: str | None = None) -> bool:
    """Answers, explanations and per-question notes are printed inline only for the instructor."""
    return (edition or current_edition()) == "instructor"


def checks_answers(edition: str | None = None) -> bool:
    """The student edition carries no answer, so it cannot check one: its quizzes are forms to fill in."""
    return (edition or current_edition()) != "student"
