"""classify: statements to sort into categories."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from .. import words
from ..checking import Verdict
from ..safe_markdown import inline_html, plain_text
from .base import Placed, is_index

if TYPE_CHECKING:
    from ..model import Builder, Question


@dataclass(frozen=True)
class Sorted:
    items: tuple[str, ...]  # the statements
    categories: tuple[str, ...]
    item_categories: tuple[int, ...]  # the right category index of each statement


class Classify(Placed):
    name = "classify"
    hidden = N_("Category of: ")
    screen_hint = N_("Choose a category for each statement.")
    paper_hint = N_("Write the category beside each statement.")
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Choose a category for every statement first."),
           "invalid": N_("Choose one of the categories for every statement."),
           "incorrect": N_("Not quite: {right} of {total} sorted correctly.")}
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("classify -> matching: each statement is matched to its category."),
        "qti": N_("classify -> matching_question: each statement is matched to its category."),
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Sorted:
        # The schema checked the lists and each item's fields; left here: names a reader could not tell apart
        # (compared trimmed, as shown) and each item's category being one of this question's own.
        cats = [c.strip() for c in q["categories"]]
        b.unique((*at, "categories"), qid, "categories", cats, "categories that differ from each other",
                 "A student could not tell the two apart: rename or remove one.")
        items, item_cats = [], []
        for i, item in enumerate(q["items"]):
            iat = (*at, "items", i)
            text = b.text(item, (*iat, "text"), qid, f"items[{i + 1}].text")
            cat = item["category"].strip()  # categories are compared as the reader sees them
            if cat not in cats:
                b.bad((*iat, "category"), qid, f"items[{i + 1}].category", f"one of the categories: {', '.join(cats)}", cat)
                continue
            items.append(text)
            item_cats.append(cats.index(cat))
        b.unique((*at, "items"), qid, "items", items, "statements that differ from each other",
                 "The same statement under two categories cannot be answered right; keep it once.")
        return Sorted(tuple(items), tuple(cats), tuple(item_cats))

    def check(self, q: Question, response: Any) -> Verdict:
        return self.judge(q, response, lambda r: all(is_index(v, len(q.data.categories)) for v in r))

    def correct_response(self, q: Question) -> Any:
        return list(q.data.item_categories)

    def rules(self, q: Question) -> dict[str, Any]:
        d = q.data
        return {"items": len(d.items), "categories": len(d.categories), "item_categories": list(d.item_categories)}

    def values(self, q: Question) -> list[tuple[str, str]]:
        return [(str(c), escape(plain_text(name))) for c, name in enumerate(q.data.categories)]

    def right_value(self, q: Question, i: int) -> str:
        return q.data.categories[q.data.item_categories[i]]

    def answer_html(self, q: Question, order: list[int]) -> str:
        d = q.data
        return "<ul>" + "".join(
            f"<li>{inline_html(d.items[i])}: <em>{inline_html(d.categories[d.item_categories[i]])}</em></li>" for i in order
        ) + "</ul>"

    def answer_text(self, q: Question) -> str:
        d = q.data
        return "; ".join(f"{item}: {d.categories[c]}" for item, c in zip(d.items, d.item_categories))

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"*{ui(words.WRITE_ONE).format(categories=md(', '.join(q.data.categories)))}*",
                *(f"- {md(q.data.items[i])}: ________" for i in order)]

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        names = ", ".join(inline_html(c) for c in q.data.categories)
        cats = f'<p class="hint">{ui(words.CATEGORIES).format(categories=names)}</p>'
        return cats + super().sheet_html(q, order, answers)

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        cats = [(ui("choose"), None)] + [(c, i) for i, c in enumerate(q.data.categories)]
        return [w.Dropdown(options=cats, value=None, layout=w.Layout(width="16em")) for _ in order]

    def pairs(self, q: Question) -> list[tuple[str, str]]:
        d = q.data
        return [(item, d.categories[c]) for item, c in zip(d.items, d.item_categories)]


KIND = Classify()
