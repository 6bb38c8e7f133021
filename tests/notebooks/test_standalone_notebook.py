"""A chapter notebook opened alone (Colab, a download from the book) fetches the package and data and runs.

How the kernel is made "alone", and why this proves the set-up cell works:

* The notebook is the built book's own .ipynb download, copied into an empty folder: no `_config.yml`,
  no `data/`, no `minebook/` beside it or above it.
* Its kernel runs in a throw-away venv (made in about a second, no pip install) that sees the book's pinned
  dependencies through a `.pth` line naming this venv's site-packages. A `.pth` line adds the folder but does
  not run the `.pth` files inside it, so the editable install of `minebook` (itself a `.pth` hook) is not
  active: the first cell of the run asserts that `minebook` cannot be imported. A fresh venv installed from
  requirements.txt would prove the same at 30+ s and 500 MB per run; the pins are the same files either way.
* The repository is served on 127.0.0.1 as GitHub serves it (`REPO/archive/refs/heads/BRANCH.tar.gz`,
  one top folder), made from the files git tracks or would track, and `MINEBOOK_REPO_URL` points there.
* After the run, the last cell shows where `minebook` and the data came from: the throw-away venv and the
  downloaded archive, never this repository.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from minebook.core.toc import toc_files
from minebook.sphinx.bootstrap import MARKER, TAG, cell_source, repository

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"


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
def test_every_notebook_starts_with_the_same_setup_cell(path: Path):
    """Identical in every chapter and rendered from _config.yml's `repository:` (`minebook setup-cells` writes it)."""
    cell = first_code_cell(jupytext.read(path))
    assert cell.source == cell_source(ROOT), (
        f"{path.relative_to(ROOT)}: the first code cell is not the set-up cell rendered from _config.yml; "
        "run: .venv/bin/minebook setup-cells"
    )
    assert TAG in cell.metadata.get("tags", []), "the set-up cell must be hidden in the book (remove-input)"


def test_the_setup_cell_names_the_configured_repository():
    url, branch = repository(ROOT)
    source = cell_source(ROOT)
    assert f'repo="{url}"' in source and f'branch="{branch}"' in source
    assert source.count("\n") < 35, "the set-up cell should stay short: readers of a download see it"


@pytest.mark.parametrize("cwd", ["chapters", "elsewhere"])
def test_the_setup_cell_is_silent_inside_the_book(cwd: str, tmp_path: Path):
    """With the book's environment, from the chapter folder or any other, it prints nothing and installs nothing."""
    folder = ROOT / "chapters" if cwd == "chapters" else tmp_path
    env = {k: v for k, v in os.environ.items() if k not in ("MINEBOOK_ROOT", "MINEBOOK_REPO_URL")}
    env["MINEBOOK_REPO_URL"] = "http://127.0.0.1:9/never-fetched"  # a download attempt would fail loudly
    done = subprocess.run([sys.executable, "-c", cell_source(ROOT)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


# ---- the built book offers each notebook as .ipynb ----------------------------------------------------


def built(path: Path) -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("The book is not built: run `make book` (make test does it first).", pytrace=False)
    return HTML / "_sources" / path.relative_to(ROOT).with_suffix(".ipynb")


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_notebook_page_offers_its_ipynb_with_the_setup_cell(path: Path):
    download = built(path)
    page = (HTML / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
    assert f'href="{os.path.relpath(download, (HTML / path.relative_to(ROOT)).parent)}"' in page
    nb = nbformat.read(download, as_version=4)
    assert first_code_cell(nb).source.startswith(MARKER)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_notebook_page_has_launch_links_built_from_the_repository_setting(path: Path):
    """Binder, JupyterHub (nbgitpuller) and Colab links, all from `repository:` in _config.yml. Links only:
    the browser tests check that the page itself asks no other host for anything."""
    built(path)
    url, branch = repository(ROOT)
    org_repo = url.removeprefix("https://github.com/")
    rel = path.relative_to(ROOT).as_posix()
    page = (HTML / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
    assert f"/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/{rel}" in page
    assert f"/hub/user-redirect/git-pull?repo={url.replace('://', '%3A//')}" in page
    # Colab opens only .ipynb: its button opens the copy the deploy publishes on the notebooks branch (tests/notebooks/test_launch.py)
    assert f"/github/{org_repo}/blob/notebooks/{path.relative_to(ROOT).with_suffix('.ipynb').as_posix()}" in page


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
    assert Path(package_file).is_relative_to(tmp_path / "kernel-venv"), package_file
    return nb


def test_a_chapter_opened_alone_fetches_the_package_and_data_and_runs(
    tmp_path: Path, served_repository: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
):
    chapter = CHAPTERS[0]
    alone = tmp_path / "alone"
    alone.mkdir()
    notebook = alone / chapter.with_suffix(".ipynb").name
    shutil.copy(built(chapter), notebook)

    nb = run_alone(notebook, tmp_path, served_repository, monkeypatch)

    _package_file, book_root = nb.cells[-1].outputs[0].text.split()
    assert Path(book_root).is_relative_to(tmp_path / "downloads"), book_root
    assert sorted(p.name for p in alone.iterdir()) == [notebook.name], "the notebook's folder was cluttered"


def test_archive_helper_keeps_what_a_clone_has(tmp_path: Path):
    """Guards the test itself: the served archive has the package, the data and the TOC, and no venv."""
    github_like_archive(tmp_path, "book", "main")
    with tarfile.open(tmp_path / "archive/refs/heads/main.tar.gz") as tar:
        names = tar.getnames()
    assert "book-main/minebook/__init__.py" in names and "book-main/_toc.yml" in names
    assert any(n.startswith("book-main/data/") for n in names)
    assert not any("/.venv/" in n or "/_build/" in n for n in names)

