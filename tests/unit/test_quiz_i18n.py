"""Quizzes in another language (issue 16): every text a reader sees is a gettext message; a Ukrainian load puts
the translations in place and changes nothing else; a translation that loses a look-up is a clear mistake.

Each test works in a throw-away book (its own _config.yml, chapters/ and locales/), never the real catalogs,
except the last ones, which read the book's own Ukrainian catalogs (ui.po, quizzes/mine-types.po).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from test_quiz_html import EVERY_TYPE, SOURCES

from minebook.core.errors import ContentError
from minebook.quiz.checking import check, correct_response, rules
from minebook.quiz.kinds import KINDS
from minebook.quiz.model import load_quiz

BOOK = Path(__file__).resolve().parents[2]


def every_type() -> dict[str, Any]:
    """EVERY_TYPE with a look-up in a prompt and {answer} in an explanation (what a translation must keep)."""
    data = copy.deepcopy(EVERY_TYPE)
    count = next(q for q in data["questions"] if q["id"] == "count")
    count["prompt"] = "How many of the {things.count[name=a]} things?"
    count["explanation"] = "About {answer}, as counted."
    return data


def lookup(table: str, column: str, where: dict) -> Any:
    return 12500


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A book folder holding one quiz with every kind of question."""
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "every.quiz.yml").write_text(yaml.safe_dump(every_type(), allow_unicode=True, sort_keys=False),
                                                          encoding="utf-8")
    monkeypatch.setenv("MINEBOOK_ROOT", str(tmp_path))
    monkeypatch.delenv("MINEBOOK_LANG", raising=False)
    return tmp_path


def template(book: Path) -> Catalog:
    from minebook.content.messages import quiz_catalogs

    return quiz_catalogs()["quizzes/every"]


def write_uk(book: Path, translate: Any) -> Path:
    """locales/uk/LC_MESSAGES/quizzes/every.po with translate(context, msgid) for each message ('' = untranslated)."""
    uk = Catalog(locale="uk", project="t")
    for m in template(book):
        if m.id:
            uk.add(m.id, translate(m.context, m.id), locations=m.locations, context=m.context)
    path = book / "locales" / "uk" / "LC_MESSAGES" / "quizzes" / "every.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, uk, width=0)
    return path


def mark(context: str, msgid: str) -> str:
    """A stand-in translation: the English with 'УК ' before it (markers kept, so it is a valid translation)."""
    return "УК " + msgid


def shown_texts(quiz: Any) -> list[str]:
    """Every text the engine shows of a loaded quiz: what the extraction must cover."""
    out = [quiz.title, quiz.intro]
    for q in quiz.questions:
        out += [q.prompt, q.explanation, q.instructor_note, *q.kind.texts(q), *q.kind.parts(q)]
        out += [*getattr(q.data, "categories", ()), getattr(q.data, "unit", "")]
    return [t for t in out if t]


def test_every_kind_is_in_the_test_quiz() -> None:
    assert {q["type"] for q in EVERY_TYPE["questions"]} == set(KINDS)


def test_extraction_covers_every_text_field_of_every_kind(book: Path) -> None:
    cat = template(book)
    msgids = {m.id for m in cat if m.id}
    quiz = load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    # What the engine shows, before look-ups are filled in: the msgid keeps the look-up as written.
    english = {t.replace("12,500", "{things.count[name=a]}").replace("1,250 mines", "{answer}") for t in shown_texts(quiz)}
    assert english - msgids == set()
    contexts = {m.context for m in cat if m.id}
    for expected in ("title", "intro", "pick.prompt", "pick.option.2", "pick.option_feedback.2", "tf.feedback_true",
                     "tf.feedback_false", "count.unit", "count.explanation", "order.item.4", "sort.category.3",
                     "sort.item.1", "sort.instructor_note", "city.accept.2"):
        assert expected in contexts
    # every message says where it is: the quiz file and the line of its text
    lines = (book / "chapters" / "every.quiz.yml").read_text(encoding="utf-8").splitlines()
    for m in cat:
        if m.id:
            (where, line), = m.locations
            assert where == "chapters/every.quiz.yml"
            assert m.id.split()[0] in lines[line - 1], (m.context, line)


