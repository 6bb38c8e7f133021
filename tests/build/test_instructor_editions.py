"""Editions and subsets: one source, one option; the student edition holds no answer anywhere.

Most tests build a two-chapter throw-away book (about 10 s a build). One test reads the real student edition,
which `make test` builds first with `minebook build --edition student`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bookfixture import QUIZ_BOOK_CONFIG as CONFIG
from bookfixture import ROOT, MiniBook
from leakcheck import ANSWER_MARKUP, answer_strings, built_form_leaks, find_leaks, structure_leaks, teaching_notes

from minebook.content.quizzes import load_quiz
from minebook.core.errors import ContentError
from minebook.instructor.editions import subset_toc
from minebook.quiz.html import HOW
from minebook.quiz.view import QuizView
from minebook.sphinx.editions import demote_headings, with_notes

CHAPTER = """\
---
jupytext:
  text_representation: {{extension: .md, format_name: myst, format_version: 0.13}}
kernelspec: {{display_name: Python 3, language: python, name: python3}}
---
# Chapter {name}

Some prose about {name}.

```{{code-cell}} ipython3
:tags: [remove-input]
import minebook as mb
mb.quiz("{name}")
```
"""

# Answer-bearing texts are long and unique, so finding one anywhere in the output is proof of a leak.
QUIZ = """\
title: Quiz {name}
intro: A short quiz. Answers are checked in your browser.
questions:
  - id: pick
    type: single
    prompt: Which one is alpha in {name}?
    options:
      - text: alpha
        correct: true
        feedback: FEEDBACK-RIGHT {name} - the option feedback that gives it away
      - text: beta
        feedback: FEEDBACK-WRONG {name} - beta is the wrong one, says this feedback
    explanation: EXPLANATION-PICK {name} - alpha is right because of the source
    source: good
    instructor_note: NOTE-PICK {name} - ask the class why beta is tempting
  - id: tf
    type: truefalse
    prompt: Is {name} true?
    answer: true
    feedback_true: FEEDBACK-TRUE {name} - yes it is true, this feedback says
    explanation: EXPLANATION-TF {name} - it is true for a documented reason
    source: other
  - id: count
    type: numeric
    prompt: How many in {name}?
    answer: {{table: things, column: count, where: {{name: alpha}}}}
    unit: mines
    explanation: EXPLANATION-COUNT {name} - the table gives the number
    source: good
"""

NOTES = """\
# Instructor notes: {name}

## A 50-minute class

PLAN-{name}: open with a question about the evidence.

## Discussion prompts

