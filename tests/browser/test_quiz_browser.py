"""Quizzes in a real browser, as a reader uses them: by mouse, by keyboard alone, across a reload.

Runs on a standalone page (every question type, rendered with its script and style inline, as a notebook
front end shows it) and on every quiz of the built book (where the page loads quiz.js/quiz.css once), in every
language the book is published in: the Ukrainian pages under uk/ are answered the same way, and every word the
tests look for (buttons, verdicts, the score line) is read from that language's catalog, never typed here.
The right answers come from each quiz's embedded JSON, so the tests follow any edit to the quiz files.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import open_book_page, run_axe, serve
from test_quiz_html import EVERY_TYPE, hostile_quiz_data, make_quiz

from minebook.content.bib import Source
from minebook.core.language import LANGUAGES, SOURCE_LANGUAGE, available_languages, ui, ui_n
from minebook.quiz.html import render_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="icon" href="data:,"><style>:root {{ color-scheme: light dark; }} body {{ font-family: sans-serif; }}</style>
</head><body><main><h1>{title}</h1>
{body}
</main></body></html>
"""


def book_quiz_ids() -> list[str]:
    """The quiz files of the book: each one is tested on the page(s) of the built book that show it."""
    return sorted(p.name.removesuffix(".quiz.yml") for p in (REPO / "chapters").glob("*.quiz.yml"))


TRANSLATIONS = [lang for lang in available_languages() if lang != SOURCE_LANGUAGE]
TARGETS = ["standalone", *(f"book:{q}" for q in book_quiz_ids()),
           *(f"book-{lang}:{q}" for lang in TRANSLATIONS for q in book_quiz_ids())]


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def standalone_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Test pages served on 127.0.0.1: every question type; two quizzes on one page; a hostile quiz."""
    folder = tmp_path_factory.mktemp("quiz-site")
    quizzes = folder / "quizzes"
    quizzes.mkdir()
    every = make_quiz(quizzes, "every-type", EVERY_TYPE)
    second = json.loads(json.dumps(EVERY_TYPE))
    second["title"] = "A second quiz"
    other = make_quiz(quizzes, "second", second)
    hostile = make_quiz(
        quizzes,
        "hostile",
        hostile_quiz_data(),
        {"src": Source("src", "<b>t</b>", "<i>w</i>", "2024", "javascript:alert(1)", "")},
    )
    pages = {
        "quiz.html": ("Every question type", render_html(every)),
        "two.html": ("Two quizzes", render_html(every) + render_html(other)),
        "hostile.html": ("Hostile text", render_html(hostile, show_answers=True)),
    }
    for name, (title, body) in pages.items():
        (folder / name).write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    with serve(folder) as base_url:
        yield base_url


@dataclass
class QuizOnPage:
    """One quiz on one open page, with the answers its embedded JSON gives."""

    page: Page
    section: Locator
    data: dict[str, Any]
    lang: str = SOURCE_LANGUAGE

    def say(self, msgid: str) -> str:
        """An interface string as this page shows it (English, or its translation from ui.po)."""
        return ui(msgid, lang=self.lang)

    @property
    def questions(self) -> list[dict[str, Any]]:
        return self.data["questions"]

    def fieldset(self, q: dict[str, Any]) -> Locator:
        return self.section.locator(f'fieldset[data-qid="{q["id"]}"]')

    def feedback(self, q: dict[str, Any]) -> Locator:
        return self.fieldset(q).locator(".mb-feedback[aria-live=polite]")

    @property
    def score(self) -> Locator:
        return self.section.locator(".mb-score[aria-live=polite]")


def attach(page: Page, quiz_id: str | None = None) -> list[QuizOnPage]:
    """Every ready quiz on the page (or the one with quiz_id), waiting for the script to set them up; each knows
    its page's language (`<html lang>`)."""
    selector = ".mb-quiz" if quiz_id is None else f'.mb-quiz[data-quiz-id="{quiz_id}"]'
    sections = page.locator(selector)
    expect(sections.first).to_have_attribute("data-mb-ready", "1")
    found = []
    for i in range(sections.count()):
        section = sections.nth(i)
        expect(section).to_have_attribute("data-mb-ready", "1")
        data = json.loads(section.locator("script.mb-quiz-data").text_content())
        lang = page.locator("html").get_attribute("lang") or SOURCE_LANGUAGE
        found.append(QuizOnPage(page, section, data, lang.split("-")[0]))
    return found


