"""The Colab button opens a real .ipynb (issue 5): what a reader clicks, and what the deploy publishes.

Colab opens only .ipynb files, so each notebook page's Colab button points at
`.../blob/<minebook_notebooks_branch>/<page>.ipynb`, and `minebook notebooks OUT` writes exactly those files
(the deploy workflow pushes OUT as that branch). Checked on a small book built here (default branch name, an
.ipynb chapter with outputs, a plain page, `path_to_book`) and on the real built book; and one published
notebook is run alone, fetching the package and data from a served copy of the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bookfixture import MYST_HEADER, MiniBook

# The standalone-notebook harness: the repository served as a GitHub-like archive, a kernel without the book.
from test_standalone_notebook import (  # noqa: F401 (served_repository is a fixture)
    first_code_cell,
    run_alone,
    served_repository,
)

from minebook.sphinx.bootstrap import cell_source, with_setup_cell
from minebook.sphinx.launch import notebooks_branch

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COLAB_LINK = re.compile(r'href="(https://colab\.research\.google\.com/github/[^"]+)"')

MINI_CONFIG = """\
title: mini
repository:
  url: https://github.com/example-org/mini-book
  branch: main
{path_to_book}
execute:
  execute_notebooks: "off"
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: https://mybinder.org
  colab_url: https://colab.research.google.com
  thebe: false
sphinx:
  extra_extensions: [minebook.sphinx.extension]
{sphinx_config}
"""
MINI_TOC = """\
format: jb-book
root: intro
chapters:
  - file: chapters/one
  - file: chapters/two
  - file: notes
"""
CHAPTER = MYST_HEADER + """\
# One

Some prose.

```{code-cell} ipython3
print(1 + 1)
```
"""


def make_minibook(root: Path, path_to_book: str = "", branch: str | None = None) -> MiniBook:
    """A book with a MyST notebook (set-up cell), an .ipynb notebook with outputs (no set-up cell), a plain page."""
    book = MiniBook(root)
    book.write("_config.yml", MINI_CONFIG.format(
        path_to_book=f"  path_to_book: {path_to_book}" if path_to_book else "",
        sphinx_config=f"  config:\n    minebook_notebooks_branch: {branch}" if branch else ""))
    book.write("_toc.yml", MINI_TOC)
    book.write("chapters/one.md", with_setup_cell(CHAPTER, book.root))
    two = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    two.cells = [nbformat.v4.new_markdown_cell("# Two"),
                 nbformat.v4.new_code_cell("2 * 3", execution_count=1,
                                           outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "6"}, execution_count=1)])]
    nbformat.write(two, book.root / "chapters" / "two.ipynb")
    book.write("notes.md", "# Notes\n\nA page of prose: no launch buttons.\n")
    return book


def run(args: list[str], root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINEBOOK_ROOT": str(root)}
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module", params=["default", "path_to_book"])
def mini(request, tmp_path_factory) -> tuple[MiniBook, Path, str]:
    """The small book built with -n -W; with `path_to_book: book` and branch `colab` in the second variant."""
    variant = request.param
    book = make_minibook(tmp_path_factory.mktemp(variant) / "book",
                         *(("book", "colab") if variant == "path_to_book" else ("", None)))
    done = run([str(BIN / "jupyter-book"), "build", ".", "-n", "-W", "--keep-going"], book.root)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return book, book.root / "_build" / "html", variant


def colab_links(html: Path) -> dict[str, str]:
    """Page (relative .html path) -> its Colab link, for every built page that has one."""
    links = {}
    for page in sorted(html.rglob("*.html")):
        found = COLAB_LINK.findall(page.read_text(encoding="utf-8"))
        assert len(found) <= 1, f"{page}: {found}"
        if found:
            links[page.relative_to(html).as_posix()] = found[0]
    return links


def published(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.ipynb")}


def write_notebooks(root: Path, out: Path) -> subprocess.CompletedProcess:
    done = run([str(BIN / "minebook"), "notebooks", str(out)], root)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


# ---- the button a reader clicks ---------------------------------------------------------------------------


def test_colab_buttons_open_the_published_ipynb(mini):
    _book, html, variant = mini
    prefix, branch = ("book/", "colab") if variant == "path_to_book" else ("", "notebooks")
    base = f"https://colab.research.google.com/github/example-org/mini-book/blob/{branch}/{prefix}"
    assert colab_links(html) == {
        "chapters/one.html": base + "chapters/one.ipynb",
        "chapters/two.html": base + "chapters/two.ipynb",
    }


def test_binder_keeps_the_repository_and_its_source(mini):
    """Binder clones the repository (main) and opens the .md with jupytext: its link is not rewritten."""
    _book, html, variant = mini
    prefix = "book/" if variant == "path_to_book" else ""
    page = (html / "chapters" / "one.html").read_text(encoding="utf-8")
    assert f"https://mybinder.org/v2/gh/example-org/mini-book/main?urlpath=lab/tree/{prefix}chapters/one.md" in page


def test_the_real_book_links_every_notebook_page_to_the_notebooks_branch():
    """The built book (make book; MINEBOOK_HTML_DIR for another build): each chapter's link as a reader sees it."""
    html = Path(os.environ.get("MINEBOOK_HTML_DIR") or ROOT / "_build" / "html")
    if not (html / "index.html").is_file():
        pytest.fail("The book is not built: run `make book` (make test does it first).", pytrace=False)
    links = colab_links(html)
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.md") if p.name != "README.md")
    assert chapters and notebooks_branch(ROOT) == "notebooks"
    for name in chapters:
        assert links[f"chapters/{name}.html"].endswith(f"/blob/notebooks/chapters/{name}.ipynb"), links
    assert "index.html" not in links and "instructors/guide.html" not in links


