"""LMS exports: every exported file is parsed back and compared with the quiz files, question by question.

The GIFT parser here is written independently of the exporter, from Moodle's description of the format, so a
wrong escape or a wrong weight shows up as a mismatch rather than being undone by the same bug.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bookfixture import ROOT, MiniBook

from minebook.content.quizzes import load_quiz
from minebook.instructor.export import LIMITS, QTI_TYPES, number, position, prompt_text, to_gift, to_qti, write_exports
from minebook.quiz.model import Question, Quiz
from minebook.quiz.safe_markdown import inline_html

# ---- a small GIFT reader ------------------------------------------------------------------------------------

ESCAPES = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n", "*": "\\*"}


def protect(text: str) -> tuple[str, list[str]]:
    """Replace each escape by a private-use placeholder so splitting on special characters is safe."""
    saved: list[str] = []

    def keep(m: re.Match) -> str:
        saved.append(ESCAPES[m.group(1)])
        return f"\ue000{len(saved) - 1}\ue001"

    return re.sub(r"\\([~=#{}:\\n*])", keep, text), saved


def unprotect(text: str, saved: list[str]) -> str:
    """GIFT's escapes undone, and nothing else (a short answer is compared as typed, not rendered)."""
    return re.sub("\ue000(\\d+)\ue001", lambda m: saved[int(m.group(1))], text)


def restore(text: str, saved: list[str]) -> str:
    """The text a Moodle reader sees: GIFT escapes undone, then the [markdown] escapes (backslash before
    punctuation, the entities &amp; &lt; &gt;) that keep raw HTML and links typed in a quiz inert."""
    gift = re.sub("\ue000(\\d+)\ue001", lambda m: saved[int(m.group(1))], text).strip()
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", gift))


