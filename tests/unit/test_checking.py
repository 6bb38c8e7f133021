"""The checking rules, run from the conformance table against the Python checker.

The same table runs in Chromium against the static script (tests/browser/test_conformance_browser.py):
a reader gets the same verdict in a notebook and in the book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from minebook.content.bib import Source
from minebook.content.quizzes import load_quiz
from minebook.quiz.checking import check, correct_response, parse_number
from minebook.quiz.model import Quiz

CONFORMANCE = Path(__file__).resolve().parents[1] / "conformance"


def conformance_quiz() -> Quiz:
    """The questions the table refers to, with the one source they cite."""
    source = Source("conformance", "t", "w", "2026", "", "")
    return load_quiz(CONFORMANCE / "questions.quiz.yml", {"conformance": source})


def conformance_cases() -> list[dict[str, Any]]:
    return yaml.safe_load((CONFORMANCE / "cases.yml").read_text(encoding="utf-8"))["cases"]


def case_id(case: dict[str, Any]) -> str:
    return f"{case['q']}-{case['response']!r}"


CASES = conformance_cases()


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_python_checker_agrees_with_the_table(case: dict[str, Any]) -> None:
    questions = {q.id: q for q in conformance_quiz().questions}
    verdict = check(questions[case["q"]], case["response"])
    expected = {"status": case["status"], "right": case["right"], "total": case["total"], "hint": case.get("hint", "")}
    assert verdict.as_dict() == expected


def test_table_covers_every_question_and_every_status() -> None:
    questions = {q.id for q in conformance_quiz().questions}
    assert {c["q"] for c in CASES} == questions
    for qtype in ("numeric", "ordering", "classify"):
        ids = {q.id for q in conformance_quiz().questions if q.type == qtype}
        assert {c["status"] for c in CASES if c["q"] in ids} == {"correct", "incorrect", "incomplete", "invalid"}


def test_every_registered_kind_has_conformance_cases() -> None:
    """A kind plugged in without cases would be judged by Python and the page script with nothing to say that
    they agree: every registered kind needs questions in questions.quiz.yml and a right and a wrong case."""
    from minebook.quiz.kinds import KINDS

    by_kind: dict[str, set[str]] = {}
    for q in conformance_quiz().questions:
        by_kind.setdefault(q.type, set()).update(c["status"] for c in CASES if c["q"] == q.id)
    missing = [name for name in KINDS if not {"correct", "incorrect", "incomplete"} <= by_kind.get(name, set())]
    assert not missing, f"kinds without conformance cases (correct, incorrect, incomplete) in {CONFORMANCE}: {missing}"


def test_every_registered_kind_has_its_block_in_the_page_script() -> None:
    """Each kind judges in quiz.js in one marked place: its entry in the K table."""
    from minebook.quiz.html import asset_js
    from minebook.quiz.kinds import KINDS

    script = asset_js()
    table = script[script.index("const K = {"):script.index("const check = ")]
    assert [name for name in KINDS if f"\n  {name}" not in table] == []


def test_the_right_answer_is_judged_correct_for_every_question() -> None:
    for q in conformance_quiz().questions:
        assert check(q, _as_typed(correct_response(q))).correct, q.id


def _as_typed(response: Any) -> Any:
    """A numeric answer reaches the checker as text, as a reader types it."""
    return f"{response:g}" if isinstance(response, float) else response


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("312", "", 312.0),
        ("  312  ", "", 312.0),
        ("+312", "", 312.0),
        ("-12.5", "", -12.5),
        ("312.", "", 312.0),
        (".5", "", 0.5),
        ("1,250", "", 1250.0),
        ("1,250,000.75", "", 1250000.75),
        ("1 250", "", 1250.0),
        ("1\u00a0250", "", 1250.0),  # no-break space, as some keyboards and copy-paste give
        ("1\u202f250", "", 1250.0),  # narrow no-break space (French, Ukrainian typography)
        ("1\u2009250", "", 1250.0),  # thin space
        ("312 mines", "mines", 312.0),
        ("312 MINES", "mines", 312.0),
        ("312mines", "mines", 312.0),
        ("0.1%", "%", 0.1),
        ("312 km²", "km²", 312.0),
        (312, "", 312.0),
        (0.5, "", 0.5),
    ],
)
def test_parse_number_reads_what_readers_type(text: Any, unit: str, expected: float) -> None:
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("", ""),
        ("three hundred", ""),
        ("3,12", ""),  # a decimal comma is ambiguous: refused, not guessed
        ("12,50", ""),
        ("1,2500", ""),
        ("1 2500", ""),
        ("0x138", ""),
        ("3e2", ""),
        ("Infinity", ""),
        ("nan", ""),
        ("312 rockets", "mines"),
        ("mines", "mines"),
        ("1_000", ""),
        ("1..2", ""),
        (True, ""),
        (None, ""),
        ([312], ""),
        (float("inf"), ""),
        (float("nan"), ""),
    ],
)
def test_parse_number_refuses_what_it_cannot_read_for_sure(text: Any, unit: str) -> None:
    assert parse_number(text, unit) is None
