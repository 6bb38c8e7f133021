"""The live form: ipywidgets, so Python can read each answer and the score (JupyterLab, VS Code, Colab)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from minebook.core.language import N_, ui, ui_n

from . import words
from .checking import Verdict, check, correct_response
from .formatting import cite_html
from .html import said
from .markdown import classroom_intro
from .model import Question, Quiz
from .safe_markdown import inline_html

# The notebook's Python (its kernel) checks each answer, not the browser; the score is readable from Python too.
HOW = N_("Answers are checked here in the notebook, by its Python kernel: a wrong answer gets a hint, and the "
         "explanation comes once your answer is right or you ask to see it. Your score, in Python: "
         "<code>{score}</code>.")


class QuestionWidget:
    """One question: inputs, Check / Show answer / Try again buttons, and feedback in an HTML widget.

    Feedback goes in `w.HTML` (not `w.Output`) so tests can read it without a front end.
    """

    def __init__(self, quiz: Quiz, q: Question, number: int, on_change: Any):
        self.q, self.order, self._on_change = q, quiz.display_order(q), on_change
        self.sources = quiz.sources
        self.verdict: Verdict | None = None
        self.inputs = self._make_inputs()
        # As wide as their words: ipywidgets' fixed button width cut «Показати відповідь» to «Показати відпов…».
        self.check_button = w.Button(description=ui("Check"), tooltip=ui("Check your answer"), layout=w.Layout(width="auto"))
        self.show_button = w.Button(description=ui("Show answer"), layout=w.Layout(width="auto"))
        self.retry_button = w.Button(description=ui("Try again"), layout=w.Layout(width="auto"))
        self.feedback = w.HTML(value="")
        self.check_button.on_click(lambda _: self.check())
        self.show_button.on_click(lambda _: self.show_answer())
        self.retry_button.on_click(lambda _: self.reset())
        prompt = w.HTML(f"<strong>{number}.</strong> {inline_html(q.prompt)}")
        self.box = w.VBox(
            [prompt, *self._layout_inputs(), w.HBox([self.check_button, self.show_button, self.retry_button]), self.feedback],
            layout=w.Layout(border="1px solid #8884", padding="0.5em", margin="0 0 0.75em 0"),
        )

    # inputs: what they are and how they read and write an answer is the kind's (quiz/kinds/) -----------------
    def _make_inputs(self) -> list[w.Widget]:
        return self.q.kind.widget_inputs(self.q, self.order, w)

    def _layout_inputs(self) -> list[w.Widget]:
        return self.q.kind.widget_layout(self.q, self.order, self.inputs, w)

    @property
    def response(self) -> Any:
        """The reader's answer, in the shape `checking.check` takes (file order)."""
        return self.q.kind.widget_get(self.q, self.order, self.inputs)

    @response.setter
    def response(self, value: Any) -> None:
        self.q.kind.widget_set(self.q, self.order, self.inputs, value)

    # actions ----------------------------------------------------------------------------------------
    def check(self) -> Verdict:
        """Judge the answer. A wrong one gets the feedback written for its wrong choices (and, for a number,
        too high or too low); the explanation waits until the answer is right or shown, as in the book."""
        self.verdict = check(self.q, self.response)
        # The same words as the static form (quiz/html.py said), so a reader hears one voice everywhere.
        say = said(self.q.type)
        message = say.get(self.verdict.hint) or say[self.verdict.status]
        parts = [message.format(right=self.verdict.right, total=self.verdict.total), *self._option_feedback()]
        if self.verdict.correct:
            parts.append(self._explanation())
        self._say(" ".join(p for p in parts if p), self.verdict.status)
        self._on_change()
        return self.verdict

    def show_answer(self) -> None:
        self.response = correct_response(self.q)
        self.verdict = Verdict("shown", 0, 1)
        self._say(ui("The answer is shown above.") + " " + self._explanation(), "shown")
        self._on_change()

    def reset(self) -> None:
        self.response = None
        self.verdict = None
        self.feedback.value = ""
        self._on_change()

    def _option_feedback(self) -> list[str]:
        """Feedback written for the choices made; after a wrong answer, only for the wrong ones (naming the
        right choices a reader made would tell them which of the rest to change)."""
        if self.verdict is None or self.verdict.status not in ("correct", "incorrect"):
            return []
        return [inline_html(t) for t in self.q.kind.feedback_for(self.q, self.response, self.verdict.correct)]

    def _explanation(self) -> str:
        """The explanation and, always, where it comes from (named as on the book's pages)."""
        cited = "; ".join(cite_html(self.sources, k) for k in self.q.sources if k in self.sources)
        return (f"<br><em>{ui(words.WHY)}</em> {inline_html(self.q.explanation)}"
                + (f" <small>{ui(words.SOURCE)} {cited}.</small>" if cited else ""))

    def _say(self, text_html: str, status: str) -> None:
        colour = {"correct": "#1a7f37", "incorrect": "#b42318"}.get(status, "inherit")
        self.feedback.value = f'<div role="status" style="border-left:4px solid {colour};padding-left:0.5em">{text_html}</div>'


# ipywidgets draw a checkbox 300 px wide with its label on one line cut by an ellipsis, and a radio button's label
# one line high: a long option ("Report it to the authorities (in Ukraine, 1...") was cut or overlapped. Scoped to
# this quiz's box, so no other widget on the page changes.
READABLE_OPTIONS = """<style>
.mb-quiz-widget .widget-checkbox, .mb-quiz-widget .jupyter-widget-checkbox { width: auto; height: auto; }
.mb-quiz-widget .widget-checkbox label, .mb-quiz-widget .jupyter-widget-checkbox label { align-items: flex-start; }
.mb-quiz-widget .widget-label-basic, .mb-quiz-widget .jupyter-widget-label-basic,
.mb-quiz-widget .widget-label-basic span, .mb-quiz-widget .jupyter-widget-label-basic span {
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.4; }
.mb-quiz-widget .widget-radio-box label, .mb-quiz-widget .jupyter-widget-radio-box label {
  height: auto; line-height: 1.4; margin-bottom: 0.35em; white-space: normal; }
</style>"""


class QuizWidget:
    """A whole quiz as ipywidgets, with a score line that Python can read too (`quiz.score`)."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.score_label = w.HTML()
        self.questions = [QuestionWidget(quiz, q, n, self._update) for n, q in enumerate(quiz.questions, start=1)]
        intro = classroom_intro(quiz.intro)
        score = html.escape('mb.quiz("' + quiz.id + '").score')
        header = w.HTML(READABLE_OPTIONS + f"<h4>{inline_html(quiz.title)}</h4>" + (f"<p>{inline_html(intro)}</p>" if intro else "") + f"<p>{ui(HOW).format(score=score)}</p>")
        self.box = w.VBox([header, *(qw.box for qw in self.questions), self.score_label])
        self.box.add_class("mb-quiz-widget")
        self._update()

    @property
    def score(self) -> int:
        return sum(1 for qw in self.questions if qw.verdict is not None and qw.verdict.correct)

    @property
    def answers(self) -> dict[str, Any]:
        return {qw.q.id: qw.response for qw in self.questions}

    def _update(self) -> None:
        checked = sum(1 for qw in self.questions if qw.verdict is not None)
        line = ui_n("<strong>Score: {right} of {total}</strong> ({done} checked)",
                    "<strong>Score: {right} of {total}</strong> ({done} checked)", checked)
        self.score_label.value = "<p>" + line.format(right=self.score, total=len(self.questions), done=checked) + "</p>"

    def __getitem__(self, qid: str) -> QuestionWidget:
        return next(qw for qw in self.questions if qw.q.id == qid)
