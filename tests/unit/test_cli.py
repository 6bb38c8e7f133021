"""`minebook check`: every content mistake listed, no traceback, a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

from bookfixture import MiniBook


def run_check(cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minebook", "check"], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_check_passes_on_a_good_book(minibook):
    result = run_check(minibook.root)
    assert result.returncode == 0, result.stderr
    assert "All good: 1 tables, 1 quiz files" in result.stdout


def test_check_lists_every_problem_without_a_traceback(minibook):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "lots"))
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("type: single", "type: singel"))
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Found 3 problem(s)" in result.stderr  # the bad cell, the bad type, and the quiz answer that reads it
    assert "data/things.csv: line 2: field 'count'" in result.stderr
    assert "chapters/one.quiz.yml: line 4, question 'pick': field 'type'" in result.stderr


def test_check_reports_a_chapter_missing_from_the_toc(minibook):
    minibook.write("chapters/two.md", "# Two\n")
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "_toc.yml" in result.stderr and "chapters/two" in result.stderr and "Add it to _toc.yml" in result.stderr


def test_check_reports_a_toc_entry_without_a_file(minibook):
    minibook.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n  - file: chapters/three\n")
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "_toc.yml: line 5" in result.stderr and "chapters/three.md" in result.stderr


def test_check_reports_a_chapter_calling_a_missing_quiz(minibook):
    minibook.write("chapters/one.md", '# One\n\n```{code-cell}\nmb.quiz("won")\n```\n')
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "chapters/one.md: line 4" in result.stderr and "chapters/won.quiz.yml" in result.stderr


def test_package_finds_the_book_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("MINEBOOK_ROOT", raising=False)
    result = subprocess.run([sys.executable, "-c", "import sys, os; os.chdir(sys.argv[1]); from minebook.core.paths import book_root; book_root()", str(tmp_path)], capture_output=True, text=True)
    # Found through the editable install when run outside: the package lives inside the book.
    assert result.returncode == 0


def test_check_reports_a_link_to_a_chapter_that_was_dropped_from_the_toc(minibook):
    """Dropping a chapter must fail in `check` (file and line), not later in the middle of the build."""
    minibook.write("intro.md", "# Intro\n\nSee {doc}`Chapter one <chapters/one>` and [two](chapters/two.md).\n")
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "intro.md: line 3: field 'link'" in result.stderr and "a link to chapters/two" in result.stderr
    assert result.stderr.count("field 'link'") == 1  # the link to chapters/one, which is in the TOC, is fine
