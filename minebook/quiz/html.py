"""The static form of a quiz: server-rendered HTML that works as a form without script, and checks answers
in the browser with minebook/static/quiz.js (which only adds behaviour).

The markup is the same in the book, in JupyterLab's HTML view and in any front end that renders HTML.
Output is deterministic (no random ids, no timestamps): two builds of the same quiz give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from minebook.core.language import N_, SOURCE_LANGUAGE, current_language, ui, ui_n

from . import words
from .checking import rules
from .formatting import cite_html
from .kinds import KINDS
from .markdown import classroom_intro
from .model import Question, Quiz
from .safe_markdown import inline_html, plain_text

__all__ = ["ASSET_ATTR", "asset_css", "asset_js", "render_html"]

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSET_ATTR = "data-mb-asset"  # marks the inline <style>/<script> copies a page may strip and load once instead
# What each form says under the quiz's title about how it works (in English; shown through ui()).
HOW = {
    "check": N_("Check each answer here in your browser; a wrong answer gets a hint, the explanation comes once you "
                "have it right or ask to see the answer. Your answers stay on this device. The answers are in the page's "
                "source: this is a self-check, not an exam."),
    "blank": N_("Answer on your own or with a partner. This edition of the book does not check answers: your teacher "
                "will go through them with the class. What you enter stays in this browser on this device until you clear it, "
                "and prints with the page."),
}


def said(qtype: str) -> dict[str, str]:
    """What the page (and the notebook widget) says for each status of a kind, in the book's language
    ({right} and {total} are filled in when the answer is judged)."""
    return KINDS[qtype].said()


def hint(qtype: str) -> str:
    """How to answer a kind on screen, under its prompt ('' when it needs no saying)."""
    text = KINDS[qtype].screen_hint
    return ui(text) if text else ""


def script_words(n: int) -> dict[str, Any]:
    """Every word the page script writes, in the book's language (quiz.js holds none): the marks of a checked
    choice, what 'Show answer' says, and the score line for each number of questions answered (0 to n), each
    in the plural form the language uses for that number."""
    return {
        "right": ui("Right"),
        "wrong": ui("Not right"),
        "shown": ui("Answer shown."),
        "none": ui_n("0 of {total} answered", "0 of {total} answered", n).format(total=n),
        "score": [ui_n("Score: {right} of {total} ({done} answered)", "Score: {right} of {total} ({done} answered)",
                       done).replace("{total}", str(n)).replace("{done}", str(done)) for done in range(n + 1)],
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
    # Translators: how a quiz title may begin that needs no "Quiz:" before it, lower case
    starts = ("quiz", "check your", ui("quiz").lower(), ui("check your").lower())
    label = label if label.lower().startswith(starts) else ui("Quiz: {title}").format(title=label)
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
    parts.append(f'<p class="mb-how">{ui(HOW[mode])}</p>')
    if blank:  # a printed or saved copy handed in says whose it is
        parts.append(f'<p class="mb-who"><label>{ui(words.NAME)} <input type="text" id="{base}-name" autocomplete="off"></label> '
                     f'<label>{ui(words.CLASS)} <input type="text" id="{base}-class" autocomplete="off" size="8"></label></p>')
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
            '<div class="mb-quiz-foot">' + _reset(ui("Clear my answers")) + "</div>"
        )
    else:
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
        said_words = script_words(n)
        parts.append(
            f'<div class="mb-quiz-foot"><p class="mb-score" aria-live="polite">{escape(said_words["none"])}</p>'
            + _reset(ui("Reset quiz")) + "</div>"
        )
        payload = {"id": quiz.id, "hash": digest, "questions": data, "words": said_words}
        # quiz.js saves a translation's answers under their own key: a reader who switches language loses neither
        if current_language() != SOURCE_LANGUAGE:
            payload["lang"] = current_language()
        parts.append(f'<script type="application/json" class="mb-quiz-data">{_json(payload)}</script>')
    parts.append("</section>")
    if inline_assets:
        parts.append(f"<style {ASSET_ATTR}>{asset_css()}</style>")
        parts.append(f"<script {ASSET_ATTR}>{asset_js(blank)}</script>")
    return "\n".join(parts) + "\n"


def _reset(label: str) -> str:
    """A reset that asks first (a native disclosure: keyboard and screen readers know it), so one slip of the
    finger cannot wipe a student's work."""
    ask = ui('Clear every answer in this quiz? (To keep them, press "{label}" again.)').format(label=label)
    return (
        f'<details class="mb-reset"><summary class="mb-btn">{label}</summary> '
        f'<span>{ask}</span> '
        f'<button type="button" class="mb-btn" data-act="reset">{ui(words.CLEAR_YES)}</button></details>'
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
    body = q.kind.inputs_html(q, order, keys, qid, show)
    how = hint(q.type)
    out = [
        f'<fieldset class="mb-q" data-qid="{escape(q.id)}" data-type="{q.type}" id="{qid}">',
        f'<legend><span class="mb-qnum">{number}.</span> {inline_html(q.prompt)}</legend>',
    ]
    if how:
        out.append(f'<p class="mb-hint">{how}</p>')
    out.append(body)
    if not blank:
        out.append(
            '<div class="mb-actions">'
            f'<button type="button" class="mb-btn" data-act="check">{ui("Check")}</button> '
            f'<button type="button" class="mb-btn" data-act="show">{ui("Show answer")}</button> '
            f'<button type="button" class="mb-btn" data-act="retry">{ui("Try again")}</button></div>'
        )
        out.append(f'<div class="mb-feedback" id="{qid}-fb" role="status" aria-live="polite"></div>')
    if show:
        out.append(
            f'<div class="mb-key"><div><strong>{ui(words.ANSWER)}</strong> {q.kind.answer_html(q, order)}</div>{_explanation_html(quiz, q)}'
        )
        if q.instructor_note:
            out.append(f'<p class="mb-note"><strong>{ui(words.NOTE)}</strong> {inline_html(q.instructor_note)}</p>')
        out.append("</div>")
    out.append("</fieldset>")
    return "\n".join(out)


def _data(quiz: Quiz, q: Question, keys: list[str]) -> dict[str, Any]:
    """What the script needs for one question; everything textual is already safe HTML.

    `keys` maps the inputs (named by key) to the file order the rules use.
    """
    return {
        "id": q.id,
        "type": q.type,
        "keys": keys,
        "rules": rules(q),
        "say": said(q.type),
        "feedback": {k: inline_html(v) for k, v in q.kind.feedback(q).items()},
        "explanation": _explanation_html(quiz, q),
        "answer": f'<div class="mb-ans">{ui(words.THE_ANSWER)} {q.kind.answer_html(q, quiz.display_order(q))}</div>',
        "fill": q.kind.fill(q),
    }


def _explanation_html(quiz: Quiz, q: Question) -> str:
    cites = [cite_html(quiz.sources, key) for key in q.sources]
    return (
        f'<div class="mb-expl"><p>{inline_html(q.explanation)}</p>'
        f'<p class="mb-src">{ui(words.SOURCE)} {"; ".join(cites)}.</p></div>'
    )
