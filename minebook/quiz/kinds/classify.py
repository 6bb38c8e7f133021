"""classify: statements to sort into categories."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from ..checking import Verdict
from ..safe_markdown import inline_html, plain_text
from .base import PART, Placed, is_index

if TYPE_CHECKING:
    from ..model import Builder, Question


@dataclass(frozen=True)
class Sorted:
    items: tuple[str, ...]  # the statements
    categories: tuple[str, ...]
    item_categories: tuple[int, ...]  # the right category index of each statement


class Classify(Placed):
    name = "classify"
    fields = frozenset({"categories", "items"})
    hidden = "Category of: "
    screen_hint = "Choose a category for each statement."
    paper_hint = "Write the category beside each statement."
    say: ClassVar[dict[str, str]] = {"incomplete": "Choose a category for every statement first.",
           "invalid": "Choose one of the categories for every statement.", "incorrect": PART % "sorted correctly"}
    limits: ClassVar[dict[str, str]] = {
        "gift": "classify -> matching: each statement is matched to its category.",
        "qti": "classify -> matching_question: each statement is matched to its category.",
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Sorted:
        cats = q.get("categories")
        if not isinstance(cats, list) or len(cats) < 2 or not all(isinstance(c, str) and c.strip() for c in cats):
            b.bad((*at, "categories"), qid, "categories", "a list of at least 2 category names", cats)
            cats = []
        cats = [c.strip() for c in cats]
        b.unique((*at, "categories"), qid, "categories", cats, "categories that differ from each other",
                 "A student could not tell the two apart: rename or remove one.")
        items, item_cats = [], []
        for i, item in enumerate(b.items(q, at, qid, 2)):
            iat = (*at, "items", i)
            if not isinstance(item, dict) or "text" not in item or "category" not in item or set(item) - {"text", "category"}:
                b.bad(iat, qid, f"items[{i + 1}]", "an item with 'text' and 'category'", item)
                continue
            text = b.text(item, (*iat, "text"), qid, f"items[{i + 1}].text")
            cat = item.get("category")
            cat = cat.strip() if isinstance(cat, str) else cat  # categories are compared as the reader sees them
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
        return [f"*Write one of: {md(', '.join(q.data.categories))}.*", *(f"- {md(q.data.items[i])}: ________" for i in order)]

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        cats = f'<p class="hint">Categories: {", ".join(inline_html(c) for c in q.data.categories)}</p>'
        return cats + super().sheet_html(q, order, answers)

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        cats = [("choose", None)] + [(c, i) for i, c in enumerate(q.data.categories)]
        return [w.Dropdown(options=cats, value=None, layout=w.Layout(width="16em")) for _ in order]

    def pairs(self, q: Question) -> list[tuple[str, str]]:
        d = q.data
        return [(item, d.categories[c]) for item, c in zip(d.items, d.item_categories)]


KIND = Classify()
