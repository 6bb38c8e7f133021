"""The student edition as a student meets it, in Chromium: quizzes are forms that look like the book's quizzes,
work by keyboard, keep what was entered across a reload, ask before clearing, and print with every entry.

`make test` builds the student edition (`minebook build --edition student`) before the tests run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import REPO_ROOT, in_every_language, open_book_page, page_language, run_axe, serve
from test_quiz_browser import CLEAR_PROMPT, assert_page_stayed_clean, assert_prints_every_entry, printed_text, tab_to

from minebook.core.language import translate, ui

pytestmark = pytest.mark.browser

STUDENT_HTML = REPO_ROOT / "_build" / "student" / "_build" / "html"


def quiz_pages(front: str = "intro.html") -> list[str]:
    """The student edition's chapters with a quiz form, in the language of `front` (intro.html, uk/intro.html)."""
    folder = STUDENT_HTML / Path(front).parent
    return sorted(p.relative_to(STUDENT_HTML).as_posix() for p in folder.glob("chapters/*.html")
                  if "mb-form" in p.read_text(encoding="utf-8"))


FRONTS = in_every_language(["intro.html"])  # each language's student edition: English, then uk/
HOW = ("Answer on your own or with a partner. This edition of the book does not check answers: your teacher will go "
       "through them with the class. What you enter stays in this browser on this device until you clear it, and "
       "prints with the page.")


@pytest.fixture(scope="module")
def student_site() -> Iterator[str]:
    if not (STUDENT_HTML / "intro.html").is_file():
        pytest.fail(f"No student edition at {STUDENT_HTML}: run `make student` (make test does).", pytrace=False)
    with serve(STUDENT_HTML) as url:
        yield url


@pytest.fixture
def open_student(browser: Browser, student_site: str) -> Iterator:
    pages: list[Page] = []

    def _open(path: str, theme: str | None = None, width: int = 1280) -> Page:
        page = open_book_page(browser, student_site, path, theme)
        page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.context.close()


def form(page: Page) -> Locator:
    section = page.locator("section.mb-quiz.mb-form")
    expect(section).to_have_attribute("data-mb-ready", "1")
    return section


def fill_in(section: Locator) -> dict[str, object]:
    """Answer every question as a student with a mouse would; return what each control now says, by id."""
    for fs in section.locator("fieldset.mb-q").all():
        kind = fs.get_attribute("data-type")
        if kind in ("single", "truefalse", "multiple"):
            fs.locator("label").nth(1).click()
        elif kind == "numeric":
            fs.locator("input").fill("4321")
        else:
            for sel in fs.locator("select").all():
                sel.select_option(index=1)
    return entries(section)


def entries(section: Locator) -> dict[str, object]:
    return dict(section.locator("fieldset :is(input, select)").evaluate_all(
        "els => els.map(e => [e.id, /radio|checkbox/.test(e.type) ? e.checked : e.value])"))


@pytest.mark.parametrize("front", FRONTS)
def test_every_chapter_quiz_is_a_form_without_answers(open_student, front: str) -> None:
    pages = quiz_pages(front)
    assert len(pages) >= 5, pages
    for path in pages:
        page = open_student(path)
        section = form(page)
        assert section.locator("script.mb-quiz-data, [data-act=check], .mb-feedback").count() == 0
        expect(section.locator(".mb-how")).to_contain_text(ui(HOW, lang=page_language(path)))
        # The book's quiz look: options in a row with their control, not stacked under big headings
        legend = section.locator("legend").first
        assert legend.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") <= 17
        row = section.locator(".mb-opt").first
        assert row.evaluate("e => getComputedStyle(e).display") == "flex"
        assert_page_stayed_clean(page)


@pytest.mark.parametrize("front", FRONTS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_filled_in_form_passes_axe_on_a_phone(open_student, theme: str, front: str) -> None:
    page = open_student(quiz_pages(front)[0], theme, width=390)
    section = form(page)
    fill_in(section)
    assert run_axe(page, "section.mb-form") == []
    wide = section.locator("fieldset :is(input, select, label)").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.outerHTML.slice(0, 80))")
    assert wide == [], "controls wider than the phone"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_page_stayed_clean(page)


