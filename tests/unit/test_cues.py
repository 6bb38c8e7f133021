"""`minebook check` warns about quizzes a student could answer without reading: the longest option right in most
questions, the right option usually in one place, 'all of the above'. The book's own quizzes give no warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_quiz_html import make_quiz

from minebook.content.quizzes import load_quiz
from minebook.quiz.cues import check_cues, cue_warnings, longest_is_right, place_warning
from minebook.quiz.model import Quiz

ROOT = Path(__file__).resolve().parents[2]


def single(qid: str, right: str, *wrong: str) -> dict[str, Any]:
    options = [{"text": right, "correct": True}, *({"text": w} for w in wrong)]
    return {"id": qid, "type": "single", "prompt": "Which?", "source": "src", "explanation": "Because.", "options": options}


def quiz_of(tmp_path: Path, name: str, *questions: dict[str, Any]) -> Any:
    return make_quiz(tmp_path, name, {"title": "Cues", "questions": json.loads(json.dumps(list(questions)))})


def test_longest_right_option_in_most_questions_is_reported(tmp_path: Path) -> None:
    quiz = quiz_of(tmp_path, "long",
                   single("a", "The long and careful right answer", "Short", "Also short"),
                   single("b", "Another long, qualified right answer", "No", "Maybe"),
                   single("c", "Tiny", "A wrong option that is longer"))
    assert longest_is_right(quiz) == ["a", "b"]
    (warning,) = cue_warnings(quiz)
    assert "2 of 3 single-choice questions" in str(warning) and "longest in: a, b" in str(warning)


def test_right_option_longest_in_half_or_fewer_is_fine(tmp_path: Path) -> None:
    quiz = quiz_of(tmp_path, "fair",
                   single("a", "The long and careful right answer", "Short"),
                   single("b", "Tiny", "A wrong option that is longer"))
    assert cue_warnings(quiz) == []


def test_all_of_the_above_is_reported(tmp_path: Path) -> None:
    quiz = quiz_of(tmp_path, "above", single("a", "All of the above", "One thing", "Another thing"),
                   single("b", "x", "yy"), single("c", "x", "yy"))
    assert any("All of the above" in str(w) for w in cue_warnings(quiz))


def test_same_place_in_most_questions_of_the_book_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = quiz_of(tmp_path, "place", *(single(f"q{i}", f"right {i}", f"wrong {i}", f"other {i}") for i in range(8)))
    monkeypatch.setattr(Quiz, "display_order", lambda self, q: [0, 1, 2])  # the right option always first
    (warning,) = place_warning([quiz], tmp_path)
    assert "shown as option 1 in 8 of them" in str(warning)
    monkeypatch.setattr(Quiz, "display_order", lambda self, q: [0, 1, 2] if q.id < "q4" else [1, 2, 0])  # half
    assert place_warning([quiz], tmp_path) == []


def test_the_books_quizzes_give_no_cue_warning() -> None:
    warnings = check_cues(ROOT / "chapters", load_quiz)
    assert warnings == [], "\n".join(map(str, warnings))


def test_feedback_or_explanation_that_repeats_the_verdict_is_reported(tmp_path: Path) -> None:
    """The quiz says "Correct." itself: "Correct. Because..." would be read twice (seen in every chapter)."""
    said_twice = single("a", "Right one", "Wrong one", "Other")
    said_twice["explanation"] = "Correct. Because the text says so."
    said_twice["options"][0]["feedback"] = "Right. The text says so."
    fine = single("b", "x", "yy", "zz")
    fine["explanation"] = "Rightly or not, the text says so."
    warnings = [str(w) for w in cue_warnings(quiz_of(tmp_path, "verdict", said_twice, fine))]
    assert len(warnings) == 2, warnings
    assert any("question 'a'" in w and "explanation" in w and "'Correct.'" in w for w in warnings)
    assert any("feedback (0)" in w and "'Right.'" in w for w in warnings)
