"""The Colab button opens a real .ipynb: a generated copy of each notebook page on its own branch.

The chapters are MyST Markdown notebooks. sphinx-book-theme links Colab to the page's source
(``.../blob/main/chapters/NAME.md``), which Colab cannot open: it opens only .ipynb files from GitHub. So:

* ``minebook notebooks OUT_DIR`` writes one .ipynb per page that has launch buttons, converted from the
  page's source with jupytext, without outputs, starting with the set-up cell (``minebook/sphinx/bootstrap.py``)
  rendered from ``repository:`` in ``_config.yml``, so it runs alone in Colab. The deploy workflow
  (``.github/workflows/deploy.yml``) publishes OUT_DIR as the branch ``minebook_notebooks_branch``.
  The build's own .ipynb download is not reused: it carries the outputs and widget state of the build.
* :func:`setup_launch` points each page's Colab button at ``.../blob/<notebooks branch>/<page>.ipynb``.
  Binder and JupyterHub keep their links: they clone the repository, where jupytext opens the .md.
* ``minebook check-repository --expect URL``: the deploy workflow stops early, with instructions an
  instructor can follow, when ``repository: url`` still names the placeholder or another repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

BRANCH_SETTING = "minebook_notebooks_branch"
DEFAULT_BRANCH = "notebooks"
PLACEHOLDER_OWNER = "OWNER"
README_TITLE = "# Notebooks for Colab (generated)"
# After sphinx-book-theme's add_launch_buttons (html-page-context, priority 501) has built the buttons.
PRIORITY = 600


# ---- settings from _config.yml ----------------------------------------------------------------------


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def notebooks_branch(root: Path | None = None) -> str:
    """The branch the notebooks are published on: ``sphinx: config: minebook_notebooks_branch`` in _config.yml."""
    from minebook.core.paths import book_root

    sphinx_config = (_config(root or book_root()).get("sphinx") or {}).get("config") or {}
    return str(sphinx_config.get(BRANCH_SETTING) or DEFAULT_BRANCH)


def path_to_book(root: Path) -> str:
    """``repository: path_to_book``: where the book sits inside its repository ("" at the top)."""
    return str((_config(root).get("repository") or {}).get("path_to_book") or "").strip("/")


# ---- the Colab button -------------------------------------------------------------------------------


def colab_url(colab: str, org: str, repo: str, branch: str, book_path: str, docname: str) -> str:
    """``COLAB/github/ORG/REPO/blob/BRANCH/[PATH_TO_BOOK/]DOCNAME.ipynb``."""
    prefix = f"{book_path.strip('/')}/" if book_path.strip("/") else ""
    return f"{colab.rstrip('/')}/github/{org}/{repo}/blob/{branch}/{prefix}{docname}.ipynb"


def use_published_notebook(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Point the page's Colab button (if sphinx-book-theme made one) at the published .ipynb."""
    options = app.config["html_theme_options"]
    colab = (options.get("launch_buttons") or {}).get("colab_url", "")
    if not colab:
        return
    from sphinx_book_theme.header_buttons import get_repo_parts

    parts = get_repo_parts(context)
    if not parts:
        return
    _provider_url, org, repo, _provider = parts
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("text") == "Colab":
                branch = app.config[BRANCH_SETTING]
                button["url"] = colab_url(colab, org, repo, branch, options.get("path_to_docs", ""), pagename)


def setup_launch(app: Any) -> None:
    """Register ``minebook_notebooks_branch`` and the handler (call from the book's Sphinx extension)."""
    app.add_config_value(BRANCH_SETTING, DEFAULT_BRANCH, "html", str)
    app.connect("html-page-context", use_published_notebook, priority=PRIORITY)


# ---- the published notebooks -------------------------------------------------------------------------


def _source(root: Path, name: str) -> Path | None:
    stem = name.removesuffix(".md").removesuffix(".ipynb")
    return next((p for p in (root / f"{stem}.md", root / f"{stem}.ipynb") if p.is_file()), None)


def notebook_pages(root: Path) -> list[tuple[str, Path]]:
    """(docname, source) of every page in _toc.yml that is a notebook, i.e. every page with launch buttons.

    sphinx-book-theme adds them where the page's metadata has a kernelspec (a jupytext header or an .ipynb).
    """
    import jupytext

    from minebook.core.toc import toc_files

    pages = []
    for name, _line in toc_files(root)[0]:
        path = _source(root, name)
        if path is not None and "kernelspec" in jupytext.read(path).metadata:
            pages.append((path.relative_to(root).with_suffix("").as_posix(), path))
    return pages