# ---- what the deploy publishes ------------------------------------------------------------------------------


def test_minebook_notebooks_writes_exactly_the_linked_files(mini, tmp_path: Path):
    book, html, _variant = mini
    out = tmp_path / "out"
    write_notebooks(book.root, out)
    linked = {re.sub(r"^.*?/blob/[^/]+/", "", url) for url in colab_links(html).values()}
    assert published(out) == linked
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "generated by the deploy workflow" in readme


def test_the_real_books_notebooks_match_its_colab_links(tmp_path: Path):
    html = Path(os.environ.get("MINEBOOK_HTML_DIR") or ROOT / "_build" / "html")
    if not (html / "index.html").is_file():
        pytest.fail("The book is not built: run `make book` (make test does it first).", pytrace=False)
    out = tmp_path / "out"
    write_notebooks(ROOT, out)
    linked = {re.sub(r"^.*?/blob/notebooks/", "", url) for url in colab_links(html).values()}
    assert linked and published(out) == linked


@pytest.mark.parametrize("book", ["mini", "real"])
def test_each_published_notebook_is_valid_starts_with_the_setup_cell_and_has_no_outputs(book, tmp_path: Path):
    root = make_minibook(tmp_path / "book").root if book == "mini" else ROOT
    out = tmp_path / "out"
    write_notebooks(root, out)
    assert published(out)
    for path in out.rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert first_code_cell(nb).source == cell_source(root), f"{path.name}: first code cell is not the set-up cell"
        assert nb.metadata.kernelspec.name == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: a cell has outputs"


def test_a_second_run_replaces_the_notebooks_and_a_foreign_folder_is_refused(tmp_path: Path):
    root = make_minibook(tmp_path / "book").root
    out = tmp_path / "out"
    write_notebooks(root, out)
    (out / "chapters" / "gone.ipynb").write_text("{}", encoding="utf-8")  # a page since removed from the book
    write_notebooks(root, out)
    assert published(out) == {"chapters/one.ipynb", "chapters/two.ipynb"}
    refused = run([str(BIN / "minebook"), "notebooks", str(root / "chapters")], root)
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert (root / "chapters" / "one.md").is_file()


# ---- the repository check at the start of a deploy ----------------------------------------------------------


@pytest.mark.parametrize(("url", "expect", "ok"), [
    ("https://github.com/OWNER/landmines-book", "https://github.com/OWNER/landmines-book", False),
    ("https://github.com/OWNER/landmines-book", None, False),
    ("https://github.com/alice/landmines-book", "https://github.com/bob/landmines-book", False),
    ("https://github.com/Alice/Landmines-Book/", "https://github.com/alice/landmines-book", True),
    ("https://github.com/alice/landmines-book", None, True),
])
def test_check_repository(minibook, url: str, expect: str | None, ok: bool):
    minibook.write("_config.yml", f"title: mini\nrepository:\n  url: {url}\n  branch: main\n")
    args = [str(BIN / "minebook"), "check-repository", *(["--expect", expect] if expect else [])]
    done = run(args, minibook.root)
    assert (done.returncode == 0) == ok, done.stdout + done.stderr
    if not ok:
        wanted = expect or "https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY"
        assert f"repository:\n      url: {wanted}" in done.stderr  # the exact lines to write
        assert "Traceback" not in done.stderr


# ---- a published notebook, run alone as in Colab ------------------------------------------------------------


@pytest.mark.notebooks
def test_a_published_notebook_runs_alone(tmp_path: Path, served_repository, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    """The first chapter as published for Colab: in an empty folder, with a kernel that has no `minebook`,
    it fetches the repository archive (served on 127.0.0.1) and runs to the end without an error or a warning."""
    out = tmp_path / "out"
    write_notebooks(ROOT, out)
    alone = tmp_path / "alone"
    alone.mkdir()
    notebook = shutil.copy(out / "chapters" / "reading-the-report.ipynb", alone)

    run_alone(Path(notebook), tmp_path, served_repository, monkeypatch)
