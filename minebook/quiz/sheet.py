"""The printable worksheet of a quiz, with or without its answer key.

Why a separate renderer from `html.py`: a worksheet is paper (boxes and blank lines, no script), and it is built
from the questions alone, so an answer can only appear when `answers=True` is asked for. The student edition's
in-page form is `html.render_html(blank=True)`, which looks like the book's quizzes.
"""

from __future__ import annotations

from html import escape

from minebook.core.language import babel_locale, ui

from . import words
from .formatting import cite_html
from .kinds import KINDS
from .markdown import answer_text, classroom_intro
from .model import Question, Quiz
from .safe_markdown import inline_html


def paper_hint(qtype: str) -> str:
    """How to answer a kind on paper, in the book's language ('' when it needs no saying)."""
    text = KINDS[qtype].paper_hint
    return ui(text) if text else ""


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
        if paper_hint(q.type):
            out.append(f'<p class="hint">{paper_hint(q.type)}</p>')
        out.append(_sheet_inputs(quiz, q, answers))
        if answers:
            out.append(_key_html(quiz, q))
        out.append("</div>")
    return "\n".join(out)


def _sheet_inputs(quiz: Quiz, q: Question, answers: bool) -> str:
    return q.kind.sheet_html(q, quiz.display_order(q), answers)


def _key_html(quiz: Quiz, q: Question) -> str:
    cites = [cite_html(quiz.sources, key, who=False) for key in q.sources]  # as the Markdown key names them
    note = f"<p><strong>{ui(words.NOTE)}</strong> {inline_html(q.instructor_note)}</p>" if q.instructor_note else ""
    return (
        f'<div class="key"><p><strong>{ui(words.ANSWER)}</strong> {inline_html(answer_text(q))}</p>'
        f"<p><strong>{ui(words.WHY)}</strong> {inline_html(q.explanation)}</p>"
        f'<p><strong>{ui(words.SOURCE)}</strong> {"; ".join(cites)}.</p>{note}</div>'
    )


def standalone_page(title: str, body: str, *, credit: str) -> str:
    """A self-contained HTML page (no script, no request to any host) that prints cleanly."""
    return (
        f'<!DOCTYPE html>\n<html lang="{babel_locale()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PRINT_CSS}</style></head>\n<body>\n{body}\n"
        f'<p class="credit">{credit}</p>\n</body></html>\n'
    )
