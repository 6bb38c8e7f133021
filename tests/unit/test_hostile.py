"""Hostile and malformed content (issue 11): each case found by hand gives a clear error before anything is
built, or is rendered inert. Builds and the browser are in test_hostile_build.py; random input in
test_hostile_properties.py.
"""

from __future__ import annotations

import re
import time

import pytest
from bookfixture import MiniBook
from markdown_it import MarkdownIt

from minebook.cli.main import main
from minebook.content.bib import load_bibliography
from minebook.content.data import load_table
from minebook.content.htmltable import html_table
from minebook.content.quizzes import load_quiz
from minebook.core.errors import ContentError
from minebook.instructor.export import to_gift
from minebook.instructor.keys import key_markdown
from minebook.instructor.scaffold import myst_text, new_chapter
from minebook.quiz.safe_markdown import markdown_text

XSS = "<img src=x onerror=alert(1)>"


def check_output(capsys) -> tuple[int, str]:
    """`minebook check` run as an instructor would, in this process: its exit code and what it printed."""
    code = main(["check"])
    out = capsys.readouterr()
    return code, out.out + out.err


def quiz_with(minibook: MiniBook, old: str, new: str) -> None:
    assert old in MiniBook.QUIZ, f"test setup: {old!r}"
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace(old, new, 1))


# ---- YAML: read safely and predictably --------------------------------------------------------------------

BOMB = "lol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"l{i}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_billion_laughs_in_a_quiz_is_refused_at_once(minibook, capsys):
    minibook.write("chapters/one.quiz.yml", BOMB + MiniBook.QUIZ)
    start = time.monotonic()
    code, said = check_output(capsys)
    assert time.monotonic() - start < 10
    assert code == 1 and "Traceback" not in said
    assert "chapters/one.quiz.yml: line 2: field '*alias': expected each value written out (no & anchors or * aliases)" in said


def test_billion_laughs_in_a_table_description_is_refused(minibook, capsys):
    minibook.write("data/datapackage.yaml", MiniBook.DATAPACKAGE + "notes: " + BOMB.replace("\n", " ").split(" ", 1)[0] + "\n"
                   + BOMB.replace("lol:", "l_:", 1))
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said and "data/datapackage.yaml" in said


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("a: &a [*a]\n", "field '*alias'"),  # recursive: was a RecursionError
    ("x: !!python/object:os.system ls\n", "field 'tag': expected plain values (no ! tags), found '!!python/object:os.system'"),
    ("x: !unknown value\n", "field 'tag': expected plain values (no ! tags), found '!unknown'"),
    ("x: !!set {a, b}\n", "found '!!set'"),
    ("? [a, b]\n: c\n", "field 'name': expected a plain name before the colon"),
    ("{[a]: 1}\n", "field 'name': expected a plain name before the colon"),
    ("a: " + "[" * 200 + "]" * 200 + "\n", "field 'nesting': expected at most 20 levels of [ ] or { }, found 200 levels"),
    ("".join(" " * i + f"k{i}:\n" for i in range(60)), "field 'nesting': expected at most 20 levels"),
    ("title: \"" + "x" * 1_100_000 + "\"\n", "field 'size': expected at most 1,000 KB of text"),
])
def test_yaml_that_content_has_no_use_for_is_a_clear_error(minibook, capsys, yaml_text, expected):
    minibook.write("chapters/one.quiz.yml", yaml_text)
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said
    assert "chapters/one.quiz.yml: line" in said or "chapters/one.quiz.yml: the file" in said
    assert expected in said


def test_yaml_1_2_numbers_leading_zero_is_decimal_and_sexagesimal_is_text(minibook, capsys):
    quiz_with(minibook, "answer: {table: things, column: count, where: {name: alpha}}", "answer: 010")
    assert load_quiz("one").questions[1].answer == 10  # YAML 1.1 read 8
    quiz_with(minibook, "answer: {table: things, column: count, where: {name: alpha}}", "answer: 1:30")
    code, said = check_output(capsys)  # YAML 1.1 read 90
    assert code == 1
    assert "question 'count': field 'answer': expected a number, or {table:, column:, where:} naming a value in data/, found '1:30'" in said


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("answer: {table: things, column: count, where: {name: alpha}}", "answer: .nan", "field 'answer': expected a finite number, found '.nan'"),
    ("answer: {table: things, column: count, where: {name: alpha}}", "answer: .inf", "field 'answer': expected a finite number, found '.inf'"),
    ("unit: mines", "unit: mines\n    tolerance: -.Inf", "field 'tolerance': expected a finite number, found '-.Inf'"),
    ("answer: {table: things, column: count, where: {name: alpha}}", "answer: 1" + "0" * 400,
     "field 'answer': expected a number of at most 16 digits"),
    ("prompt: Pick alpha.", 'prompt: "Pick \\ud800 alpha."', "field 'prompt': expected text without control characters, found a lone surrogate (U+D800) at character 6"),
    ("prompt: Pick alpha.", 'prompt: "Pick \\x07 alpha."', "field 'prompt': expected text without control characters, found a control character (U+0007)"),
    ("prompt: Pick alpha.", "prompt: Pick \x0b alpha.", "line 5: field 'text': expected text without control characters, found a control character (U+000B)"),
])
def test_numbers_are_finite_and_text_is_clean(minibook, capsys, old, new, expected):
    quiz_with(minibook, old, new)
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said
    assert expected in said


