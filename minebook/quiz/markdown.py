"""The printable form: plain Markdown a teacher can print, paste or turn into a worksheet.

Every text from a quiz file goes through `markdown_text`, so raw HTML or a javascript: link typed in a quiz is
shown as typed by any Markdown viewer, never run.
"""

from __future__ import annotations

import re

from minebook.core.language import ui

from . import words
from .model import Question, Quiz
from .safe_markdown import markdown_text as md

SELF_CHECK = re.compile(r"checked in your browser|page'?s? source|self-check", re.IGNORECASE)


def classroom_intro(intro: str) -> str:
    """The quiz intro without sentences about how answers are checked: each form (self-checking page, student
    form, notebook widget, paper) says that itself, and such a sentence is untrue in the others."""
    sentences = re.split(r"(?<=[.!?])\s+", intro.strip())
    return " ".join(s for s in sentences if s and not SELF_CHECK.search(s))


def render_markdown(quiz: Quiz, *, show_answers: bool = False) -> str:
    """Questions and options; answers and explanations only when `show_answers` (answer keys)."""
    out = [f"**{md(quiz.title)}**", ""]
    if classroom_intro(quiz.intro):
        out += [md(classroom_intro(quiz.intro)), ""]
    for n, q in enumerate(quiz.questions, start=1):
        out += [f"{n}. {md(q.prompt)}", ""]
        out += [f"   {line}" for line in _body(quiz, q, show_answers)]
        if show_answers:
            source = ui("(source: {keys})").format(keys=md(", ".join(q.sources)))
            out += ["", f"   *{ui(words.ANSWER)}* {md(answer_text(q))}", f"   *{ui(words.WHY)}* {md(q.explanation)} {source}"]
            if q.instructor_note:
                out += [f"   *{ui(words.NOTE)}* {md(q.instructor_note)}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def question_lines(quiz: Quiz, q: Question, show: bool = False) -> list[str]:
    """The question's options or blanks as Markdown lines (texts made safe with `markdown_text`)."""
    return q.kind.markdown(q, quiz.display_order(q), md)


_body = question_lines


def answer_text(q: Question) -> str:
    """The right answer in words, for answer keys and 'show answer'."""
    return q.kind.answer_text(q)
