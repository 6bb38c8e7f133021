"""A chapter run outside the book: the download from its page (a .zip), offline; and a Colab notebook.

The download (issue 13): each notebook page's download menu offers ``downloads/PAGE.zip`` from the built book.
The test unzips it into an empty temporary folder and runs the notebook in a fresh kernel of the plain test
Python (which has the book's pinned dependencies) with the network blocked: a ``sitecustomize`` on the kernel's
PYTHONPATH refuses every socket connection that is not to this machine (the kernel talks to the test over
127.0.0.1). Probe cells show that ``minebook``, the data and the bibliography came from the unzipped folder, not
from this repository (whose package the test Python also has, editable). The same run without ``data/`` in
the folder fails, and a Python without one of the needed packages stops at the first cell with one line.

Colab (issue 5): the notebooks published for Colab fetch the repository. How that kernel is made "alone":

* Its kernel runs in a throw-away venv (made in about a second, no pip install) that sees the book's pinned
  dependencies through a `.pth` line naming this venv's site-packages. A `.pth` line adds the folder but does
  not run the `.pth` files inside it, so the editable install of `minebook` (itself a `.pth` hook) is not
  active: the first cell of the run asserts that `minebook` cannot be imported.
* The repository is served on 127.0.0.1 as GitHub serves it (`REPO/archive/refs/heads/BRANCH.tar.gz`,
  one top folder), made from the files git tracks or would track, and `MINEBOOK_REPO_URL` points there.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from bookfixture import MiniBook
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from minebook.core.language import LANGUAGES, SOURCE_LANGUAGE, available_languages, ui
from minebook.core.toc import toc_files
from minebook.sphinx.bootstrap import MARKER, cell_source, pins, repository
from tools.quality.browser import html_dir
from tools.quality.language import english_runs_in_html

ROOT = Path(__file__).resolve().parents[2]
HTML = html_dir()  # the built book (MINEBOOK_HTML_DIR to test another build)


def notebook_pages() -> list[Path]:
    """The TOC's MyST notebooks (chapters and notebook appendices): every page that gets launch buttons."""
    pages = [ROOT / f"{name}.md" for name, _ in toc_files(ROOT)[0]]
    return [p for p in pages if p.is_file() and "kernelspec" in p.read_text(encoding="utf-8")[:500]]


PAGES = notebook_pages()
CHAPTERS = [p for p in PAGES if p.parent.name == "chapters"]


def first_code_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.cell_type == "code")


# ---- the cell itself ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_no_page_carries_set_up_code(path: Path):
    """Set-up code is added where a notebook leaves the book (downloads, Colab), never kept in a chapter."""
    assert MARKER not in path.read_text(encoding="utf-8"), f"{path.relative_to(ROOT)} still has the set-up cell"


@pytest.mark.parametrize(("url", "fetches"), [
    ("https://github.com/OWNER/landmines-book", False),
    ("https://example.org/someone/landmines-book", False),
    ("https://github.com/landmines-edu/landmines-book", True),
    ("", False),  # no repository set at all
])
def test_the_setup_cell_fetches_only_from_a_real_repository(tmp_path: Path, url: str, fetches: bool):
    book = MiniBook(tmp_path)
    book.write("_config.yml", f"title: mini\nrepository:\n  url: {url}\n  branch: main\n" if url else "title: mini\n")
    source = cell_source(book.root)
    assert (f'repo="{url}"' if fetches else 'repo=""') in source and ("OWNER" in source) is False and ("example.org" in source) is False
    assert source.count("\n") < 50, "the set-up cell should stay short: readers of a download see it"


def test_the_setup_cell_names_the_books_own_versions():
    pinned = {line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()}
    asked = pins(ROOT)
    assert set(asked) >= {"pandas", "matplotlib", "ipywidgets", "yaml", "pybtex"}
    assert all(pin in pinned for pin in asked.values()), asked
    assert repr(asked) in cell_source(ROOT)