def test_classify_needs_distinct_categories_and_statements(minibook, capsys):
    quiz = MiniBook.QUIZ + """\
  - id: sort
    type: classify
    prompt: Sort them.
    categories: [mine, mine, other]
    items:
      - {text: A statement, category: mine}
      - {text: A statement, category: other}
    explanation: Because.
    source: good
"""
    minibook.write("chapters/one.quiz.yml", quiz)
    code, said = check_output(capsys)
    assert code == 1
    assert "question 'sort': field 'categories': expected categories that differ from each other, found 'mine' twice" in said
    assert "question 'sort': field 'items': expected statements that differ from each other, found 'A statement' twice" in said


# ---- tables -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("nan", "field 'share': expected a number (digits only, no thousands separators or units), found 'nan'"),
    ("inf", "field 'share': expected a number (digits only, no thousands separators or units), found 'inf'"),
    ("-Infinity", "field 'share': expected a number (digits only, no thousands separators or units), found '-Infinity'"),
    ("1_000", "field 'share': expected a number (digits only, no thousands separators or units), found '1_000'"),
    ("1e999", "field 'share': expected a number of at most 15 digits, found '1e999'"),
])
def test_nan_and_inf_in_a_data_column_are_refused(minibook, capsys, cell, expected):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("alpha,312,0.5", f"alpha,312,{cell}"))
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said
    assert f"data/things.csv: line 2: {expected}" in said


def test_csv_line_numbers_count_lines_inside_quoted_cells(minibook, capsys):
    csv = ('name,count,share,kind,flag,source\n"alpha\nspanning\nthree lines",312,0.5,a,true,good\n'
           "beta,lots,,b,false,good\n")
    minibook.write("data/things.csv", csv)
    code, said = check_output(capsys)
    assert code == 1
    assert "data/things.csv: line 5: field 'count': expected a whole number" in said  # was "line 3"


def test_control_characters_in_a_data_cell_are_refused(minibook, capsys):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("alpha,", "al\x1bpha,"))
    code, said = check_output(capsys)
    assert code == 1
    assert "data/things.csv: line 2: field 'name': expected text without control characters, found a control character (U+001B)" in said


def test_a_huge_table_is_refused_before_a_notebook_times_out(minibook, capsys):
    rows = "".join(f"n{i},{i},,a,true,good\n" for i in range(100_000))
    minibook.write("data/things.csv", "name,count,share,kind,flag,source\n" + rows)
    start = time.monotonic()
    code, said = check_output(capsys)
    assert time.monotonic() - start < 30
    assert code == 1
    assert "data/things.csv: line 10002: field 'rows': expected at most 10,000 rows, found 100,000 rows" in said


# ---- bibliography -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:x", "//example.org/x", "http://", "https://exa mple.org"])
def test_bibliography_urls_must_be_http_or_https(minibook, capsys, url):
    minibook.write("references.bib", MiniBook.BIB.replace("https://example.org/good", url))
    code, said = check_output(capsys)
    assert code == 1 and "Traceback" not in said
    assert "references.bib: line 1, entry 'good': field 'url': expected a web address starting with http:// or https://" in said


def test_bibliography_text_with_a_control_character_is_refused(minibook):
    minibook.write("references.bib", MiniBook.BIB.replace("A good source", "A good\x01 source"))
    with pytest.raises(ContentError, match=r"entry 'good': field 'title': expected text without control characters"):
        load_bibliography()


# ---- outputs: every text escaped ----------------------------------------------------------------------------


def rendered_markdown(text: str) -> str:
    """What a Markdown viewer makes of `text` (CommonMark with raw HTML allowed, as GitHub's and most viewers)."""
    return MarkdownIt("commonmark", {"html": True}).render(text)


