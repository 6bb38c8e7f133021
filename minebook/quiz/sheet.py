"""Answer-free and answer-key forms of a quiz for the classroom: the student edition's in-page form, and the
printable worksheet (with or without its key).

Why a separate renderer: the self-checking HTML (`html.py`) must carry the rules its script checks against,
so it always holds the answers. These forms are built from the questions alone, so an answer can only
appear when `answers=True` is asked for.
"""

from __future__ import annotations

import re
from html import escape

from .markdown import answer_text
from .model import Question, Quiz
from .safe_markdown import inline_html, link_html

STUDENT_NOTE = (
    "Answer on your own or with a partner. This edition of the book does not check answers: "
    "your teacher will go through them with the class."
)
HINTS = {
    "multiple": "Tick every answer that applies.",
    "ordering": "Number them in order (1 = first).",
    "classify": "Write the category beside each statement.",
}


SELF_CHECK = re.compile(r"checked in your browser|page source|self-check", re.IGNORECASE)


def classroom_intro(intro: str) -> str:
    """The quiz intro without its sentences about checking answers in the browser, which are untrue on paper
    and in the student edition (quiz files write them for the self-checking book)."""
    sentences = re.split(r"(?<=[.!?])\s+", intro.strip())
    return " ".join(s for s in sentences if s and not SELF_CHECK.search(s))


def _base(quiz: Quiz) -> str:
    return "mb-sheet-" + re.sub(r"[^A-Za-z0-9_-]", "-", quiz.id)