- PROMPT-{name}: who checked this?
"""


def make_book(book: MiniBook) -> None:
    book.write("_config.yml", CONFIG)
    book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n  - file: chapters/two\n")
    book.write("intro.md", "# Intro\n\nSee {doc}`chapters/one` and {doc}`chapters/two`.\n\n"
               "The plan: [the first chapter](chapters/one.md), then [the second](chapters/two.md).\n")
    for name in ("one", "two"):
        book.write(f"chapters/{name}.md", CHAPTER.format(name=name))
        book.write(f"chapters/{name}.quiz.yml", QUIZ.format(name=name))
        book.write(f"instructors/{name}.md", NOTES.format(name=name))


def minebook_cmd(book: MiniBook, *args: str, edition: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINEBOOK_ROOT": str(book.root)}
    env.pop("MINEBOOK_EDITION", None)
    if edition:
        env["MINEBOOK_EDITION"] = edition
    return subprocess.run([sys.executable, "-m", "minebook", *args], cwd=book.root, env=env,
                          capture_output=True, text=True, timeout=600)


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# ---- the view, without a build ------------------------------------------------------------------------------


@pytest.fixture
def quizbook(minibook: MiniBook) -> MiniBook:
    make_book(minibook)
    return minibook


def test_student_view_carries_no_answer(quizbook, monkeypatch):
    monkeypatch.setenv("MINEBOOK_EDITION", "student")
    quiz = load_quiz("one")
    bundle = QuizView(quiz)._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/markdown", "text/plain"}  # no live widget: it would check answers
    everything = "\n".join(bundle.values())
    for secret in answer_strings(quiz):
        assert secret not in everything
    for mark in ANSWER_MARKUP:
        assert mark not in everything
    assert "Which one is alpha in one?" in bundle["text/html"]
    assert HOW["blank"] in bundle["text/html"]
    assert "checked in your browser" not in bundle["text/html"]  # untrue in this edition, so left out
    assert 'class="mb-quiz mb-form"' in bundle["text/html"]  # the book's quiz look; the script only keeps entries
    assert "mb-quiz-data" not in bundle["text/html"] and "data-k" in bundle["text/html"]


def test_instructor_view_shows_answers_explanations_and_notes(quizbook, monkeypatch):
    monkeypatch.setenv("MINEBOOK_EDITION", "instructor")
    bundle = QuizView(load_quiz("one"))._repr_mimebundle_()
    for form in ("text/html", "text/markdown"):
        assert "EXPLANATION-PICK one" in bundle[form]
        assert "NOTE-PICK one" in bundle[form]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_default_view_is_unchanged_self_check(quizbook, monkeypatch):
    monkeypatch.delenv("MINEBOOK_EDITION", raising=False)
    bundle = QuizView(load_quiz("one"))._repr_mimebundle_()
    assert 'class="mb-quiz-data"' in bundle["text/html"]  # the self-check needs its rules
    assert "EXPLANATION-PICK one" not in bundle["text/markdown"]  # the printable form has no answers
    assert "data-answers" not in bundle["text/html"]


def test_unknown_edition_is_a_content_error(quizbook, monkeypatch):
    monkeypatch.setenv("MINEBOOK_EDITION", "teacher")
    with pytest.raises(ContentError, match=r"MINEBOOK_EDITION.*one of default, student, instructor"):
        QuizView(load_quiz("one"))._repr_mimebundle_()


# ---- pieces of the build ------------------------------------------------------------------------------------


def test_subset_toc_keeps_chosen_chapters_in_the_order_given():
    toc = {"format": "jb-book", "root": "intro", "parts": [
        {"caption": "Chapters", "chapters": [{"file": "chapters/a"}, {"file": "chapters/b"}, {"file": "chapters/c"}]},
        {"caption": "Appendices", "chapters": [{"file": "appendices/x"}, {"file": "instructors/guide"}]},
    ]}
    sub = subset_toc(toc, ["c", "chapters/a.md"], "default")
    assert [c["file"] for c in sub["parts"][0]["chapters"]] == ["chapters/c", "chapters/a"]
    assert [c["file"] for c in sub["parts"][1]["chapters"]] == ["appendices/x", "instructors/guide"]
    student = subset_toc(toc, None, "student")
    assert [c["file"] for c in student["parts"][1]["chapters"]] == ["appendices/x"]
    assert len(student["parts"][0]["chapters"]) == 3
    with pytest.raises(ContentError, match=r"chapters listed in _toc.yml \(a, b, c\).*found zz"):
        subset_toc(toc, ["zz"], "default")


def test_notes_go_under_the_title_and_at_the_end_one_level_down():
    source = "---\njupytext: x\n---\n\n# Title\n\nText.\n\n## Section\n"
    out = with_notes(source, "# Notes: x\n\n## Plan\n\n```\n# not a heading\n```\n", "x")
    assert out.index("# Title") < out.index("Instructor edition") < out.index("Text.")
    assert out.rstrip().endswith("```")
    assert "(instructor-notes-x)=\n## Instructor notes" in out
    assert "### Plan" in out and "# not a heading" in out and "Notes: x" not in out
    assert demote_headings("## a\n#b\n") == "### a\n#b"


# ---- real builds of a tiny book -----------------------------------------------------------------------------


def test_student_edition_has_no_answer_anywhere_and_instructor_edition_has_them(quizbook):
    result = minebook_cmd(quizbook, "build", "--edition", "student")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = quizbook.root / "_build" / "student"
    html = out / "_build" / "html"
    quizzes = [load_quiz("one"), load_quiz("two")]
    notes = {"PLAN-one", "PLAN-two", "PROMPT-one", "NOTE-PICK one"}
    assert find_leaks(out, quizzes, notes) == []  # pages, _sources, search index, executed notebooks
    page = page_text(html / "chapters" / "one.html")
    assert "Which one is alpha in one?" in page and HOW["blank"] in page
    assert (html / "_sources" / "chapters" / "one.md").is_file()  # sources are published, and clean (above)
    assert str(html) in result.stdout

    result = minebook_cmd(quizbook, "build", "--edition", "instructor")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = page_text(quizbook.root / "_build" / "instructor" / "_build" / "html" / "chapters" / "one.html")
    for text in ("EXPLANATION-PICK one", "NOTE-PICK one", "PLAN-one", "PROMPT-one", "Instructor notes", "Instructor edition"):
        assert text in page, text
    assert "PLAN-two" not in page  # each chapter gets its own notes


def test_subset_build_leaves_other_chapters_out_without_editing_files(quizbook):
    before = {p: p.read_bytes() for p in quizbook.root.rglob("*") if p.is_file()}
    result = minebook_cmd(quizbook, "build", "--chapters", "two")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = quizbook.root / "_build" / "default-subset" / "_build" / "html"
    assert f"python3 -m http.server 8000 --bind 127.0.0.1 --directory {html}" in result.stdout  # the guide's output path
    assert (html / "chapters" / "two.html").is_file()
    assert not (html / "chapters" / "one.html").exists()
    assert "Chapter one" in page_text(html / "intro.html")  # the link to a left-out chapter stays as text
    # A Markdown link to it too (the real front page's plan uses them; `make subset` failed on it): words, no link.
    intro = (html / "intro.html").read_text(encoding="utf-8")
    assert "the first chapter" in page_text(html / "intro.html") and "chapters/one.html" not in intro
    after = {p: p.read_bytes() for p in before}
    assert after == before  # no file of the book was touched


def test_build_rejects_an_unknown_chapter_without_a_traceback(quizbook):
    result = minebook_cmd(quizbook, "build", "--chapters", "three")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "chapters listed in _toc.yml (one, two)" in result.stderr and "found three" in result.stderr


def test_an_unknown_edition_stops_a_plain_jupyter_book_build_with_one_line(quizbook):
    """MINEBOOK_EDITION=teacher jupyter-book build .: one line naming the editions, no traceback, status 1."""
    env = {**os.environ, "MINEBOOK_ROOT": str(quizbook.root), "MINEBOOK_EDITION": "teacher"}
    jb = str(Path(sys.executable).parent / "jupyter-book")
    result = subprocess.run([jb, "build", "."], cwd=quizbook.root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip() == ("MINEBOOK_EDITION=teacher is not an edition of the book: use one of default, student, "
                                     "instructor (or: make student, make instructor).")


def test_build_lists_the_editions_for_an_unknown_one(quizbook):
    result = minebook_cmd(quizbook, "build", "--edition", "teacher")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "invalid choice" in x)
    assert "teacher" in line and all(name in line.split("choose from")[1] for name in ("default", "student", "instructor"))


def test_switching_the_edition_re_executes_cached_chapters(quizbook):
    """One output folder, two editions: the cache must not serve the other edition's quiz."""
    out = quizbook.root / "_build" / "same"
    for edition, present, absent in (("default", "mb-quiz-data", HOW["blank"]), ("student", HOW["blank"], "mb-quiz-data")):
        result = minebook_cmd(quizbook, "build", "--edition", edition, "--out", str(out))
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        page = page_text(out / "_build" / "html" / "chapters" / "one.html")
        assert present in page and absent not in page, edition