def test_ukrainian_load_replaces_every_text_and_keeps_answers(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    english_rules = {q.id: rules(q) for q in english.questions}
    write_uk(book, mark)
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    uk = load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    assert uk.title.startswith("УК ") and uk.intro.startswith("УК ")
    for e, u in zip(english.questions, uk.questions, strict=True):
        assert (u.id, u.type, u.sources) == (e.id, e.type, e.sources)
        assert u.prompt.startswith("УК ") and u.explanation.startswith("УК ")
        if u.type == "text":  # the Ukrainian variants, then the English ones
            assert u.accept == tuple("УК " + a for a in e.accept) + e.accept
        else:
            assert all(t.startswith("УК ") for t in u.kind.texts(u) if t)
            assert correct_response(u) == correct_response(e)
        texts = {"accept", "unit", "comma"}  # what is text in the rules; everything else the same
        en = english_rules[e.id]
        assert {k: v for k, v in rules(u).items() if k not in texts} == {k: v for k, v in en.items() if k not in texts}
        if u.type == "numeric":
            assert rules(u)["unit"] == ("УК " + en["unit"] if en["unit"] else "")
            assert rules(u)["comma"] is True and "comma" not in en
        assert uk.keys(u) == english.keys(e) and uk.display_order(u) == english.display_order(e)
    count = next(q for q in uk.questions if q.id == "count")
    assert count.prompt == "УК How many of the 12\u00a0500 things?"  # the look-up filled in, the Ukrainian way
    assert count.explanation == "УК About 1\u00a0250 УК mines, as counted."
    sort = next(q for q in uk.questions if q.id == "sort")
    assert sort.categories == ("УК Finding", "УК Allegation", "УК Denial") and sort.item_categories == (0, 2, 1)


def test_untranslated_messages_fall_back_to_english(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_uk(book, lambda c, m: "УК " + m if c == "pick.prompt" else "")
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    uk = load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    assert uk.questions[0].prompt == "УК Pick **B**." and uk.questions[1].prompt == "Pick A and C."


def test_accepted_answers_take_ukrainian_variants_and_keep_the_english(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_uk(book, lambda c, m: {"city.accept.1": "Харків | Харкові", "city.accept.3": "Харків"}.get(c, ""))
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    city = next(q for q in load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup).questions if q.id == "city")
    assert city.accept == ("Харків", "Харкові", "Kharkiv", "Kharkov")  # the Ukrainian first: it is the answer shown
    assert check(city, "харкові").correct and check(city, "Kharkiv").correct and not check(city, "Київ").correct


def test_a_translation_that_loses_a_lookup_is_an_error_naming_where(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = write_uk(book, lambda c, m: "Скільки речей?" if c == "count.prompt" else "")
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    with pytest.raises(ContentError) as err:
        load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    text = str(err.value)
    po_line = next(n for n, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if line == 'msgctxt "count.prompt"')
    assert "locales/uk/LC_MESSAGES/quizzes/every.po" in text and "question 'count'" in text and "prompt" in text
    assert f"line {po_line}" in text or f"line {po_line + 1}" in text
    assert "{things.count[name=a]}" in text and "none" in text and "every.quiz.yml line" in text
    assert "Traceback" not in text


def test_a_changed_answer_placeholder_is_an_error(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_uk(book, lambda c, m: "Близько {відповідь}." if c == "count.explanation" else "")
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    with pytest.raises(ContentError, match=r"explanation.*\{answer\}"):
        load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)


def test_ui_plural_forms_follow_the_catalogs_rule(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minebook.core.language import ui_n

    cat = Catalog(locale="uk", project="t")
    cat.add(("{n} answered", "{n} answered"), ("{n} відповідь", "{n} відповіді", "{n} відповідей"))
    path = book / "locales" / "uk" / "LC_MESSAGES" / "ui.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, cat, width=0)
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    said = {n: ui_n("{n} answered", "{n} answered", n).format(n=n) for n in (1, 2, 5, 11, 21, 22)}
    assert said == {1: "1 відповідь", 2: "2 відповіді", 5: "5 відповідей", 11: "11 відповідей", 21: "21 відповідь",
                    22: "22 відповіді"}
    monkeypatch.setenv("MINEBOOK_LANG", "en")
    assert ui_n("{n} answered", "{n} answered", 2) == "{n} answered"


def test_the_ui_extractor_finds_the_quiz_machinerys_strings() -> None:
    from minebook.content.messages import ui_catalog

    cat = ui_catalog()["ui"]
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}
    for s in ("Check", "Show answer", "Try again", "Right", "Not right", "Answer shown.", "The answer:", "Source:",
              "Score: {right} of {total} ({done} answered)", "Choose an answer first.", "Type a number such as 1,250.",
              "Not quite: {right} of {total} sorted correctly.", "Clear my answers", "Worksheet: {chapter}"):
        assert s in ids, s
    plural = next(m for m in cat if m.id and not isinstance(m.id, str) and m.id[0].startswith("Score: {right}"))
    assert plural.pluralizable
    assert all(loc.startswith("minebook/") for m in cat if m.id for loc, _ in m.locations)


# ---- the book's own Ukrainian catalogs -----------------------------------------------------------------------

ENGLISH_WORDS = re.compile(r"\b(Check|Show answer|Try again|Right|Not right|Answer shown|Score|answered|Reset quiz|"
                           r"Source|Correct|Not quite)\b")


def test_the_page_script_holds_no_english_words() -> None:
    from minebook.quiz.html import asset_js

    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", asset_js(), flags=re.S)  # comments are for programmers
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`', code)
    assert not [s for pair in strings for s in pair if ENGLISH_WORDS.search(s)]


def test_the_ukrainian_mine_types_quiz_is_ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    from minebook.content.quizzes import load_quiz as book_quiz
    from minebook.quiz.html import render_html

    monkeypatch.setenv("MINEBOOK_ROOT", str(BOOK))
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    quiz = book_quiz("mine-types")
    page = render_html(quiz)
    visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert ">Перевірити</button>" in page and ">Показати відповідь</button>" in page
    assert not ENGLISH_WORDS.search(visible)
    data = json.loads(re.search(r'class="mb-quiz-data">(.*?)</script>', page, re.S).group(1))
    assert data["words"]["score"][1] == "Результат: {right} з 12 (дано 1 відповідь)"
    assert data["words"]["score"][3].endswith("(дано 3 відповіді)") and data["words"]["score"][5].endswith("(дано 5 відповідей)")
    pfm = next(q for q in quiz.questions if q.id == "pfm-per-rocket")
    monkeypatch.setenv("MINEBOOK_LANG", "en")
    english = book_quiz("mine-types")
    assert [rules(q) for q in english.questions if q.type != "numeric"] == [rules(q) for q in quiz.questions if q.type != "numeric"]
    assert pfm.data.answer == next(q for q in english.questions if q.id == "pfm-per-rocket").data.answer


def test_check_in_ukrainian_reports_a_lost_lookup(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`minebook check --lang uk` loads every quiz as the Ukrainian build will, so a broken translation is named
    before a build (the English check, which never opens a catalog, cannot see it)."""
    from minebook.content.quizzes import check_language

    (book / "references.bib").write_text("@misc{src, title = {A report}, year = {2024}}\n", encoding="utf-8")
    monkeypatch.setattr("minebook.content.quizzes.load_bibliography", lambda: SOURCES)
    monkeypatch.setattr("minebook.content.quizzes.book_lookup", lookup)
    write_uk(book, lambda c, m: "Скільки речей?" if c == "count.prompt" else "")
    problems = check_language("uk")
    assert len(problems) == 1 and "question 'count'" in str(problems[0]) and "{things.count[name=a]}" in str(problems[0])
    assert "MINEBOOK_LANG" not in __import__("os").environ  # the language of the process is left as it was


def test_ukrainian_worksheet_and_key_are_ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    from minebook.instructor.keys import book_quizzes, key_markdown, worksheet_page

    monkeypatch.setenv("MINEBOOK_ROOT", str(BOOK))
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    quiz = book_quizzes(["mine-types"])[0]
    sheet = worksheet_page(quiz, answers=False)
    assert '<html lang="uk">' in sheet and "<h1>Робочий аркуш: " in sheet and "<span>Імʼя:</span>" in sheet
    key = key_markdown(quiz)
    assert key.startswith("# Відповіді: ") and "*Відповідь:*" in key and "*Джерело:*" in key and "Answer" not in key


def test_ukrainian_exports_are_ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    from minebook.instructor.export import to_gift, to_qti
    from minebook.instructor.keys import book_quizzes

    monkeypatch.setenv("MINEBOOK_ROOT", str(BOOK))
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    quiz = book_quizzes(["mine-types"])[0]
    gift = to_gift([quiz])
    assert "$CATEGORY: Книжка про міни/mine-types" in gift and "// Що GIFT може і чого не може передати:" in gift
    assert "=Ухвалено Протокол II з поправками (травень 1996 року) -> Місце 1" in gift  # ordering, as matching
    assert "Одиниці відповіді\\: мін." in gift and "Джерело\\:" in gift and "Exported by" not in gift
    qti = to_qti([quiz], "t").decode()
    assert "Експортовано командою" in qti and "НЕ МОЖНА передати" in qti and "Exported by" not in qti


def test_an_english_edit_is_listed_before_make_translations(book: Path) -> None:
    """An instructor edits a question's English: `check --lang uk` names it at once (quiz file and line), although
    the catalog was not updated yet (it still holds the old English, translated, so nothing in it is empty)."""
    from minebook.content.translations import missing

    write_uk(book, mark)
    quiz_file = book / "chapters" / "every.quiz.yml"
    assert [m for m in missing("uk") if "every" in m.file] == []
    quiz_file.write_text(quiz_file.read_text(encoding="utf-8").replace("How many of the", "How many, in all, of the"),
                         encoding="utf-8")
    found = [m for m in missing("uk") if "every" in m.file]
    assert len(found) == 1, found
    line = next(n for n, text in enumerate(quiz_file.read_text(encoding="utf-8").splitlines(), 1) if "in all" in text)
    assert found[0].file.endswith("chapters/every.quiz.yml") and found[0].line == line, found
    assert "How many, in all, of the" in str(found[0]) and "make translations" in str(found[0])


def test_a_lookup_in_millions_reads_as_the_sources_write_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """{TABLE.COLUMN[KEY=VALUE]|million}: Landmine Monitor's rounded 3,300,000 reads '3.3 million', '3,3 млн'."""
    from minebook.content.quizzes import load_quiz as book_quiz

    monkeypatch.setenv("MINEBOOK_ROOT", str(BOOK))
    said = {}
    for lang in ("en", "uk"):
        monkeypatch.setenv("MINEBOOK_LANG", lang)
        said[lang] = next(q for q in book_quiz("treaty-obligations").questions if q.id == "stock-2020").explanation
    assert "gave it as about 3.3 million." in said["en"] and "3,300,000" not in said["en"]
    assert "3,3 млн" in said["uk"] and "3 300 000" not in said["uk"]
    assert "3,364,889" in said["en"] and "3\u00a0364\u00a0889" in said["uk"]  # the exact report stays exact


def test_an_unknown_form_after_a_lookup_is_named(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = every_type()
    quiz["questions"][0]["explanation"] = "About {things.count[name=beta]|millions} of them."
    (book / "chapters" / "every.quiz.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_quiz(book / "chapters" / "every.quiz.yml", SOURCES, lookup)
    message = str(info.value)
    assert "after | in {TABLE.COLUMN[KEY=VALUE]|FORM}, one of: million" in message
    assert "'{things.count[name=beta]|millions}'" in message and "explanation" in message
