"""ordering: items to put in order; the quiz file lists them in the right order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from ..checking import Verdict
from ..model import Said, _key
from ..safe_markdown import inline_html
from .base import Placed, is_int

if TYPE_CHECKING:
    from ..model import Builder, Question


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]  # in the right order


def position(p: int) -> str:
    return ui("Position {n}").format(n=p)


class Ordering(Placed):
    name = "ordering"
    hidden = N_("Position of: ")
    screen_hint = N_("Give each item its position (1 = first).")
    paper_hint = N_("Number them in order (1 = first).")
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Give every item a position first."),
           "invalid": N_("Use each position only once."), "incorrect": N_("Not quite: {right} of {total} in the right place.")}
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("ordering -> NOT expressible: GIFT has no ordering question. Exported as matching: each item is matched to "
        "its position ('Position 1', 'Position 2', ...)."),
        "qti": N_("ordering -> NOT expressible for Canvas or Blackboard imports (their QTI 1.2 readers have no ordering "
        "question). Exported as matching_question: each item is matched to its position."),
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Items:
        # The schema checked the list; left here: items a reader could not tell apart, and whether the order
        # the book shows them in (made from their wording by a hash) happens to be the answer.
        items = [b.text(dict(enumerate(q["items"])), (*at, "items", i), qid, f"items[{i + 1}]") for i in range(len(q["items"]))]
        b.unique((*at, "items"), qid, "items", items, "items that differ from each other")
        if not b.translated and len(items) > 1 and sorted(items, key=lambda t: _key(b.quiz_id, qid, t)) == items:
            b.bad((*at, "items"), qid, "items", "items that a reader does not see already in the right order",
                  Said("the order the book shows them in (made from their wording) is the answer"),
                  "Change the wording of any item a little, or the question's id, and run check again.")
        return Items(tuple(items))

    def shuffled(self, q: Question) -> bool:
        return True

    def check(self, q: Question, response: Any) -> Verdict:
        n = len(q.data.items)
        return self.judge(q, response, lambda r: all(is_int(v) and 1 <= v <= n for v in r) and len(set(r)) == n)

    def correct_response(self, q: Question) -> Any:
        return list(range(1, len(q.data.items) + 1))

    def rules(self, q: Question) -> dict[str, Any]:
        return {"items": len(q.data.items)}

    def values(self, q: Question) -> list[tuple[str, str]]:
        return [(str(p), str(p)) for p in range(1, len(q.data.items) + 1)]

    def right_value(self, q: Question, i: int) -> str:
        return str(i + 1)

    def answer_html(self, q: Question, order: list[int]) -> str:
        return "<ol>" + "".join(f"<li>{inline_html(t)}</li>" for t in q.data.items) + "</ol>"

    def answer_text(self, q: Question) -> str:
        return " → ".join(q.data.items)

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"*{ui(self.paper_hint)}*", *(f"- ___ {md(q.data.items[i])}" for i in order)]

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        positions = [(ui("choose"), None)] + [(str(p), p) for p in range(1, len(q.data.items) + 1)]
        return [w.Dropdown(options=positions, value=None, description=ui("Position"), layout=w.Layout(width="12em"),
                           style={"description_width": "initial"}) for _ in order]

    def pairs(self, q: Question) -> list[tuple[str, str]]:
        return [(item, position(i + 1)) for i, item in enumerate(q.data.items)]


KIND = Ordering()
