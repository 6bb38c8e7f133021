"""`minebook new-chapter`: the notebook, its quiz, its notes and the TOC entry, in one command, checked."""

from __future__ import annotations

import subprocess
import sys

from bookfixture import MiniBook

TOC = """\
# The chapters, in order. A comment that must survive.
format: jb-book
root: intro
parts:
  - caption: Chapters
    chapters:
      - file: chapters/one
      - file: chapters/two   # the second chapter
  - caption: Appendices
    chapters:
      - file: appendix
"""


def run(book: MiniBook, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minebook", *args], cwd=book.root, capture_output=True, text=True, timeout=120)


def setup_book(book: MiniBook) -> None:
    book.write("_config.yml", "title: mini\nrepository:\n  url: https://github.com/example-school/mines\n  branch: main\n")
    book.write("_toc.yml", TOC)
    book.write("chapters/two.md", "# Two\n")
    book.write("appendix.md", "# Appendix\n")


def test_new_chapter_writes_files_adds_the_toc_entry_and_passes_the_check(minibook):
    setup_book(minibook)
    result = run(minibook, "new-chapter", "risk-education", "--title", 'Mine risk "education"')
    assert result.returncode == 0, result.stderr
    assert "All good" in result.stdout
    assert "then run: make check, then make book" in result.stdout and "minebook check" not in result.stdout
    root = minibook.root
    chapter = (root / "chapters" / "risk-education.md").read_text(encoding="utf-8")
    assert '# Mine risk "education"' in chapter and 'mb.quiz("risk-education")' in chapter
    # The set-up cell is written with the chapter (before, `make test` failed until `minebook setup-cells` was run).
    from minebook.sphinx.bootstrap import MARKER, with_setup_cell

    assert MARKER in chapter and with_setup_cell(chapter, root) == chapter
    assert chapter.index(MARKER) < chapter.index('mb.quiz("risk-education")')
    assert (root / "instructors" / "risk-education.md").read_text(encoding="utf-8").startswith("# Instructor notes")
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    assert toc == TOC.replace("# the second chapter\n", "# the second chapter\n      - file: chapters/risk-education\n")

    from minebook.content.quizzes import load_quiz

    quiz = load_quiz("risk-education")
    assert quiz.title == 'Check your understanding: Mine risk "education"' and quiz.questions[0].sources == ("good",)
    # The template's intro states no number of questions, so adding one cannot make it wrong.
    assert quiz.intro and not any(w in quiz.intro.lower() for w in ("one", "two", "three", "ten", "twelve"))
    assert not any(ch.isdigit() for ch in quiz.intro)


def test_new_chapter_after_a_named_chapter(minibook):
    setup_book(minibook)
    assert run(minibook, "new-chapter", "zero", "--title", "Zero", "--after", "one").returncode == 0
    toc = (minibook.root / "_toc.yml").read_text(encoding="utf-8")
    assert toc.index("chapters/one") < toc.index("chapters/zero") < toc.index("chapters/two")


def test_new_chapter_refuses_to_overwrite_or_take_a_bad_name(minibook):
    setup_book(minibook)
    before = (minibook.root / "_toc.yml").read_text(encoding="utf-8")
    for args, message in (
        (["two", "--title", "Again"], "chapters/two.md already exists: choose another NAME; nothing was written.\n"),
        (["Bad Name", "--title", "X"], "'Bad Name' cannot be a chapter NAME: use only lower-case letters, digits and '-'"),
        (["Capital", "--title", "X"], "'Capital' cannot be a chapter NAME"),
        (["Risk", "Education", "--title", "X"], "'Risk Education' cannot be a chapter NAME"),  # make chapter NAME=Risk Education
        (["three", "--title", "X", "--after", "nine"], "a chapter in _toc.yml (one, two)"),
    ):
        result = run(minibook, "new-chapter", *args)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr and message in result.stderr, result.stderr
        if args[0] != "three":  # a taken or bad NAME is one line
            assert result.stderr.count("\n") == 1 and result.stdout == "", result.stderr
    assert (minibook.root / "_toc.yml").read_text(encoding="utf-8") == before
    assert not (minibook.root / "chapters" / "three.md").exists()


def test_new_chapter_without_a_repository_address_writes_nothing_and_says_why(minibook):
    setup_book(minibook)
    minibook.write("_config.yml", "title: mini\n")
    result = run(minibook, "new-chapter", "risk-education", "--title", "Risk")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "repository: url" in result.stderr + result.stdout and "nothing was written" in result.stderr + result.stdout
    assert not (minibook.root / "chapters" / "risk-education.md").exists()
    assert "risk-education" not in (minibook.root / "_toc.yml").read_text(encoding="utf-8")
