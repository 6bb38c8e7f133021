"""What every question kind provides (the hooks), and the pieces several kinds share."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from .. import words
from ..checking import Verdict
from ..safe_markdown import inline_html, plain_text
from ..schema import kind_fields

if TYPE_CHECKING:
    from ..model import Builder, Question

# Every word a reader sees is marked for the `ui` catalog (N_) and translated where it is shown (ui).
CORRECT, NOT_QUITE = N_("Correct."), N_("Not quite.")


class Kind:
    """One kind of question. Subclasses override the hooks their kind needs; defaults suit a kind whose answer
    is one typed or chosen value with no parts (options or items) to shuffle."""

    name = ""
    say: ClassVar[dict[str, str]] = {}  # what a reader is told for each verdict status (or hint)
    screen_hint = ""  # how to answer, under the prompt on screen
    paper_hint = ""  # how to answer, on paper (worksheet and Markdown)
    limits: ClassVar[dict[str, str]] = {}  # export format -> how that format expresses this kind
    qti_type = ""  # the QTI 1.2 question_type (Canvas's names)

    def said(self) -> dict[str, str]:
        """What a reader is told for each status, in the book's language ({right} and {total} are filled in
        when the answer is judged)."""
        said = dict(self.say)
        said.setdefault("correct", CORRECT)
        said.setdefault("incorrect", NOT_QUITE)
        return {status: ui(text) for status, text in said.items()}

    # reading the quiz file -------------------------------------------------------------------------------
    @property
    def fields(self) -> frozenset[str]:
        """What a quiz file may give besides id, type, prompt, ...: declared once, in quiz.schema.json."""
        return kind_fields(self.name)

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Any:
        """The kind's data from its fields. The schema has checked their structure (types, required fields,
        lengths) before this runs; `parse` reports with `b.bad` only what a schema cannot express."""
        raise NotImplementedError

    def explain(self, data: Any, explanation: str) -> str:
        """The explanation, with anything the kind fills in (numeric: {answer})."""
        return explanation

    def texts(self, q: Question) -> list[str]:
        """Every text of the kind's own the reader sees (options, items, feedback), for checks of all texts."""
        return []

    def parts(self, q: Question) -> list[str]:
        """The texts of the parts a reader answers one by one (options, items), in file order."""
        return []

    def shuffled(self, q: Question) -> bool:
        return q.shuffle and bool(self.parts(q))

    # judging -----------------------------------------------------------------------------------------------
    def check(self, q: Question, response: Any) -> Verdict:
        raise NotImplementedError

    def correct_response(self, q: Question) -> Any:
        raise NotImplementedError

    def rules(self, q: Question) -> dict[str, Any]:
        """The facts the page script reads to judge (see quiz.js); only what `check` reads."""
        return {}

    def feedback(self, q: Question) -> dict[str, str]:
        """Feedback written for particular answers, as text from the file, by response (as str)."""
        return {}

    def fill(self, q: Question) -> Any:
        """What 'Show answer' puts in the page's inputs."""
        return self.correct_response(q)

    # forms ------------------------------------------------------------------------------------------------
    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        raise NotImplementedError

    def answer_html(self, q: Question, order: list[int]) -> str:
        return escape(self.answer_text(q))

    def answer_text(self, q: Question) -> str:
        raise NotImplementedError

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        """The lines a printed question shows below its prompt (`md` makes a text safe Markdown)."""
        raise NotImplementedError

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        raise NotImplementedError

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        raise NotImplementedError

    def widget_layout(self, q: Question, order: list[int], inputs: list[Any], w: Any) -> list[Any]:
        return inputs

    def widget_get(self, q: Question, order: list[int], inputs: list[Any]) -> Any:
        return inputs[0].value

    def widget_set(self, q: Question, order: list[int], inputs: list[Any], value: Any) -> None:
        inputs[0].value = value

    def feedback_for(self, q: Question, response: Any, correct: bool) -> list[str]:
        """Feedback texts for the answer given; after a wrong one, only for its wrong choices."""
        return []

    # exports ----------------------------------------------------------------------------------------------
    def export_prompt(self, q: Question) -> str:
        return q.prompt

    def gift(self, q: Question, g: Any) -> list[str]:
        """The answer lines of a GIFT question (`g`: the GIFT writer, see instructor/export/gift.py)."""
        raise NotImplementedError

    def qti(self, q: Question, x: Any) -> None:
        """Fill a QTI item's presentation and scoring (`x`: the QTI writer, see instructor/export/qti.py)."""
        raise NotImplementedError


# ---- shared by several kinds -----------------------------------------------------------------------------