def book_pages_with(html_root: Path, quiz_id: str, lang: str = SOURCE_LANGUAGE) -> list[str]:
    """The pages of one language showing the quiz: the English book's, or a translation's under its prefix
    (uk/)."""
    marker = f'data-quiz-id="{quiz_id}"'
    prefix = LANGUAGES[lang]["prefix"].strip("/")
    root = html_root / prefix if prefix else html_root
    translations = {LANGUAGES[code]["prefix"].strip("/") for code in LANGUAGES if LANGUAGES[code]["prefix"]}
    return [
        p.relative_to(html_root).as_posix()
        for p in sorted(root.rglob("*.html"))
        if not any(part.startswith("_") for part in p.relative_to(root).parts[:-1])
        and (prefix or p.relative_to(root).parts[0] not in translations)
        and marker in p.read_text(encoding="utf-8", errors="replace")
    ]


OpenQuizzes = Callable[..., list[QuizOnPage]]


@pytest.fixture(params=TARGETS)
def open_quizzes(request: pytest.FixtureRequest, browser: Browser, standalone_site: str) -> Iterator[OpenQuizzes]:
    """open_quizzes(theme=None): the quiz under test, freshly opened (fresh storage) on every page showing it."""
    target: str = request.param
    opened: list[Page] = []

    def open_them(theme: str | None = None) -> list[QuizOnPage]:
        if target == "standalone":
            page = open_book_page(browser, standalone_site, "quiz.html", theme)
            opened.append(page)
            return attach(page, "every-type")
        book, quiz_id = target.split(":")
        lang = book.removeprefix("book").removeprefix("-") or SOURCE_LANGUAGE
        built: Path = request.getfixturevalue("built_book")
        open_page = request.getfixturevalue("open_page")
        paths = book_pages_with(Path(built), quiz_id, lang)
        if not paths:
            pytest.fail(f"quiz {quiz_id!r} is on no {lang} page of {built}: is its chapter in _toc.yml, and was the "
                        f"{lang} book built (`make book` builds every language)?", pytrace=False)
        found = []
        for path in paths:
            page = open_page(path, theme=theme)
            assert page.locator("script[data-mb-asset], style[data-mb-asset]").count() == 0, (
                f"{path}: the book should load quiz.js/quiz.css once, not inline copies"
            )
            found += attach(page, quiz_id)
        return found

    yield open_them
    for page in opened:
        page.context.close()


def assert_page_stayed_clean(page: Page) -> None:
    """No console error, nothing requested from another host, nothing failed to load."""
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external_requests == []  # type: ignore[attr-defined]
    assert page.failed_requests == []  # type: ignore[attr-defined]


# --- answers, from the embedded JSON -------------------------------------------------------------------------


