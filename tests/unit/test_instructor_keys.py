"""Answer keys and worksheets: keys hold every answer; a student worksheet holds none, on screen or in its PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from bookfixture import MiniBook
from leakcheck import answer_strings

from minebook.content.quizzes import load_quiz
from minebook.instructor.keys import find_chromium, worksheet_page, write_keys
from minebook.quiz.markdown import answer_text
from minebook.quiz.safe_markdown import inline_html, markdown_text


def run(book: MiniBook, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minebook", *args], cwd=book.root, capture_output=True, text=True, timeout=300)


def add_second_chapter(book: MiniBook) -> None:
    book.write("chapters/two.md", "# Two\n")
    book.write("chapters/two.quiz.yml", MiniBook.QUIZ.replace("Mini quiz", "Second quiz"))
    book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n  - file: chapters/two\n")


def test_keys_per_chapter_and_for_the_book_in_markdown_and_html(minibook):
    add_second_chapter(minibook)
    result = run(minebook := minibook, "keys")
    assert result.returncode == 0, result.stderr
    out = minebook.root / "_build" / "keys"
    assert sorted(p.name for p in out.iterdir()) == [
        "book.key.html", "book.key.md", "one.key.html", "one.key.md", "two.key.html", "two.key.md"]
    quiz = load_quiz("one")
    md = (out / "one.key.md").read_text(encoding="utf-8")
    page = (out / "one.key.html").read_text(encoding="utf-8")
    for q in quiz.questions:
        assert answer_text(q) in md, q.id
        assert q.explanation in md, q.id
        assert inline_html(answer_text(q)) in page, q.id
    book_md = (out / "book.key.md").read_text(encoding="utf-8")
    assert book_md.count("## Answer key:") == 2 and "Second quiz" in book_md
    assert "<script" not in page and "http://" not in page.replace("https://", "")  # offline, script-free


def test_markdown_key_cites_titles_and_leaves_out_the_self_check_sentence(minibook):
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace(
        "title: Mini quiz\n",
        "title: Mini quiz\nintro: \"Six questions on alpha. Answers are checked in your browser: this is a self-check, not an exam.\"\n"))
    result = run(minibook, "keys")
    assert result.returncode == 0, result.stderr
    md = (minibook.root / "_build" / "keys" / "one.key.md").read_text(encoding="utf-8")
    assert "Six questions on alpha." in md
    assert "checked in your browser" not in md and "self-check" not in md
    # the address printed with the day it was read (urldate), as in the bibliography (issue 14)
    assert "*Source:* [*A good source*](https://example.org/good), accessed 25 November 2026." in md
    assert "*Source:* [*Another source*](https://example.org/other), accessed 25 November 2026." in md
    assert "(source: good)" not in md and "source: other" not in md


def test_worksheet_has_no_answer_and_its_key_has_all(minibook):
    quiz = load_quiz("one")
    sheet = worksheet_page(quiz, answers=False)
    key = worksheet_page(quiz, answers=True)
    for q in quiz.questions:
        assert inline_html(q.prompt) in sheet
        assert f"<strong>Why:</strong> {inline_html(q.explanation)}" in key
        assert f"<strong>Answer:</strong> {inline_html(answer_text(q))}" in key
    assert "Why:" not in sheet and "Answer:</strong>" not in sheet
    assert "✓" not in sheet and 'class="right"' not in sheet and 'class="key"' not in sheet
    assert "Name:" in sheet and "Name:" not in key
    assert "Categories: Finding, Allegation" in sheet  # a classify question says what to write


def test_keys_of_an_unknown_chapter_is_a_content_error(minibook):
    result = run(minibook, "keys", "three")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "chapters/three.quiz.yml" in result.stderr


def test_real_book_keys_cover_every_question(tmp_path, monkeypatch):
    from bookfixture import ROOT

    monkeypatch.setenv("MINEBOOK_ROOT", str(ROOT))
    from minebook.instructor.keys import book_quizzes

    quizzes = book_quizzes()
    written = write_keys(quizzes, tmp_path)
    assert len(written) == 2 * len(quizzes) + 2
    book = (tmp_path / "book.key.md").read_text(encoding="utf-8")
    for quiz in quizzes:
        for q in quiz.questions:
            assert markdown_text(q.explanation) in book, f"{quiz.id}/{q.id}"


def test_worksheet_pdfs_are_printed_by_chromium(minibook):
    """A missing Chromium fails here (make test installs it); the HTML sheets work without it."""
    assert find_chromium(), "no Chromium: install Debian's chromium (make test does) or set MINEBOOK_CHROMIUM"
    result = run(minibook, "worksheets")
    assert result.returncode == 0, result.stderr
    out = minibook.root / "_build" / "worksheets"
    for name in ("one.worksheet.pdf", "one.worksheet-key.pdf"):
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 5000, name
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils: check the words themselves
        quiz = load_quiz("one")
        text = subprocess.run([pdftotext, str(out / "one.worksheet.pdf"), "-"], capture_output=True, text=True).stdout
        text = " ".join(text.split())  # a line break in the PDF must not hide a leak
        assert quiz.questions[0].prompt in text
        # A secret that is also part of a prompt ("Pick a and c." holds the explanation "a and c.") is on the sheet
        # by right; it was found or not depending on where the PDF broke the line.
        prompts = " ".join(q.prompt for q in quiz.questions)
        for secret in answer_strings(quiz) | {q.explanation for q in quiz.questions}:
            assert secret in prompts or secret not in text, secret


def test_worksheets_without_pdf(minibook):
    result = run(minibook, "worksheets", "--no-pdf")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (minibook.root / "_build" / "worksheets").iterdir())
    assert names == ["one.worksheet-key.html", "one.worksheet.html"]


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_markdown_form_follows_the_edition(minibook, monkeypatch, edition):
    from minebook.quiz.view import QuizView

    monkeypatch.setenv("MINEBOOK_EDITION", edition)
    text = QuizView(load_quiz("one"))._repr_mimebundle_()["text/markdown"]
    assert ("*Answer:*" in text) == (edition == "instructor")


def page_size_mm(pdf: bytes) -> tuple[int, int]:
    """The first page's size in whole millimetres, from its MediaBox (points of 1/72 inch)."""
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox in the PDF"
    return round(float(box.group(1)) * 25.4 / 72), round(float(box.group(2)) * 25.4 / 72)


@pytest.mark.parametrize(("args", "size"), [((), (210, 297)), (("--paper", "letter"), (216, 279))])
def test_worksheets_print_on_a4_unless_letter_is_asked_for(minibook, args, size):
    """Schools in Ukraine and most of the world print on A4 (issue 16); US Letter stays an option."""
    assert find_chromium(), "no Chromium: install Debian's chromium (make test does) or set MINEBOOK_CHROMIUM"
    result = run(minibook, "worksheets", *args)
    assert result.returncode == 0, result.stderr
    assert page_size_mm((minibook.root / "_build" / "worksheets" / "one.worksheet.pdf").read_bytes()) == size