def parse_gift(text: str) -> list[dict]:
    """Questions as dicts: id, prompt, kind and answers, with every escape undone."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith("//") or line.startswith("$CATEGORY"):
            continue
        if not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    questions = []
    for block in blocks:
        raw, saved = protect(block)
        m = re.fullmatch(r"::(?P<id>[^:]+)::(\[markdown\])?(?P<prompt>[^{]*)\{(?P<answers>[^}]*)\}\s*", raw, re.DOTALL)
        assert m, f"not a GIFT question: {block[:200]}"
        answers = m.group("answers")
        general = ""
        if "####" in answers:
            answers, general = answers.split("####", 1)
        q = {"id": m.group("id"), "prompt": restore(m.group("prompt"), saved), "general": restore(general, saved)}
        body = answers.strip()
        if body.startswith("#"):
            spec = body[1:].strip()
            if ".." in spec:
                low, high = spec.split("..")
                q.update(kind="numeric", low=float(low), high=float(high))
            else:
                value, tol = spec.split(":")
                q.update(kind="numeric", answer=float(value), tolerance=float(tol))
        elif re.match(r"(TRUE|FALSE|T|F)\b", body):
            parts = body.split("#")
            q.update(kind="truefalse", answer=parts[0].strip() in ("TRUE", "T"),
                     wrong_fb=restore(parts[1], saved) if len(parts) > 1 else "",
                     right_fb=restore(parts[2], saved) if len(parts) > 2 else "")
        elif "~" not in body and "=" in body and "->" in body:  # Moodle: only matching has = and -> and no ~
            pairs = [p.split("->") for p in re.split(r"\s*=", body) if p.strip()]
            q.update(kind="matching", pairs=[(restore(a, saved), restore(b, saved)) for a, b in pairs])
        elif "~" not in body and body.startswith("="):  # Moodle: only right answers, no ~: a short answer
            answers = [unprotect(a, saved).strip() for a in re.split(r"\s*=", body) if a.strip()]  # no Markdown undone
            q.update(kind="short", answers=answers)
        else:
            options = []
            for mark, rest in re.findall(r"([=~])([^=~]*)", body):
                w = re.match(r"%(-?[\d.]+)%", rest)
                weight = float(w.group(1)) if w else (100.0 if mark == "=" else 0.0)
                rest = rest[w.end():] if w else rest
                text, _, fb = rest.partition("#")
                options.append({"text": restore(text, saved), "weight": weight, "feedback": restore(fb, saved)})
            q.update(kind="choice", options=options)
        questions.append(q)
    return questions


def expected_pairs(q: Question) -> list[tuple[str, str]]:
    if q.type == "ordering":
        return [(item, position(i + 1)) for i, item in enumerate(q.items)]
    return [(item, q.categories[c]) for item, c in zip(q.items, q.item_categories)]


def assert_gift_matches(quiz: Quiz, parsed: list[dict]) -> None:
    assert [p["id"] for p in parsed] == [q.id for q in quiz.questions]
    for q, p in zip(quiz.questions, parsed):
        where = f"{quiz.id}/{q.id}"
        assert p["prompt"] == prompt_text(q), where
        assert p["general"].startswith(q.explanation), where
        if q.type in ("single", "multiple"):
            assert p["kind"] == "choice", where
            assert [o["text"] for o in p["options"]] == [o.text for o in q.options], where
            assert [o["feedback"] for o in p["options"]] == [o.feedback for o in q.options], where
            right = [o["weight"] > 0 for o in p["options"]]
            assert right == [o.correct for o in q.options], where
            assert sum(o["weight"] for o in p["options"] if o["weight"] > 0) == pytest.approx(100, abs=1e-3), where
            if q.type == "multiple" and not all(right):
                assert sum(o["weight"] for o in p["options"] if o["weight"] < 0) == pytest.approx(-100, abs=1e-3), where
        elif q.type == "truefalse":
            assert (p["kind"], p["answer"]) == ("truefalse", q.answer), where
            assert p["right_fb"] == (q.feedback_true if q.answer else q.feedback_false), where
        elif q.type == "numeric":
            assert p["kind"] == "numeric", where
            if q.range:
                assert (p["low"], p["high"]) == q.range, where
            else:
                assert (p["answer"], p["tolerance"]) == (q.answer, q.tolerance), where
        elif q.type == "text":
            assert (p["kind"], p["answers"]) == ("short", [a.replace("*", "\\*") for a in q.accept]), where
        else:
            assert p["kind"] == "matching", where
            assert p["pairs"] == expected_pairs(q), where


# ---- a small QTI reader -------------------------------------------------------------------------------------

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def text_of(el: ET.Element) -> str:
    return el.find(".//q:mattext", NS).text or ""


def assert_qti_matches(quizzes: list[Quiz], xml: bytes) -> None:
    root = ET.fromstring(xml)
    sections = root.findall("q:assessment/q:section", NS)
    assert len(sections) == len(quizzes)
    for quiz, section in zip(quizzes, sections):
        items = section.findall("q:item", NS)
        assert [i.get("title") for i in items] == [q.id for q in quiz.questions]
        for q, item in zip(quiz.questions, items):
            where = f"{quiz.id}/{q.id}"
            meta = {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
                    for f in item.findall(".//q:qtimetadatafield", NS)}
            assert meta["question_type"] == QTI_TYPES[q.type], where
            pres = item.find("q:presentation", NS)
            assert text_of(pres) == inline_html(prompt_text(q)), where
            feedback = {f.get("ident"): text_of(f) for f in item.findall("q:itemfeedback", NS)}
            assert feedback["general_fb"].startswith(inline_html(q.explanation)), where
            conds = item.findall("q:resprocessing/q:respcondition", NS)
            scoring = [c for c in conds if c.find("q:setvar", NS) is not None]
            if q.type in ("single", "multiple", "truefalse"):
                labels = pres.findall(".//q:response_label", NS)
                if q.type == "truefalse":
                    assert [text_of(lab) for lab in labels] == ["True", "False"], where
                    want = {"true"} if q.answer else {"false"}
                else:
                    assert [text_of(lab) for lab in labels] == [inline_html(o.text) for o in q.options], where
                    want = {f"o{i}" for i in q.correct_options}
                    for i, o in enumerate(q.options):
                        if o.feedback:
                            assert feedback[f"o{i}_fb"] == inline_html(o.feedback), where
                (cond,) = scoring
                var = cond.find("q:conditionvar", NS)
                got = {v.text for v in var.iter(f"{{{NS['q']}}}varequal") if v not in set(var.iter(f"{{{NS['q']}}}not"))}
                negated = {v.text for n in var.iter(f"{{{NS['q']}}}not") for v in n}
                assert got - negated == want, where
                assert cond.findtext("q:setvar", namespaces=NS) == "100", where
            elif q.type == "numeric":
                assert pres.find("q:response_str/q:render_fib", NS).get("fibtype") == "Decimal", where
                (cond,) = scoring
                low = float(cond.find(".//q:vargte", NS).text)
                high = float(cond.find(".//q:varlte", NS).text)
                if q.range:
                    assert (low, high) == q.range, where
                else:
                    assert float(cond.find(".//q:varequal", NS).text) == q.answer, where
                    assert (low, high) == pytest.approx((q.answer - q.tolerance, q.answer + q.tolerance)), where
            elif q.type == "text":
                assert pres.find("q:response_str/q:render_fib", NS).get("fibtype") == "String", where
                (cond,) = scoring
                assert [v.text for v in cond.iter(f"{{{NS['q']}}}varequal")] == list(q.accept), where
                assert cond.findtext("q:setvar", namespaces=NS) == "100", where
            else:
                lids = pres.findall("q:response_lid", NS)
                got_pairs = []
                for i, lid in enumerate(lids):
                    labels = {lab.get("ident"): lab.findtext(".//q:mattext", namespaces=NS) for lab in lid.findall(".//q:response_label", NS)}
                    (cond,) = [c for c in scoring if c.find("q:conditionvar/q:varequal", NS).get("respident") == f"response_{i}"]
                    got_pairs.append((text_of(lid), labels[cond.findtext("q:conditionvar/q:varequal", namespaces=NS)]))
                assert got_pairs == [(inline_html(a), b) for a, b in expected_pairs(q)], where


# ---- the tests ----------------------------------------------------------------------------------------------

HOSTILE = """\
title: "Tricky: {braces} = #1 ~ test"
questions:
  - id: special
    type: single
    prompt: "What does GIFT do with ~ = # { } : and \\\\ in a prompt?\\nA second line."
    options:
      - text: "It escapes them: a \\\\~ b = c # d {e} f: g"
        correct: true
        feedback: "Right: {x} = ~y # z: w"
      - text: "Nothing at all -> ignores"
        feedback: "No #1"
    explanation: "Escapes: \\\\= \\\\~ and a URL https://example.org/a#b"
    source: good
  - id: tf-false
    type: truefalse
    prompt: "False: 1 = 2?"
    answer: false
    feedback_true: "No: 1 is not 2."
    feedback_false: "Right = correct."
    explanation: Arithmetic.
    source: good
  - id: ranged
    type: numeric
    prompt: "Between 0.5 and 1,250?"
    answer: 100
    range: [0.5, 1250]
    unit: "km²"
    explanation: Any.
    source: good
  - id: all-right
    type: multiple
    prompt: Both.
    options: [{text: "a: one", correct: true}, {text: "b {two}", correct: true}, {text: "c", correct: true}]
    explanation: All three.
    source: good
  - id: sevens
    type: multiple
    prompt: Seven wrong.
    options: [{text: r1, correct: true}, {text: r2, correct: true}, {text: r3, correct: true},
              w1, w2, w3, w4, w5, w6, w7]
    explanation: Weights.
    source: good
  - id: typed
    type: text
    prompt: "Type {it}: = ~ #"
    accept: ["a = b {c}: #1 ~ d", "AT&T <b> [x] `y` *", "Мар’їнка"]
    explanation: Typed.
    source: good
