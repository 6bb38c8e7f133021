"""The execution cache after a data change (issue 6: found by the benchmark's prose-edit rebuild).

A data change re-executes every chapter; the fresh outputs must also be what the
cache holds, or the next rebuild (a prose edit) re-executes everything again or,
worse, brings back outputs computed from the old data.
"""

from __future__ import annotations

import subprocess

from bookfixture import MiniBook
from test_build import CHAPTER, JB, visible_text

CONFIG = "title: mini\nexecute:\n  execute_notebooks: cache\nsphinx:\n  extra_extensions: [minebook.sphinx.extension]\n"


def _build(minibook: MiniBook) -> str:
    result = subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=minibook.root,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def test_a_prose_edit_after_a_data_change_keeps_the_new_numbers_and_the_cache(minibook):
    minibook.write("_config.yml", CONFIG)
    chapter = minibook.write("chapters/one.md", CHAPTER)
    page = minibook.root / "_build" / "html" / "chapters" / "one.html"
    _build(minibook)
    chapter.write_text(CHAPTER + "\nA first edit.\n", encoding="utf-8")
    _build(minibook)  # the cache now holds outputs of the old data (it did before issue 6, too)
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400"))
    assert "Executed notebook" in _build(minibook)  # the data changed: the chapter runs again
    chapter.write_text(CHAPTER + "\nA second edit.\n", encoding="utf-8")
    log = _build(minibook)
    assert "Executed notebook" not in log, "a prose edit re-executed the chapter: the cache was not filled"
    assert "Alpha counts 400 things." in visible_text(page), "a prose edit brought back an output of the old data"


def test_a_change_to_the_package_re_executes_the_chapters(tmp_path):
    """Pages hold what the package rendered when the chapter ran: a new renderer must not meet an old output
    (a quiz script reading markup the old renderer wrote, as happened when inputs were renamed)."""
    from minebook.sphinx.extension import content_fingerprint

    book, package = tmp_path / "book", tmp_path / "pkg"
    (book / "data").mkdir(parents=True)
    (package / "quiz").mkdir(parents=True)
    (book / "data" / "t.csv").write_text("a\n1\n")
    renderer = package / "quiz" / "html.py"
    renderer.write_text("OLD = 1\n")
    before = content_fingerprint(book, package=package)
    assert content_fingerprint(book, package=package) == before
    renderer.write_text("NEW = 1\n")
    assert content_fingerprint(book, package=package) != before
    (package / "static.js").write_text("x")
    assert content_fingerprint(book, package=package) not in (before,)
