"""The checking rules of the Ukrainian book (decimal comma, space thousands), from tests/conformance/cases-uk.yml,
against the Python checker; tests/browser/test_conformance_browser_uk.py runs the same table in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from test_checking import case_id, conformance_quiz

from minebook.quiz.checking import check, parse_number, rules

UK_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "conformance" / "cases-uk.yml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", UK_CASES, ids=[case_id(c) for c in UK_CASES])
def test_python_checker_agrees_with_the_ukrainian_table(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    questions = {q.id: q for q in conformance_quiz().questions}
    verdict = check(questions[case["q"]], case["response"])
    expected = {"status": case["status"], "right": case["right"], "total": case["total"], "hint": case.get("hint", "")}
    assert verdict.as_dict() == expected


def test_the_page_script_is_told_to_read_a_comma_only_in_ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    numeric = [q for q in conformance_quiz().questions if q.type == "numeric"]
    assert all(rules(q)["comma"] is True for q in numeric)
    monkeypatch.setenv("MINEBOOK_LANG", "en")
    assert all("comma" not in rules(q) for q in conformance_quiz().questions)


def test_english_still_reads_a_comma_as_thousands() -> None:
    assert parse_number("1,500") == 1500 and parse_number("2,5") is None
    assert parse_number("1,500", comma=True) == 1.5 and parse_number("12 000,5", comma=True) == 12000.5