def render_student_html(quiz: Quiz) -> str:
    """The quiz as a plain form for the student edition: native inputs with labels, no script, no answers.

    It deliberately does not use the `mb-quiz` class, so the checking script is not loaded on the page.
    """
    base = _base(quiz)
    parts = [
        f'<section class="mb-sheet" data-quiz-id="{escape(quiz.id)}" aria-labelledby="{base}-title">',
        f'<h2 class="mb-sheet-title" id="{base}-title">{inline_html(quiz.title)}</h2>',
    ]
    if classroom_intro(quiz.intro):
        parts.append(f"<p>{inline_html(classroom_intro(quiz.intro))}</p>")
    parts.append(f'<p class="mb-sheet-note"><em>{STUDENT_NOTE}</em></p>')
    for number, q in enumerate(quiz.questions, 1):
        qid = f"{base}-{q.id}"
        parts.append(f'<fieldset class="mb-sheet-q" id="{qid}"><legend><strong>{number}.</strong> {inline_html(q.prompt)}</legend>')
        if q.type in HINTS:
            parts.append(f"<p><em>{HINTS[q.type]}</em></p>")
        parts.append(_student_inputs(quiz, q, qid))
        parts.append("</fieldset>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def _student_inputs(quiz: Quiz, q: Question, qid: str) -> str:
    order = quiz.display_order(q)
    rows: list[str] = []
    if q.type in ("single", "multiple", "truefalse"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        choices = [("true", "True"), ("false", "False")] if q.type == "truefalse" else [(str(i), inline_html(q.options[i].text)) for i in order]
        for value, text in choices:
            iid = f"{qid}-{value}"
            rows.append(f'<div><input type="{kind}" name="{qid}" id="{iid}" value="{value}"> <label for="{iid}">{text}</label></div>')
        return "".join(rows)
    if q.type == "numeric":
        unit = f" {escape(q.unit)}" if q.unit else ""
        return (f'<div><label for="{qid}-n">Your answer</label> '
                f'<input type="text" inputmode="decimal" autocomplete="off" id="{qid}-n">{unit}</div>')
    if q.type == "ordering":
        choices = [str(p) for p in range(1, len(q.items) + 1)]
    else:
        choices = [escape(c) for c in q.categories]
    for i in order:
        iid = f"{qid}-{i}"
        opts = "".join(f"<option>{c}</option>" for c in choices)
        rows.append(f'<div><select id="{iid}"><option value="">Choose…</option>{opts}</select> '
                    f'<label for="{iid}">{inline_html(q.items[i])}</label></div>')
    return "".join(rows)


# ---- printable worksheets and answer keys --------------------------------------------------------------------

PRINT_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; max-width: 46rem;
       margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.meta { display: flex; gap: 2rem; margin: .5rem 0 1rem; } .meta span { flex: 1; border-bottom: 1px solid #111; }
.q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1rem; }
.q > p.prompt { font-weight: 600; margin: 0 0 .35rem; }
ul.opts { list-style: none; padding-left: 1rem; margin: .25rem 0; } ul.opts li { margin: .15rem 0; }
.box { display: inline-block; width: .9em; height: .9em; border: 1.5px solid #111; margin-right: .5em;
       vertical-align: -.1em; text-align: center; line-height: .8em; font-weight: 700; }
.circle { border-radius: 50%; }
.blank { display: inline-block; min-width: 7em; border-bottom: 1px solid #111; margin-right: .4em; text-align: center; }
.hint { font-style: italic; margin: 0 0 .25rem; }
.key { margin: .35rem 0 0 1rem; padding-left: .6rem; border-left: 3px solid #555; }
.key p { margin: .2rem 0; }
.right { font-weight: 700; }
.credit { margin-top: 2rem; font-size: 9pt; color: #444; border-top: 1px solid #999; padding-top: .4rem; }
@page { margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def worksheet_body(quiz: Quiz, *, answers: bool, heading: str = "h2") -> str:
    """One quiz as printable HTML: boxes and blank lines to write on; with `answers`, the key under each question."""
    out = [f"<{heading}>{inline_html(quiz.title)}</{heading}>"]
    if classroom_intro(quiz.intro):
        out.append(f"<p>{inline_html(classroom_intro(quiz.intro))}</p>")
    for n, q in enumerate(quiz.questions, 1):
        out.append(f'<div class="q" id="q-{escape(q.id)}"><p class="prompt">{n}. {inline_html(q.prompt)}</p>')
        if q.type in HINTS:
            out.append(f'<p class="hint">{HINTS[q.type]}</p>')
        out.append(_sheet_inputs(quiz, q, answers))
        if answers:
            out.append(_key_html(quiz, q))
        out.append("</div>")
    return "\n".join(out)


def _sheet_inputs(quiz: Quiz, q: Question, answers: bool) -> str:
    order = quiz.display_order(q)
    if q.type in ("single", "multiple", "truefalse"):
        shape = "box" if q.type == "multiple" else "box circle"
        if q.type == "truefalse":
            rows = [("True", q.answer is True), ("False", q.answer is False)]
        else:
            rows = [(inline_html(q.options[i].text), q.options[i].correct) for i in order]
        items = []
        for text, right in rows:
            mark = "✓" if answers and right else ""
            cls = ' class="right"' if answers and right else ""
            items.append(f'<li{cls}><span class="{shape}" aria-hidden="true">{mark}</span>{text}</li>')
        return f'<ul class="opts">{"".join(items)}</ul>'
    if q.type == "numeric":
        unit = f" {escape(q.unit)}" if q.unit else ""
        return f'<p>Answer: <span class="blank">&nbsp;</span>{unit}</p>'
    rows_html = []
    for i in order:
        if answers:
            fill = str(i + 1) if q.type == "ordering" else escape(q.categories[q.item_categories[i]])
        else:
            fill = "&nbsp;"
        rows_html.append(f'<li><span class="blank">{fill}</span>{inline_html(q.items[i])}</li>')
    cats = f'<p class="hint">Categories: {", ".join(inline_html(c) for c in q.categories)}</p>' if q.type == "classify" else ""
    return f'{cats}<ul class="opts">{"".join(rows_html)}</ul>'


def _key_html(quiz: Quiz, q: Question) -> str:
    cites = []
    for key in q.sources:
        s = quiz.sources.get(key)
        cites.append(escape(key) if s is None else link_html(f"<cite>{escape(s.title or key)}</cite>", s.url))
    note = f"<p><strong>Instructor note:</strong> {inline_html(q.instructor_note)}</p>" if q.instructor_note else ""
    return (
        f'<div class="key"><p><strong>Answer:</strong> {inline_html(answer_text(q))}</p>'
        f"<p><strong>Why:</strong> {inline_html(q.explanation)}</p>"
        f'<p><strong>Source:</strong> {"; ".join(cites)}.</p>{note}</div>'
    )


def standalone_page(title: str, body: str, *, credit: str) -> str:
    """A self-contained HTML page (no script, no request to any host) that prints cleanly."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PRINT_CSS}</style></head>\n<body>\n{body}\n"
        f'<p class="credit">{credit}</p>\n</body></html>\n'
    )
