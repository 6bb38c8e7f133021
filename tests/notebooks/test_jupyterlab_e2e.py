"""A student's session, end to end, in a real JupyterLab: what `make lab` gives, driven by Chromium.

JupyterLab runs from its own environment (``.venv-lab``, from requirements-lab.txt, as `make lab` makes
it), because installing it in the book's venv slows every build. The kernel is the book's venv, registered
the way `make lab` registers it. The test opens a chapter's MyST `.md` file by its URL, as a double click
would, so it also proves that `.md` chapters open as notebooks (jupytext + the book's JupyterLab settings).
It runs all cells from the Run menu, answers a live quiz wrong then right, and reads the score from Python
in a new cell below. It fails on any error output and on any request that leaves 127.0.0.1.

In CI (``CI`` set) a missing JupyterLab environment or Chromium is a failure; on a workstation a missing
``.venv-lab`` skips, with the command that makes it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from minebook.content.quizzes import load_quiz
from tools.quality.browser import is_local

ROOT = Path(__file__).resolve().parents[2]
LAB_VENV = Path(os.environ.get("MINEBOOK_LAB_VENV") or ROOT / ".venv-lab")
OVERRIDES = ROOT / ".binder" / "overrides.json"
CHAPTER = "mine-types"  # has single-choice questions; any chapter with a quiz would do
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.md") if p.stem != "README")
BOOK_HTML = ROOT / "_build" / "html" / "chapters"
# What a student would see if a MyST role or directive option were not rendered.
RAW = ("{glue", "{cite", "{term", "{eval", "{doc", ":class:", "```")
IGNORE = shutil.ignore_patterns(".git", ".venv*", "_build", "node_modules", ".jupyter_cache", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info")


def missing(what: str) -> None:
    """Fail in CI, skip elsewhere: CI must never pass because the tool was not there."""
    if os.environ.get("CI"):
        pytest.fail(what, pytrace=False)
    pytest.skip(what)


SERVED: dict[str, Path] = {}  # the lab's address -> the folder it serves


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab from .venv-lab on 127.0.0.1, serving a copy of the book (saves never touch the repository)."""
    jupyter_lab = LAB_VENV / "bin" / "jupyter-lab"
    if not jupyter_lab.is_file():
        missing(f"No JupyterLab at {jupyter_lab}: run `make lab-env` (or set MINEBOOK_LAB_VENV).")
    installed = LAB_VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.is_file() and json.loads(installed.read_text()) == json.loads(OVERRIDES.read_text()), (
        f"{installed} is not the book's {OVERRIDES.relative_to(ROOT)}: run `make lab-env` again"
    )
    tmp = tmp_path_factory.mktemp("lab")
    book = tmp / "book"
    shutil.copytree(ROOT, book, ignore=IGNORE)

    # The book's kernel, as `make lab` registers it (python -m ipykernel install --prefix .venv-lab --name python3);
    # written into a private JUPYTER_PATH so a kernel in the user's ~/.local cannot stand in for it.
    kernels = tmp / "jupyter-path" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (landmines book)", "language": "python",
    }))
    # Every cell in the page (JupyterLab 4 otherwise renders only those scrolled into view), so the test can
    # read the whole chapter; what each cell shows is unchanged.
    tracker = tmp / "user-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MINEBOOK_", "JUPYTER"))}
    env |= {
        "JUPYTER_PATH": str(tmp / "jupyter-path"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
    }
    port = free_port()
    log = (tmp / "lab.log").open("w")
    server = subprocess.Popen([
        str(jupyter_lab), "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
        f"--ServerApp.root_dir={book}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    SERVED[base] = book
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not answer within 60 s; log: {tmp / 'lab.log'}", pytrace=False)
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited:\n{(tmp / 'lab.log').read_text()[-3000:]}", pytrace=False)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def run_all_cells(page: Page) -> None:
    """Run → Run All Cells, as a student would, then wait until every code cell has its execution count."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu").get_by_text("Run All Cells", exact=True).click()
    # Done when every code cell has a number, or when a cell failed (Run All stops there; the caller reports it).
    page.wait_for_function(
        """() => {
            if (document.querySelector(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")) {
                return true;
            }
            // A cell whose input is collapsed (a downloaded notebook's set-up cell) shows a placeholder, not its count.
            const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
                .filter(c => !c.querySelector('.jp-InputPlaceholder'));
            const prompts = cells.map(c => c.querySelector('.jp-InputArea .jp-InputPrompt'));
            return prompts.length > 0 && prompts.every(p => p && /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=180_000,
    )


def test_a_chapter_runs_in_jupyterlab_and_its_quiz_reports_the_score_to_python(lab: str, browser: Browser):
    quiz = load_quiz(CHAPTER)
    question = next(q for q in quiz.questions if q.type == "single")
    right = next(o.text for o in question.options if o.correct)
    wrong = next(o.text for o in question.options if not o.correct)

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    elsewhere: list[str] = []

    def keep_local(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", keep_local)
    page = context.new_page()
    page.on("websocket", lambda ws: None if is_local(ws.url) else elsewhere.append(ws.url))
    try:
        page.goto(f"{lab}/lab/tree/chapters/{CHAPTER}.md")
        # Opened as a notebook (not a text editor) with the book's kernel idle: what `make lab` promises.
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
        # Run All before the kernel is connected silently runs nothing: wait for the status bar to say so.
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Python 3 (landmines book) | Idle", timeout=60_000)
        run_all_cells(page)

        stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert stderr.count() == 0, "error or warning output:\n" + "\n---\n".join(stderr.all_inner_texts())

        # The live quiz: ipywidgets, not the static HTML form.
        radio_wrong = page.get_by_role("radio", name=wrong, exact=True)
        box = page.locator(".widget-vbox").filter(has=radio_wrong).last
        radio_wrong.check()
        box.get_by_role("button", name="Check", exact=True).click()
        expect(box).to_contain_text("Not quite.")
        expect(box).not_to_contain_text("Why:")  # a wrong answer gets a hint, not the explanation
        box.get_by_role("radio", name=right, exact=True).check()
        box.get_by_role("button", name="Check", exact=True).click()
        expect(box).to_contain_text("Correct.")
        expect(box).to_contain_text("Why:")  # now the explanation, with its source
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / "jupyterlab-quiz.png"))

        # A new cell at the end reads the score from the kernel (Out holds the quiz cell's QuizView).
        page.locator(".jp-Notebook .jp-Cell").last.locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")
        page.keyboard.press("Enter")
        page.keyboard.insert_text(
            "view = [v for v in Out.values() if type(v).__name__ == 'QuizView'][-1]\n"
            f"print('score', view.score, view[{question.id!r}].verdict.status)"
        )
        page.keyboard.press("Control+Enter")
        reader = page.locator(".jp-Notebook .jp-CodeCell").filter(has_text="view.score")
        expect(reader.locator(".jp-OutputArea-output")).to_have_text("score 1 correct", timeout=30_000)
        assert stderr.count() == 0, "\n---\n".join(stderr.all_inner_texts())
        assert not elsewhere, f"requests left 127.0.0.1: {elsewhere}"
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / "jupyterlab-e2e-failure.png"))
        raise
    finally:
        context.close()


def local_page(browser: Browser) -> tuple[Page, list[str]]:
    """A page at 1280 px whose requests to any other host are refused and listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url)
                  else (elsewhere.append(route.request.url), route.abort()))
    return context.new_page(), elsewhere


def open_and_run_all(page: Page, url: str) -> None:
    """Open a notebook alone (?reset: not the ones an earlier test left open), wait for the book's kernel, Run All,
    and fail on any error or warning output."""
    page.goto(url)
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
    expect(page.locator(".jp-NotebookPanel")).to_have_count(1)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Python 3 (landmines book) | Idle", timeout=60_000)
    run_all_cells(page)
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, "error or warning output:\n" + "\n---\n".join(stderr.all_inner_texts())


def shut_down_kernels(page: Page) -> None:
    """Each chapter starts a kernel; stop them (as the Kernel menu would) so the next chapter runs on a quiet machine."""
    page.evaluate("""async () => {
        const xsrf = decodeURIComponent((document.cookie.match(/_xsrf=([^;]+)/) || [, ""])[1]);
        const kernels = await (await fetch("/api/kernels")).json();
        for (const k of kernels) {
            await fetch("/api/kernels/" + k.id, {method: "DELETE", headers: {"X-XSRFToken": xsrf}});
        }
    }""")


def _text(html_text: str) -> str:
    return re.sub(r"\s+", " ", html_text).strip()


def book_paragraphs(chapter: str, pages: Path = BOOK_HTML) -> set[str]:
    """The text of every paragraph and list item of the chapter's page in the built book (or its translation)."""
    from bs4 import BeautifulSoup

    page = pages / f"{chapter}.html"
    if not page.is_file():
        missing(f"No built book at {page}: run `make book` first.")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = set()
    for element in soup.select("article p, article li"):
        if not element.find(["p", "li"]) and not element.find_parent(class_="cell_output"):
            found.add(_text(element.get_text("")))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_runs_and_its_prose_reads_as_in_the_book(lab: str, browser: Browser, chapter: str):
    """Run All, then read every Markdown cell: no raw role or option shows, and each paragraph is the book's,
    word for word (numbers from {eval}, citations as author-year labels, glossary terms, admonitions)."""
    page, elsewhere = local_page(browser)
    try:
        open_and_run_all(page, f"{lab}/lab/tree/chapters/{chapter}.md?reset")
        # Inline expressions are evaluated when their cell is run; wait until none is pending.
        page.wait_for_function("() => document.querySelectorAll('.jp-MarkdownCell').length > 0")
        page.wait_for_timeout(1500)

        cells = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst")
        shown = "\n".join(cells.all_inner_texts())
        assert shown.strip(), "no rendered Markdown cell"
        raw = sorted({r for r in RAW if r in shown})
        assert not raw, f"{chapter}: rendered Markdown shows raw MyST {raw}"
        assert "Citation Not Found" not in page.content(), f"{chapter}: a citation is not resolved"

        paragraphs = [_text(t) for t in page.locator(
            ".jp-MarkdownCell .myst p:not(:has(p, li)), .jp-MarkdownCell .myst li:not(:has(p, li))").all_text_contents()]
        paragraphs = [p for p in paragraphs if p]
        book = book_paragraphs(chapter)
        numbered = [p for p in paragraphs if re.search(r"\d", p)]
        assert len(numbered) > 5, f"{chapter}: expected paragraphs with numbers, found {len(numbered)}"
        differ = [p for p in paragraphs if p not in book]

        def where(p: str) -> str:
            """The lab's paragraph and the book's closest one, from the first character where they part."""
            match = difflib.get_close_matches(p, book, n=1, cutoff=0.0)
            other = match[0] if match else ""
            at = next((i for i, (x, y) in enumerate(zip(p, other)) if x != y), min(len(p), len(other)))
            return f"  lab:  ...{p[max(0, at - 80):at + 160]}\n  book: ...{other[max(0, at - 80):at + 160]}"

        assert not differ, f"{chapter}: paragraphs that read differently from the book's page:\n" + "\n".join(
            where(p) for p in differ)
        # Every option of the live quiz reads in full: ipywidgets cut a long checkbox label with an ellipsis
        # ("Report it to the authorities (in Ukraine, 1...") and drew a radio label one line high.
        options = page.locator(".jp-OutputArea-output label")
        assert options.count() > 0, f"{chapter}: no quiz options found in the live widget"
        clipped = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output label, .jp-OutputArea-output label span')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map(e => e.textContent.trim().slice(0, 70))""")
        assert not clipped, f"{chapter}: quiz options cut short in JupyterLab: {clipped}"
        page.evaluate("""() => { const boxes = [...document.querySelectorAll('.jp-OutputArea-output .widget-checkbox label')];
            (boxes.at(-1) || document.querySelector('.jp-OutputArea-output label'))?.scrollIntoView({block: 'center'}); }""")
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / f"jupyterlab-{chapter}-options.png"))
        assert not elsewhere, f"requests left 127.0.0.1: {elsewhere}"
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / f"jupyterlab-{chapter}-failure.png"))
        raise
    finally:
        shut_down_kernels(page)
        page.context.close()



