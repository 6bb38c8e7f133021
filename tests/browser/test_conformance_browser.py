"""The checking rules, run from the conformance table against the static script in Chromium.

tests/unit/test_checking.py runs the same table against the Python checker, so a reader gets the same verdict
in a notebook (Python) and in the book (minebook/static/quiz.js).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from test_checking import CASES, case_id, conformance_quiz

from minebook.quiz.checking import check, parse_number, rules
from minebook.quiz.html import asset_js

pytestmark = pytest.mark.browser

# parseNumber cases beyond the table: what the two parsers must agree on, whatever it is.
PARSE_CASES: list[tuple[Any, str]] = [
    ("312", ""),
    (" 312 ", ""),
    ("+312", ""),
    ("-12.5", ""),
    ("312.", ""),
    (".5", ""),
    ("1,250", ""),
    ("1,250,000.75", ""),
    ("1 250", ""),
    ("1\u00a0250", ""),
    ("1\u202f250", ""),
    ("1\u2009250", ""),
    ("312 mines", "mines"),
    ("312 MINES", "mines"),
    ("312mines", "mines"),
    ("0.1%", "%"),
    ("312 km²", "km²"),
    ("", ""),
    ("three hundred", ""),
    ("3,12", ""),
    ("12,50", ""),
    ("1,2500", ""),
    ("0x138", ""),
    ("3e2", ""),
    ("Infinity", ""),
    ("nan", ""),
    ("312 rockets", "mines"),
    ("1_000", ""),
    ("1..2", ""),
    (True, ""),
    (None, ""),
    ([312], ""),
    (312, ""),
    ("\t312\n", ""),
    ("\ufeff312", ""),
    ("\x1c312\x1f", ""),
    ("\x85312", ""),
    ("\u0663\u0661\u0662", ""),  # Arabic-Indic digits: Python's \d and float() accept them
    ("\uff13\uff11\uff12", ""),  # full-width digits
    ("\U0001d7d1\U0001d7cf\U0001d7d0", ""),  # mathematical bold digits (outside the BMP)
    ("1\u00a0250 mines", "mines"),
    ("312 \U0001d40c", "\U0001d40c"),
]


@pytest.fixture(scope="module")
def script_page(browser: Browser) -> Page:
    """A blank page holding only quiz.js: nothing to load, nothing to leave the machine."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>checks</title>")
    page.add_script_tag(content=asset_js())
    yield page
    context.close()


def test_static_script_agrees_with_the_table(script_page: Page) -> None:
    questions = {q.id: q for q in conformance_quiz().questions}
    runs = [{"rules": rules(questions[c["q"]]), "response": c["response"]} for c in CASES]
    got = script_page.evaluate("runs => runs.map(r => MinebookQuiz.check(r.rules, r.response))", runs)
    mismatches = [
        f"{case_id(c)}: table says {c['status']} {c['right']}/{c['total']} {c.get('hint', '')!r}, script says "
        f"{g['status']} {g['right']}/{g['total']} {g.get('hint')!r}"
        for c, g in zip(CASES, got, strict=True)
        if (g["status"], g["right"], g["total"], g.get("hint")) != (c["status"], c["right"], c["total"], c.get("hint", ""))
    ]
    assert not mismatches, f"{len(mismatches)} of {len(CASES)} cases disagree:\n" + "\n".join(mismatches)


def test_static_script_agrees_with_python_on_every_right_answer(script_page: Page) -> None:
    """Show answer fills in the right answer; both checkers must call it correct."""
    from minebook.quiz.html import render_html

    quiz = conformance_quiz()
    script_page.set_content(render_html(quiz, inline_assets=True))
    data = script_page.evaluate("JSON.parse(document.querySelector('.mb-quiz-data').textContent)")
    for q, d in zip(quiz.questions, data["questions"], strict=True):
        assert check(q, d["fill"]).correct, q.id
        verdict = script_page.evaluate("d => MinebookQuiz.check(d.rules, d.fill)", d)
        assert verdict == check(q, d["fill"]).as_dict(), q.id


def test_static_number_reading_agrees_with_python(script_page: Page) -> None:
    got = script_page.evaluate(
        "cases => cases.map(([t, u]) => MinebookQuiz.parseNumber(t, u))", [list(c) for c in PARSE_CASES]
    )
    mismatches = [
        f"parse_number({text!r}, {unit!r}): Python {parse_number(text, unit)!r}, script {g!r}"
        for (text, unit), g in zip(PARSE_CASES, got, strict=True)
        if parse_number(text, unit) != g
    ]
    assert not mismatches, "\n".join(mismatches)
