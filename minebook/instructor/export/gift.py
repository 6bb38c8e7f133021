"""Moodle GIFT: one text file, a category per quiz. Each kind writes its own answer lines (quiz/kinds/)."""

from __future__ import annotations

from pathlib import Path

from minebook.core.errors import ContentError, Problem
from minebook.core.language import N_, ui
from minebook.quiz.model import Question, Quiz
from minebook.quiz.safe_markdown import markdown_text

from .common import explanation_text, limits, prompt_text

NAME, LABEL = "gift", "Moodle GIFT"
HELP = "gift (Moodle)"
SPECIAL = "\\~=#{}:"
MATCHING = N_("Per-item feedback is not expressible in matching questions; explanations become general feedback.")
LIMITS = [*limits(NAME), ui(MATCHING)]
HEAD = N_("Exported by `minebook export gift` from the landmines book (content CC BY 4.0).")
CAN = N_("What GIFT can and cannot express:")
CATEGORY = N_("Landmines book")


def gift_escape(text: str) -> str:
    """Quiz text as GIFT [markdown]: made inert Markdown first (raw HTML and javascript: links are shown as typed,
    never passed to Moodle's renderer), then GIFT's special characters escaped and line breaks written as \\n."""
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in markdown_text(text))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def weight(x: float) -> str:
    """A Moodle grade percentage: 33.33333, 50, -25 (Moodle matches it to its list of allowed grades)."""
    text = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class GiftWriter:
    """What a kind's `gift` hook writes with."""

    esc = staticmethod(gift_escape)
    weight = staticmethod(weight)

    def __init__(self, quiz: Quiz, q: Question):
        self.quiz, self.q = quiz, q

    @staticmethod
    def literal(text: str) -> str:
        """Text Moodle compares rather than shows (a short answer): only GIFT's own characters escaped, so what
        a student must type is exactly the text (no Markdown escapes, no entities; * is not Moodle's wildcard)."""
        return "".join("\\" + ch if ch in SPECIAL + "*" else ch for ch in text).replace("\n", " ")

    def fb(self, feedback: str) -> str:
        """An answer's feedback, when it has one."""
        return f"#{gift_escape(feedback)}" if feedback else ""

    def matching(self, pairs: list[tuple[str, str]]) -> list[str]:
        lines = []
        for left, right in pairs:
            if "->" in left or "->" in right:
                raise ContentError([Problem(self.quiz.path, f"line {self.q.line}, question '{self.q.id}'", "items",
                                            "text without '->' (GIFT matching questions cannot hold it)",
                                            f"'{left if '->' in left else right}'", "Write → instead.")])
            lines.append(f"={gift_escape(left)} -> {gift_escape(right)}")
        return lines


def gift_question(quiz: Quiz, q: Question) -> str:
    head = f"::{q.id}::[markdown]{gift_escape(prompt_text(q))}"
    general = f"####{gift_escape(explanation_text(quiz, q))}"
    body = "\n".join(f"    {line}" for line in q.kind.gift(q, GiftWriter(quiz, q)))
    return f"// {q.type} question, from {quiz.path.name} line {q.line}\n{head} {{\n{body}\n    {general}\n}}\n"


def to_gift(quizzes: list[Quiz]) -> str:
    """One GIFT file: a category per quiz, then its questions, separated by blank lines."""
    out = [f"// {ui(HEAD)}", f"// {ui(CAN)}"]
    out += [f"//   {line}" for line in [*limits(NAME), ui(MATCHING)]]
    out.append("")
    for quiz in quizzes:
        out.append(f"$CATEGORY: {gift_escape(ui(CATEGORY))}/{quiz.id}\n")
        out += [gift_question(quiz, q) for q in quiz.questions]
    return "\n".join(out)


def write(name: str, group: list[Quiz], title: str, out: Path) -> Path:
    path = out / f"{name}.gift.txt"
    path.write_text(to_gift(group), encoding="utf-8")
    return path