"""


def real_quizzes() -> list[Quiz]:
    return [load_quiz(p) for p in sorted((ROOT / "chapters").glob("*.quiz.yml"))]


def test_every_kind_round_trips_both_formats(tmp_path):
    from test_quiz_html import EVERY_TYPE, make_quiz

    quiz = make_quiz(tmp_path, "every-type", EVERY_TYPE)
    assert {q.type for q in quiz.questions} == set(QTI_TYPES)  # every kind is covered
    assert_gift_matches(quiz, parse_gift(to_gift([quiz])))
    assert_qti_matches([quiz], to_qti([quiz], "All"))


def test_gift_round_trip_of_every_question_in_the_book(monkeypatch):
    monkeypatch.setenv("MINEBOOK_ROOT", str(ROOT))
    quizzes = real_quizzes()
    assert {"single", "multiple", "truefalse", "numeric", "ordering", "classify"} <= {q.type for quiz in quizzes for q in quiz.questions}
    for quiz in quizzes:
        assert_gift_matches(quiz, parse_gift(to_gift([quiz])))


def test_qti_round_trip_of_every_question_in_the_book(monkeypatch):
    monkeypatch.setenv("MINEBOOK_ROOT", str(ROOT))
    quizzes = real_quizzes()
    assert_qti_matches(quizzes, to_qti(quizzes, "All"))


def test_special_characters_survive_both_formats(minibook):
    minibook.write("chapters/one.quiz.yml", HOSTILE)
    quiz = load_quiz("one")
    gift = to_gift([quiz])
    assert "\\{braces\\}" not in gift  # the quiz title is not exported, only questions
    # the backslash typed before ~ is escaped for Markdown (\\\\), then both backslashes and the ~ for GIFT
    assert "It escapes them\\: a \\\\\\\\\\~ b \\= c \\# d \\{e\\} f\\: g" in gift
    assert_gift_matches(quiz, parse_gift(gift))
    assert_qti_matches([quiz], to_qti([quiz], "T"))
    weights = re.findall(r"~%(-?[\d.]+)%", gift)
    assert "33.33333" in weights and "-14.28571" in weights  # Moodle's own grade values


def test_mini_quiz_round_trips(minibook):
    quiz = load_quiz("one")
    assert_gift_matches(quiz, parse_gift(to_gift([quiz])))
    assert_qti_matches([quiz], to_qti([quiz], "T"))


def test_export_command_writes_packages_that_parse(minibook):
    minibook.write("chapters/two.md", "# Two\n")
    minibook.write("chapters/two.quiz.yml", MiniBook.QUIZ.replace("Mini quiz", "Second quiz"))
    minibook.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n  - file: chapters/two\n")
    result = subprocess.run([sys.executable, "-m", "minebook", "export", "all"], cwd=minibook.root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ordering -> NOT expressible" in result.stdout  # the limits are said, not hidden
    out = minibook.root / "_build" / "exports"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["book.gift.txt", "book.qti.zip", "one.gift.txt", "one.qti.zip", "two.gift.txt", "two.qti.zip"]
    quizzes = [load_quiz("one"), load_quiz("two")]
    assert_gift_matches(quizzes[0], parse_gift((out / "one.gift.txt").read_text(encoding="utf-8")))
    book = parse_gift((out / "book.gift.txt").read_text(encoding="utf-8"))
    assert len(book) == sum(len(q.questions) for q in quizzes)
    with zipfile.ZipFile(out / "book.qti.zip") as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        href = manifest.find(".//{http://www.imsglobal.org/xsd/imscp_v1p1}resource").get("href")
        assert_qti_matches(quizzes, z.read(href))
    # Same input, same bytes: a re-export does not show up as a change.
    first = (out / "book.qti.zip").read_bytes()
    write_exports(quizzes, out)
    assert (out / "book.qti.zip").read_bytes() == first


def test_every_format_states_what_it_cannot_express():
    for fmt in ("gift", "qti"):
        text = " ".join(LIMITS[fmt])
        for qtype in QTI_TYPES:
            assert f"{qtype} ->" in text
        assert "NOT expressible" in text


def test_numbers_are_written_plainly():
    assert [number(x) for x in (312.0, 0.1, 1250000.0, -5.5)] == ["312", "0.1", "1250000", "-5.5"]


def test_export_of_a_broken_quiz_reports_the_problem_not_a_traceback(minibook):
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("type: single", "type: singel"))
    result = subprocess.run([sys.executable, "-m", "minebook", "export", "gift"], cwd=minibook.root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "chapters/one.quiz.yml: line 4, question 'pick': field 'type'" in result.stderr
    assert not (Path(minibook.root) / "_build" / "exports").exists()


def test_bibliography_typography_reaches_exports_and_keys_as_written(minibook):
    """Bibliography fields are plain Unicode text (LaTeX's `---`, ``…'' and {\\"i} are refused by `minebook check`):
    dashes, curly quotes and accented letters reach the GIFT and QTI exports, answer keys and worksheets as typed."""
    from minebook.instructor.keys import key_markdown, worksheet_page

    shown = "Landmines\u2014a deadly \u2013 threat, \u201cOmbudsman\u201d, \u2018Suspends\u2019 in Oekra\u00efne"
    minibook.write("references.bib", MiniBook.BIB.replace("{A good source}", "{{" + shown + "}}"))
    quiz = load_quiz("one")
    gift = to_gift([quiz])
    assert shown in gift, gift[:800]
    assert shown in to_qti([quiz], "T").decode("utf-8")
    assert shown in key_markdown(quiz) and shown in worksheet_page(quiz, answers=True)


def test_exports_print_each_address_with_its_access_date(minibook):
    """GIFT and QTI print a source's address as text; like the bibliography, they say when it was read (issue 14)."""
    quiz = load_quiz("one")
    gift = to_gift([quiz])
    assert "A good source (https\\://example.org/good, accessed 25 November 2026)" in gift, gift[:800]
    qti = to_qti([quiz], "T")
    assert b"(https://example.org/good, accessed 25 November 2026)" in qti
