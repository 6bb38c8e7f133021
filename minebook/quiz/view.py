"""The quiz as a notebook displays it: one object whose mimebundle carries all three forms."""

from __future__ import annotations

from typing import Any

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
        bundle = dict(self.widget.box._repr_mimebundle_(include=include, exclude=exclude) or {})
        printable = render_markdown(self.quiz)
        bundle["text/html"] = render_html(self.quiz)
        bundle["text/markdown"] = printable
        bundle["text/plain"] = printable
        return bundle
