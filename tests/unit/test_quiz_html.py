"""The static form of a quiz, read as a browser and a screen reader would read its markup (no browser here).

What a reader relies on: every question is a fieldset with a legend, every control has a label, feedback is
announced, ids are unique and stable, hostile text from a quiz file stays text, and answers stay out of the
student edition's markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from minebook.content.bib import Source
from minebook.content.quizzes import load_quiz
from minebook.quiz.checking import check, rules
from minebook.quiz.html import asset_css, asset_js, render_html
from minebook.quiz.model import Quiz
from minebook.quiz.safe_markdown import inline_html, plain_text, safe_url

SOURCES = {"src": Source("src", "A report", "Some Monitor", "2024", "https://example.org/report", "")}

EVERY_TYPE: dict[str, Any] = {
    "title": "Every *kind* of question",
    "intro": "A quiz with one question of each type.",
    "questions": [
        {
            "id": "pick",
            "type": "single",
            "prompt": "Pick **B**.",
            "source": "src",
            "explanation": "B is right.",
            "options": [
                {"text": "A", "feedback": "Not A."},
                {"text": "B", "correct": True, "feedback": "Yes, B."},
                {"text": "C"},
            ],
        },
        {
            "id": "several",
            "type": "multiple",
            "prompt": "Pick A and C.",
            "source": "src",
            "explanation": "A and C.",
            "options": [
                {"text": "A", "correct": True},
                {"text": "B", "feedback": "B is not."},
                {"text": "C", "correct": True},
                {"text": "D"},
            ],
        },
        {
            "id": "tf",
            "type": "truefalse",
            "prompt": "The sky is green.",
            "answer": False,
            "source": "src",
            "explanation": "It is not.",
            "feedback_true": "Look up.",
            "feedback_false": "Right, it is not.",
        },
        {
            "id": "count",
            "type": "numeric",
            "prompt": "How many?",
            "answer": 1250,
            "tolerance": 50,
            "unit": "mines",
            "source": "src",
            "explanation": "About 1,250.",
        },
        {
            "id": "year",
            "type": "numeric",
            "prompt": "Which year?",
            "answer": 2005,
            "range": [2004, 2006],
            "source": "src",
            "explanation": "2004 to 2006.",
        },
        {
            "id": "order",
            "type": "ordering",
            "prompt": "Order them.",
            "items": ["first", "second", "third", "fourth"],
            "source": "src",
            "explanation": "In order.",
        },
        {
            "id": "sort",
            "type": "classify",
            "prompt": "Sort them.",
            "categories": ["Finding", "Allegation", "Denial"],
            "items": [
                {"text": "one", "category": "Finding"},
                {"text": "two", "category": "Denial"},
                {"text": "three", "category": "Allegation"},
            ],
            "source": "src",
            "explanation": "As sorted.",
            "instructor_note": "Discuss the denial.",
        },
        {
            "id": "city",
            "type": "text",
            "prompt": "Which city is on the Lopan river?",
            "accept": ["Kharkiv", "Харків", "Kharkov"],
            "normalise": ["apostrophes"],
            "source": "src",
            "explanation": "Kharkiv stands where the Lopan meets the Kharkiv river.",
        },
    ],
}

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
    "'><iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    "[y](JaVaScRiPt:alert(1)) [z](data:text/html,<script>alert(1)</script>)",
    '[w](https://example.org/"onmouseover="alert(1))',
    "`</code><script>alert(1)</script>` **<b onmouseover=alert(1)>x</b>**",
    "<!-- --><style>*{display:none}</style>]]>&amp;",
]
EVIL = " ".join(HOSTILE)


def hostile_quiz_data() -> dict[str, Any]:
    """Every text field of every question type holds every hostile string."""
    return {
        "title": EVIL,
        "intro": EVIL,
        "questions": [
            {
                "id": "pick",
                "type": "single",
                "prompt": EVIL,
                "explanation": EVIL,
                "source": "src",
                "instructor_note": EVIL,
                "options": [{"text": f"{EVIL} {i}", "correct": i == 0, "feedback": EVIL} for i in range(3)],
            },
            {
                "id": "several",
                "type": "multiple",
                "prompt": EVIL,
                "explanation": EVIL,
                "source": "src",
                "options": [{"text": f"{EVIL} {i}", "correct": i < 2, "feedback": EVIL} for i in range(3)],
            },
            {
                "id": "tf",
                "type": "truefalse",
                "prompt": EVIL,
                "answer": True,
                "explanation": EVIL,
                "source": "src",
                "feedback_true": EVIL,
                "feedback_false": EVIL,
            },
            {
                "id": "count",
                "type": "numeric",
                "prompt": EVIL,
                "answer": 3,
                "unit": EVIL,
                "explanation": EVIL,
                "source": "src",
            },
            {
                "id": "order",
                "type": "ordering",
                "prompt": EVIL,
                "items": [f"{EVIL} {i}" for i in range(3)],
                "explanation": EVIL,
                "source": "src",
            },
            {
                "id": "sort",
                "type": "classify",
                "prompt": EVIL,
                "categories": [f"{EVIL} A", f"{EVIL} B"],
                "items": [{"text": f"{EVIL} {i}", "category": f"{EVIL} {'AB'[i % 2]}"} for i in range(3)],
                "explanation": EVIL,
                "source": "src",
            },
        ],
    }


HOSTILE_SOURCES = {"src": Source("src", EVIL, EVIL, "2024", "javascript:alert(1)", EVIL)}


def make_quiz(folder: Path, name: str, data: dict[str, Any], sources: dict[str, Source] = SOURCES) -> Quiz:
    """Write a quiz file the way an editor would, then load it through the real loader."""
    path = folder / f"{name}.quiz.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_quiz(path, sources)


@pytest.fixture
def quiz(tmp_path: Path) -> Quiz:
    return make_quiz(tmp_path, "every-type", EVERY_TYPE)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def embedded(html: str) -> dict[str, Any]:
    node = soup(html).select_one("script.mb-quiz-data")
    assert node is not None and node.get("type") == "application/json"
    return json.loads(node.string)


# --- structure: what a screen reader and a keyboard user get -------------------------------------------------


def test_each_question_is_a_fieldset_with_a_numbered_legend(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    fieldsets = page.select("section.mb-quiz > fieldset.mb-q")
    assert [f["data-qid"] for f in fieldsets] == [q.id for q in quiz.questions]
    for number, (fs, q) in enumerate(zip(fieldsets, quiz.questions, strict=True), 1):
        legend = fs.find("legend", recursive=False)
        assert legend is not None and fs.contents[fs.contents.index(legend) - 1 :]  # legend comes first
        assert legend.get_text(" ", strip=True).startswith(f"{number}. "), legend
        assert plain_text(q.prompt) in legend.get_text()


def test_the_quiz_is_a_labelled_region_with_its_title(quiz: Quiz) -> None:
    section = soup(render_html(quiz)).select_one("section.mb-quiz")
    assert section["aria-label"] == "Quiz: Every kind of question"
    assert section["data-quiz-id"] == "every-type"
    assert section.select_one(".mb-quiz-title").decode_contents() == "Every <em>kind</em> of question"
    assert section.select_one(".mb-intro").get_text() == EVERY_TYPE["intro"]


def test_every_control_has_a_label_and_a_unique_id(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    ids = [t["id"] for t in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids"
    controls = page.select("input, select")
    assert len(controls) == 3 + 4 + 2 + 1 + 1 + 4 + 3 + 1  # the last: the text answer box
    for control in controls:
        labels = page.select(f'label[for="{control["id"]}"]')
        assert len(labels) == 1, control
        assert labels[0].get_text(strip=True), control


def test_each_question_has_one_polite_live_region_for_its_feedback(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    for fs in page.select("fieldset.mb-q"):
        live = fs.select("[aria-live]")
        assert len(live) == 1
        assert live[0]["aria-live"] == "polite" and live[0]["role"] == "status" and "mb-feedback" in live[0]["class"]
        assert live[0].get_text() == ""  # nothing is said before the reader acts
    score = page.select("section > .mb-quiz-foot > p.mb-score[aria-live=polite]")
    assert len(score) == 1 and score[0].get_text() == "0 of 8 answered"


def test_each_question_has_check_show_answer_and_try_again_buttons(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    for fs in page.select("fieldset.mb-q"):
        buttons = fs.select("button")
        assert [b.get_text() for b in buttons] == ["Check", "Show answer", "Try again"]
        assert all(b["type"] == "button" for b in buttons)  # never submits a surrounding form
    reset = page.select_one("section > .mb-quiz-foot > details.mb-reset")  # asks before it clears
    assert reset.select_one("summary").get_text() == "Reset quiz" and "open" not in reset.attrs
    confirm = reset.select("button")
    assert [b.get_text() for b in confirm] == ["Yes, clear them"] and confirm[0]["type"] == "button"


def test_controls_match_the_question_type(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    q = {fs["data-qid"]: fs for fs in page.select("fieldset.mb-q")}
    assert {i["type"] for i in q["pick"].select("input")} == {"radio"}
    assert len({i["name"] for i in q["pick"].select("input")}) == 1  # one radio group
    assert {i["type"] for i in q["several"].select("input")} == {"checkbox"}
    tf = q["tf"].select("input")
    assert [(i["type"], i["value"]) for i in tf] == [("radio", "true"), ("radio", "false")]
    assert [page.select_one(f'label[for="{i["id"]}"]').get_text() for i in tf] == ["True", "False"]
    box = q["count"].select_one("input")
    assert (box["type"], box["inputmode"]) == ("text", "decimal")
    unit = page.select_one(f"#{box['aria-describedby']}")
    assert unit.get_text() == "mines"  # the unit is visible and read with the box
    assert "aria-describedby" not in q["year"].select_one("input").attrs  # no unit, nothing to describe
    for sel in q["order"].select("select"):
        assert [(o["value"], o.get_text()) for o in sel.select("option")] == [
            ("", "Choose…"),
            ("1", "1"),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
        ]
    for sel in q["sort"].select("select"):
        assert [o.get_text() for o in sel.select("option")] == ["Choose…", "Finding", "Allegation", "Denial"]


def test_options_and_items_appear_in_the_deterministic_display_order(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    for q in quiz.questions:
        rows = page.select(f'fieldset[data-qid="{q.id}"] .mb-opt, fieldset[data-qid="{q.id}"] .mb-item')
        if q.type in ("single", "multiple", "ordering", "classify"):
            keys = quiz.keys(q)
            assert [r["data-k"] for r in rows] == [keys[i] for i in quiz.display_order(q)], q.id
    order = page.select('fieldset[data-qid="order"] .mb-item label')
    assert [lab.get_text() for lab in order] != list(EVERY_TYPE["questions"][5]["items"])  # never shown solved


def test_two_builds_give_identical_html(quiz: Quiz, tmp_path: Path) -> None:
    again = make_quiz(tmp_path, "every-type", EVERY_TYPE)  # a fresh load, as a second build would do
    assert render_html(quiz) == render_html(quiz) == render_html(again)
    assert render_html(quiz, show_answers=True) == render_html(again, show_answers=True)


def test_ids_derive_from_quiz_and_question_ids(quiz: Quiz) -> None:
    page = soup(render_html(quiz))
    assert page.select_one("section")["id"] == "mb-every-type"
    assert all(fs["id"] == f"mb-every-type-{fs['data-qid']}" for fs in page.select("fieldset"))
    assert all(t["id"].startswith("mb-every-type") for t in page.find_all(id=True))


# --- the data the script checks with -------------------------------------------------------------------------


def test_embedded_data_holds_the_checking_rules_and_display_order(quiz: Quiz) -> None:
    data = embedded(render_html(quiz))
    assert data["id"] == "every-type" and re.fullmatch(r"[0-9a-f]{12}", data["hash"])
    for q, d in zip(quiz.questions, data["questions"], strict=True):
        assert (d["id"], d["type"]) == (q.id, q.type)
        assert d["rules"] == json.loads(json.dumps(rules(q)))
        if q.type not in ("truefalse", "numeric"):
            assert d["keys"] == quiz.keys(q)
        assert check(q, d["fill"]).correct, f"'Show answer' would fill in a wrong answer for {q.id}"
        assert "Some Monitor (2024)" in d["explanation"] and 'href="https://example.org/report"' in d["explanation"]
        assert set(d["say"]) >= {"correct", "incorrect", "incomplete"}
    feedback = {d["id"]: d["feedback"] for d in data["questions"]}
    assert feedback["pick"] == {"0": "Not A.", "1": "Yes, B."}
    assert feedback["tf"] == {"true": "Look up.", "false": "Right, it is not."}
    numeric = {d["id"]: d for d in data["questions"]}["count"]
    assert numeric["fill"] == "1250" and "1250 mines" in numeric["answer"] and "1200 to 1300" in numeric["answer"]


def test_quiz_data_changes_its_hash_when_a_question_changes(quiz: Quiz, tmp_path: Path) -> None:
    """Saved progress is keyed by the hash, so an edited quiz never restores answers to other questions."""
    edited = json.loads(json.dumps(EVERY_TYPE))
    edited["questions"][0]["options"][0]["correct"], edited["questions"][0]["options"][1]["correct"] = True, False
    changed = make_quiz(tmp_path / "..", "every-type", edited)
    assert embedded(render_html(quiz))["hash"] != embedded(render_html(changed))["hash"]


# --- student and instructor editions -------------------------------------------------------------------------


def test_student_edition_marks_no_answer_in_the_markup(quiz: Quiz) -> None:
    html = render_html(quiz, inline_assets=False)
    page = soup(html)
    assert page.select(".mb-correct, .mb-key, .mb-note, [data-answers], [checked], option[selected]") == []
    assert "Discuss the denial" not in html  # the instructor note is not even in the data
    visible = soup(html)
    visible.select_one("script.mb-quiz-data").decompose()
    assert "B is right." not in visible.get_text()  # explanations only after checking


def test_instructor_edition_marks_every_right_answer_and_shows_explanations(quiz: Quiz) -> None:
    page = soup(render_html(quiz, show_answers=True))
    assert page.select_one("section").has_attr("data-answers")
    assert page.select_one("section")["class"] == ["mb-quiz"]  # the Sphinx extension looks for class="mb-quiz"
    q = {fs["data-qid"]: fs for fs in page.select("fieldset.mb-q")}
    marked = lambda qid: [r.select_one("label").get_text() for r in q[qid].select(".mb-opt") if r.select(".mb-correct")]  # noqa: E731
    assert marked("pick") == ["B"]
    assert sorted(marked("several")) == ["A", "C"]
    assert marked("tf") == ["False"]
    assert "1250 mines" in q["count"].select_one(".mb-correct").get_text()
    order = {
        r.select_one("label").get_text(): r.select_one(".mb-correct").get_text() for r in q["order"].select(".mb-item")
    }
    assert order == {
        "Position of: first": "(correct: 1)",
        "Position of: second": "(correct: 2)",
        "Position of: third": "(correct: 3)",
        "Position of: fourth": "(correct: 4)",
    }
    for qq in quiz.questions:
        key = q[qq.id].select_one(".mb-key")
        assert plain_text(qq.explanation) in key.get_text() and "Source: Some Monitor (2024)" in key.get_text()
    assert "Discuss the denial." in q["sort"].select_one(".mb-note").get_text()


# --- self-contained or once per page -------------------------------------------------------------------------


def test_inline_assets_make_the_fragment_self_contained(quiz: Quiz) -> None:
    page = soup(render_html(quiz, inline_assets=True))
    styles, scripts = page.select("style[data-mb-asset]"), page.select("script[data-mb-asset]")
    assert len(styles) == 1 and styles[0].string == asset_css()
    assert len(scripts) == 1 and scripts[0].string == asset_js()
    assert page.select("script[src], link") == []  # nothing to fetch


def test_without_inline_assets_the_fragment_carries_no_style_or_code(quiz: Quiz) -> None:
    page = soup(render_html(quiz, inline_assets=False))
    assert page.select("style") == []
    assert [s.get("class") for s in page.select("script")] == [["mb-quiz-data"]]


def test_the_books_asset_stripping_leaves_exactly_the_quiz(quiz: Quiz) -> None:
    """The Sphinx extension removes the inline copies and loads quiz.js/quiz.css once per page instead."""
    from minebook.sphinx.extension import INLINE_ASSET, QUIZ_MARK

    inline = render_html(quiz, inline_assets=True)
    assert QUIZ_MARK in inline
    assert INLINE_ASSET.sub("", inline).strip() == render_html(quiz, inline_assets=False).strip()


def test_assets_cannot_end_their_own_element_and_stay_small() -> None:
    assert "</script" not in asset_js().lower() and "</style" not in asset_css().lower()
    assert "<!--" not in asset_js()
    assert "</script" not in asset_js(blank=True).lower() and "<!--" not in asset_js(blank=True)
    for script in (asset_js(), asset_js(blank=True)):  # what one page loads: the checking script or the form's
        # 11 KB (was 10): the text kind's matching (its normalise rules, ~400 bytes) did not fit in the 3 bytes left
        assert len(script.encode()) + len(asset_css().encode()) <= 11 * 1024
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\s*\(|WebSocket|sendBeacon|eval)\b", asset_js())


# --- untrusted text ------------------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "section",
    "h2",
    "p",
    "fieldset",
    "legend",
    "span",
    "div",
    "input",
    "label",
    "select",
    "option",
    "button",
    "script",
    "style",
    "em",
    "strong",
    "code",
    "a",
    "cite",
    "ul",
    "ol",
    "li",
    "details",
    "summary",
}
ALLOWED_ATTRS = {
    "class",
    "id",
    "role",
    "type",
    "name",
    "value",
    "for",
    "inputmode",
    "autocomplete",
    "spellcheck",
    "href",
    "rel",
    "size",
}


def assert_only_safe_markup(html: str, where: str) -> None:
    """No element or attribute a quiz author could not have meant: the text stayed text."""
    page = soup(html)
    for el in page.find_all(True):
        assert el.name in ALLOWED_TAGS, f"{where}: <{el.name}> in {el}"
        for attr, value in el.attrs.items():
            ok = attr in ALLOWED_ATTRS or (attr.startswith(("data-", "aria-")) and not attr.startswith("data-on"))
            assert ok, f"{where}: attribute {attr}={value!r} on <{el.name}>"
        if el.name == "a":
            assert safe_url(el["href"]) and el["rel"] == ["noopener"], f"{where}: {el}"
        if el.name == "script":
            assert el.get("type") == "application/json" or el.has_attr("data-mb-asset"), f"{where}: {el}"
        if el.name == "style":
            assert el.has_attr("data-mb-asset"), f"{where}: {el}"


def _html_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _html_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _html_strings(v)]
    return []


@pytest.mark.parametrize("form", ["default", "instructor", "student"])
def test_hostile_text_in_every_field_stays_text(tmp_path: Path, form: str) -> None:
    quiz = make_quiz(tmp_path, "hostile", hostile_quiz_data(), HOSTILE_SOURCES)
    html = render_html(quiz, inline_assets=True, show_answers=form == "instructor", blank=form == "student")
    assert_only_safe_markup(html, "page")
    page = soup(html)
    assert len(page.select("fieldset")) == 6
    if form == "student":
        assert len(page.select("script")) == 1 and not page.select("script.mb-quiz-data")
        assert "<script>alert(1)</script>" in page.select_one("legend").get_text()
        return
    assert len(page.select("script")) == 2 and len(page.select("style")) == 1
    raw = page.select_one("script.mb-quiz-data").string
    assert "</" not in raw and "<!--" not in raw and "<" not in raw
    data = json.loads(raw)
    for d in data["questions"]:  # the script inserts these with innerHTML; rules and ids are only compared
        for text in _html_strings([d["feedback"], d["explanation"], d["answer"], d["say"]]):
            assert_only_safe_markup(text, f"data of {d['id']}")
    # What the reader reads is what the author typed:
    assert "<script>alert(1)</script>" in page.select_one("legend").get_text()
    assert plain_text(EVIL) in page.select_one("section")["aria-label"]


def test_hostile_quiz_file_name_cannot_break_attributes(tmp_path: Path) -> None:
    name = "x\"'><img src=x onerror=alert(1)>"
    quiz = make_quiz(tmp_path, name, EVERY_TYPE)
    html = render_html(quiz)
    assert_only_safe_markup(html, "page")
    section = soup(html).select_one("section")
    assert section["data-quiz-id"] == name
    assert re.fullmatch(r"mb-[A-Za-z0-9_-]+", section["id"])
    assert embedded(html)["id"] == name


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*em* and _em_ and **strong**", "<em>em</em> and <em>em</em> and <strong>strong</strong>"),
        ("`a < b` and snake_case_name", "<code>a &lt; b</code> and snake_case_name"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        (
            "[HRW](https://www.hrw.org/x_(y)?a=1&b=2)",
            '<a href="https://www.hrw.org/x_(y)?a=1&amp;b=2" rel="noopener">HRW</a>',
        ),
        ("[mail](mailto:a@example.org)", '<a href="mailto:a@example.org" rel="noopener">mail</a>'),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](/relative/page.html)", "[x](/relative/page.html)"),
        ("[x](https:no-slashes)", "[x](https:no-slashes)"),
        ("<b>bold</b> & \"quotes\" 'too'", "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#x27;too&#x27;"),
        (
            '[a](https://e.org/"onmouseover="x)',
            '<a href="https://e.org/&quot;onmouseover=&quot;x" rel="noopener">a</a>',
        ),
        ("", ""),
    ],
)
def test_safe_markdown_allows_only_emphasis_code_and_web_links(text: str, html: str) -> None:
    assert inline_html(text) == html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "java\nscript:x",
        " https://e.org",
        "data:x",
        "vbscript:x",
        "//evil.example",
        "https:",
        "file:///etc/passwd",
        "https://e.org/\x00",
    ],
)
def test_safe_url_refuses_anything_but_web_and_mail_links(url: str) -> None:
    assert safe_url(url) is None


def test_plain_text_drops_markup_but_keeps_words() -> None:
    assert plain_text("*Quiz*: [mine **types**](https://e.org) and `code`") == "Quiz: mine types and code"
