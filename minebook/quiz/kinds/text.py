"""text: a short typed answer, matched against the variants the author accepts.

Case and spacing never matter (unless `case_sensitive: true`): "  kharkiv " is "Kharkiv". Every other variant
a reader may type, such as a Ukrainian and an English spelling (Kharkiv, Харків, Kharkov), is listed by the
author in `accept`; nothing is guessed. Optional `normalise` rules make one kind of difference not count, on
both sides: apostrophes (' ’ ʼ ` ´ ‘ are one), hyphens (a dash or hyphen counts as a space), punctuation
(. , ; : ! ? and quotation marks are dropped). The page script (quiz.js, K.text) applies the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.language import N_, ui

from .. import words
from ..checking import Verdict
from .base import Kind

if TYPE_CHECKING:
    from ..model import Builder, Question

# Each rule: the characters it makes equal, and what they become (the same classes as quiz.js).
RULES = {
    "apostrophes": (re.compile("['’ʼ`´‘]"), "'"),
    "hyphens": (re.compile("[-‐‑‒–—―−]"), " "),
    "punctuation": (re.compile("[.,;:!?\"«»“”„]"), ""),
}


@dataclass(frozen=True)
class Accepted:
    accept: tuple[str, ...]  # as the author wrote them; the first is the answer shown
    case_sensitive: bool = False
    normalise: tuple[str, ...] = ()


def normal(text: str, d: Accepted) -> str:
    """What is compared: the rules applied, spacing collapsed, case folded unless it matters."""
    for rule in d.normalise:
        pattern, into = RULES[rule]
        text = pattern.sub(into, text)
    text = " ".join(text.split())
    return text if d.case_sensitive else text.lower()


class Text(Kind):
    name = "text"
    say: ClassVar[dict[str, str]] = {"incomplete": N_("Type an answer first."),
                                     "incorrect": N_("Not quite. Check the spelling, or look at the chapter again.")}
    qti_type = "short_answer_question"
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("text -> short answer with every accepted variant. Moodle ignores case and spacing at the ends, but "
        "not case_sensitive or the normalise rules: list the variants students may type."),
        "qti": N_("text -> short_answer_question with every accepted variant (Canvas ignores case; not case_sensitive "
        "or the normalise rules)."),
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> Accepted:
        # The schema checked the fields (the rule names are its enum, the keys of RULES); left here: variants
        # that are the same once the rules are applied, which only the rules themselves can tell.
        case, rules, raw = q.get("case_sensitive") is True, q.get("normalise", []), q["accept"]
        accept = [b.text(dict(enumerate(raw)), (*at, "accept", i), qid, f"accept[{i + 1}]") for i in range(len(raw))]
        data = Accepted(tuple(accept), case, tuple(rules))
        b.unique((*at, "accept"), qid, "accept", [normal(a, data) for a in accept if a],
                 "variants that differ once case, spacing and the normalise rules are applied")
        return data

    def texts(self, q: Question) -> list[str]:
        return list(q.data.accept)

    def check(self, q: Question, response: Any) -> Verdict:
        if not isinstance(response, str) or not response.strip():
            return Verdict("incomplete")
        right = normal(response, q.data) in {normal(a, q.data) for a in q.data.accept}
        return Verdict("correct" if right else "incorrect", int(right))

    def correct_response(self, q: Question) -> Any:
        return q.data.accept[0]

    def rules(self, q: Question) -> dict[str, Any]:
        d = q.data
        return {"accept": list(d.accept), "case": d.case_sensitive, "normalise": list(d.normalise)}

    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        iid = f"{qid}-t"
        key = f' <span class="mb-correct">({ui(words.CORRECT_ANSWER_IS).format(answer=escape(self.answer_text(q)))})</span>' if show else ""
        return (f'<div class="mb-num"><label for="{iid}">{ui(words.YOUR_ANSWER)}</label> '
                f'<input type="text" autocomplete="off" spellcheck="false" id="{iid}">{key}</div>')

    def answer_text(self, q: Question) -> str:
        first, *others = q.data.accept
        return first + (" " + ui("(also accepted: {variants})").format(variants=", ".join(others)) if others else "")

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [ui(words.ANSWER) + " ________________"]

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        return f'<p>{ui(words.ANSWER)} <span class="blank">&nbsp;</span></p>'

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        return [w.Text(placeholder=ui("your answer"), description=ui("Answer"), continuous_update=False,
                       style={"description_width": "initial"})]

    def widget_set(self, q: Question, order: list[int], inputs: list[Any], value: Any) -> None:
        inputs[0].value = "" if value is None else str(value)

    def gift(self, q: Question, g: Any) -> list[str]:
        return [f"={g.literal(a)}" for a in q.data.accept]

    def qti(self, q: Question, x: Any) -> None:
        x.texts(list(q.data.accept), case_sensitive=q.data.case_sensitive)


KIND = Text()
