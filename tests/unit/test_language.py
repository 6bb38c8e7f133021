"""The book's languages (issue 16): catalogs looked up with an English fallback, numbers written the Ukrainian way,
and `minebook check --lang uk` naming every message still to translate or update, with file and line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from minebook.content.translations import missing
from minebook.core import language
from minebook.core.errors import ContentError

PO = """\
msgid ""
msgstr ""
"Language: uk\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "quiz"
msgid "Check"
msgstr "Перевірити"

msgid "Try again"
msgstr ""

#, fuzzy
msgid "Show answer"
msgstr "Показати"
"""


@pytest.fixture
def ui_catalog(minibook):
    minibook.write("locales/uk/LC_MESSAGES/ui.po", PO)
    return minibook


def test_a_translated_message_is_used(ui_catalog):
    assert language.ui("Check", "quiz", lang="uk") == "Перевірити"
    assert language.ui("Check", lang="uk") == "Check"  # another context is another message


def test_empty_and_fuzzy_entries_fall_back_to_english(ui_catalog):
    assert language.ui("Try again", lang="uk") == "Try again"
    assert language.ui("Show answer", lang="uk") == "Show answer"  # out of date: never shown as if current


def test_english_never_reads_a_catalog(ui_catalog):
    assert language.ui("Check", "quiz", lang="en") == "Check"


def test_the_language_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(language.ENV, "uk")
    assert language.current_language() == "uk"
    monkeypatch.setenv(language.ENV, "klingon")
    with pytest.raises(ContentError) as err:
        language.current_language()
    assert "one of en, uk" in str(err.value) and "'klingon'" in str(err.value)


def test_numbers_are_written_the_ukrainian_way():
    assert language.format_decimal(12345.5, 1, lang="uk") == "12\u00a0345,5"
    assert language.format_decimal(12345.5, 1, lang="en") == "12,345.5"
    assert language.format_decimal(2500, 0, lang="uk") == "2\u00a0500"


def test_missing_lists_empty_and_fuzzy_entries_with_their_lines(ui_catalog):
    # (then the book's other English, which this small catalog lacks: test_quiz_i18n tests that part)
    found = [m for m in missing("uk") if not m.new]
    assert [(m.file, m.line, m.text, m.fuzzy) for m in found] == [
        ("locales/uk/LC_MESSAGES/ui.po", 10, "Try again", False),
        ("locales/uk/LC_MESSAGES/ui.po", 14, "Show answer", True),
    ]
    assert "out of date" in str(found[1]) and "not translated" in str(found[0])


def test_a_broken_catalog_is_a_clear_error(minibook):
    minibook.write("locales/uk/LC_MESSAGES/ui.po", 'msgid "Check"\nmsgstr "unterminated\n')
    with pytest.raises(ContentError) as err:
        language.ui("Check", lang="uk")
    assert "locales/uk/LC_MESSAGES/ui.po: line 2" in str(err.value) and "quoted text" in str(err.value)


def test_published_languages_come_from_the_config(minibook):
    assert language.available_languages() == ["en"]
    minibook.write("_config.yml", "title: mini\nsphinx:\n  config:\n    minebook_languages: [en, uk]\n")
    assert language.available_languages() == ["en", "uk"]
    minibook.write("_config.yml", "title: mini\nsphinx:\n  config:\n    minebook_languages: [en, fr]\n")
    with pytest.raises(ContentError) as err:
        language.available_languages()
    assert "minebook_languages" in str(err.value) and "'fr'" in str(err.value)


def test_check_lang_lists_what_to_translate(ui_catalog):
    result = subprocess.run([sys.executable, "-m", "minebook", "check", "--lang", "uk"], cwd=ui_catalog.root,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert "message(s) to translate or update for the Українська book" in result.stderr
    assert "locales/uk/LC_MESSAGES/ui.po:10: not translated: 'Try again'" in result.stderr
    assert "locales/uk/LC_MESSAGES/ui.po:14: out of date" in result.stderr
    # the book's own English that this small catalog lacks, named where it is written: its title, line 1
    assert "_config.yml:1: new or changed English, not in the catalog yet" in result.stderr, result.stderr[-2000:]


def test_a_ukrainian_glossary_sorts_in_ukrainian_alphabetical_order():
    from minebook.sphinx.languages import collation_key

    words = ["Протокол", "Їжак", "Підписання", "Human Rights Watch", "Ґанок", "Гуманітарне право", "Індекс", "Ємність", "Але"]
    assert sorted(words, key=lambda w: collation_key(w, "uk")) == [
        "Але", "Гуманітарне право", "Ґанок", "Ємність", "Індекс", "Їжак", "Підписання", "Протокол", "Human Rights Watch"]
    assert collation_key("повʼязані", "uk") == collation_key("повязані", "uk")


def test_a_large_answer_is_written_in_full_never_with_an_exponent(monkeypatch):
    """The Markdown quiz and the keys showed Ukraine's 2020 stockpile as '3.36489e+06 mines'."""
    from minebook.quiz.formatting import short_number

    assert short_number(3364889) == "3,364,889" and short_number(0.5) == "0.5" and short_number(1250) == "1,250"
    monkeypatch.setenv(language.ENV, "uk")
    assert short_number(3364889) == "3\u00a0364\u00a0889" and short_number(2.5) == "2,5"


def test_catalog_locations_do_not_depend_on_where_the_templates_were_written(tmp_path, monkeypatch) -> None:
    """`make translations` writes its templates in `_build/translations/_build/gettext`; the catalogs' `#:` lines
    stay as from `_build/gettext`, so running it changes no line a translator did not cause."""
    from minebook.content.translations import _canonical_locations

    monkeypatch.setenv("MINEBOOK_ROOT", str(tmp_path))
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    pot_dir = tmp_path / "_build" / "translations" / "_build" / "gettext"
    (pot_dir / "chapters").mkdir(parents=True)
    pot = pot_dir / "chapters" / "one.pot"
    pot.write_text('#: ../../../../chapters/one.md:3 ../../../../chapters/one.md:9\nmsgid "A"\nmsgstr ""\n', encoding="utf-8")
    _canonical_locations(pot_dir)
    assert pot.read_text(encoding="utf-8").startswith("#: ../../chapters/one.md:3 ../../chapters/one.md:9\n")
