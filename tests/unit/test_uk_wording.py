"""What a Ukrainian teacher found in the Ukrainian edition (session 6), kept from coming back.

Each test reads the book's own Ukrainian catalogs (locales/uk/LC_MESSAGES/ui.po, data.po) through a small book
whose tables hold the numbers a test needs: ratios, ranks, percentages and table dates in Ukrainian words and
typography, the data appendix's column types, and a chart's source line that ends with an abbreviation.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import minebook as mb
from minebook.content.numbers import NumberError, evaluate

ROOT = Path(__file__).resolve().parents[2]

PACKAGE = """\
name: mini
resources:
  - name: ranks
    path: ranks.csv
    title: Ranks
    refers_to: Figures as published in 2024.
    sources:
      - {key: good, title: A good source, path: "https://example.org/good"}
      - {key: undated, title: An undated source, path: "https://example.org/undated"}
    schema:
      primaryKey: [name]
      fields:
        - name: name
          type: string
        - name: value
          type: number
        - name: kind
          type: string
          constraints: {enum: [a, b]}
        - name: source
          type: string
          cites: references.bib
"""

CSV = """\
name,value,kind,source
one,1,a,good
two,2,a,good
three,3,b,good
four,4,a,good
five,5,a,good
ten,10,a,good
twelve,12,a,good
twentyone,21,a,good
thirty,30,a,good
fifteen,15,a,undated
"""

UNDATED = """\
@misc{undated,
  title = {An undated source},
  organization = {Radio Svoboda},
  year = {n.d.},
  url = {https://example.org/undated},
  urldate = {2026-11-25},
}
"""


@pytest.fixture
def book(minibook):
    minibook.write("data/datapackage.yaml", PACKAGE)
    minibook.write("data/ranks.csv", CSV)
    (minibook.root / "data" / "things.csv").unlink()  # this book's one table is `ranks`
    minibook.write("references.bib", minibook.BIB + UNDATED)
    for catalog in ("ui.po", "data.po"):  # the book's own Ukrainian words
        target = minibook.root / "locales" / "uk" / "LC_MESSAGES" / catalog
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "locales" / "uk" / "LC_MESSAGES" / catalog, target)
    return minibook


@pytest.fixture
def ukrainian(book, monkeypatch):
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    return book


@pytest.fixture
def english(book, monkeypatch):
    monkeypatch.delenv("MINEBOOK_LANG", raising=False)
    return book


@pytest.mark.parametrize(("over", "shown"), [
    ("ten", "у 10 разів"), ("three", "у 3 рази"), ("twentyone", "у 21 раз"), ("twelve", "у 12 разів"),
])
def test_a_ratio_in_ukrainian_is_a_multiplier_in_the_form_its_number_needs(ukrainian, over, shown):
    """«кількість зросла 10fold»: the English suffix 'fold' was glued to the Ukrainian digits."""
    expression = f'mb.ratio("ranks.value[name={over}]", "ranks.value[name=one]", words=True, suffix="fold")'
    assert evaluate(expression) == shown


def test_a_ratio_with_a_fraction_in_ukrainian(ukrainian):
    assert mb.ratio("ranks.value[name=fifteen]", "ranks.value[name=ten]", digits=1, suffix="fold") == "у 1,5 раза"


def test_a_ratio_in_english_is_unchanged(english):
    assert evaluate('mb.ratio("ranks.value[name=ten]", "ranks.value[name=one]", words=True, suffix="fold")') == "tenfold"


@pytest.mark.parametrize(("name", "gender", "shown"), [
    ("two", "neuter", "друге"), ("five", "masculine", "пʼятий"), ("three", "feminine", "третя"),
    ("ten", "neuter", "десяте"), ("twelve", "neuter", "12"),
])
def test_a_rank_in_ukrainian_is_a_word_agreeing_with_its_noun(ukrainian, name, gender, shown):
    """«Україна посіла 2 місце»: a rank was printed in digits; now «друге місце», «пʼятий … арсенал»."""
    assert evaluate(f'mb.ordinal("ranks.value[name={name}]", gender="{gender}")') == shown


def test_a_rank_with_an_unknown_gender_is_an_error_naming_the_choices(ukrainian):
    with pytest.raises(NumberError, match="gender= one of masculine, feminine, neuter"):
        evaluate('mb.ordinal("ranks.value[name=two]", gender="plural")')


def test_every_rank_in_the_ukrainian_catalogs_names_its_gender():
    """Without a gender a rank stays in digits («посіла 2 місце»): each translation must name the noun's gender."""
    import re

    from babel.messages.pofile import read_po

    calls = re.compile(r"mb\.ordinals?\([^`]*\)")
    found, missing = 0, []
    for path in sorted((ROOT / "locales" / "uk" / "LC_MESSAGES").rglob("*.po")):
        with path.open("rb") as fh:
            for message in read_po(fh):
                text = message.string if isinstance(message.string, str) else ""
                for call in calls.findall(text):
                    found += 1
                    if "gender=" not in call:
                        missing.append(f"{path.relative_to(ROOT)}:{message.lineno}: {call}")
    assert found >= 4 and not missing, missing


def test_two_equal_ranks_in_ukrainian_read_both_times_first(ukrainian):
    """«місце України у світі: 4 обидва рази» -> «обидва рази четверте»."""
    same = evaluate('mb.ordinals("ranks.value[name=four]", "ranks.value[name=four]", gender="neuter")')
    differ = evaluate('mb.ordinals("ranks.value[name=four]", "ranks.value[name=five]", gender="neuter")')
    assert (same, differ) == ("обидва рази четверте", "четверте і пʼяте")


def test_ranks_in_english_are_unchanged(english):
    assert evaluate('mb.ordinal("ranks.value[name=two]")') == "second"
    assert evaluate('mb.ordinals("ranks.value[name=four]", "ranks.value[name=four]", '
                    'same="{0} in the world both times")') == "fourth in the world both times"


def test_a_percentage_in_ukrainian_has_a_no_break_space_before_the_sign(ukrainian):
    """«80%» where the book's typography (locales/README.md) writes «80 %»."""
    assert mb.pct(80) == "80\u00a0%"
    assert mb.pct(14.26, digits=1) == "14,3\u00a0%"


def test_a_percentage_in_english_is_unchanged(english):
    assert mb.pct(80) == "80%" and mb.pct(14.26, digits=1) == "14.3%"


def test_a_date_in_a_ukrainian_table_is_day_month_year_in_digits(ukrainian):
    """«01 січ. 2014» in a table, where locales/README.md says 06.12.2026."""
    assert mb.date(dt.date(2014, 1, 1), "dayshort") == "01.01.2014"
    assert mb.date(dt.date(2026, 12, 6), "dayshort") == "06.12.2026"


def test_a_date_in_an_english_table_is_unchanged(english):
    assert mb.date(dt.date(2014, 1, 1), "dayshort") == "01 Jan 2014"


def test_the_data_appendix_names_column_types_in_ukrainian(ukrainian):
    """The «Тип» column showed Frictionless's English words (string, category, integer)."""
    page = mb.table_catalog()._repr_mimebundle_()["text/html"]
    assert "<td>текст</td>" in page and "<td>число</td>" in page and "<td>категорія</td>" in page
    assert "<td>string</td>" not in page and "<td>number</td>" not in page and "<td>category</td>" not in page


def test_the_data_appendix_keeps_english_types_in_english(english):
    page = mb.table_catalog()._repr_mimebundle_()["text/html"]
    assert "<td>string</td>" in page and "<td>number</td>" in page and "<td>category</td>" in page


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_chart_source_line_ending_with_an_abbreviation_has_one_full_stop(book, monkeypatch, language):
    """«Radio Svoboda n.d..» under a figure: the label's own stop and the line's stop."""
    monkeypatch.setenv("MINEBOOK_LANG", language)
    frame = mb.table("ranks")
    fig, ax = mb.new_figure()
    ax.bar(frame["name"], frame["value"])
    chart = mb.show_chart(fig, frame, alt="a", caption="c")
    html = chart.source_html()
    assert "Radio Svoboda n.d.</a> " in html and "n.d.</a>." not in html
    assert "n.d.." not in chart.source_line() and "Radio Svoboda n.d. " in chart.source_line()
    assert "n.d.." not in chart._repr_mimebundle_()["text/plain"]
