"""What every export format shares: the prompt and explanation as exported, numbers as every LMS reads them."""

from __future__ import annotations

from minebook.core.language import ui
from minebook.quiz import words
from minebook.quiz.formatting import cite_text, full_stop, plain_number
from minebook.quiz.kinds import KINDS
from minebook.quiz.kinds.ordering import position
from minebook.quiz.model import Question, Quiz

number = plain_number  # 1250 not 1250.0, 0.1 not 0.1000000001, never an exponent
__all__ = ["explanation_text", "limits", "number", "position", "prompt_text"]


def limits(fmt: str) -> list[str]:
    """How `fmt` expresses each kind, kinds it cannot express last (they need the instructor's attention), in the
    book's language."""
    return [ui(line) for line in sorted((kind.limits[fmt] for kind in KINDS.values()), key=lambda line: "NOT expressible" in line)]


def prompt_text(q: Question) -> str:
    """The prompt as exported (numeric questions say their unit, since neither format has one)."""
    return q.kind.export_prompt(q)


def explanation_text(quiz: Quiz, q: Question) -> str:
    return f"{q.explanation} {ui(words.SOURCE)} {full_stop('; '.join(cite_text(quiz.sources, key) for key in q.sources))}"