def published_notebook(path: Path, docname: str, root: Path) -> Any:
    """The page as a plain .ipynb: no outputs, the current set-up cell first, stable cell ids."""
    import jupytext
    import nbformat

    from minebook.sphinx.bootstrap import MARKER, TAG, cell_source
    from minebook.sphinx.stable_output import stable_cell_id

    nb = jupytext.read(path)
    setup = cell_source(root)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if code and nb.cells[code[0]].source.startswith(MARKER):
        nb.cells[code[0]].source = setup
    else:  # a page without the cell (or an .ipynb chapter): put it before the first code cell
        nb.cells.insert(code[0] if code else len(nb.cells), nbformat.v4.new_code_cell(setup, metadata={"tags": [TAG]}))
    for i, cell in enumerate(nb.cells):
        cell.id = stable_cell_id(docname, i)  # the same file for the same source, as the build's downloads
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata = {"kernelspec": nb.metadata["kernelspec"], "language_info": {"name": "python"}}
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def readme(root: Path, written: list[str], branch: str) -> str:
    from minebook.sphinx.bootstrap import repository

    url, source_branch = repository(root)
    listing = "\n".join(f"- `{name}`" for name in written)
    return f"""{README_TITLE}

This branch, `{branch}`, is generated by the deploy workflow (`.github/workflows/deploy.yml`, `minebook notebooks`)
from the book's sources on the branch `{source_branch}` of
{url}.
Every deploy replaces it: do not edit here, edit the chapters on `{source_branch}`.

The Colab button of each page of the book opens the page's notebook from here. Each notebook has no
outputs and starts with a set-up cell that fetches the book's helper package and data from the repository.

{listing}
"""


def write_notebooks(out: Path, root: Path) -> list[Path]:
    """Write ``OUT/[PATH_TO_BOOK/]DOCNAME.ipynb`` for every notebook page and ``OUT/README.md``.

    OUT must be empty or an earlier output of this command (whose notebooks are then removed first).
    """
    import nbformat

    if out.is_dir() and any(out.iterdir()):
        previous = out / "README.md"
        if not (previous.is_file() and previous.read_text(encoding="utf-8").startswith(README_TITLE)):
            raise FileExistsError(f"{out} is not empty and was not written by `minebook notebooks`: "
                                  "give an empty or new folder")
        for old in out.rglob("*.ipynb"):
            old.unlink()
    prefix = Path(path_to_book(root))
    written = []
    for docname, source in notebook_pages(root):
        target = out / prefix / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(published_notebook(source, docname, root), target)
        written.append(target)
    names = [p.relative_to(out).as_posix() for p in written]
    (out / "README.md").write_text(readme(root, names, notebooks_branch(root)), encoding="utf-8")
    return written


# ---- the repository setting, before a deploy -----------------------------------------------------------


def _normalized(url: str) -> str:
    return url.strip().rstrip("/").removesuffix(".git").lower()


def repository_problem(root: Path, expect: str | None) -> str | None:
    """Why ``repository: url`` in _config.yml is not this book's repository, in words for an instructor; or None."""
    from minebook.sphinx.bootstrap import repository

    config = root / "_config.yml"
    try:
        url, _branch = repository(root)
    except ValueError:
        url = ""
    parts = url.split("github.com/", 1)[-1].split("/") if "github.com/" in url else []
    placeholder = bool(parts) and parts[0] == PLACEHOLDER_OWNER
    if url and not placeholder and (expect is None or _normalized(url) == _normalized(expect)):
        return None
    wanted = expect.rstrip("/") if expect else "https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY"
    if not url:
        found = "has no repository address"
    elif placeholder:
        found = f"still has the example address {url} (with the word {PLACEHOLDER_OWNER} in it)"
    else:
        found = f"names the repository {url}"
    return (
        f"The book's settings file, {config.name}, {found},\n"
        + (f"but this book is published from {wanted}.\n" if expect else "")
        + "The Binder, JupyterHub and Colab buttons and the set-up cell of every notebook use that address,\n"
        "so they would open the wrong repository.\n\n"
        f"To fix it: open {config.name} (on GitHub: click the file, then the pencil icon to edit it),\n"
        "find these lines near the top and change the address to the one below:\n\n"
        "    repository:\n"
        f"      url: {wanted}\n\n"
        "Then save (commit) the change. The book is published again by itself."
    )