def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_index(v: Any, n: int) -> bool:
    return is_int(v) and 0 <= v < n


def row(cls: str, key: str, control: str, label: str, answer: str = "") -> str:
    """One option or item: its control, its label, the instructor's answer mark if any, and a slot where the
    script writes 'Right'/'Not right' after a check."""
    mark = f' <span class="mb-correct">({answer})</span>' if answer else ""
    return f'<div class="{cls}" data-k="{key}">{control}{label}{mark}<span class="mb-mark"></span></div>'


def choice_rows(kind: str, qid: str, choices: list[tuple[str, str, bool]], show: bool) -> str:
    """Radio buttons or check boxes: (value, label html, right) each."""
    rows = []
    for value, text, right in choices:
        iid = f"{qid}-{value}"
        control = f'<input type="{kind}" name="{qid}" id="{iid}" value="{value}">'
        rows.append(row("mb-opt", value, control, f' <label for="{iid}">{text}</label>', ui("correct answer") if show and right else ""))
    return f'<div class="mb-opts">{"".join(rows)}</div>'


def choice_sheet(shape: str, rows: list[tuple[str, bool]], answers: bool) -> str:
    """Boxes (or circles) to tick on paper; with `answers`, the right ones ticked."""
    items = []
    for text, right in rows:
        mark = "✓" if answers and right else ""
        cls = ' class="right"' if answers and right else ""
        items.append(f'<li{cls}><span class="{shape}" aria-hidden="true">{mark}</span>{text}</li>')
    return f'<ul class="opts">{"".join(items)}</ul>'


class Placed(Kind):
    """Items each given a value from a list (ordering: a position; classify: a category)."""

    hidden = ""  # what a screen reader hears before each item

    def parts(self, q: Question) -> list[str]:
        return list(q.data.items)

    def texts(self, q: Question) -> list[str]:
        return list(q.data.items)

    def values(self, q: Question) -> list[tuple[str, str]]:
        """(value, label html) of the list each item is given one from."""
        raise NotImplementedError

    def right_value(self, q: Question, i: int) -> str:
        """The right value of item i as the reader sees it."""
        raise NotImplementedError

    def judge(self, q: Question, response: Any, valid: Any) -> Verdict:
        n = len(q.data.items)
        if not isinstance(response, list) or len(response) != n or any(r is None for r in response):
            return Verdict("incomplete", 0, n)
        if not valid(response):
            return Verdict("invalid", 0, n)
        right = sum(r == want for r, want in zip(response, self.correct_response(q)))
        return Verdict("correct" if right == n else "incorrect", right, n)

    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        rows = []
        opts = "".join(f'<option value="{v}">{t}</option>' for v, t in self.values(q))
        for i in order:
            iid = f"{qid}-{keys[i]}"
            control = f'<select id="{iid}"><option value="">{ui(words.CHOOSE)}</option>{opts}</select>'
            label = f' <label for="{iid}"><span class="mb-sr">{ui(self.hidden)}</span>{inline_html(q.data.items[i])}</label>'
            right = escape(plain_text(self.right_value(q, i)))
            rows.append(row("mb-item", keys[i], control, label, ui("correct: {answer}").format(answer=right) if show else ""))
        return f'<div class="mb-items">{"".join(rows)}</div>'

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        rows = []
        for i in order:
            fill = escape(self.right_value(q, i)) if answers else "&nbsp;"
            rows.append(f'<li><span class="blank">{fill}</span>{inline_html(q.data.items[i])}</li>')
        return f'<ul class="opts">{"".join(rows)}</ul>'

    def widget_layout(self, q: Question, order: list[int], inputs: list[Any], w: Any) -> list[Any]:
        return [w.HBox([dd, w.HTML(inline_html(q.data.items[i]))]) for dd, i in zip(inputs, order)]

    def widget_get(self, q: Question, order: list[int], inputs: list[Any]) -> Any:
        by_file = [None] * len(q.data.items)
        for dd, i in zip(inputs, order):
            by_file[i] = dd.value
        return by_file

    def widget_set(self, q: Question, order: list[int], inputs: list[Any], value: Any) -> None:
        for dd, i in zip(inputs, order):
            dd.value = None if value is None else value[i]

    def pairs(self, q: Question) -> list[tuple[str, str]]:
        """The kind as matching (GIFT and QTI): (item, its right value) in file order."""
        raise NotImplementedError

    def gift(self, q: Question, g: Any) -> list[str]:
        return g.matching(self.pairs(q))

    qti_type = "matching_question"

    def qti(self, q: Question, x: Any) -> None:
        x.matching(self.pairs(q))