@pytest.mark.parametrize("front", FRONTS)
def test_entries_survive_a_reload_and_clearing_asks_first(open_student, front: str) -> None:
    lang = page_language(front)
    page = open_student(quiz_pages(front)[-1])
    section = form(page)
    before = fill_in(section)
    assert any(v is True or (isinstance(v, str) and v) for v in before.values())
    page.reload()
    section = form(page)
    assert entries(section) == before
    section.locator(".mb-reset > summary").click()
    expect(section.locator(".mb-reset")).to_contain_text(ui(CLEAR_PROMPT, lang=lang).split(" (")[0])
    assert entries(section) == before  # opening it clears nothing
    section.get_by_role("button", name=ui("Yes, clear them", lang=lang)).click()
    assert all(v in (False, "") for v in entries(section).values())
    page.reload()
    assert all(v in (False, "") for v in entries(form(page)).values())
    assert_page_stayed_clean(page)


def test_unreadable_saved_entries_are_ignored(open_student) -> None:
    path = quiz_pages()[0]
    page = open_student(path)
    section = form(page)
    quiz_id = section.get_attribute("data-quiz-id")
    first_text = section.locator("input[type=text]").first.get_attribute("id")
    junk = {first_text: {"toString": 1}, "__proto__": {"x": 1}, "nope": True}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"minebook-form:{quiz_id}", json.dumps(junk)])
    page.reload()
    section = form(page)
    assert section.locator(f"#{first_text}").input_value() == ""
    assert_page_stayed_clean(page)


@pytest.mark.parametrize("front", FRONTS)
def test_the_form_works_by_keyboard(open_student, front: str) -> None:
    page = open_student(quiz_pages(front)[0])
    section = form(page)
    radio = section.locator("fieldset.mb-q[data-type=single] input[type=radio]").first
    tab_to(page, f"#{radio.get_attribute('id')}")
    page.keyboard.press("ArrowDown")
    checked = section.locator("fieldset.mb-q[data-type=single]").first.locator("input:checked")
    expect(checked).to_have_count(1)
    box = section.locator("fieldset.mb-q[data-type=numeric] input").first
    tab_to(page, f"#{box.get_attribute('id')}")
    page.keyboard.type("17")
    expect(box).to_have_value("17")
    summary = section.locator(".mb-reset > summary")
    tab_to(page, "section.mb-form .mb-reset > summary")
    page.keyboard.press("Enter")
    expect(summary.locator("xpath=..")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Yes, clear them"
    expect(box).to_have_value("")
    expect(summary).to_be_focused()


@pytest.mark.parametrize("front", FRONTS)
def test_a_printed_form_keeps_every_entry(open_student, front: str) -> None:
    name = ui("Name", lang=page_language(front))
    page = open_student(quiz_pages(front)[0])
    section = form(page)
    box = section.locator("fieldset.mb-q[data-type=numeric] input").first
    box.fill("86420")
    classify = section.locator("fieldset.mb-q[data-type=classify] select").first
    chosen = classify.locator("option").nth(2).inner_text()
    classify.select_option(index=2)
    section.get_by_label(name).fill("Olena Kovalenko")  # a copy handed in says whose it is
    page.reload()
    section = form(page)
    expect(section.get_by_label(name)).to_have_value("Olena Kovalenko")
    assert_prints_every_entry(page, section, "86420", chosen)
    assert "Olena Kovalenko" in printed_text(page)


STUDENT_FRONT = ("This is the student edition of the book. The quiz at the end of each chapter is a form for you to "
                 "fill in, on your own or with a partner; it does not check your answers, and your teacher will go "
                 "through them with the class. What you enter stays in this browser on this device until you clear "
                 "it, and it prints with the page, so you can hand in a printed or saved PDF copy.")


def test_the_ukrainian_front_page_speaks_to_students(open_student) -> None:
    assert FRONTS[1:], "the book lists a translation (minebook_languages in _config.yml)"
    for front in FRONTS[1:]:
        page = open_student(front)
        said = translate("intro", STUDENT_FRONT, lang=page_language(front))
        assert said != STUDENT_FRONT and said[:40] in page.locator("main").inner_text(), front
        assert_page_stayed_clean(page)


def test_the_front_page_speaks_to_students(open_student) -> None:
    page = open_student("intro.html")
    text = page.locator("main").inner_text()
    assert "This is the student edition" in text
    for absent in ("page's source", "self-checks", "As an instructor", "Instructors will find a guide"):
        assert absent not in text, absent
    assert_page_stayed_clean(page)