def test_the_setup_cell_is_silent_inside_the_book():
    """Run inside a checkout (the cell finds the book's folder above it), it prints nothing and fetches nothing."""
    env = {k: v for k, v in os.environ.items() if k not in ("MINEBOOK_ROOT", "MINEBOOK_REPO_URL")}
    env["MINEBOOK_REPO_URL"] = "http://127.0.0.1:9/never-fetched"  # a download attempt would fail loudly
    done = subprocess.run([sys.executable, "-c", cell_source(ROOT)], cwd=ROOT / "chapters", env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


# ---- the built book offers each notebook page as a .zip that runs ---------------------------------------


TRANSLATIONS = [lang for lang in available_languages() if lang != SOURCE_LANGUAGE]


def built(path: Path, lang: str = SOURCE_LANGUAGE) -> Path:
    """The page's download in the built book (a translation's: from its page under uk/)."""
    html = HTML / LANGUAGES[lang]["prefix"].strip("/")
    if not (html / "index.html").is_file():
        pytest.fail(f"The {lang} book is not built: run `make book` (make test does it first).", pytrace=False)
    return html / "downloads" / path.relative_to(ROOT).with_suffix(".zip")


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_notebook_page_offers_its_zip_in_the_download_menu(path: Path):
    download = built(path)
    page = (HTML / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
    href = os.path.relpath(download, (HTML / path.relative_to(ROOT)).parent)
    assert f'href="{href}"' in page and download.is_file(), f"{path.stem}: no link to {href}"
    assert "download-notebook-button" not in page, "a lone .ipynb cannot run: the menu offers the .zip instead"
    stem = path.stem
    with zipfile.ZipFile(download) as archive:
        names = set(archive.namelist())
    assert {f"{stem}/{stem}.ipynb", f"{stem}/minebook/__init__.py", f"{stem}/references.bib",
            f"{stem}/requirements.txt", f"{stem}/README.md", f"{stem}/_config.yml"} <= names
    assert {f"{stem}/data/{p.name}" for p in (ROOT / "data").glob("*.csv")} <= names
    if path.parent.name == "chapters":
        assert f"{stem}/chapters/{stem}.quiz.yml" in names
    assert not any("__pycache__" in n or "/.venv" in n or "/_build/" in n for n in names)


def unzip(path: Path, into: Path, lang: str = SOURCE_LANGUAGE) -> Path:
    with zipfile.ZipFile(built(path, lang)) as archive:
        archive.extractall(into)
    return into / path.stem


BLOCKER = """\
# Installed by the test as the kernel's sitecustomize: no connection leaves this machine.
import socket

_connect = socket.socket.connect


def _local_only(self, address, *args):
    if self.family == socket.AF_UNIX or (isinstance(address, tuple) and address[0] in ("127.0.0.1", "::1")):
        return _connect(self, address, *args)
    raise OSError(101, f"network blocked by the test: {address}")


socket.socket.connect = _local_only
socket.socket.connect_ex = lambda self, address: _local_only(self, address) or 0
"""
HIDE = """
import importlib.abc, sys


class _Hide(importlib.abc.MetaPathFinder):  # this Python "lacks" these packages
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {hidden!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)


sys.meta_path.insert(0, _Hide())
"""


def offline_kernel(tmp_path: Path, hidden: tuple[str, ...] = ()) -> str:
    """A kernelspec running this test Python (the book's pinned dependencies) with the network blocked."""
    site = tmp_path / "offline-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER + (HIDE.format(hidden=set(hidden)) if hidden else ""), encoding="utf-8")
    spec = tmp_path / "jupyter" / "kernels" / "offline"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (offline)", "language": "python",
        "env": {"PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"},
    }), encoding="utf-8")
    return str(tmp_path / "jupyter")