# ---- the real book ------------------------------------------------------------------------------------------


def test_real_student_edition_contains_no_answer():
    """`make test` builds the student edition of the whole book (minebook build --edition student) first."""
    out = ROOT / "_build" / "student"
    assert (out / "_build" / "html" / "index.html").is_file(), (
        "the student edition is not built: run `minebook build --edition student` (make test does it first)")
    quizzes = [load_quiz(p) for p in sorted((ROOT / "chapters").glob("*.quiz.yml"))]
    assert sum(len(answer_strings(q)) for q in quizzes) > 100  # the check has something to look for
    notes = teaching_notes(ROOT)
    assert len(notes) > 100
    assert find_leaks(out, quizzes, notes, skip=TRANSLATIONS) == []


def test_real_student_edition_gives_no_answer_away_in_its_structure():
    """Values, ids and option order of every quiz form in the student edition (pages and executed notebooks)
    are the same whichever answer is right: each form is the renderer's, and the renderer's output does not change
    when only the right answer does (every question type, every other right answer; tests/leakcheck.py)."""
    out = ROOT / "_build" / "student"
    quizzes = [load_quiz(p) for p in sorted((ROOT / "chapters").glob("*.quiz.yml"))]
    assert [p for q in quizzes for p in structure_leaks(q)] == []
    problems, compared = built_form_leaks(out, quizzes, skip=TRANSLATIONS)
    assert problems == []
    assert compared >= 2 * len(quizzes)  # each quiz on its page and in its executed notebook


# The translations' pages under the English edition's folder (uk/), checked in their own language below.
TRANSLATIONS = ("uk",)


def ukrainian_quizzes(monkeypatch: pytest.MonkeyPatch) -> list:
    """The quizzes as the Ukrainian student edition shows them (their texts from the quiz catalogs)."""
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    return [load_quiz(p) for p in sorted((ROOT / "chapters").glob("*.quiz.yml"))]


def test_real_ukrainian_student_edition_contains_no_answer_and_gives_none_away(monkeypatch):
    """The student edition's Ukrainian pages (`make student` builds them beside the English ones) and the
    notebooks that built them hold no Ukrainian answer string, no answer markup, and only answer-free forms."""
    pages = ROOT / "_build" / "student" / "_build" / "html" / "uk"
    assert (pages / "intro.html").is_file(), "the Ukrainian student edition is not built (make test builds it)"
    quizzes = ukrainian_quizzes(monkeypatch)
    strings = {s for q in quizzes for s in answer_strings(q)}
    assert len(strings) > 100 and any("і" in s or "ї" in s for s in strings)  # Ukrainian answers to look for
    assert find_leaks(pages, quizzes) == []
    assert find_leaks(ROOT / "_build" / "student-uk", quizzes) == []
    # The forms' structure (keys, order) comes from the English quiz files, checked above; here each built form
    # must be exactly the renderer's answer-free Ukrainian form.
    problems, compared = built_form_leaks(pages, quizzes)
    assert problems == []
    assert compared >= len(quizzes)  # each quiz on its Ukrainian page
