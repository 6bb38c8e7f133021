"""truefalse: a statement that is true or false, with feedback for each answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from ..checking import Verdict
from .base import Kind, choice_rows, choice_sheet

if TYPE_CHECKING:
    from ..model import Builder, Question


@dataclass(frozen=True)
class TrueFalseData:
    answer: bool | None
    feedback_true: str = ""
    feedback_false: str = ""


class TrueFalse(Kind):
    name = "truefalse"
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Choose an answer first.")}
    qti_type = "true_false_question"
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("truefalse -> true/false, with the feedback for a right and a wrong answer."),
        "qti": N_("truefalse -> true_false_question."),
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> TrueFalseData:
        # All structure (the schema's); the texts may hold {TABLE.COLUMN[KEY=VALUE]} look-ups.
        return TrueFalseData(q["answer"], b.text(q, (*at, "feedback_true"), qid, "feedback_true"),
                             b.text(q, (*at, "feedback_false"), qid, "feedback_false"))

    def texts(self, q: Question) -> list[str]:
        return [q.data.feedback_true, q.data.feedback_false]

    def shuffled(self, q: Question) -> bool:
        return False

    def check(self, q: Question, response: Any) -> Verdict:
        if not isinstance(response, bool):
            return Verdict("incomplete")
        return Verdict("correct" if response == q.data.answer else "incorrect", int(response == q.data.answer))

    def correct_response(self, q: Question) -> Any:
        return q.data.answer

    def rules(self, q: Question) -> dict[str, Any]:
        return {"answer": q.data.answer}

    def feedback(self, q: Question) -> dict[str, str]:
        return {k: v for k, v in (("true", q.data.feedback_true), ("false", q.data.feedback_false)) if v}

    def _choices(self, q: Question) -> list[tuple[str, str, bool]]:
        return [("true", ui("True"), q.data.answer is True), ("false", ui("False"), q.data.answer is False)]

    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        return choice_rows("radio", qid, self._choices(q), show)

    def answer_text(self, q: Question) -> str:
        return ui("True") if q.data.answer else ui("False")

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"- ( ) {ui('True')}", f"- ( ) {ui('False')}"]

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        return choice_sheet("box circle", [(text, right) for _v, text, right in self._choices(q)], answers)

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        return [w.RadioButtons(options=[(ui("True"), True), (ui("False"), False)], value=None)]

    def feedback_for(self, q: Question, response: Any, correct: bool) -> list[str]:
        if not isinstance(response, bool):
            return []
        text = q.data.feedback_true if response else q.data.feedback_false
        return [text] if text else []

    def gift(self, q: Question, g: Any) -> list[str]:
        d = q.data
        right_fb = d.feedback_true if d.answer else d.feedback_false
        wrong_fb = d.feedback_false if d.answer else d.feedback_true
        fbs = f"#{g.esc(wrong_fb)}#{g.esc(right_fb)}" if (right_fb or wrong_fb) else ""
        return [("TRUE" if d.answer else "FALSE") + fbs]

    def qti(self, q: Question, x: Any) -> None:
        d = q.data
        x.choices([("true", ui("True"), d.answer is True, d.feedback_true), ("false", ui("False"), d.answer is False, d.feedback_false)],
                  multiple=False)


KIND = TrueFalse()