UK_HTML = ROOT / "_build" / "html" / "uk"


def test_a_ukrainian_chapter_downloaded_from_its_page_runs_in_jupyterlab_in_ukrainian(
        lab: str, browser: Browser, monkeypatch: pytest.MonkeyPatch):
    """A Ukrainian student downloads the chapter from its Ukrainian page, opens the notebook in JupyterLab and
    runs it: the prose reads as on the Ukrainian page, paragraph for paragraph (numbers, dates, citations), the
    live quiz speaks Ukrainian and judges a wrong then a right answer, and nothing leaves 127.0.0.1."""
    import zipfile

    from minebook.core.language import ui

    download = UK_HTML / "downloads" / "chapters" / f"{CHAPTER}.zip"
    if not download.is_file():
        missing(f"No Ukrainian download at {download}: run `make book` first.")
    with zipfile.ZipFile(download) as archive:
        archive.extractall(SERVED[lab] / "uk-download")
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    question = next(q for q in load_quiz(CHAPTER).questions if q.type == "single")
    right = next(o.text for o in question.options if o.correct)
    wrong = next(o.text for o in question.options if not o.correct)
    check, not_quite, correct, why = (ui(w) for w in ("Check", "Not quite.", "Correct.", "Why:"))
    monkeypatch.delenv("MINEBOOK_LANG")

    page, elsewhere = local_page(browser)
    try:
        open_and_run_all(page, f"{lab}/lab/tree/uk-download/{CHAPTER}/{CHAPTER}.ipynb?reset")
        page.wait_for_timeout(1500)  # inline expressions are evaluated after their cell ran

        shown = "\n".join(page.locator(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst").all_inner_texts())
        assert not sorted({r for r in RAW if r in shown}), "rendered Markdown shows raw MyST"
        paragraphs = [_text(t) for t in page.locator(
            ".jp-MarkdownCell .myst p:not(:has(p, li)), .jp-MarkdownCell .myst li:not(:has(p, li))").all_text_contents()]
        paragraphs = [p for p in paragraphs if p]
        book = book_paragraphs(CHAPTER, UK_HTML / "chapters")
        assert len(paragraphs) > 20 and any("мін" in p for p in paragraphs), "the notebook's prose is not Ukrainian"
        differ = [p for p in paragraphs if p not in book]
        assert not differ, "paragraphs that read differently from the Ukrainian page:\n" + "\n".join(
            p[:200] for p in differ)

        clipped = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output button')]
            .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent.trim())""")
        assert not clipped, f"quiz buttons cut short (their Ukrainian is longer than the English): {clipped}"
        radio_wrong = page.get_by_role("radio", name=wrong, exact=True)
        box = page.locator(".widget-vbox").filter(has=radio_wrong).last
        radio_wrong.check()
        box.get_by_role("button", name=check, exact=True).click()
        expect(box).to_contain_text(not_quite)
        expect(box).not_to_contain_text(why)
        box.get_by_role("radio", name=right, exact=True).check()
        box.get_by_role("button", name=check, exact=True).click()
        expect(box).to_contain_text(correct)
        expect(box).to_contain_text(why)
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / "jupyterlab-uk-quiz.png"))
        assert not elsewhere, f"requests left 127.0.0.1: {elsewhere}"
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("MINEBOOK_SHOTS", "/tmp")) / "jupyterlab-uk-failure.png"))
        raise
    finally:
        shut_down_kernels(page)
        page.context.close()
