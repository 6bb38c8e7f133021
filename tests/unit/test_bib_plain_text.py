"""Bibliography fields are plain Unicode text (the reviewer's defect of session 6): LaTeX quotes and accents such as
``Ombudsman'' or Oekra{\\"i}ne reached readers as written on the data-sources page, and `Suspends' on the
bibliography page. `minebook check` now refuses them, naming file, line, entry, field, expected and found; the
book's own .bib files pass; and Unicode quotes, dashes and letters reach every place that shows a source intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from bookfixture import MiniBook

from minebook.cli.main import main
from minebook.content.bib import load_bibliography
from minebook.core.config import bib_files
from minebook.core.errors import ContentError

EXPECTED = "expected plain Unicode text: write “ ” ‘ ’ and letters such as ï directly"


def check_output(capsys) -> tuple[int, str]:
    """`minebook check` run as an instructor would, in this process: its exit code and what it printed."""
    code = main(["check"])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("field, old, new, found", [
    ("title", "title = {A good source}", "title = {Demining: ``The most important thing''}", "``"),
    ("title", "title = {A good source}", "title = {HRW: Rusland in Oekra{\\\"i}ne}", '{\\"i}'),
    ("title", "title = {A good source}", "title = {HRW: Rusland in Oekra\\\"ine}", '\\"i'),
    ("title", "title = {A good source}", "title = {Ukraine `Suspends' Vital Treaty}", "`Suspends'"),
    ("organization", "organization = {Some Monitor}", "organization = {Office of the ``Ombudsman''}", "``Ombudsman''"),
    ("note", "urldate = {2026-11-25},\n}\n@misc{other", "urldate = {2026-11-25},\n  note = {Years 2015--2018.},\n}\n@misc{other",
     "--"),
])
def test_latex_markup_in_a_field_is_refused_in_words(minibook: MiniBook, capsys, field: str, old: str, new: str,
                                                     found: str) -> None:
    assert old in MiniBook.BIB, f"test setup: {old!r}"
    minibook.write("references.bib", MiniBook.BIB.replace(old, new, 1))
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said
    line = 1 + MiniBook.BIB.replace(old, new, 1).split(f"  {field} =")[0].count("\n")
    assert f"references.bib: line {line}, entry 'good': field '{field}': {EXPECTED}, found " in said, said
    assert found in said.split(f"field '{field}'")[1], said


def test_latex_accents_in_an_author_name_are_refused(minibook: MiniBook) -> None:
    minibook.write("references.bib", MiniBook.BIB.replace("Doe, Jane", "Lanche, J{\\'e}r{\\'e}mie"))
    with pytest.raises(ContentError) as err:
        load_bibliography()
    text = str(err.value)
    assert f"references.bib: line 10, entry 'other': field 'author': {EXPECTED}, found " in text, text
    assert "Jérémie" in text  # the hint shows the name written in Unicode


def test_the_error_says_how_to_write_it(minibook: MiniBook) -> None:
    minibook.write("references.bib", MiniBook.BIB.replace("A good source", "Ukraine `Suspends' the ``Treaty'' in Oekra{\\\"i}ne"))
    with pytest.raises(ContentError) as err:
        load_bibliography()
    said = str(err.value)
    assert "found LaTeX markup: `Suspends'; ``Treaty''; Oekra{\\\"i}ne." in said, said
    assert "Write ‘Suspends’ for `Suspends'; “Treaty” for ``Treaty''; Oekraïne for Oekra{\\\"i}ne." in said, said


def test_unicode_quotes_dashes_and_letters_pass(minibook: MiniBook) -> None:
    text = "Ukraine ‘Suspends’ the “Treaty” – Oekraïne, Białoruś — it’s {UN} 2015–2018"
    minibook.write("references.bib", MiniBook.BIB.replace("A good source", text).replace("Doe, Jane", "Lanche, Jérémie"))
    sources = load_bibliography()
    assert sources["good"].title == text.replace("{UN}", "UN")


def test_the_books_bib_files_are_plain_unicode() -> None:
    """Every .bib file of _config.yml (references.bib and references/*.bib, the Ukrainian terms too)."""
    from minebook.content.bib import latex_markup_problems

    problems = [str(p) for path in bib_files() for p in latex_markup_problems(path)]
    assert problems == [], "\n".join(problems)


def test_the_bibliography_style_keeps_unicode_typography(tmp_path: Path) -> None:
    """What the bibliography page shows (pybtex through the book's style, as sphinxcontrib-bibtex calls it):
    “ ” ‘ ’ and ï come out as written, not turned back into straight quotes or dropped."""
    from pybtex.database import parse_file

    from minebook.content.citestyle import AuthorYearStyle, register

    register()
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a2023,\n  title = {{Ukraine ‘Suspends’ Vital Mine Ban Treaty – “Ombudsman” in Oekraïne}},\n"
                   "  author = {{Office of the “Ombudsman” of the Russian-installed “Donetsk People’s Republic”}},\n"
                   "  year = {2023},\n  url = {https://example.org/a--b},\n  urldate = {2026-11-25},\n"
                   "  note = {Summary of the paper “Challenging Ukraine’s Mine Ban Treaty ‘Suspension’”.}\n}\n",
                   encoding="utf-8")
    entry = next(iter(AuthorYearStyle().format_entries(parse_file(str(bib), bib_format="bibtex").entries.values())))
    html = entry.text.render_as("html")
    assert "Ukraine ‘Suspends’ Vital Mine Ban Treaty – “Ombudsman” in Oekraïne" in html, html
    assert "Office of the “Ombudsman” of the Russian-installed “Donetsk People’s Republic”" in html, html
    assert "“Challenging Ukraine’s Mine Ban Treaty ‘Suspension’”" in html, html
    assert "https://example.org/a--b" in html, html  # addresses are never retyped


def test_a_percent_sign_is_text_on_the_bibliography_page(tmp_path: Path) -> None:
    """pybtex reads fields as LaTeX, where % starts a comment: "increased by 75%" lost its sign (and anything after
    it) on the bibliography page. Fields are plain text, so the sign is shown; the address keeps its %-escapes."""
    from pybtex.database import parse_file

    from minebook.content.citestyle import AuthorYearStyle, register

    register()
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a2023,\n  title = {{Landmine deaths worldwide have increased by 75% in a year}},\n"
                   "  author = {{Humanity & Inclusion (US)}},\n  year = {2023},\n"
                   "  url = {https://example.org/%D8%A7},\n  urldate = {2026-11-25},\n  note = {Up 75% (from 4 to 7).}\n}\n",
                   encoding="utf-8")
    entry = next(iter(AuthorYearStyle().format_entries(parse_file(str(bib), bib_format="bibtex").entries.values())))
    html = entry.text.render_as("html")
    assert "Landmine deaths worldwide have increased by 75% in a year" in html, html
    assert "Up 75% (from 4 to 7)." in html and "Humanity &amp; Inclusion (US)" in html, html
    assert 'href="https://example.org/%D8%A7"' in html, html
