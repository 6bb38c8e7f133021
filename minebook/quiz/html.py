"""The static form of a quiz: server-rendered HTML that works as a form without script, and checks answers
in the browser with minebook/static/quiz.js (which only adds behaviour).

The markup is the same in the book, in JupyterLab's HTML view and in any front end that renders HTML.
Output is deterministic (no random ids, no timestamps): two builds of the same quiz give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from .checking import correct_response, rules
from .model import Question, Quiz
from .safe_markdown import inline_html, link_html, plain_text

__all__ = ["ASSET_ATTR", "asset_css", "asset_js", "render_html"]

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSET_ATTR = "data-mb-asset"  # marks the inline <style>/<script> copies a page may strip and load once instead
# What the script says for each status ({right} and {total} are filled in by the script).
_PART = "Not quite: {right} of {total} %s."
SAY: dict[str, dict[str, str]] = {
    "single": {"incomplete": "Choose an answer first."},
    "truefalse": {"incomplete": "Choose an answer first."},
    "multiple": {"incomplete": "Tick at least one answer first.", "incorrect": _PART % "options right"},
    "numeric": {"incomplete": "Type a number first.", "invalid": "Type a number such as 1,250."},
    "ordering": {
        "incomplete": "Give every item a position first.",
        "invalid": "Use each position only once.",
        "incorrect": _PART % "in the right place",
    },
    "classify": {
        "incomplete": "Choose a category for every statement first.",
        "invalid": "Choose one of the categories for every statement.",
        "incorrect": _PART % "sorted correctly",
    },
}
for _say in SAY.values():
    _say.setdefault("correct", "Correct.")
    _say.setdefault("incorrect", "Not quite.")
HINTS = {
    "multiple": "Tick every answer that applies.",
    "ordering": "Give each item its position (1 = first).",
    "classify": "Choose a category for each statement.",
}


@cache
def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def asset_js() -> str:
    """The quiz script, for front ends that want it once per page rather than inline."""
    return _asset("quiz.js")


def asset_css() -> str:
    """The quiz style sheet."""
    return _asset("quiz.css")


def render_html(quiz: Quiz, *, inline_assets: bool = True, show_answers: bool = False) -> str:
    """The quiz as one self-contained HTML fragment.

    inline_assets: append quiz.css and quiz.js (marked ``data-mb-asset``) so the fragment works on its own;
    a page holding several quizzes may strip those and load the two files once.
    show_answers: the instructor edition; right answers are marked in the markup and explanations shown.
    """
    base = "mb-" + re.sub(r"[^A-Za-z0-9_-]", "-", quiz.id)
    label = plain_text(quiz.title)
    label = label if label.lower().startswith("quiz") else f"Quiz: {label}"
    parts = [
        f'<section class="mb-quiz" data-quiz-id="{escape(quiz.id)}" id="{base}"'
        f'{" data-answers" if show_answers else ""} aria-label="{escape(label)}">',
        f'<h2 class="mb-quiz-title">{inline_html(quiz.title)}</h2>',
    ]
    if quiz.intro:
        parts.append(f'<p class="mb-intro">{inline_html(quiz.intro)}</p>')
    data = []
    for number, q in enumerate(quiz.questions, 1):
        order = quiz.display_order(q)
        qid = f"{base}-{q.id}"
        parts.append(_question(quiz, q, number, order, qid, show_answers))
        data.append(_data(quiz, q, order))
    n = len(quiz.questions)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
    parts.append(
        f'<div class="mb-quiz-foot"><p class="mb-score" aria-live="polite">0 of {n} answered</p>'
        '<button type="button" class="mb-btn" data-act="reset">Reset quiz</button></div>'
    )
    parts.append(
        f'<script type="application/json" class="mb-quiz-data">{_json({"id": quiz.id, "hash": digest, "questions": data})}</script>'
    )
    parts.append("</section>")
    if inline_assets:
        parts.append(f"<style {ASSET_ATTR}>{asset_css()}</style>")
        parts.append(f"<script {ASSET_ATTR}>{asset_js()}</script>")
    return "\n".join(parts) + "\n"


def _json(value: Any) -> str:
    """JSON that cannot end its <script> element or open a comment: '<', '>' and '&' become escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _question(quiz: Quiz, q: Question, number: int, order: list[int], qid: str, show: bool) -> str:
    body = _inputs(q, order, qid, show)
    hint = HINTS.get(q.type)
    out = [
        f'<fieldset class="mb-q" data-qid="{escape(q.id)}" data-type="{q.type}" id="{qid}">',
        f'<legend><span class="mb-qnum">{number}.</span> {inline_html(q.prompt)}</legend>',
    ]
    if hint:
        out.append(f'<p class="mb-hint">{hint}</p>')
    out.append(body)
    out.append(
        '<div class="mb-actions">'
        '<button type="button" class="mb-btn" data-act="check">Check</button> '
        '<button type="button" class="mb-btn" data-act="show">Show answer</button> '
        '<button type="button" class="mb-btn" data-act="retry">Try again</button></div>'
    )
    out.append(f'<div class="mb-feedback" id="{qid}-fb" role="status" aria-live="polite"></div>')
    if show:
        out.append(
            f'<div class="mb-key"><div><strong>Answer:</strong> {_answer_html(q, order)}</div>{_explanation_html(quiz, q)}'
        )
        if q.instructor_note:
            out.append(f'<p class="mb-note"><strong>Instructor note:</strong> {inline_html(q.instructor_note)}</p>')
        out.append("</div>")
    out.append("</fieldset>")
    return "\n".join(out)


