"""The Ukrainian book's quiz in Chromium, as a Ukrainian reader uses it: by mouse, wrong then right.

Needs the Ukrainian book built inside the English one (`minebook build --lang uk`, e.g. `--chapters mine-types`):
its pages are under `uk/` of the built book (MINEBOOK_HTML_DIR). A missing Ukrainian build fails, never skips.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_quiz_browser import answer_by_mouse, assert_page_stayed_clean, attach, right_answer, wrong_answer

pytestmark = pytest.mark.browser

PAGE = "uk/chapters/mine-types.html"
# Words of the English interface that must not be left on a Ukrainian quiz (the texts of English sources aside).
ENGLISH_UI = re.compile(r"\b(Check|Show answer|Try again|Right|Not right|Answer shown|Score|answered|Reset quiz|Correct|"
                        r"Not quite|Source|Choose|Tick every|The answer|Your answer)\b")


@pytest.fixture
def uk_page(built_book: Path, open_page: Callable[..., Page]) -> Page:
    if not (built_book / PAGE).is_file():
        pytest.fail(f"No Ukrainian page at {built_book / PAGE}: build it first with "
                    "`minebook build --lang uk --chapters mine-types` (set MINEBOOK_HTML_DIR to its English html).",
                    pytrace=False)
    return open_page(PAGE)


def quiz_words(section: Locator) -> str:
    """What a reader sees of the quiz's own interface: buttons, verdicts, marks, the score line."""
    return " ".join(section.locator(".mb-btn, .mb-feedback .mb-verdict, .mb-mark, .mb-score, .mb-hint, .mb-how, "
                                    "label[for$='-n']").all_inner_texts())


def test_ukrainian_quiz_wrong_then_right_by_mouse(uk_page: Page) -> None:
    page = uk_page
    assert page.locator("html").get_attribute("lang") == "uk"
    quiz = attach(page, "mine-types")[0]
    by_id = {q["id"]: q for q in quiz.questions}
    n = len(quiz.questions)
    expect(quiz.score).to_have_text(f"Відповідей: 0 з {n}")

    single = by_id["ap-definition"]
    fs = quiz.fieldset(single)
    expect(fs.get_by_role("button", name="Перевірити", exact=True)).to_be_visible()
    expect(fs.get_by_role("button", name="Показати відповідь", exact=True)).to_be_visible()
    # wrong, by mouse
    answer_by_mouse(quiz, single, wrong_answer(single))
    fs.get_by_role("button", name="Перевірити", exact=True).click()
    expect(quiz.feedback(single).locator(".mb-verdict")).to_have_text("Не зовсім.")
    expect(fs.locator(".mb-wrong .mb-mark")).to_have_text("Неправильно")
    expect(quiz.score).to_have_text(f"Результат: 0 з {n} (дано 1 відповідь)")
    assert quiz.feedback(single).locator(".mb-expl").count() == 0  # no explanation after a wrong answer
    # then right
    fs.get_by_role("button", name="Спробувати ще раз", exact=True).click()
    answer_by_mouse(quiz, single, right_answer(single))
    fs.get_by_role("button", name="Перевірити", exact=True).click()
    expect(quiz.feedback(single).locator(".mb-verdict")).to_have_text("Правильно.")
    expect(fs.locator(".mb-right .mb-mark")).to_have_text("Правильно")
    expect(quiz.feedback(single).locator(".mb-src")).to_contain_text("Джерело:")
    expect(quiz.score).to_have_text(f"Результат: 1 з {n} (дано 1 відповідь)")

    # a number: too high, then right with a decimal comma, as a Ukrainian reader writes it
    number = by_id["pfm-per-rocket"]
    nfs = quiz.fieldset(number)
    answer_by_mouse(quiz, number, wrong_answer(number))
    nfs.get_by_role("button", name="Перевірити", exact=True).click()
    expect(quiz.feedback(number).locator(".mb-verdict")).to_have_text("Не зовсім: ваше число завелике. Перегляньте розділ ще раз.")
    expect(quiz.score).to_have_text(f"Результат: 1 з {n} (дано 2 відповіді)")
    answer_by_mouse(quiz, number, right_answer(number) + ",0")
    nfs.get_by_role("button", name="Перевірити", exact=True).click()
    expect(quiz.feedback(number).locator(".mb-verdict")).to_have_text("Правильно.")
    expect(quiz.feedback(number).locator(".mb-expl")).to_contain_text(f"{right_answer(number)} мін типу ПФМ")

    # sorting: one statement in the wrong category, then all right
    sort = by_id["banned-or-not"]
    answer_by_mouse(quiz, sort, wrong_answer(sort))
    quiz.fieldset(sort).get_by_role("button", name="Перевірити", exact=True).click()
    total = len(sort["rules"]["item_categories"])
    expect(quiz.feedback(sort).locator(".mb-verdict")).to_have_text(f"Не зовсім: правильно розподілено {total - 1} з {total}.")
    answer_by_mouse(quiz, sort, right_answer(sort))
    quiz.fieldset(sort).get_by_role("button", name="Перевірити", exact=True).click()
    expect(quiz.feedback(sort).locator(".mb-verdict")).to_have_text("Правильно.")

    # show the answer of a fourth question: four answered, three right
    ordering = by_id["timeline"]
    quiz.fieldset(ordering).get_by_role("button", name="Показати відповідь", exact=True).click()
    expect(quiz.feedback(ordering).locator(".mb-verdict")).to_have_text("Відповідь показано.")
    expect(quiz.score).to_have_text(f"Результат: 3 з {n} (дано 4 відповіді)")
    words = quiz_words(quiz.section)
    assert "Перевірити" in words and not ENGLISH_UI.search(words), words
    assert_page_stayed_clean(page)


def test_switching_language_keeps_the_answers_of_each(uk_page: Page, book_server: str) -> None:
    """A reader answers in English, switches to Ukrainian and answers there, then switches back: both sets of
    answers are still there (each language saves its own; the same key once made the second erase the first)."""
    page = uk_page
    page.goto(book_server + "chapters/mine-types.html")
    english = attach(page, "mine-types")[0]
    first = english.questions[0]
    answer_by_mouse(english, first, right_answer(first))
    english.fieldset(first).get_by_role("button", name="Check", exact=True).click()
    expect(english.feedback(first).locator(".mb-verdict")).to_have_text("Correct.")

    page.goto(book_server + PAGE)
    ukrainian = attach(page, "mine-types")[0]
    expect(ukrainian.feedback(first)).to_have_text("")  # the English answer is not shown as a Ukrainian one
    answer_by_mouse(ukrainian, first, wrong_answer(first))
    ukrainian.fieldset(first).get_by_role("button", name="Перевірити", exact=True).click()
    expect(ukrainian.feedback(first).locator(".mb-verdict")).to_contain_text("Не зовсім")

    page.goto(book_server + "chapters/mine-types.html")
    again = attach(page, "mine-types")[0]
    expect(again.feedback(first).locator(".mb-verdict")).to_have_text("Correct.")
    page.goto(book_server + PAGE)
    again = attach(page, "mine-types")[0]
    expect(again.feedback(first).locator(".mb-verdict")).to_contain_text("Не зовсім")
    assert_page_stayed_clean(page)
