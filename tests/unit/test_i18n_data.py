"""Tables, numbers and charts in Ukrainian (issue 16): translated when shown, never when loaded.

A reader of the Ukrainian book sees table headings, categories, chart words and numbers in Ukrainian, while
`mb.table` keeps the English values every look-up (`mb.n("t.col[key=English value]")`) is written against.
"""

from __future__ import annotations

import textwrap

import pytest

import minebook as mb

PACKAGE = """\
name: mini
resources:
  - name: things
    path: things.csv
    title: Things
    refers_to: Figures as published in 2024.
    sources:
      - {key: good, title: A good source, path: "https://example.org/good"}
      - {key: other, title: Another source, path: "https://example.org/other"}
    schema:
      primaryKey: [name]
      fields:
        - name: name
          title: Name
          type: string
        - name: count
          title: Count
          type: integer
          unit: mines
          constraints: {required: true, minimum: 0}
        - name: share
          title: Share
          type: number
        - name: kind
          title: Kind
          type: string
          translate: true
          constraints: {required: true, enum: [blast mine, bounding mine]}
        - name: flag
          title: Flag
          type: boolean
          constraints: {required: true}
        - name: source
          title: Source
          type: string
          cites: references.bib
          constraints: {required: true}
"""

CSV = """\
name,count,share,kind,flag,source
alpha,1234,2.5,blast mine,true,good
beta,26,,bounding mine,false,good; other
"""

PO = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "things.kind"
msgid "Kind"
msgstr "Вид"

msgctxt "things.kind"
msgid "blast mine"
msgstr "фугасна міна"

msgctxt "things.kind"
msgid "bounding mine"
msgstr "вистрибувальна міна"

msgctxt "things.count"
msgid "Count"
msgstr "Кількість"

msgctxt "things.count"
msgid "mines"
msgstr "мін"

msgctxt "boolean"
msgid "True"
msgstr "так"
'''

CHARTS_PO = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "chapters/one"
msgid "Mines released by {what}"
msgstr "Випущено мін: {what}"
'''

CHAPTER = """\
# One

```{code-cell} ipython3
:tags: [hide-input]

import minebook as mb
fig, ax = mb.new_figure()
ax.set_xlabel(mb.t("Mines released by {what}").format(what="rocket"))
# Translators: the chart's alt text
alt = mb.t("A bar chart")
label = f"not {mb.t}"
```
"""


@pytest.fixture
def book(minibook):
    minibook.write("data/datapackage.yaml", PACKAGE)
    minibook.write("data/things.csv", CSV)
    minibook.write("chapters/one.md", CHAPTER)
    return minibook


@pytest.fixture
def ukrainian(book, monkeypatch):
    book.write("locales/uk/LC_MESSAGES/data.po", textwrap.dedent(PO))
    book.write("locales/uk/LC_MESSAGES/charts.po", textwrap.dedent(CHARTS_PO))
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    return book


def extracted() -> dict:
    from minebook.content.translations import EXTRACTORS

    out: dict = {}
    for extract in EXTRACTORS:
        out.update(extract())
    return out


def test_data_extraction_covers_the_marked_columns_titles_and_units_only(book):
    cat = extracted()["data"]
    found = {(m.context, m.id): m.locations for m in cat if m.id}
    # the marked column's cells, each with the CSV line it is on
    assert found[("things.kind", "blast mine")] == [("data/things.csv", 2)]
    assert found[("things.kind", "bounding mine")] == [("data/things.csv", 3)]
    # every column's title and unit (headings readers see), the table's title and refers_to
    assert ("things.count", "Count") in found and ("things.count", "mines") in found
    assert ("things", "Things") in found and ("things", "Figures as published in 2024.") in found
    assert found[("things.kind", "Kind")][0][0] == "data/datapackage.yaml"
    # never ids, keys, sources or numbers
    ids = {m.id for m in cat}
    assert not ids & {"alpha", "beta", "good", "good; other", "1234", "2.5"}


def test_translate_true_only_on_text_columns(book):
    from minebook.content.checks import check_everything

    book.write("data/datapackage.yaml", PACKAGE.replace("          unit: mines\n", "          unit: mines\n          translate: true\n"))
    message = "\n".join(str(p) for p in check_everything())
    assert "count.translate" in message and "true only on a column of text" in message


def test_chart_extraction_reads_code_cells_with_page_context_and_line(book):
    cat = extracted()["charts"]
    found = {(m.context, m.id): m for m in cat if m.id}
    message = found[("chapters/one", "Mines released by {what}")]
    assert message.locations == [("chapters/one.md", 8)]
    assert found[("chapters/one", "A bar chart")].auto_comments == ["the chart's alt text"]
    assert ("chart", "Sources") in found  # the chart frame's own words


