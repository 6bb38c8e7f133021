"""The Ukrainian checking rules (tests/conformance/cases-uk.yml) against the page script in Chromium: a reader who
types 2,5 gets the verdict the Python checker gives (tests/unit/test_checking_uk.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from test_checking import case_id, conformance_quiz
from test_checking_uk import UK_CASES

from minebook.quiz.checking import parse_number, rules
from minebook.quiz.html import asset_js

pytestmark = pytest.mark.browser

COMMA_PARSE = ["2,5", "12 000", "12\u00a0000,5", "1,500", "1.5", ",5", "1 250 мін", "1,2,3", "1 25", "3e2", "٣,١"]


@pytest.fixture(scope="module")
def script_page(browser: Browser) -> Page:
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>checks</title>")
    page.add_script_tag(content=asset_js())
    yield page
    context.close()


def test_static_script_agrees_with_the_ukrainian_table(script_page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    questions = {q.id: q for q in conformance_quiz().questions}
    runs = [{"rules": rules(questions[c["q"]]), "response": c["response"]} for c in UK_CASES]
    got = script_page.evaluate("runs => runs.map(r => MinebookQuiz.check(r.rules, r.response))", runs)
    mismatches = [f"{case_id(c)}: table says {c['status']} {c.get('hint', '')!r}, script says {g['status']} {g.get('hint')!r}"
                  for c, g in zip(UK_CASES, got, strict=True)
                  if (g["status"], g["right"], g["total"], g.get("hint")) != (c["status"], c["right"], c["total"], c.get("hint", ""))]
    assert not mismatches, "\n".join(mismatches)


def test_static_comma_reading_agrees_with_python(script_page: Page) -> None:
    got = script_page.evaluate("cases => cases.map(t => MinebookQuiz.parseNumber(t, 'мін', true))", COMMA_PARSE)
    assert got == [parse_number(t, "мін", comma=True) for t in COMMA_PARSE]
