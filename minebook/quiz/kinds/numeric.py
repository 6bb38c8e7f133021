"""numeric: a number, exact or within a tolerance or a range, optionally with a unit; the answer may be drawn
from one of the caller's tables, so it never goes stale."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from minebook.core.errors import ContentError
from minebook.core.language import N_, ui

from .. import words
from ..checking import Verdict, parse_number
from ..formatting import ANSWER_REF, decimal_comma, format_number, grouped, plain_number, short_number
from ..model import NoSuchTable, Said
from .base import Kind

if TYPE_CHECKING:
    from ..model import Builder, Question


@dataclass(frozen=True)
class NumericData:
    answer: float | None
    answer_from: str = ""  # "data/table.csv, column ..., row where ..." when drawn from a table
    tolerance: float = 0.0
    range: tuple[float, float] | None = None
    unit: str = ""


class Numeric(Kind):
    name = "numeric"
    say: ClassVar[dict[str, str]] = {
        "incomplete": N_("Type a number first."),
        "invalid": N_("Type a number such as 1,250."),
        "high": N_("Not quite: your number is too high. Look at the chapter again."),
        "low": N_("Not quite: your number is too low. Look at the chapter again."),
    }
    qti_type = "numerical_question"
    limits: ClassVar[dict[str, str]] = {
        "gift": N_("numeric -> numerical with the same tolerance or range. GIFT has no units: the unit is added to the prompt "
        "('Give your answer in ...')."),
        "qti": N_("numeric -> numerical_question (an exact answer with a margin, or a range). QTI 1.2 has no units: the unit "
        "is added to the prompt."),
    }

    def parse(self, b: Builder, q: dict, at: tuple, qid: str) -> NumericData:
        # The schema checked each field's type and the tolerance's sign; left here: the look-up of an answer
        # drawn from a table, and a range that must run low to high and hold the answer (comparisons between
        # values, which a schema cannot make).
        raw = q["answer"]
        answer: float | None = None
        answer_from = ""
        if isinstance(raw, dict):
            answer, answer_from = self._from_table(b, raw, (*at, "answer"), qid)
        else:
            answer = float(raw)
        rng = q.get("range")
        if rng is not None and rng[0] > rng[1]:
            b.bad((*at, "range"), qid, "range", "[low, high] with low <= high", rng)
            rng = None
        elif rng is not None and answer is not None and not rng[0] <= answer <= rng[1]:
            b.bad((*at, "range"), qid, "range", f"a range that contains the answer {answer:g}", rng)
        return NumericData(answer, answer_from, float(q.get("tolerance", 0)), (float(rng[0]), float(rng[1])) if rng else None,
                           q.get("unit", ""))

    def _from_table(self, b: Builder, raw: dict, at: tuple, qid: str) -> tuple[float | None, str]:
        table, column, where = raw["table"], raw["column"], raw.get("where", {})
        if b.lookup is None:
            b.bad(at, qid, "answer", "a number (no tables were given to look it up in)", raw)
            return None, ""
        try:
            value = b.lookup(table, column, where)
        except NoSuchTable as err:
            b.bad(at, qid, "answer.table", f"a table in data/ ({err.args[0]})", table)
            return None, ""
        except ContentError:
            b.bad(at, qid, "answer.table", f"a number from data/{table}.csv", Said("none: that table has a problem, listed above"))
            return None, ""
        except (KeyError, LookupError) as err:
            b.bad(at, qid, "answer", f"a value in data/{table}.csv: {err.args[0]}", raw)
            return None, ""
        if value is None or isinstance(value, (bool, str)) or not isinstance(value, (int, float)):
            b.bad(at, qid, "answer", f"a number in data/{table}.csv column '{column}'", value)
            return None, ""
        desc = ", ".join(f"{k} = {v}" for k, v in where.items())
        return float(value), f"data/{table}.csv, column {column}" + (f", row where {desc}" if desc else "")

    def explain(self, data: NumericData, explanation: str) -> str:
        if data.answer is not None and ANSWER_REF in explanation:
            return explanation.replace(ANSWER_REF, format_number(data.answer, data.unit))
        return explanation

    def check(self, q: Question, response: Any) -> Verdict:
        d = q.data
        if response is None or (isinstance(response, str) and not response.strip()):
            return Verdict("incomplete")
        value = parse_number(response, d.unit, decimal_comma())
        if value is None:
            return Verdict("invalid")
        if d.range:
            ok = d.range[0] <= value <= d.range[1]
        else:
            ok = abs(value - d.answer) <= d.tolerance + 1e-9 * max(1.0, abs(d.answer))
        if ok:
            return Verdict("correct", 1)
        return Verdict("incorrect", 0, 1, "high" if value > (d.range[1] if d.range else d.answer) else "low")

    def correct_response(self, q: Question) -> Any:
        return q.data.answer

    def rules(self, q: Question) -> dict[str, Any]:
        d = q.data
        rules = {"answer": d.answer, "tolerance": d.tolerance, "range": list(d.range) if d.range else None, "unit": d.unit}
        return rules | ({"comma": True} if decimal_comma() else {})  # the page script reads numbers as Python does

    def fill(self, q: Question) -> Any:
        return plain_number(q.data.answer)

    def number_text(self, q: Question) -> str:
        """'1,250 mines (anything from 1,200 to 1,300 counts)': the answer as the book shows it."""
        d = q.data
        unit = f"{' ' if d.unit[:1].isalnum() else ''}{d.unit}" if d.unit else ""  # "312 mines", "0.1%"
        text = f"{grouped(d.answer)}{unit}"
        span = ui("(anything from {low} to {high} counts)")
        if d.range:
            text += " " + span.format(low=grouped(d.range[0]), high=grouped(d.range[1]))
        elif d.tolerance:
            text += " " + span.format(low=grouped(d.answer - d.tolerance), high=grouped(d.answer + d.tolerance))
        return text

    def inputs_html(self, q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
        iid, unit_text = f"{qid}-n", q.data.unit
        unit = f' <span class="mb-unit" id="{iid}-u">{escape(unit_text)}</span>' if unit_text else ""
        described = f' aria-describedby="{iid}-u"' if unit_text else ""
        key = f' <span class="mb-correct">({ui(words.CORRECT_ANSWER_IS).format(answer=escape(self.number_text(q)))})</span>' if show else ""
        return (
            f'<div class="mb-num"><label for="{iid}">{ui(words.YOUR_ANSWER)}</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" id="{iid}"{described}>'
            f"{unit}{key}</div>"
        )

    def answer_html(self, q: Question, order: list[int]) -> str:
        return escape(self.number_text(q))

    def answer_text(self, q: Question) -> str:
        d = q.data
        g = short_number
        if d.range:
            return ui("between {low} and {high}").format(low=g(d.range[0]), high=g(d.range[1])) + f" {d.unit}".rstrip()
        tol = f" (± {g(d.tolerance)})" if d.tolerance else ""
        return f"{g(d.answer)} {d.unit}{tol}".replace("  ", " ").rstrip()

    def markdown(self, q: Question, order: list[int], md: Any) -> list[str]:
        return [f"{ui(words.ANSWER)} ________ {md(q.data.unit)}".rstrip()]

    def sheet_html(self, q: Question, order: list[int], answers: bool) -> str:
        unit = f" {escape(q.data.unit)}" if q.data.unit else ""
        return f'<p>{ui(words.ANSWER)} <span class="blank">&nbsp;</span>{unit}</p>'

    def widget_inputs(self, q: Question, order: list[int], w: Any) -> list[Any]:
        # description_width "initial": the unit ("civilian casualties") in full, not cut to the default label width
        return [w.Text(placeholder=ui("a number"), description=q.data.unit or ui("Answer"), continuous_update=False,
                       style={"description_width": "initial"})]

    def widget_set(self, q: Question, order: list[int], inputs: list[Any], value: Any) -> None:
        inputs[0].value = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    def export_prompt(self, q: Question) -> str:
        """Neither GIFT nor QTI 1.2 has units: the prompt says it."""
        return f"{q.prompt} " + ui("Give your answer in {unit}.").format(unit=q.data.unit) if q.data.unit else q.prompt

    def gift(self, q: Question, g: Any) -> list[str]:
        d, n = q.data, plain_number
        return [f"#{n(d.range[0])}..{n(d.range[1])}" if d.range else f"#{n(d.answer)}:{n(d.tolerance)}"]

    def qti(self, q: Question, x: Any) -> None:
        d = q.data
        low, high = d.range if d.range else (d.answer - d.tolerance, d.answer + d.tolerance)
        x.number(None if d.range else d.answer, low, high)


KIND = Numeric()
