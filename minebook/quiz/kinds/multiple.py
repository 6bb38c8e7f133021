"""multiple: several right options; every one that applies must be ticked, and none that does not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from ..checking import Verdict
from ..model import Said
from ..safe_markdown import inline_html
from .base import is_index
from .choice import Choice

if TYPE_CHECKING:
    from ..model import Builder, Question


class Multiple(Choice):
    name = "multiple"
    control = "checkbox"
    screen_hint = paper_hint = N_("Tick every answer that applies.")
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Tick at least one answer first."),
           "incorrect": N_("Not quite: at least one option is ticked that should not be, or one that applies is not.")}
    qti_type = "multiple_answers_question"
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("multiple -> multiple choice with several right answers: each right option earns an equal share, "
        "each wrong option takes an equal share off."),
        "qti": N_("multiple -> multiple_answers_question (all right options and no wrong one earn the point)."),
    }

    def enough_right(self, b: Builder, at: tuple, qid: str, n: int) -> None:
        if not n:
            b.bad(at, qid, "options", "at least one option with 'correct: true'", Said("none"))

    def check(self, q: Question, response: Any) -> Verdict:
        n = len(q.data.options)
        if not isinstance(response, list) or not all(is_index(r, n) for r in response) or not response:
            return Verdict("incomplete", 0, n)
        chosen = set(response)
        right = sum((i in chosen) == o.correct for i, o in enumerate(q.data.options))
        return Verdict("correct" if right == n else "incorrect", right, n)

    def correct_response(self, q: Question) -> Any:
        return list(q.data.correct_options)

    def answer_text(self, q: Question) -> str:
        return "; ".join(q.data.options[i].text for i in self.correct_response(q))

    def answer_html(self, q: Question, order: list[int]) -> str:
        return "; ".join(inline_html(q.data.options[i].text) for i in order if q.data.options[i].correct)

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"*{ui(self.paper_hint)}*", *(f"- [ ] {md(q.data.options[i].text)}" for i in order)]

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        # The option's text with its allowed Markdown (escaped, as on the page), not raw asterisks.
        return [w.Checkbox(value=False, description=inline_html(q.data.options[i].text), description_allow_html=True, indent=False)
                for i in order]

    def widget_get(self, q: Question, order: list[int], inputs: list[Any]) -> Any:
        return sorted(i for box, i in zip(inputs, order) if box.value)

    def widget_set(self, q: Question, order: list[int], inputs: list[Any], value: Any) -> None:
        for box, i in zip(inputs, order):
            box.value = i in (value or [])

    def feedback_for(self, q: Question, response: Any, correct: bool) -> list[str]:
        if not isinstance(response, list):
            return []
        opts = q.data.options
        return [opts[i].feedback for i in response if (correct or not opts[i].correct) and opts[i].feedback]

    def gift(self, q: Question, g: Any) -> list[str]:
        opts = q.data.options
        right = sum(o.correct for o in opts)
        wrong = len(opts) - right
        return [f"~%{g.weight(100 / right if o.correct else -100 / wrong)}%{g.esc(o.text)}{g.fb(o.feedback)}" for o in opts]

    def qti(self, q: Question, x: Any) -> None:
        x.choices([(f"o{i}", inline_html(o.text), o.correct, o.feedback) for i, o in enumerate(q.data.options)], multiple=True)


KIND = Multiple()
