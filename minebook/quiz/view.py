"""The quiz as a notebook displays it: one object whose mimebundle carries all three forms."""

from __future__ import annotations

from typing import Any

from minebook.core.edition import checks_answers, current_edition, shows_answers

from .html import render_html
from .markdown import render_markdown
from .model import Quiz
from .widget import QuestionWidget, QuizWidget


class QuizView:
    """Shown by a notebook as a live widget, by the static book as HTML+JS, by a printer as Markdown.

    Python can read the reader's answers and score: `view.score`, `view.answers`, `view["question-id"]`.
    """

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self._widget: QuizWidget | None = None

    @property
    def widget(self) -> QuizWidget:
        if self._widget is None:
            self._widget = QuizWidget(self.quiz)
        return self._widget

    @property
    def score(self) -> int:
        return self.widget.score

    @property
    def answers(self) -> dict[str, Any]:
        return self.widget.answers

    def __getitem__(self, qid: str) -> QuestionWidget:
        return self.widget[qid]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """All three forms, as the edition (MINEBOOK_EDITION) wants them.

        default: live widget, self-checking HTML, Markdown without answers.
        instructor: the same, with answers, explanations and notes shown inline (HTML and Markdown).
        student: no widget (its state would hold the answers) and no checking data; a blank form instead, whose
        markup is the same whichever answer is right.
        """
        edition = current_edition()
        answers = shows_answers(edition)
        printable = render_markdown(self.quiz, show_answers=answers)
        if not checks_answers(edition):
            return {"text/html": render_html(self.quiz, blank=True), "text/markdown": printable, "text/plain": printable}
        bundle = dict(self.widget.box._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = render_html(self.quiz, show_answers=answers)
        bundle["text/markdown"] = printable
        bundle["text/plain"] = printable
        return bundle
