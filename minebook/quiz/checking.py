"""The checking rules: what every kind shares (a verdict, reading a typed number); each kind judges in its own
module under kinds/. The static script in minebook/static/quiz.js mirrors them;
tests/conformance/cases.yml holds the cases both must agree on."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Question

PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$", re.ASCII)  # digits 0-9 only, as in the script
COMMA_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+(\.\d+)?$", re.ASCII)
# Where the comma is the decimal sign (Ukrainian: 2,5 and 12 000,5): a comma or a point before the decimals,
# spaces between thousands; "1,500" is one and a half there, as a Ukrainian reader means it.
PLAIN_COMMA = re.compile(r"^[+-]?(\d+[.,]?\d*|[.,]\d+)$", re.ASCII)
SPACE_GROUPS_COMMA = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+([.,]\d+)?$", re.ASCII)


@dataclass(frozen=True)
class Verdict:
    """What the reader is told. status: correct | incorrect | incomplete | invalid."""

    status: str
    right: int = 0  # parts right (options judged right, items placed right)
    total: int = 1
    hint: str = ""  # numeric and wrong: "high" or "low", so a reader can think again without being told the number

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "right": self.right, "total": self.total, "hint": self.hint}


def parse_number(text: Any, unit: str = "", comma: bool = False) -> float | None:
    """Read what a reader typed: '1,234', '1 234', '12.5', optionally followed by the question's unit; with
    `comma` (a language whose decimal sign is the comma), '2,5', '12 000' and '12 000,5'."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    s = text.strip()
    if unit and s.lower().endswith(unit.lower()):
        s = s[: -len(unit)].strip()
    if comma:
        if PLAIN_COMMA.match(s) or SPACE_GROUPS_COMMA.match(s):
            return float(re.sub(r"[ \u00a0\u202f\u2009]", "", s).replace(",", "."))
        return None
    if PLAIN.match(s):
        return float(s)
    if COMMA_GROUPS.match(s):
        return float(s.replace(",", ""))
    if SPACE_GROUPS.match(s):
        return float(re.sub(r"[ \u00a0\u202f\u2009]", "", s))
    return None


def check(q: Question, response: Any) -> Verdict:
    """Judge a response given in file order (see tests/conformance/cases.yml for its shape per kind)."""
    return q.kind.check(q, response)


def correct_response(q: Question) -> Any:
    """The response that is right, in the same shape `check` takes (for 'show answer' and answer keys)."""
    return q.kind.correct_response(q)


def rules(q: Question) -> dict[str, Any]:
    """What the static script needs to judge a question: the same facts `check` reads, as JSON."""
    return {"type": q.type, **q.kind.rules(q)}
