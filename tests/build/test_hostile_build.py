"""Hostile content in real builds (issue 11): a book with hostile text in every field opens in Chromium with no
dialog and no console error, in the default and student editions; builds are safe to run twice and to interrupt.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from bookfixture import MYST_HEADER, MiniBook
from bookfixture import QUIZ_BOOK_CONFIG as CONFIG

from minebook.instructor.scaffold import myst_text
from minebook.sphinx.buildlock import acquire
from tools.quality.browser import serve

JB = Path(sys.executable).parent / "jupyter-book"
XSS = "<img src=x onerror=alert(1)>"


CHAPTER = MYST_HEADER + """\
# TITLE

Prose VERSION.

```{code-cell} ipython3
:tags: [remove-input]
import minebook as mb
frame = mb.table("things")
mb.html_table(frame.rename(columns={c.name: c.title for c in frame.attrs["table"].columns}), "things")
```

```{code-cell} ipython3
:tags: [remove-input]
mb.table_catalog()
```

```{code-cell} ipython3
:tags: [remove-input]
mb.quiz("one")
```
"""

HOSTILE_QUIZ = f"""\
title: "Quiz {XSS}"
intro: "Intro <script>alert(2)</script> [x](javascript:alert(3))"
questions:
  - id: pick
    type: single
    prompt: "Pick {XSS} <svg onload=alert(4)>"
    options:
      - text: "alpha {XSS}"
        correct: true
        feedback: "Yes {XSS}"
      - text: "beta [b](javascript:alert(5))"
        feedback: "No <iframe src=javascript:alert(6)>"
    explanation: "Because {XSS} <javascript:alert(7)>"
    source: good
  - id: sort
    type: classify
    prompt: "Sort {XSS}"
    categories: ["cat {XSS}", "other <b onmouseover=alert(8)>"]
    items:
      - {{text: "one {XSS}", category: "cat {XSS}"}}
      - {{text: "two", category: "other <b onmouseover=alert(8)>"}}
    explanation: "Sorted {XSS}"
    source: good
  - id: count
    type: numeric
    prompt: "How many {XSS}?"
    answer: 3
    unit: "mines {XSS}"
    explanation: "Three {XSS}"
    source: good