def plain_number(x: float) -> str:
    text = format(Decimal(repr(float(x))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def right_answer(q: dict[str, Any]) -> Any:
    """The right response in file order (numeric: the text to type)."""
    return q["fill"]


def wrong_answer(q: dict[str, Any]) -> Any:
    """A response that is judged 'incorrect' (not incomplete, not invalid)."""
    r, t = q["rules"], q["type"]
    if t == "single":
        return next(i for i in range(r["options"]) if i not in r["correct"])
    if t == "multiple":
        return next(sorted(set(r["correct"]) ^ {k}) for k in range(r["options"]) if set(r["correct"]) ^ {k})
    if t == "truefalse":
        return not r["answer"]
    if t == "numeric":
        high = r["range"][1] if r["range"] else r["answer"] + r["tolerance"]
        return plain_number(high + max(1.0, abs(high)))
    if t == "ordering":
        return [2, 1, *range(3, r["items"] + 1)]
    if t == "text":
        return "Somewhere else"
    categories = list(r["item_categories"])
    categories[0] = (categories[0] + 1) % r["categories"]
    return categories


def shown_response(quiz: QuizOnPage, q: dict[str, Any]) -> Any:
    """What the controls of a question say now, in file order (None: nothing chosen).

    Controls are named by opaque keys (their row's data-k); the quiz data's `keys` gives each key's place in the file.
    """
    controls = (
        quiz.fieldset(q)
        .locator("input, select")
        .evaluate_all("els => els.map(e => [e.type, e.value, e.checked, e.closest('[data-k]')?.dataset.k])")
    )
    keys = q.get("keys", [])
    kind = controls[0][0]
    if kind == "text":
        return controls[0][1]
    if kind == "checkbox":
        return sorted(keys.index(k) for _, _, checked, k in controls if checked)
    if kind == "radio":
        chosen = [(v == "true") if q["type"] == "truefalse" else keys.index(k) for _, v, checked, k in controls if checked]
        return chosen[0] if chosen else None
    response: list[Any] = [None] * len(controls)
    for _, v, _, k in controls:
        response[keys.index(k)] = int(v) if v else None
    return response


def control_for(quiz: QuizOnPage, q: dict[str, Any], index: Any) -> Locator:
    """The input or select for one option or item (by file index; a truefalse answer by its value)."""
    key = json.dumps(index) if q["type"] == "truefalse" else q["keys"][index]
    return quiz.fieldset(q).locator(f'[data-k="{key}"]').locator("input, select")


def key_index(q: dict[str, Any], control: Locator) -> int:
    return q["keys"].index(control.evaluate("e => e.closest('[data-k]').dataset.k"))


def is_empty(response: Any) -> bool:
    return response in (None, "", []) or (isinstance(response, list) and all(v is None for v in response))


# --- by mouse --------------------------------------------------------------------------------------------------


def answer_by_mouse(quiz: QuizOnPage, q: dict[str, Any], response: Any) -> None:
    """Click labels, pick from lists, type in the box: what a reader with a mouse does."""
    fs = quiz.fieldset(q)
    t = q["type"]
    if t in ("single", "truefalse"):
        control = control_for(quiz, q, response)
        fs.locator(f'label[for="{control.get_attribute("id")}"]').click()
    elif t == "multiple":
        for box in fs.locator("input").all():
            if box.is_checked() != (key_index(q, box) in response):
                fs.locator(f'label[for="{box.get_attribute("id")}"]').click()
    elif t in ("numeric", "text"):
        box = fs.locator("input")
        box.click()
        box.fill(str(response))
    else:
        for select in fs.locator("select").all():
            select.select_option(str(response[key_index(q, select)]))
    assert shown_response(quiz, q) == response


def press_button(quiz: QuizOnPage, q: dict[str, Any] | None, name: str) -> None:
    """Click the button a reader of the page's language knows by this (English) name."""
    scope = quiz.fieldset(q) if q else quiz.section.locator(".mb-quiz-foot")
    scope.get_by_role("button", name=quiz.say(name), exact=True).click()


def score_text(checked: int, right: int, total: int, lang: str = SOURCE_LANGUAGE) -> str:
    """The score line, in the plural form the language uses for the number answered."""
    if not checked:
        return ui_n("0 of {total} answered", "0 of {total} answered", total, lang).format(total=total)
    line = ui_n("Score: {right} of {total} ({done} answered)", "Score: {right} of {total} ({done} answered)",
                checked, lang)
    return line.format(right=right, total=total, done=checked)


def verdict_start(quiz: QuizOnPage) -> str:
    """How every 'wrong' verdict begins in the page's language ('Not quite', 'Не зовсім')."""
    return quiz.say("Not quite.").rstrip(".")


def text_of(fragment: str) -> str:
    """The words of an HTML fragment from the quiz data, as a reader would see them."""
    return " ".join(BeautifulSoup(fragment, "html.parser").get_text(" ").split())


def assert_wrong_check_gives_nothing_away(quiz: QuizOnPage, q: dict[str, Any]) -> None:
    """After a wrong Check: a verdict and hints only; no explanation, no source, no answer, no right option marked."""
    feedback = quiz.feedback(q)
    expect(feedback.locator(".mb-verdict")).to_contain_text(verdict_start(quiz))
    said = " ".join(feedback.inner_text().split())
    assert feedback.locator(".mb-expl, .mb-ans").count() == 0, f"{q['id']}: {said}"
    assert quiz.say("Source:") not in said and text_of(q["explanation"]) not in said, (
        f"{q['id']}: the explanation was shown")
    assert quiz.fieldset(q).locator(".mb-right").count() == 0, f"{q['id']}: a right choice was marked"
    right_mark = re.compile(f"^{re.escape(quiz.say('Right'))}$")
    assert quiz.fieldset(q).locator(".mb-mark", has_text=right_mark).count() == 0
    if q["type"] == "numeric":  # wrong_answer() types a number above the answer
        expect(feedback.locator(".mb-verdict")).to_have_text(
            quiz.say("Not quite: your number is too high. Look at the chapter again."))
        digits = re.sub(r"[\s,\u00a0\u202f]", "", said)  # 12,345 and 12 345 alike
        assert q["fill"].replace(",", ".") not in digits.replace(",", "."), f"{q['id']}: the number was given away: {said}"
    if q["type"] == "text":
        for variant in q["rules"]["accept"]:
            assert variant.lower() not in said.lower(), f"{q['id']}: an accepted answer was given away: {said}"
    if q["type"] in ("single", "multiple"):
        for i in q["rules"]["correct"]:
            right = text_of(quiz.fieldset(q).locator(f'[data-k="{q["keys"][i]}"] label').inner_html())
            assert right not in said, f"{q['id']}: the right option was named in the feedback: {said}"


def test_wrong_then_right_answer_by_mouse(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        total = len(quiz.questions)
        expect(quiz.score).to_have_text(score_text(0, 0, total, quiz.lang))
        for n, q in enumerate(quiz.questions):
            answer_by_mouse(quiz, q, wrong_answer(q))
            press_button(quiz, q, "Check")
            assert_wrong_check_gives_nothing_away(quiz, q)
            expect(quiz.score).to_have_text(score_text(n + 1, n, total, quiz.lang))
            answer_by_mouse(quiz, q, right_answer(q))
            expect(quiz.feedback(q)).to_have_text("")  # a changed answer is no longer judged
            press_button(quiz, q, "Check")
            expect(quiz.feedback(q).locator(".mb-verdict")).to_have_text(quiz.say("Correct."))
            expect(quiz.feedback(q)).to_contain_text(quiz.say("Source:"))  # now the explanation, naming its source
            expect(quiz.feedback(q).locator(".mb-expl")).to_have_count(1)
            expect(quiz.score).to_have_text(score_text(n + 1, n + 1, total, quiz.lang))
        assert_page_stayed_clean(quiz.page)


CLEAR_PROMPT = 'Clear every answer in this quiz? (To keep them, press "{label}" again.)'


def reset_quiz(quiz: QuizOnPage) -> None:
    """Reset asks first: opening it clears nothing; only "Yes, clear them" does."""
    before = quiz.score.inner_text()
    quiz.section.locator(".mb-reset > summary").click()
    expect(quiz.section.locator(".mb-reset")).to_contain_text(quiz.say(CLEAR_PROMPT).split(" (")[0])
    expect(quiz.score).to_have_text(before)
    quiz.section.get_by_role("button", name=quiz.say("Yes, clear them")).click()
    expect(quiz.section.locator(".mb-reset > summary")).to_be_focused()


def test_show_answer_fills_in_the_answer_and_try_again_clears_it(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        total = len(quiz.questions)
        for n, q in enumerate(quiz.questions):
            press_button(quiz, q, "Show answer")
            expect(quiz.feedback(q).locator(".mb-verdict")).to_have_text(quiz.say("Answer shown."))
            expect(quiz.feedback(q)).to_contain_text(quiz.say("The answer:"))
            assert shown_response(quiz, q) == right_answer(q)
            expect(quiz.score).to_have_text(score_text(n + 1, 0, total, quiz.lang))  # shown is not scored as right
            press_button(quiz, q, "Try again")
            expect(quiz.feedback(q)).to_have_text("")
            assert is_empty(shown_response(quiz, q))
            expect(quiz.fieldset(q).locator("input, select").first).to_be_focused()
            expect(quiz.score).to_have_text(score_text(n, 0, total, quiz.lang))
            press_button(quiz, q, "Show answer")
        reset_quiz(quiz)
        expect(quiz.score).to_have_text(score_text(0, 0, total, quiz.lang))
        for q in quiz.questions:
            assert is_empty(shown_response(quiz, q))
            expect(quiz.feedback(q)).to_have_text("")
        assert_page_stayed_clean(quiz.page)


def test_progress_survives_a_reload(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        total = len(quiz.questions)
        *checked, last = quiz.questions
        for q in checked:
            answer_by_mouse(quiz, q, right_answer(q))
            press_button(quiz, q, "Check")
        answer_by_mouse(quiz, last, wrong_answer(last))  # answered, not yet checked
        expect(quiz.score).to_have_text(score_text(len(checked), len(checked), total, quiz.lang))
        quiz.page.reload()
        again = next(a for a in attach(quiz.page) if a.data["id"] == quiz.data["id"])
        expect(again.score).to_have_text(score_text(len(checked), len(checked), total, quiz.lang))
        for q in checked:
            assert shown_response(again, q) == right_answer(q), q["id"]
            expect(again.feedback(q).locator(".mb-verdict")).to_have_text(quiz.say("Correct."))
        assert shown_response(again, last) == wrong_answer(last)
        expect(again.feedback(last)).to_have_text("")
        assert quiz.page.evaluate("document.activeElement === document.body"), "restoring progress moved the focus"
        assert_page_stayed_clean(quiz.page)


# --- by keyboard alone -----------------------------------------------------------------------------------------


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page: Page, selector: str, limit: int = 1500) -> None:
    """Press Tab until the focus is on an element matching selector: it must be reachable in the tab order."""
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_by_keyboard(quiz: QuizOnPage, q: dict[str, Any], response: Any) -> None:
    """Tab to each control and set it with Space and the arrow keys (type digits in the number box)."""
    page, fs_id, t = quiz.page, quiz.fieldset(q).get_attribute("id"), q["type"]
    keys = page.keyboard
    if t in ("single", "truefalse"):
        radios = f"#{fs_id} input[type=radio]"
        tab_to(page, radios)
        values = quiz.fieldset(q).locator("input").evaluate_all("els => els.map(e => e.value)")
        now = values.index(page.evaluate("document.activeElement.value"))
        target = values.index(control_for(quiz, q, response).get_attribute("value"))
        if now == target:
            keys.press("Space")
        for _ in range((target - now) % len(values)):
            keys.press("ArrowDown")  # moves to the next radio and selects it
    elif t == "multiple":
        for box in quiz.fieldset(q).locator("input").all():
            tab_to(page, f"#{box.get_attribute('id')}")
            if box.is_checked() != (key_index(q, box) in response):
                keys.press("Space")
    elif t in ("numeric", "text"):
        tab_to(page, f"#{fs_id} input")
        for _ in range(len(page.evaluate("document.activeElement.value"))):
            keys.press("Backspace")
        keys.type(str(response))
    else:
        for select in quiz.fieldset(q).locator("select").all():
            tab_to(page, f"#{select.get_attribute('id')}")
            values = select.evaluate("s => [...s.options].map(o => o.value)")
            now = select.evaluate("s => s.selectedIndex")
            target = values.index(str(response[key_index(q, select)]))
            for _ in range(abs(target - now)):
                keys.press("ArrowDown" if target > now else "ArrowUp")
    assert shown_response(quiz, q) == response, f"{q['id']}: the keys did not set {response!r}"


def check_by_keyboard(quiz: QuizOnPage, q: dict[str, Any]) -> None:
    """Enter in a typed answer's box checks it; otherwise Tab to the Check button and press Enter."""
    fs_id = quiz.fieldset(q).get_attribute("id")
    if q["type"] not in ("numeric", "text"):
        tab_to(quiz.page, f"#{fs_id} button[data-act=check]")
    quiz.page.keyboard.press("Enter")


def test_wrong_then_right_answer_by_keyboard(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        page, total = quiz.page, len(quiz.questions)
        assert page.evaluate("document.activeElement === document.body")  # start from the top, as on load
        for n, q in enumerate(quiz.questions):
            fs_id = quiz.fieldset(q).get_attribute("id")
            answer_by_keyboard(quiz, q, wrong_answer(q))
            check_by_keyboard(quiz, q)
            assert_wrong_check_gives_nothing_away(quiz, q)
            expect(quiz.score).to_have_text(score_text(n + 1, n, total, quiz.lang))
            tab_to(page, f"#{fs_id} button[data-act=retry]")
            page.keyboard.press("Space")
            expect(quiz.feedback(q)).to_have_text("")
            assert is_empty(shown_response(quiz, q))
            assert focused_matches(page, f"#{fs_id} input, #{fs_id} select"), (
                "Try again should put the focus on the answer"
            )
            answer_by_keyboard(quiz, q, right_answer(q))
            check_by_keyboard(quiz, q)
            expect(quiz.feedback(q).locator(".mb-verdict")).to_have_text(quiz.say("Correct."))
            expect(quiz.score).to_have_text(score_text(n + 1, n + 1, total, quiz.lang))
        assert_page_stayed_clean(page)


# --- what else a reader relies on -------------------------------------------------------------------------------


def test_loading_a_quiz_does_not_move_the_focus(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        assert quiz.page.evaluate("document.activeElement === document.body")
        assert_page_stayed_clean(quiz.page)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_answered_quiz_passes_axe_in_both_themes(open_quizzes: OpenQuizzes, theme: str) -> None:
    """Feedback, marks and the shown answer are checked too, not only the untouched form."""
    for quiz in open_quizzes(theme):
        for n, q in enumerate(quiz.questions):
            if n % 3 == 2:
                press_button(quiz, q, "Show answer")
            else:
                answer_by_mouse(quiz, q, right_answer(q) if n % 3 else wrong_answer(q))
                press_button(quiz, q, "Check")
        quiz_id = quiz.data["id"]
        violations = run_axe(quiz.page, f'.mb-quiz[data-quiz-id="{quiz_id}"]')
        assert violations == [], json.dumps(violations, indent=1)[:3000]
        assert_page_stayed_clean(quiz.page)


def test_printed_quiz_is_a_worksheet_without_buttons_or_feedback(open_quizzes: OpenQuizzes) -> None:
    for quiz in open_quizzes():
        q = quiz.questions[0]
        answer_by_mouse(quiz, q, wrong_answer(q))
        press_button(quiz, q, "Check")
        quiz.page.emulate_media(media="print")
        expect(quiz.section.locator("button").first).to_be_hidden()
        expect(quiz.feedback(q)).to_be_hidden()
        expect(quiz.score).to_be_hidden()
        expect(quiz.fieldset(q).locator("legend")).to_be_visible()
        quiz.page.emulate_media(media="screen")
        expect(quiz.section.locator("button").first).to_be_visible()


def printed_text(page: Page) -> str:
    """The words of the page as Chromium prints it to PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(p.extract_text() or "" for p in reader.pages)


def assert_prints_every_entry(page: Page, section: Locator, typed: str, chosen: str) -> None:
    """Typed numbers and chosen categories are on paper, in ink (not transparent) and in the PDF's text."""
    page.emulate_media(media="print")
    colours = section.locator("input[type=text], select").evaluate_all("els => els.map(e => getComputedStyle(e).color)")
    assert colours and all(c in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 1)") for c in colours), colours
    page.emulate_media(media="screen")
    text = printed_text(page)
    assert typed in text and chosen in text, text[-1500:]


def test_printed_quiz_keeps_what_the_reader_entered(browser: Browser, standalone_site: str) -> None:
    page = open_book_page(browser, standalone_site, "quiz.html")
    try:
        (quiz,) = attach(page)
        by_id = {q["id"]: q for q in quiz.questions}
        answer_by_mouse(quiz, by_id["count"], "98765")
        sort = by_id["sort"]
        answer_by_mouse(quiz, sort, [1] * len(sort["rules"]["item_categories"]))  # every statement: 'Allegation'
        assert_prints_every_entry(page, quiz.section, "98765", "Allegation")
    finally:
        page.context.close()


def test_two_quizzes_on_a_page_with_the_script_twice_are_each_set_up_once(
    browser: Browser, standalone_site: str
) -> None:
    page = open_book_page(browser, standalone_site, "two.html")
    try:
        first, second = attach(page)
        assert page.locator("script[data-mb-asset]").count() == 2
        assert page.evaluate("Object.keys(MinebookQuiz).sort()") == ["check", "init", "parseNumber"]
        page.evaluate("MinebookQuiz.init(document); MinebookQuiz.init(document.querySelector('.mb-quiz'))")
        q = first.questions[0]
        # Were a quiz set up twice, a click would be handled twice: "Show answer" then would still say one thing,
        # but the score would count each handler's own state; log every change of the score to be sure.
        page.evaluate("""() => { window.scoreChanges = 0;
          new MutationObserver(m => { window.scoreChanges += m.length; })
            .observe(document.querySelector('.mb-score'), {childList: true, characterData: true, subtree: true}); }""")
        press_button(first, q, "Show answer")
        expect(first.score).to_have_text(score_text(1, 0, len(first.questions)))
        assert page.evaluate("window.scoreChanges") == 1
        expect(second.score).to_have_text(score_text(0, 0, len(second.questions)))  # each quiz keeps its own score
        assert_page_stayed_clean(page)
    finally:
        page.context.close()


def test_unanswered_or_unreadable_answers_are_explained_not_scored(browser: Browser, standalone_site: str) -> None:
    page = open_book_page(browser, standalone_site, "quiz.html")
    try:
        (quiz,) = attach(page)
        by_id = {q["id"]: q for q in quiz.questions}
        expected = {
            "pick": "Choose an answer first.",
            "several": "Tick at least one answer first.",
            "tf": "Choose an answer first.",
            "count": "Type a number first.",
            "order": "Give every item a position first.",
            "sort": "Choose a category for every statement first.",
            "city": "Type an answer first.",
        }
        for qid, words in expected.items():
            press_button(quiz, by_id[qid], "Check")
            expect(quiz.feedback(by_id[qid]).locator(".mb-verdict")).to_have_text(words)
        answer_by_mouse(quiz, by_id["count"], "about 1250")
        press_button(quiz, by_id["count"], "Check")
        expect(quiz.feedback(by_id["count"]).locator(".mb-verdict")).to_have_text("Type a number such as 1,250.")
        order = by_id["order"]
        answer_by_mouse(quiz, order, [1, 1, 2, 3])
        press_button(quiz, order, "Check")
        expect(quiz.feedback(order).locator(".mb-verdict")).to_have_text("Use each position only once.")
        expect(quiz.score).to_have_text(score_text(0, 0, len(quiz.questions)))
        answer_by_mouse(quiz, order, [2, 1, 3, 4])
        press_button(quiz, order, "Check")
        expect(quiz.feedback(order).locator(".mb-verdict")).to_have_text("Not quite: 2 of 4 in the right place.")
        marks = quiz.fieldset(order).locator(".mb-item .mb-mark").all_text_contents()
        assert marks == ["", "", "", ""]  # which items are placed right would give the order away
        pick = by_id["pick"]
        answer_by_mouse(quiz, pick, 0)
        press_button(quiz, pick, "Check")
        expect(quiz.feedback(pick)).to_contain_text("Not A.")  # the chosen option's own feedback
        expect(control_for(quiz, pick, 0).locator("xpath=..").locator(".mb-mark")).to_have_text("Not right")  # in words
        several = by_id["several"]  # right: A and C; ticked: A (right) and B (wrong)
        answer_by_mouse(quiz, several, [0, 1])
        press_button(quiz, several, "Check")
        expect(quiz.feedback(several)).to_contain_text("B is not.")
        marks = {key_index(several, row): row.locator(".mb-mark").inner_text()
                 for row in quiz.fieldset(several).locator("[data-k]").all()}
        assert marks == {0: "", 1: "Not right", 2: "", 3: ""}  # the wrong tick is named, the right one is not
        count = by_id["count"]
        answer_by_mouse(quiz, count, "12")
        press_button(quiz, count, "Check")
        expect(quiz.feedback(count).locator(".mb-verdict")).to_contain_text("too low")
        assert_page_stayed_clean(page)
    finally:
        page.context.close()


def test_quiz_works_without_local_storage(browser: Browser, standalone_site: str) -> None:
    """Private windows and locked-down browsers refuse storage: the quiz still checks, it just forgets."""
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(standalone_site + "quiz.html")
        (quiz,) = attach(page)
        q = quiz.questions[0]
        answer_by_mouse(quiz, q, right_answer(q))
        press_button(quiz, q, "Check")
        expect(quiz.feedback(q).locator(".mb-verdict")).to_have_text("Correct.")
        assert errors == []
    finally:
        context.close()


def test_an_unreadable_saved_answer_does_not_stop_the_others(browser: Browser, standalone_site: str) -> None:
    """Issue 11: a saved answer that is an object ({"toString": 1}) once stopped every other answer from coming back."""
    page = open_book_page(browser, standalone_site, "quiz.html")
    try:
        (quiz,) = attach(page)
        for q in quiz.questions:
            answer_by_mouse(quiz, q, right_answer(q))
            press_button(quiz, q, "Check")
        key = f"minebook-quiz:{quiz.data['id']}"
        saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
        for q in quiz.questions[:3]:  # radio, checkbox and true/false answers, each unreadable in its own way
            saved["q"][q["id"]] = {"r": {"toString": 1}, "s": "correct"}
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(saved)])
        page.reload()
        (again,) = attach(page)
        for q in again.questions[3:]:
            assert shown_response(again, q) == right_answer(q), q["id"]
            expect(again.feedback(q).locator(".mb-verdict")).to_have_text("Correct.")
        for q in again.questions[:3]:
            assert is_empty(shown_response(again, q)), q["id"]
        assert_page_stayed_clean(page)
    finally:
        page.context.close()


def test_hostile_text_stays_text_in_the_browser(browser: Browser, standalone_site: str) -> None:
    page = open_book_page(browser, standalone_site, "hostile.html")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        (quiz,) = attach(page)
        injected = ".mb-quiz :is(img, svg, iframe, b, style:not([data-mb-asset]), script:not(.mb-quiz-data)), [onerror], [onload], [onmouseover]"
        assert page.locator(injected).count() == 0
        for q in quiz.questions:
            answer_by_mouse(quiz, q, wrong_answer(q))
            press_button(quiz, q, "Check")  # feedback and explanation go in with innerHTML
            press_button(quiz, q, "Show answer")
        quiz.section.locator("a").evaluate_all(
            "links => links.forEach(a => a.dispatchEvent(new MouseEvent('mouseover')))"
        )
        assert page.locator(injected).count() == 0
        assert not page.locator("a[href^='javascript' i]").count()
        assert dialogs == []
        expect(quiz.fieldset(quiz.questions[0]).locator("legend")).to_contain_text("<script>alert(1)</script>")
        assert_page_stayed_clean(page)
    finally:
        page.context.close()


def test_every_question_type_is_on_the_standalone_page() -> None:
    """The standalone quiz must keep covering every type the loader knows."""
    from minebook.quiz.kinds import KINDS as TYPES

    assert {q["type"] for q in EVERY_TYPE["questions"]} == set(TYPES)
