"""What the two option kinds (single, multiple) share: their options, how they are read and shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..safe_markdown import inline_html
from .base import Kind, choice_rows, choice_sheet

if TYPE_CHECKING:
    from ..model import Builder, Question

@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Options:
    """The data of a single or multiple question."""

    options: tuple[Option, ...]

    @property
    def correct_options(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


class Choice(Kind):
    control = "radio"

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Options:
        # The schema checked the list and each option's fields; left here: options a reader could not tell
        # apart, and how many are right (a count over the list's values, which a schema cannot make).
        options = []
        for i, o in enumerate(q["options"]):
            o = o if isinstance(o, dict) else {"text": o}
            oat = (*at, "options", i)
            options.append(Option(b.text(o, (*oat, "text"), qid, f"options[{i + 1}].text"), o.get("correct") is True,
                                  b.text(o, (*oat, "feedback"), qid, f"options[{i + 1}].feedback")))
        b.unique((*at, "options"), qid, "options", [o.text for o in options], "options that differ from each other")
        data = Options(tuple(options))
        self.enough_right(b, (*at, "options"), qid, len(data.correct_options))
        return data

    def enough_right(self, b: Builder, at: tuple, qid: str, n: int) -> None:
        raise NotImplementedError

    def parts(self, q: Question) -> list[str]:
        return [o.text for o in q.data.options]

    def texts(self, q: Question) -> list[str]:
        return [t for o in q.data.options for t in (o.text, o.feedback)]

    def rules(self, q: Question) -> dict[str, Any]:
        return {"options": len(q.data.options), "correct": list(q.data.correct_options)}

    def feedback(self, q: Question) -> dict[str, str]:
        return {str(i): o.feedback for i, o in enumerate(q.data.options) if o.feedback}

    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        opts = q.data.options
        return choice_rows(self.control, qid, [(keys[i], inline_html(opts[i].text), opts[i].correct) for i in order], show)

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        shape = "box" if self.control == "checkbox" else "box circle"
        return choice_sheet(shape, [(inline_html(q.data.options[i].text), q.data.options[i].correct) for i in order], answers)