OFFLINE_BEFORE = """\
import os, socket, sys
assert "minebook" not in sys.modules and "MINEBOOK_ROOT" not in os.environ
try:
    socket.create_connection(("93.184.215.14", 80), timeout=5)
except OSError as blocked:
    assert "network blocked" in str(blocked), blocked
else:
    raise AssertionError("the network is not blocked")
"""
OFFLINE_AFTER = """\
import minebook
from minebook.core.config import bib_files
from minebook.core.paths import book_root, data_dir
print(minebook.__file__)
print(book_root())
print(data_dir())
print(*bib_files())
"""


def run_offline(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hidden: tuple[str, ...] = ()):
    """Run FOLDER/NAME.ipynb as a student would after unzipping: a fresh kernel, its folder as working directory."""
    monkeypatch.setenv("JUPYTER_PATH", offline_kernel(tmp_path, hidden))
    for name in ("MINEBOOK_ROOT", "MINEBOOK_REPO_URL", "MINEBOOK_EDITION"):
        monkeypatch.delenv(name, raising=False)
    notebook = folder / f"{folder.name}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE_BEFORE))
    nb.cells.append(nbformat.v4.new_code_cell(OFFLINE_AFTER))
    client = NotebookClient(nb, timeout=240, kernel_name="offline", resources={"metadata": {"path": str(folder)}})
    return nb, client


