"""A Ukrainian sentence's noun agrees with a number from a table (1 міна, 2 міни, 5 мін): when an instructor's change
to the table gives the number another form, `check --lang uk` and the Ukrainian build name the sentence."""

from __future__ import annotations

import pytest
from bookfixture import MiniBook

from minebook.content import numberforms

PO = '''msgid ""
msgstr ""
"Language: uk\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Beta has {eval}`mb.n(\\"things.count[name=beta]\\")` mines, by {eval}`mb.n(\\"things.count[name=alpha]\\")` km²."
msgstr "Бета має {eval}`mb.n(\\"things.count[name=beta]\\")` мін, за {eval}`mb.n(\\"things.count[name=alpha]\\")` км²."

msgid "Alpha counts {things.count[name=alpha]} mines; about {things.count[name=alpha]|million} all told."
msgstr "Альфа налічує {things.count[name=alpha]} міни; загалом {things.count[name=alpha]|million} мін."
'''


@pytest.fixture
def book(minibook: MiniBook, monkeypatch: pytest.MonkeyPatch) -> MiniBook:
    minibook.write("locales/uk/LC_MESSAGES/chapters/one.po", PO)
    monkeypatch.delenv("MINEBOOK_LANG", raising=False)
    return minibook


def test_each_number_before_a_word_is_found_with_its_form(book: MiniBook) -> None:
    found = {(f.word, f.value, f.form) for f in numberforms.found("uk")}
    # 26 and 312 take the 'many' form (26 мін, 312 мін: 11-14 too); a unit (км²) and a million are no nouns here
    assert found == {("мін", 26.0, "many"), ("міни", 312.0, "many")}


def test_a_changed_table_that_changes_the_form_is_named(book: MiniBook) -> None:
    numberforms.record("uk")
    assert numberforms.changed("uk") == []
    book.write("data/things.csv", MiniBook.TABLE_CSV.replace("beta,26", "beta,21").replace("alpha,312", "alpha,322"))
    problems = [str(p) for p in numberforms.changed("uk")]
    assert len(problems) == 2, problems
    beta = next(p for p in problems if "«мін»" in p)
    assert beta.startswith("locales/uk/LC_MESSAGES/chapters/one.po:")
    assert "is now 21" in beta and "'one' form" in beta and "written for the 'many' form" in beta
    assert "run `make translations` to record it" in beta
    # A change that keeps the form (26 -> 25: 'many' both) says nothing.
    book.write("data/things.csv", MiniBook.TABLE_CSV.replace("beta,26", "beta,25"))
    assert numberforms.changed("uk") == []


def test_a_word_the_number_does_not_govern_can_be_marked_once(book: MiniBook) -> None:
    numberforms.record("uk")
    path = numberforms.record_path("uk")
    path.write_text(path.read_text(encoding="utf-8").replace(",мін,many", ",мін,any"), encoding="utf-8")
    book.write("data/things.csv", MiniBook.TABLE_CSV.replace("beta,26", "beta,21"))
    assert numberforms.changed("uk") == []
    numberforms.record("uk")  # recording again keeps the translator's mark
    assert ",мін,any" in path.read_text(encoding="utf-8")


def test_the_cache_reads_a_catalog_again_only_when_it_or_the_tables_change(book: MiniBook, tmp_path) -> None:
    cache = tmp_path / "forms.json"
    first = numberforms.found("uk", cache, "inputs-1")
    assert cache.is_file() and numberforms.found("uk", cache, "inputs-1") == first
    book.write("data/things.csv", MiniBook.TABLE_CSV.replace("beta,26", "beta,21"))
    assert numberforms.found("uk", cache, "inputs-1") == first  # same inputs hash: kept (the caller hashes the tables)
    assert {f.value for f in numberforms.found("uk", cache, "inputs-2")} == {21.0, 312.0}