def test_html_table_in_ukrainian_shows_translated_headings_and_cells_while_the_table_stays_english(ukrainian):
    things = mb.table("things")
    shown = things[["name", "count", "kind", "flag"]].rename(columns={"count": "Count", "kind": "Kind"})
    page = mb.html_table(shown)._repr_html_()
    assert "<th scope=\"col\">Вид</th>" in page and "<th scope=\"col\">Кількість</th>" in page
    assert "<td>фугасна міна</td>" in page and "<td>вистрибувальна міна</td>" in page
    assert "<td>так</td>" in page  # a yes/no cell in words
    assert "<td>alpha</td>" in page  # an id stays as written
    assert things["kind"].tolist() == ["blast mine", "bounding mine"]  # loaded in English
    assert mb.n("things.count[kind=blast mine]") == "1\u00a0234"  # look-ups by the English value still work


def test_html_table_in_english_is_unchanged(book, monkeypatch):
    monkeypatch.delenv("MINEBOOK_LANG", raising=False)
    book.write("locales/uk/LC_MESSAGES/data.po", textwrap.dedent(PO))
    shown = mb.table("things")[["kind", "flag"]].rename(columns={"kind": "Kind"})
    page = mb.html_table(shown)._repr_html_()
    assert "<th scope=\"col\">Kind</th>" in page and "<td>blast mine</td>" in page and "<td>True</td>" in page


def test_numbers_in_ukrainian(ukrainian):
    assert mb.n("things.count[name=alpha]") == "1\u00a0234"
    assert mb.n("things.share[name=alpha]") == "2,5"
    assert mb.n("things.count[name=beta]", words=True) == "26"
    assert mb.n("things.count", of="count", words=True) == "2"  # digits, never an English word
    from minebook.content.numbers import evaluate

    assert evaluate('mb.n("things.count[name=alpha]")') == "1\u00a0234"  # what the {eval} role writes


def test_numbers_in_english_unchanged(book, monkeypatch):
    monkeypatch.delenv("MINEBOOK_LANG", raising=False)
    assert mb.n("things.count[name=alpha]") == "1,234"
    assert mb.n("things.count", of="count", words=True) == "two"


def test_dates_in_ukrainian(ukrainian):
    import datetime as dt

    assert mb.date(dt.date(2022, 2, 24)) == "24 лютого 2022\u202fр."
    assert mb.date(dt.date(2022, 2, 24), "month") == "лютий 2022\u202fр."
    assert mb.date(dt.date(2022, 2, 24), "year") == "2022"


def test_chart_words_and_data_table_in_ukrainian(ukrainian):
    things = mb.table("things")
    assert mb.t("Mines released by {what}").format(what="ракета") == "Випущено мін: ракета"
    assert mb.t("Not in the catalog") == "Not in the catalog"  # untranslated: the English
    assert mb.label("things.kind", "blast mine") == "фугасна міна"
    fig, ax = mb.new_figure()
    ax.bar([mb.label("things.kind", k) for k in things["kind"]], things["count"])
    chart = mb.show_chart(fig, things, alt="a", caption="c", columns=["kind", "count", "source"])
    table = chart.table_html()
    assert "Вид" in table and "Кількість (мін)" in table and "фугасна міна" in table
    assert "Kind" not in table and "blast mine" not in table


def test_code_cells_keep_their_lines():
    from minebook.content import charttext, datatext

    text = "# Title\n\n```{code-cell} ipython3\n:tags: [x]\n\na = 1\n```\nprose\n"
    code = charttext.code_cells(text).split("\n")
    assert code[5] == "a = 1" and code[3] == "" and code[7] == ""
    assert datatext.DOMAIN == "data" and charttext.DOMAIN == "charts"


def test_a_changed_chart_or_data_translation_reruns_the_ukrainian_notebooks_only(ukrainian, monkeypatch):
    from minebook.sphinx.extension import content_fingerprint

    before = content_fingerprint(ukrainian.root)
    ukrainian.write("locales/uk/LC_MESSAGES/charts.po", textwrap.dedent(CHARTS_PO).replace("Випущено", "Випускають"))
    assert content_fingerprint(ukrainian.root) != before  # the Ukrainian charts are executed again
    monkeypatch.delenv("MINEBOOK_LANG")
    english = content_fingerprint(ukrainian.root)
    ukrainian.write("locales/uk/LC_MESSAGES/data.po", textwrap.dedent(PO).replace("Вид", "Тип"))
    assert content_fingerprint(ukrainian.root) == english  # the English cache stays valid
