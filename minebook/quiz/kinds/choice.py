"""What the two option kinds (single, multiple) share: their options, how they are read and shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..safe_markdown import inline_html
from .base import Kind, choice_rows, choice_sheet

if TYPE_CHECKING:
    from ..model import Builder, Question

OPTION_KEYS = {"text", "correct", "feedback"}


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
    fields = frozenset({"options"})
    control = "radio"

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Options:
        raw = q.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            b.bad((*at, "options"), qid, "options", "a list of at least 2 options", raw)
            return Options(())
        options = []
        for i, o in enumerate(raw):
            oat = (*at, "options", i)
            if isinstance(o, str):
                o = {"text": o}
            if not isinstance(o, dict):
                b.bad(oat, qid, f"options[{i + 1}]", "an option with text (and correct: true if right)", o)
                continue
            for key in o:
                if key not in OPTION_KEYS:
                    b.bad((*oat, key), qid, f"options[{i + 1}].{key}", f"one of {', '.join(sorted(OPTION_KEYS))}", key)
            correct = o.get("correct", False)
            if not isinstance(correct, bool):
                b.bad((*oat, "correct"), qid, f"options[{i + 1}].correct", "true or false", correct)
                correct = False
            options.append(Option(
                b.text(o, (*oat, "text"), qid, f"options[{i + 1}].text"),
                correct,
                b.text(o, (*oat, "feedback"), qid, f"options[{i + 1}].feedback", required=False),
            ))
        b.unique((*at, "options"), qid, "options", [o.text for o in options], "options that differ from each other")
        data = Options(tuple(options))
        if options:
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
