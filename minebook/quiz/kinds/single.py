"""single: one right option among several."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_

from ..checking import Verdict
from ..model import Said
from ..safe_markdown import inline_html
from .base import is_index
from .choice import Choice

if TYPE_CHECKING:
    from ..model import Builder, Question


class Single(Choice):
    name = "single"
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Choose an answer first.")}
    qti_type = "multiple_choice_question"
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("single -> multiple choice (one right answer), with option feedback."),
        "qti": N_("single -> multiple_choice_question, with option feedback."),
    }

    def enough_right(self, b: Builder, at: tuple, qid: str, n: int) -> None:
        if n != 1:
            b.bad(at, qid, "options", "exactly one option with 'correct: true'", Said(n), "Use type: multiple for several right answers.")

    def check(self, q: Question, response: Any) -> Verdict:
        if not is_index(response, len(q.data.options)):
            return Verdict("incomplete")
        right = q.data.options[response].correct
        return Verdict("correct" if right else "incorrect", int(right))

    def correct_response(self, q: Question) -> Any:
        return q.data.correct_options[0]

    def answer_text(self, q: Question) -> str:
        return q.data.options[self.correct_response(q)].text

    def answer_html(self, q: Question, order: list[int]) -> str:
        return inline_html(self.answer_text(q))

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"- ( ) {md(q.data.options[i].text)}" for i in order]

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        return [w.RadioButtons(options=[(q.data.options[i].text, i) for i in order], value=None, layout=w.Layout(width="auto"))]

    def feedback_for(self, q: Question, response: Any, correct: bool) -> list[str]:
        if not isinstance(response, int):
            return []
        return [q.data.options[response].feedback] if q.data.options[response].feedback else []

    def gift(self, q: Question, g: Any) -> list[str]:
        return [f"{'=' if o.correct else '~'}{g.esc(o.text)}{g.fb(o.feedback)}" for o in q.data.options]

    def qti(self, q: Question, x: Any) -> None:
        x.choices([(f"o{i}", inline_html(o.text), o.correct, o.feedback) for i, o in enumerate(q.data.options)], multiple=False)


KIND = Single()
