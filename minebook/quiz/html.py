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
from .markdown import classroom_intro
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
    "multiple": {"incomplete": "Tick at least one answer first.",
                 "incorrect": "Not quite: at least one option is ticked that should not be, or one that applies is not."},
    "numeric": {
        "incomplete": "Type a number first.",
        "invalid": "Type a number such as 1,250.",
        "high": "Not quite: your number is too high. Look at the chapter again.",
        "low": "Not quite: your number is too low. Look at the chapter again.",
    },
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
# What each form says under the quiz's title about how it works.
HOW = {
    "check": "Check each answer here in your browser; a wrong answer gets a hint, the explanation comes once you "
    "have it right or ask to see the answer. Your answers stay on this device. The answers are in the page's "
    "source: this is a self-check, not an exam.",
    "blank": "Answer on your own or with a partner. This edition of the book does not check answers: your teacher "
    "will go through them with the class. What you enter stays in this browser on this device until you clear it, "
    "and prints with the page.",
}


@cache
def _asset(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def asset_js(blank: bool = False) -> str:
    """The quiz script (or, for the student form, the script that only keeps entries), for front ends that want
    it once per page rather than inline."""
    return _asset("form.js" if blank else "quiz.js")


def asset_css() -> str:
    """The quiz style sheet."""
    return _asset("quiz.css")


def render_html(quiz: Quiz, *, inline_assets: bool = True, show_answers: bool = False, blank: bool = False) -> str:
    """The quiz as one self-contained HTML fragment.

    inline_assets: append quiz.css and quiz.js (marked ``data-mb-asset``) so the fragment works on its own;
    a page holding several quizzes may strip those and load the two files once.
    show_answers: the instructor edition; right answers are marked in the markup and explanations shown.
    blank: the student edition; a form to fill in that carries no answer, no rule and no explanation. Its
    markup (values, ids, order) is made from the visible texts alone, so it is the same whichever answer is
    right: the script only keeps what the student typed.
    """
    if blank and show_answers:
        raise ValueError("a blank form shows no answers")
    base = "mb-" + re.sub(r"[^A-Za-z0-9_-]", "-", quiz.id)
    label = plain_text(quiz.title)
    label = label if label.lower().startswith(("quiz", "check your")) else f"Quiz: {label}"
    mode = "blank" if blank else "check"
    classes = "mb-quiz mb-form" if blank else "mb-quiz"
    parts = [
        f'<section class="{classes}" data-quiz-id="{escape(quiz.id)}" id="{base}"'
        f'{" data-answers" if show_answers else ""} aria-label="{escape(label)}">',
        f'<h2 class="mb-quiz-title">{inline_html(quiz.title)}</h2>',
    ]
    intro = classroom_intro(quiz.intro)
    if intro:
        parts.append(f'<p class="mb-intro">{inline_html(intro)}</p>')
    parts.append(f'<p class="mb-how">{HOW[mode]}</p>')
    if blank:  # a printed or saved copy handed in says whose it is
        parts.append(f'<p class="mb-who"><label>Name <input type="text" id="{base}-name" autocomplete="off"></label> '
                     f'<label>Class <input type="text" id="{base}-class" autocomplete="off" size="8"></label></p>')
    data = []
    for number, q in enumerate(quiz.questions, 1):
        order, keys = quiz.display_order(q), quiz.keys(q)
        qid = f"{base}-{q.id}"
        parts.append(_question(quiz, q, number, order, keys, qid, show_answers, blank))
        if not blank:
            data.append(_data(quiz, q, keys))
    n = len(quiz.questions)
    if blank:
        parts.append(
            '<div class="mb-quiz-foot">' + _reset("Clear my answers") + "</div>"
        )
    else:
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
        parts.append(
            f'<div class="mb-quiz-foot"><p class="mb-score" aria-live="polite">0 of {n} answered</p>'
            + _reset("Reset quiz") + "</div>"
        )
        parts.append(
            f'<script type="application/json" class="mb-quiz-data">{_json({"id": quiz.id, "hash": digest, "questions": data})}</script>'
        )
    parts.append("</section>")
    if inline_assets:
        parts.append(f"<style {ASSET_ATTR}>{asset_css()}</style>")
        parts.append(f"<script {ASSET_ATTR}>{asset_js(blank)}</script>")
    return "\n".join(parts) + "\n"


def _reset(label: str) -> str:
    """A reset that asks first (a native disclosure: keyboard and screen readers know it), so one slip of the
    finger cannot wipe a student's work."""
    return (
        f'<details class="mb-reset"><summary class="mb-btn">{label}</summary> '
        f'<span>Clear every answer in this quiz? (To keep them, press "{label}" again.)</span> '
        '<button type="button" class="mb-btn" data-act="reset">Yes, clear them</button></details>'
    )


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


def _question(quiz: Quiz, q: Question, number: int, order: list[int], keys: list[str], qid: str, show: bool,
              blank: bool) -> str:
    body = _inputs(q, order, keys, qid, show)
    hint = HINTS.get(q.type)
    out = [
        f'<fieldset class="mb-q" data-qid="{escape(q.id)}" data-type="{q.type}" id="{qid}">',
        f'<legend><span class="mb-qnum">{number}.</span> {inline_html(q.prompt)}</legend>',
    ]
    if hint:
        out.append(f'<p class="mb-hint">{hint}</p>')
    out.append(body)
    if not blank:
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


def _row(cls: str, key: str, control: str, label: str, answer: str = "") -> str:
    """One option or item: its control, its label, the instructor's answer mark if any, and a slot where the
    script writes 'Right'/'Not right' after a check."""
    mark = f' <span class="mb-correct">({answer})</span>' if answer else ""
    return f'<div class="{cls}" data-k="{key}">{control}{label}{mark}<span class="mb-mark"></span></div>'


def _inputs(q: Question, order: list[int], keys: list[str], qid: str, show: bool) -> str:
    """The controls. Values and ids are the options' keys (made from their texts), never their place in the file."""
    rows: list[str] = []
    if q.type in ("single", "multiple", "truefalse"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        if q.type == "truefalse":
            choices = [("true", "True", q.answer is True), ("false", "False", q.answer is False)]
        else:
            choices = [(keys[i], inline_html(q.options[i].text), q.options[i].correct) for i in order]
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
        iid = f"{qid}-{keys[i]}"
        opts = "".join(f'<option value="{v}">{t}</option>' for v, t in choices)
        control = f'<select id="{iid}"><option value="">Choose…</option>{opts}</select>'
        label = f' <label for="{iid}"><span class="mb-sr">{hidden}</span>{inline_html(q.items[i])}</label>'
        right = str(i + 1) if q.type == "ordering" else escape(plain_text(q.categories[q.item_categories[i]]))
        rows.append(_row("mb-item", keys[i], control, label, f"correct: {right}" if show else ""))
    return f'<div class="mb-items">{"".join(rows)}</div>'


def _data(quiz: Quiz, q: Question, keys: list[str]) -> dict[str, Any]:
    """What the script needs for one question; everything textual is already safe HTML.

    `keys` maps the inputs (named by key) to the file order the rules use.
    """
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
        "keys": keys,
        "rules": rules(q),
        "say": SAY[q.type],
        "feedback": feedback,
        "explanation": _explanation_html(quiz, q),
        "answer": f'<div class="mb-ans">The answer: {_answer_html(q, quiz.display_order(q))}</div>',
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