@pytest.mark.notebooks
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_a_downloaded_page_runs_offline_from_its_own_folder(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = unzip(path, tmp_path / "student")
    nb, client = run_offline(folder, tmp_path, monkeypatch)
    client.execute()

    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, "\n".join("\n".join(o.traceback) for o in errors)
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, f"{path.stem} printed warnings: {stderr}"
    setup = nb.cells[1 + next(i for i, c in enumerate(nb.cells[1:]) if c.cell_type == "code")]
    assert setup.source.startswith(MARKER) and setup.outputs == [], "the set-up cell should say nothing here"
    package, root, data, *bibs = nb.cells[-1].outputs[0].text.split()
    assert Path(package) == folder / "minebook" / "__init__.py", package  # not this repository's package
    assert Path(root) == folder and Path(data) == folder / "data"
    assert bibs and all(Path(b).is_relative_to(folder) for b in bibs)
    if path.parent.name == "chapters":
        shown = [o for c in nb.cells for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert shown, "the quiz widget was not shown"


def shown_text(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(where, text) of everything a student reads after Run All: the Markdown cells, each output's HTML or SVG
    (or plain text when it has nothing richer), and the words of the live widgets (their labels, options and HTML,
    from the widget state the run saved)."""
    found = [(f"cell {i} (Markdown)", c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            rich = [data[k] for k in ("text/html", "image/svg+xml", "text/markdown") if k in data]
            if not rich and "application/vnd.jupyter.widget-view+json" not in data:
                rich = [out.get("text") or data.get("text/plain", "")]
            found += [(f"cell {i} output", "".join(r) if isinstance(r, list) else r) for r in rich]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model_id, model in state.items():
        words = model.get("state", {})
        for key in ("description", "value", "placeholder", "tooltip", "_options_labels", "button_style_label"):
            value = words.get(key)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and text:
                    found.append((f"widget {words.get('_model_name', model_id)}.{key}", text))
    return found


# Markdown that is markup, not words: fence and option lines of directives, code spans (and the keys of roles),
# link targets, role names, comments.
# A citation as the notebook writes it, "(Landmine and Cluster Munition Monitor {eval}`mb.cite("key")`)": its label
# names the source as published, as the page's .mb-cite does (exempt by the rule).
CITATION = re.compile(r"\((?:[^()]|\([^()]*\))*?\{eval\}`mb\.cite\([^`]*\)`\)")
# MyST that is markup, not words: directive fence and option lines, role names (their `...` stays code), comments.
MYST_MARKUP = re.compile(r"^\s*(?:```|:::|:[\w-]+:).*$|\{[\w:-]+\}(?=`)|<!--[\s\S]*?-->", re.M)


def as_html(markdown: str) -> str:
    """A Markdown cell as a front end shows it (emphasis, links and code as elements), so the rule reads the same
    runs of text as on the page."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(MYST_MARKUP.sub("", CITATION.sub(" ", markdown)))


@pytest.mark.notebooks
@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_a_downloaded_translated_chapter_runs_offline_and_speaks_its_language(
        path: Path, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The zip from a Ukrainian page runs in a fresh kernel, offline, with no set-up, and what the student then
    reads (prose, charts, tables, the live quiz's buttons and questions) is Ukrainian by the book's rule
    (tools/quality/language.py: code, citations and sources aside)."""
    folder = unzip(path, tmp_path / "student", lang)
    nb, client = run_offline(folder, tmp_path, monkeypatch)
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, "\n".join("\n".join(o.traceback) for o in errors)
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, f"{path.stem} ({lang}) printed warnings: {stderr}"
    nb.cells = nb.cells[1:-1]  # the probes run_offline added (they print this machine's paths)
    texts = shown_text(nb)
    widgets = " ".join(t for where, t in texts if where.startswith("widget"))
    assert ui("Check", lang=lang) in widgets and ui("Show answer", lang=lang) in widgets, "the quiz widget is not in " + lang
    english = []
    for where, text in texts:
        prose = as_html(text) if where.endswith("(Markdown)") else text
        english += [f"{where}: {run}" for run in english_runs_in_html(prose, lang)]
    assert not english, f"{path.stem}: English in the {lang} notebook after Run All:\n" + "\n".join(english[:40])


@pytest.mark.notebooks
def test_a_download_without_its_data_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Guards the test above: it reads the unzipped folder's tables, so without them the same run fails."""
    folder = unzip(CHAPTERS[0], tmp_path / "student")
    shutil.rmtree(folder / "data")
    _nb, client = run_offline(folder, tmp_path, monkeypatch)
    with pytest.raises(CellExecutionError) as failed:
        client.execute()
    assert "data" in str(failed.value)


@pytest.mark.notebooks
def test_a_missing_package_is_named_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A Python without pybtex: the first cell says what to install, with the book's version, and Run All stops."""
    folder = unzip(CHAPTERS[0], tmp_path / "student")
    nb, client = run_offline(folder, tmp_path, monkeypatch, hidden=("pybtex",))
    with pytest.raises(CellExecutionError):
        client.execute()
    errors = [(i, o) for i, c in enumerate(nb.cells) for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(errors) == 1
    index, error = errors[0]
    assert nb.cells[index].source.startswith(MARKER), "the set-up cell should be the one that stops"
    assert error.traceback == [f"This chapter needs {pins(ROOT)['pybtex']}: run `pip install {pins(ROOT)['pybtex']}`, "
                               "then restart the kernel and run all cells again."]
    assert all(not c.get("outputs") for c in nb.cells[index + 1:] if c.cell_type == "code"), "Run All went on"


def test_a_notebook_taken_out_of_its_folder_says_what_to_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Only the .ipynb, without the folder, and no real repository configured: one line, no traceback."""
    folder = unzip(CHAPTERS[0], tmp_path / "student")
    alone = tmp_path / "alone" / folder.name
    alone.mkdir(parents=True)
    shutil.copy(folder / f"{folder.name}.ipynb", alone)
    nb, client = run_offline(alone, tmp_path, monkeypatch)
    with pytest.raises(CellExecutionError):
        client.execute()
    error = next(o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error")
    assert error.traceback == ["This notebook needs the files that come with it: download the chapter's .zip from "
                               "the book, unzip it and open the notebook inside the folder."]


# ---- a chapter run alone --------------------------------------------------------------------------------


def repository_files() -> list[Path]:
    """What a clone of the repository would hold: tracked files plus new files git would not ignore."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


def github_like_archive(folder: Path, repo_name: str, branch: str) -> None:
    """`folder/archive/refs/heads/BRANCH.tar.gz` with one top folder REPO-BRANCH/, as GitHub serves it."""
    target = folder / "archive" / "refs" / "heads" / f"{branch}.tar.gz"
    target.parent.mkdir(parents=True)
    prefix = f"{repo_name}-{branch}"
    with tarfile.open(target, "w:gz") as tar:
        for path in repository_files():
            tar.add(path, arcname=f"{prefix}/{path.relative_to(ROOT).as_posix()}", recursive=False)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files and records each request path on the server instead of logging it to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]


@pytest.fixture
def served_repository(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """The repository as an archive on 127.0.0.1; yields the URL to use as MINEBOOK_REPO_URL and the request log."""
    url, branch = repository(ROOT)
    site, name = tmp_path / "site", url.rstrip("/").rsplit("/", 1)[-1]
    github_like_archive(site / "OWNER" / name, name, branch)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/OWNER/{name}", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def kernel_without_the_book(tmp_path: Path) -> str:
    """A kernelspec whose Python sees the book's pinned dependencies but not `minebook` (see module docstring)."""
    venv = tmp_path / "kernel-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    book_libs = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(purelib, "book-dependencies.pth").write_text("\n".join(book_libs) + "\n", encoding="utf-8")
    spec = tmp_path / "jupyter" / "kernels" / "alone"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (no book)", "language": "python",
        "env": {"PYTHONNOUSERSITE": "1"},
    }), encoding="utf-8")
    return str(tmp_path / "jupyter")


PROBE_BEFORE = """\
import importlib.util, os
assert importlib.util.find_spec("minebook") is None, "minebook is importable before the set-up cell ran"
assert "MINEBOOK_ROOT" not in os.environ
"""
PROBE_AFTER = """\
import minebook, os
print(minebook.__file__)
print(os.environ["MINEBOOK_ROOT"])
"""


def run_alone(
    notebook: Path, tmp_path: Path, served: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> nbformat.NotebookNode:
    """Run ``notebook`` (already alone in its folder) as Colab would: a kernel without the book, the repository
    only at a URL. Checks what every such run must show and returns the executed notebook.

    Shared with tests/notebooks/test_launch.py (the notebooks published for Colab).
    """
    repo_url, requests = served
    monkeypatch.setenv("JUPYTER_PATH", kernel_without_the_book(tmp_path))
    monkeypatch.setenv("MINEBOOK_REPO_URL", repo_url)
    monkeypatch.delenv("MINEBOOK_ROOT", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "downloads"))  # where the cell unpacks the archive
    (tmp_path / "downloads").mkdir()

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE_BEFORE))
    nb.cells.append(nbformat.v4.new_code_cell(PROBE_AFTER))
    folder = str(notebook.parent)
    NotebookClient(nb, timeout=240, kernel_name="alone", resources={"metadata": {"path": folder}}).execute()

    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, "\n".join("\n".join(o.traceback) for o in errors)
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, f"{notebook.name} printed warnings: {stderr}"

    setup = first_code_cell(nbformat.from_dict({"cells": nb.cells[1:]}))
    assert setup.source.startswith(MARKER)
    said = "".join(o.text for o in setup.outputs if o.output_type == "stream")
    assert said.count("\n") == 1 and said.startswith("Set-up: installed"), f"the set-up cell said {said!r}"
    assert repo_url in said
    assert any(r.endswith(".tar.gz") for r in requests), "the archive was never fetched"
    package_file, _root = nb.cells[-1].outputs[0].text.split()
    # the fetched archive (the cell puts it first on sys.path; pip installed it with its dependencies), not ROOT
    assert Path(package_file).is_relative_to(tmp_path / "downloads"), package_file
    return nb


def test_archive_helper_keeps_what_a_clone_has(tmp_path: Path):
    """Guards the test itself: the served archive has the package, the data and the TOC, and no venv."""
    github_like_archive(tmp_path, "book", "main")
    with tarfile.open(tmp_path / "archive/refs/heads/main.tar.gz") as tar:
        names = tar.getnames()
    assert "book-main/minebook/__init__.py" in names and "book-main/_toc.yml" in names
    assert any(n.startswith("book-main/data/") for n in names)
    assert not any("/.venv/" in n or "/_build/" in n for n in names)