"""


TITLE = f"Mines {XSS} {{{{ 7*7 }}}} &amp; <AP>"


def chapter(version: str) -> str:
    """The chapter, its title written as `make chapter TITLE=...` writes it."""
    return CHAPTER.replace("VERSION", version).replace("# TITLE", f"# {myst_text(TITLE)}")


def hostile_book(book: MiniBook, version: str = "v1") -> None:
    book.write("_config.yml", CONFIG)
    book.write("intro.md", f"# {myst_text('Intro ' + XSS)}\n\nSee {{doc}}`chapters/one`.\n")
    book.write("chapters/one.md", chapter(version))
    book.write("chapters/one.quiz.yml", HOSTILE_QUIZ)
    book.write("data/datapackage.yaml", MiniBook.DATAPACKAGE.replace("        - name: name\n", f"        - name: name\n          title: \"Name {XSS}\"\n")
               .replace("title: Things", f"title: \"Things {XSS}\"\n    description: \"Described {XSS}\""))
    book.write("data/things.csv", MiniBook.TABLE_CSV.replace("alpha,", f'"{XSS}",').replace("beta,", '"<script>alert(9)</script>",'))
    book.write("references.bib", MiniBook.BIB.replace("A good source", "A good source <img src=x onerror=alert(10)>"))


def minebook(book: MiniBook, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINEBOOK_ROOT": str(book.root)}
    env.pop("MINEBOOK_EDITION", None)
    return subprocess.run([sys.executable, "-m", "minebook", *args], cwd=book.root, env=env,
                          capture_output=True, text=True, timeout=600)


def test_book_with_hostile_text_in_every_field_opens_with_no_dialog(minibook, browser):
    hostile_book(minibook)
    assert minebook(minibook, "check").returncode == 0  # all of it is allowed text: it must be shown, inert
    for edition in ("default", "student"):
        out = minibook.root / "_build" / f"hostile-{edition}"
        result = minebook(minibook, "build", "--edition", edition, "--out", str(out))
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        with serve(out / "_build" / "html") as base:
            for path in ("index.html", "chapters/one.html"):
                context = browser.new_context()
                page = context.new_page()
                seen: list[str] = []
                page.on("dialog", lambda d, seen=seen: (seen.append(f"dialog {d.message}"), d.dismiss()))
                page.on("console", lambda m, seen=seen: seen.append(f"console {m.text}")
                        if m.type == "error" and "Failed to load resource" not in m.text else None)
                # a missing file is named by its address (the mini book has no favicon, as the real one does)
                page.on("response", lambda r, seen=seen: seen.append(f"{r.status} {r.url}")
                        if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
                page.on("pageerror", lambda e, seen=seen: seen.append(f"pageerror {e}"))
                page.goto(f"{base}/{path}", wait_until="load")
                page.wait_for_timeout(300)
                page.emulate_media(media="print")  # the theme's print-only header shows the title too
                page.wait_for_timeout(100)
                text = page.inner_text("body")
                context.close()
                assert seen == [], f"{edition} {path}: {seen}"
                if path == "chapters/one.html":
                    assert TITLE in text, text[:500]  # shown as typed, in the heading and the print header
                    assert "Name <img src=x onerror=alert(1)>" in text  # column title
                    assert "<script>alert(9)</script>" in text  # data cell
                    assert "Pick <img src=x onerror=alert(1)>" in text  # quiz prompt


def test_a_heading_typed_with_html_or_a_substitution_is_refused_by_check(minibook):
    minibook.write("chapters/one.md", f"# Mines {XSS}\n\n```\n# <b>in code: fine</b>\n```\n\n## Part {{{{ 7*7 }}}}\n\n## \\<AP\\>\n")
    result = minebook(minibook, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "chapters/one.md: line 1: field 'heading': expected text (a heading is shown as typed), found " \
           "'Mines <img src=x onerror=alert(1)>'. Write \\< for a literal <" in result.stderr
    assert "chapters/one.md: line 7: field 'heading'" in result.stderr
    assert "line 3" not in result.stderr and "line 9" not in result.stderr


def test_a_second_build_in_the_same_folder_says_another_is_running(minibook):
    minibook.write("_config.yml", "title: mini\nexecute:\n  execute_notebooks: 'off'\nsphinx:\n  extra_extensions: [minebook.sphinx.extension]\n")
    held = acquire(minibook.root / "_build", "test")
    try:
        result = subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=minibook.root,
                                capture_output=True, text=True, timeout=300)
    finally:
        held.close()
    assert result.returncode == 1
    assert f"Another build of the book is running in this folder (process {os.getpid()}): wait for it to finish, " \
           "then run the command again. Nothing was changed." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    out = minibook.root / "_build" / "student"
    held = acquire(out, "test")
    try:
        result = minebook(minibook, "build", "--edition", "student")
    finally:
        held.close()
    assert result.returncode == 1 and "Another build of the student edition is running in this folder" in result.stderr


def test_ctrl_c_while_a_notebook_runs_prints_one_line(minibook):
    minibook.write("_config.yml", CONFIG)
    minibook.write("chapters/one.md", MYST_HEADER + "# One\n\n```{code-cell} ipython3\nimport time\ntime.sleep(120)\n```\n")
    env = {**os.environ, "MINEBOOK_ROOT": str(minibook.root)}
    # `make book` runs `minebook build`; started in its own session here, as a terminal starts a command
    proc = subprocess.Popen([sys.executable, "-m", "minebook", "build"], cwd=minibook.root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        kernel = None
        while kernel is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            kernels = [p for p in psutil.Process(proc.pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
            kernel = kernels[0] if kernels else None
        assert kernel is not None, "the notebook never started"
        time.sleep(2)  # inside time.sleep(120)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a terminal does (the kernel runs in its own session)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err.strip().endswith("Stopped (Ctrl+C): the build was interrupted; the pages in "
                                f"{minibook.root / '_build' / 'html'} may be incomplete. Run the same command again to finish it.")
    assert "Traceback" not in out + err
    psutil.wait_procs([kernel], timeout=30)
    assert not kernel.is_running()  # the notebook's kernel does not linger


def test_a_failed_student_build_keeps_the_previous_edition(minibook):
    hostile_book(minibook, "v1")
    assert minebook(minibook, "build", "--edition", "student").returncode == 0
    page = minibook.root / "_build" / "student" / "_build" / "html" / "chapters" / "one.html"
    assert "Prose v1." in page.read_text(encoding="utf-8")
    minibook.write("chapters/one.md", chapter("v2") + "\n```{code-cell} ipython3\nraise RuntimeError('broken')\n```\n")
    result = minebook(minibook, "build", "--edition", "student")
    assert result.returncode != 0
    assert "The build failed, so the previous student edition in" in result.stderr
    assert "Prose v1." in page.read_text(encoding="utf-8")  # still the whole previous edition
    minibook.write("chapters/one.md", chapter("v3"))
    assert minebook(minibook, "build", "--edition", "student").returncode == 0
    assert "Prose v3." in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["student"])
def test_an_interrupted_edition_build_keeps_the_previous_edition(minibook, edition):
    hostile_book(minibook, "v1")
    assert minebook(minibook, "build", "--edition", edition).returncode == 0
    page = minibook.root / "_build" / edition / "_build" / "html" / "chapters" / "one.html"
    minibook.write("chapters/one.md", chapter("v2") + "\n```{code-cell} ipython3\nimport time\ntime.sleep(120)\n```\n")
    env = {**os.environ, "MINEBOOK_ROOT": str(minibook.root)}
    proc = subprocess.Popen([sys.executable, "-m", "minebook", "build", "--edition", edition], cwd=minibook.root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            if any("ipykernel" in " ".join(p.cmdline()) for p in psutil.Process(proc.pid).children(recursive=True)):
                break
        time.sleep(3)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in out + err
    assert "the previous student edition in" in err and "is unchanged" in err
    assert "Prose v1." in page.read_text(encoding="utf-8")
