"""The checking rules, written once. The static script in minebook/static/quiz.js mirrors them;
tests/conformance/cases.yml holds the cases both must agree on."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .model import Question

PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$", re.ASCII)  # digits 0-9 only, as in the script
COMMA_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+(\.\d+)?$", re.ASCII)


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


def parse_number(text: Any, unit: str = "") -> float | None:
    """Read what a reader typed: '1,234', '1 234', '12.5', optionally followed by the question's unit."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    s = text.strip()
    if unit and s.lower().endswith(unit.lower()):
        s = s[: -len(unit)].strip()
    if PLAIN.match(s):
        return float(s)
    if COMMA_GROUPS.match(s):
        return float(s.replace(",", ""))
    if SPACE_GROUPS.match(s):
        return float(re.sub(r"[ \u00a0\u202f\u2009]", "", s))
    return None


def check(q: Question, response: Any) -> Verdict:
    """Judge a response given in file order (see tests/conformance/cases.yml for its shape per type)."""
    if q.type == "single":
        if not _is_index(response, len(q.options)):
            return Verdict("incomplete")
        return Verdict("correct" if q.options[response].correct else "incorrect", int(q.options[response].correct))
    if q.type == "multiple":
        if not isinstance(response, list) or not all(_is_index(r, len(q.options)) for r in response):
            return Verdict("incomplete", 0, len(q.options))
        chosen = set(response)
        if not chosen:
            return Verdict("incomplete", 0, len(q.options))
        right = sum((i in chosen) == o.correct for i, o in enumerate(q.options))
        return Verdict("correct" if right == len(q.options) else "incorrect", right, len(q.options))
    if q.type == "truefalse":
        if not isinstance(response, bool):
            return Verdict("incomplete")
        return Verdict("correct" if response == q.answer else "incorrect", int(response == q.answer))
    if q.type == "numeric":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Verdict("incomplete")
        value = parse_number(response, q.unit)
        if value is None:
            return Verdict("invalid")
        if q.range:
            ok = q.range[0] <= value <= q.range[1]
        else:
            ok = abs(value - q.answer) <= q.tolerance + 1e-9 * max(1.0, abs(q.answer))
        if ok:
            return Verdict("correct", 1)
        return Verdict("incorrect", 0, 1, "high" if value > (q.range[1] if q.range else q.answer) else "low")
    if q.type == "ordering":
        n = len(q.items)
        if not isinstance(response, list) or len(response) != n or any(r is None for r in response):
            return Verdict("incomplete", 0, n)
        if not all(_is_int(r) and 1 <= r <= n for r in response) or len(set(response)) != n:
            return Verdict("invalid", 0, n)
        right = sum(pos == i + 1 for i, pos in enumerate(response))
        return Verdict("correct" if right == n else "incorrect", right, n)
    if q.type == "classify":
        n = len(q.items)
        if not isinstance(response, list) or len(response) != n or any(r is None for r in response):
            return Verdict("incomplete", 0, n)
        if not all(_is_index(r, len(q.categories)) for r in response):
            return Verdict("invalid", 0, n)
        right = sum(r == want for r, want in zip(response, q.item_categories))
        return Verdict("correct" if right == n else "incorrect", right, n)
    raise ValueError(f"unknown question type {q.type!r}")


def correct_response(q: Question) -> Any:
    """The response that is right, in the same shape `check` takes (for 'show answer' and answer keys)."""
    return {
        "single": lambda: q.correct_options[0],
        "multiple": lambda: list(q.correct_options),
        "truefalse": lambda: q.answer,
        "numeric": lambda: q.answer,
        "ordering": lambda: list(range(1, len(q.items) + 1)),
        "classify": lambda: list(q.item_categories),
    }[q.type]()


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_index(v: Any, n: int) -> bool:
    return _is_int(v) and 0 <= v < n


def rules(q: Question) -> dict[str, Any]:
    """What the static script needs to judge a question: the same facts `check` reads, as JSON."""
    base: dict[str, Any] = {"type": q.type}
    if q.type in ("single", "multiple"):
        base.update(options=len(q.options), correct=list(q.correct_options))
    elif q.type == "truefalse":
        base.update(answer=q.answer)
    elif q.type == "numeric":
        base.update(answer=q.answer, tolerance=q.tolerance, range=list(q.range) if q.range else None, unit=q.unit)
    elif q.type == "ordering":
        base.update(items=len(q.items))
    elif q.type == "classify":
        base.update(items=len(q.items), categories=len(q.categories), item_categories=list(q.item_categories))
    return base
