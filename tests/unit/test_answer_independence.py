"""Nothing a student sees depends on which answer is right: not the order of options, not an input's value or
id, not a data attribute. Proved on the renderers (every question type, every other right answer), for the
book's own quizzes and for one quiz of every type; the built student edition is checked against the same
renderers in tests/build/test_instructor_editions.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from leakcheck import answer_variants, structure_leaks
from test_quiz_html import EVERY_TYPE, make_quiz

from minebook.content.quizzes import load_quiz
from minebook.quiz import model
from minebook.quiz.html import render_html
from minebook.quiz.model import Quiz

ROOT = Path(__file__).resolve().parents[2]
BOOK_QUIZZES = sorted(p.name.removesuffix(".quiz.yml") for p in (ROOT / "chapters").glob("*.quiz.yml"))


@pytest.fixture
def every_type(tmp_path: Path) -> Quiz:
    return make_quiz(tmp_path, "every-type", EVERY_TYPE)


def test_variants_cover_every_question_type_and_every_other_answer(every_type: Quiz) -> None:
    """The proof is only as good as its variants: each question gets several, each with another right answer."""
    names = [what for what, _ in answer_variants(every_type)]
    for q in every_type.questions:
        assert sum(n.startswith(f"{q.id}:") for n in names) >= (1 if q.type == "truefalse" else 2), q.id
    assert sum(bool(re.match(r"pick: option \d", n)) for n in names) == 2  # each wrong option made the right one
    assert sum(bool(re.match(r"several: options \[", n)) for n in names) == 2**4 - 2  # every other non-empty set


def test_answer_free_forms_of_every_type_do_not_change_with_the_answer(every_type: Quiz) -> None:
    assert structure_leaks(every_type) == []


@pytest.mark.parametrize("name", BOOK_QUIZZES)
def test_answer_free_forms_of_the_books_quizzes_do_not_change_with_the_answer(name: str) -> None:
    assert structure_leaks(load_quiz(name)) == []


@pytest.mark.parametrize("name", BOOK_QUIZZES)
def test_the_self_checking_quiz_gives_nothing_away_outside_its_data(name: str) -> None:
    """In the default edition only the checking data (which a self-check needs) holds the answers."""
    def visible(quiz: Quiz) -> str:
        page = BeautifulSoup(render_html(quiz, inline_assets=False), "html.parser")
        page.select_one("script.mb-quiz-data").decompose()
        return str(page)

    quiz = load_quiz(name)
    base = visible(quiz)
    assert [what for what, variant in answer_variants(quiz) if visible(variant) != base] == []


def test_the_check_finds_the_old_leak_options_in_file_order(every_type: Quiz, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: options shown (and numbered) in the order of the file, which lists the right answer first."""
    monkeypatch.setattr(model.Quiz, "display_order", lambda self, q: list(range(len(q.kind.parts(q)))))
    leaks = structure_leaks(every_type)
    assert any("pick: option" in leak for leak in leaks)
    assert any("order: right order" in leak for leak in leaks)


def test_the_check_finds_values_numbered_by_the_file(every_type: Quiz, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: input values were the options' places in the file ('0' for the right one, 19 times of 19)."""
    monkeypatch.setattr(model.Quiz, "keys", lambda self, q: [str(i) for i in range(len(q.kind.parts(q)))])
    assert any("pick: option" in leak for leak in structure_leaks(every_type))


def test_values_and_ids_are_opaque(every_type: Quiz) -> None:
    page = BeautifulSoup(render_html(every_type, blank=True), "html.parser")
    for control in page.select("fieldset input[type=radio], fieldset input[type=checkbox], fieldset select"):
        value = control.get("value", "")
        assert value in ("true", "false") or re.fullmatch(r"k[0-9a-f]{10}", value) or control.name == "select"
        assert re.fullmatch(r"mb-every-type-[a-z]+-(k[0-9a-f]{10}|true|false)", control["id"]), control["id"]


def accepted_answers_shown(quiz: Quiz) -> list[str]:
    """Accepted answers of text questions that appear anywhere in the answer-free forms (markup or words)."""
    from leakcheck import forms

    from minebook.quiz.markdown import render_markdown
    from minebook.quiz.sheet import worksheet_body

    shown = {"student form": render_html(quiz, blank=True), "printed quiz": render_markdown(quiz),
             "worksheet": worksheet_body(quiz, answers=False)}
    return [f"{q.id}: {variant!r} in the {where}" for q in quiz.questions if q.type == "text"
            for variant in q.accept for where, text in shown.items()
            if any(f.lower() in text.lower() for f in forms(variant))]


def test_no_accepted_answer_of_a_text_question_is_in_the_student_forms(every_type: Quiz) -> None:
    assert [q for q in every_type.questions if q.type == "text"]
    assert accepted_answers_shown(every_type) == []


def test_the_check_finds_an_accepted_answer_put_in_the_student_form(every_type: Quiz,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the box given the answer as a placeholder (a jupyterquiz-like hint), the check would say so."""
    from minebook.quiz.kinds import KINDS

    kind = KINDS["text"]
    original = kind.inputs_html
    monkeypatch.setattr(type(kind), "inputs_html", lambda self, q, *a: original(q, *a).replace(
        'id="', f'placeholder="{q.accept[1]}" id="', 1))
    assert any("'Харків' in the student form" in leak for leak in accepted_answers_shown(every_type))