def assert_inert_html(page: str) -> None:
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"p", "ol", "ul", "li", "em", "strong", "code", "a", "h1", "h2", "h3", "br", "hr", "pre", "blockquote"}, tags
    assert not re.search(r'href="(?!https?://|mailto:)', page), page
    assert not re.search(r"<[^>]*\son\w+=", page)


HOSTILE_QUIZ = MiniBook.QUIZ.replace("prompt: Pick alpha.", f'prompt: "Pick {XSS} [click](javascript:alert(2)) <script>alert(3)</script>"') \
    .replace("explanation: Alpha is right.", 'explanation: "Right \\\\[x\\\\](javascript:alert(4)) ![i](https://evil.example/x.png) <javascript:alert(5)>"') \
    .replace("      - text: beta", '      - text: "`` <b onmouseover=alert(6)>b</b> ```"')


def test_markdown_answer_keys_keep_no_raw_html_or_script_links(minibook):
    minibook.write("chapters/one.quiz.yml", HOSTILE_QUIZ)
    key = key_markdown(load_quiz("one"))
    assert XSS not in key and not re.search(r"(?<!\\)\]\(javascript", key)
    page = rendered_markdown(key)
    assert_inert_html(page)
    assert "Pick &lt;img src=x onerror=alert(1)&gt;" in page  # shown as typed


def test_gift_markdown_keeps_no_raw_html_or_script_links(minibook):
    minibook.write("chapters/one.quiz.yml", HOSTILE_QUIZ)
    gift = to_gift([load_quiz("one")])
    assert XSS not in gift and "<script" not in gift
    shown = re.sub(r"\\([~=#{}:\\])", r"\1", gift)  # GIFT's escapes undone: the Markdown Moodle renders
    assert not re.search(r"(?<!\\)\]\(javascript", shown)
    assert_inert_html(rendered_markdown(shown.replace("[markdown]", "")))


def test_markdown_text_keeps_the_allowed_subset():
    assert markdown_text("**Read** the [report](https://example.org/r_(1)) `code`") == \
        "**Read** the [report](https://example.org/r_(1)) `code`"
    assert markdown_text("![x](https://evil.example/p.png)") == "\\![x](https://evil.example/p.png)"


def test_tables_escape_cells_and_titles():
    import pandas as pd

    frame = pd.DataFrame({XSS: [XSS, None], "n": [7, 8]})
    page = html_table(frame, "t")._repr_html_()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.startswith('<table class="mb-table" id="mb-table-t">')


def test_no_chapter_draws_a_table_with_pandas_styler():
    from bookfixture import ROOT

    for page in [*ROOT.glob("chapters/*.md"), *ROOT.glob("appendices/*.md")]:
        assert ".style." not in page.read_text(encoding="utf-8"), f"{page.name}: use mb.html_table (Styler does not escape)"


# ---- new chapters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Mines {{ 7*7 }}", "<AP> & <AV>", "A *b* [c](javascript:x) `d` $e$ {cite}`x`"])
def test_chapter_titles_are_written_as_text(minibook, title):
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    minibook.write("chapters/one.md", "# One\n")
    minibook.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n")
    new_chapter("new-one", title, source="good")
    heading = next(line for line in (minibook.root / "chapters/new-one.md").read_text().splitlines() if line.startswith("# "))
    assert heading == f"# {myst_text(title)}"
    parser = create_md_parser(MdParserConfig(enable_extensions={"substitution", "colon_fence", "deflist", "linkify"}), RendererHTML)
    inline = parser.parse(heading)[1].children
    assert [(t.type, t.content) for t in inline] == [("text", title)]
    assert load_quiz("new-one").title.startswith("Check your understanding: ")


def test_a_title_with_a_line_break_is_refused(minibook):
    from minebook.instructor.scaffold import ScaffoldRefused

    with pytest.raises(ScaffoldRefused, match="control characters; found a control character"):
        new_chapter("x", "A\x00B", source="good")
    assert not (minibook.root / "chapters" / "x.md").exists()


def test_data_table_round_trip_keeps_hostile_text_as_text(minibook):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("alpha,", f'"{XSS}",'))
    frame, _ = load_table("things")
    assert frame["name"].iloc[0] == XSS


def test_markdown_text_escapes_only_what_a_renderer_could_read_as_html():
    """The teacher's answer key (a .md file) read "Humanity &amp; Inclusion"; an entity or a tag is still inert."""
    from minebook.quiz.safe_markdown import markdown_text

    assert markdown_text("Humanity & Inclusion") == "Humanity & Inclusion"
    assert markdown_text("fewer than < 5") == "fewer than < 5"
    assert markdown_text("&amp; and &#60;") == "&amp;amp; and &amp;#60;"
    assert "<" not in markdown_text("<script>x</script> <!-- c --> <https://a.example>")