def _row(cls: str, idx: Any, control: str, label: str, answer: str = "") -> str:
    """One option or item: its control, its label, the instructor's answer mark if any, and a slot where the
    script writes 'Right'/'Not right' after a check."""
    key = f' <span class="mb-correct">({answer})</span>' if answer else ""
    return f'<div class="{cls}" data-i="{idx}">{control}{label}{key}<span class="mb-mark"></span></div>'


def _inputs(q: Question, order: list[int], qid: str, show: bool) -> str:
    rows: list[str] = []
    if q.type in ("single", "multiple", "truefalse"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        if q.type == "truefalse":
            choices = [("true", "True", q.answer is True), ("false", "False", q.answer is False)]
        else:
            choices = [(str(i), inline_html(q.options[i].text), q.options[i].correct) for i in order]
        for value, text, right in choices:
            iid = f"{qid}-{value}"
            control = f'<input type="{kind}" name="{qid}" id="{iid}" value="{value}">'
            mark = "correct answer" if show and right else ""
            rows.append(_row("mb-opt", value, control, f' <label for="{iid}">{text}</label>', mark))
        return f'<div class="mb-opts">{"".join(rows)}</div>'
    if q.type == "numeric":
        iid = f"{qid}-n"
        unit = f' <span class="mb-unit" id="{iid}-u">{escape(q.unit)}</span>' if q.unit else ""
        described = f' aria-describedby="{iid}-u"' if q.unit else ""
        key = f' <span class="mb-correct">(correct answer: {escape(_number_text(q))})</span>' if show else ""
        return (
            f'<div class="mb-num"><label for="{iid}">Your answer</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" id="{iid}"{described}>'
            f"{unit}{key}</div>"
        )
    n = len(q.items)
    if q.type == "ordering":
        choices = [(str(p), str(p)) for p in range(1, n + 1)]
        hidden = "Position of: "
    else:
        choices = [(str(c), escape(plain_text(name))) for c, name in enumerate(q.categories)]
        hidden = "Category of: "
    for i in order:
        iid = f"{qid}-{i}"
        opts = "".join(f'<option value="{v}">{t}</option>' for v, t in choices)
        control = f'<select id="{iid}" data-i="{i}"><option value="">Choose…</option>{opts}</select>'
        label = f' <label for="{iid}"><span class="mb-sr">{hidden}</span>{inline_html(q.items[i])}</label>'
        right = str(i + 1) if q.type == "ordering" else escape(plain_text(q.categories[q.item_categories[i]]))
        rows.append(_row("mb-item", i, control, label, f"correct: {right}" if show else ""))
    return f'<div class="mb-items">{"".join(rows)}</div>'


def _data(quiz: Quiz, q: Question, order: list[int]) -> dict[str, Any]:
    """What the script needs for one question; everything textual is already safe HTML."""
    feedback: dict[str, str] = {}
    if q.type in ("single", "multiple"):
        feedback = {str(i): inline_html(o.feedback) for i, o in enumerate(q.options) if o.feedback}
    elif q.type == "truefalse":
        feedback = {k: inline_html(v) for k, v in (("true", q.feedback_true), ("false", q.feedback_false)) if v}
    fill = correct_response(q)
    if q.type == "numeric":
        fill = _plain_number(q.answer)
    return {
        "id": q.id,
        "type": q.type,
        "order": order,
        "rules": rules(q),
        "say": SAY[q.type],
        "feedback": feedback,
        "explanation": _explanation_html(quiz, q),
        "answer": f'<div class="mb-ans">The answer: {_answer_html(q, order)}</div>',
        "fill": fill,
    }


def _explanation_html(quiz: Quiz, q: Question) -> str:
    cites = []
    for key in q.sources:
        s = quiz.sources.get(key)
        if s is None:
            cites.append(escape(key))
            continue
        who = escape(s.short()) + ", " if s.who else ""
        cites.append(who + link_html(f"<cite>{escape(s.title or key)}</cite>", s.url))
    return (
        f'<div class="mb-expl"><p>{inline_html(q.explanation)}</p>'
        f'<p class="mb-src">Source: {"; ".join(cites)}.</p></div>'
    )


def _answer_html(q: Question, order: list[int]) -> str:
    """The right answer in the reader's terms, for 'Show answer' and the instructor edition."""
    if q.type == "single":
        return inline_html(q.options[q.correct_options[0]].text)
    if q.type == "multiple":
        return "; ".join(inline_html(q.options[i].text) for i in order if q.options[i].correct)
    if q.type == "truefalse":
        return "True" if q.answer else "False"
    if q.type == "numeric":
        return escape(_number_text(q))
    if q.type == "ordering":
        return "<ol>" + "".join(f"<li>{inline_html(t)}</li>" for t in q.items) + "</ol>"
    return (
        "<ul>"
        + "".join(
            f"<li>{inline_html(q.items[i])}: <em>{inline_html(q.categories[q.item_categories[i]])}</em></li>"
            for i in order
        )
        + "</ul>"
    )


def _plain_number(x: float) -> str:
    """A number as a reader would type it: no exponent, no needless '.0' (the checker accepts this form)."""
    text = format(Decimal(repr(float(x))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _grouped(x: float) -> str:
    """1,250,000 for big numbers, but 2005 for a year."""
    x = float(f"{x:.12g}")  # 1250 - 50.000000001 noise from tolerance arithmetic
    plain = _plain_number(x)
    if abs(x) < 10000:
        return plain
    whole, _, frac = plain.lstrip("-").partition(".")
    return ("-" if plain.startswith("-") else "") + f"{int(whole):,}" + (f".{frac}" if frac else "")


def _number_text(q: Question) -> str:
    unit = f"{' ' if q.unit[:1].isalnum() else ''}{q.unit}" if q.unit else ""  # "312 mines", "0.1%"
    text = f"{_grouped(q.answer)}{unit}"
    if q.range:
        text += f" (anything from {_grouped(q.range[0])} to {_grouped(q.range[1])} counts)"
    elif q.tolerance:
        text += f" (anything from {_grouped(q.answer - q.tolerance)} to {_grouped(q.answer + q.tolerance)} counts)"
    return text
