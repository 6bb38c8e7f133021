"""Make a clean build and a rebuild write the same pages (issue 6, reproducible builds).

myst-nb 1.4.0 copies its stylesheet ``mystnb.<hash>.css`` into ``_static`` only
when the build finishes, after the pages are written. Sphinx adds a ``?v=<crc>``
suffix to a stylesheet link only if the file is already in the output, so a
clean build writes ``mystnb.<hash>.css`` and every later build
``mystnb.<hash>.css?v=8cd3d715``: the same book, different pages. Copying the
file when the builder starts (as myst-nb itself does at the end) gives every
build the suffixed link.

Sphinx copies ``html_static_path`` files (``_static/book.css``, the quiz
script...) only when some page is out of date, and writes their ``?v=<crc>``
into the pages it writes: after an edit to a stylesheet alone, a rebuild says
"no targets are out of date" and the book keeps the old file. When a static
file differs from its copy in the output, every page is rewritten instead.

The ".ipynb" download of each MyST chapter (``_sources/<page>.ipynb``, copied
by sphinx-book-theme from myst-nb's executed notebook) carries the random cell
ids that jupytext/nbformat give a notebook converted from Markdown: different in
every build. They are replaced by ids derived from the page and the cell's
position, which are as unique and stay the same from build to build.
"""

from __future__ import annotations

import filecmp
import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

logger = logging.getLogger(__name__)


def copy_mystnb_css_early(app: Sphinx) -> None:
    """Put myst-nb's stylesheet into ``_static`` before any page is written."""
    if app.builder.format != "html" or "myst_nb" not in app.extensions:
        return
    from myst_nb import static
    from myst_nb.sphinx_ext import _get_file_hash, _import_resources_path

    with _import_resources_path(static, "mystnb.css") as source:
        target = Path(app.outdir) / "_static" / f"mystnb.{_get_file_hash(source)}.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_asset_file(str(source), str(target))


def changed_static_files(app: Sphinx) -> list[str]:
    """Files of ``html_static_path`` whose copy in the output's ``_static`` is missing or different."""
    out = Path(app.outdir) / "_static"
    changed = []
    for entry in app.config.html_static_path:
        folder = Path(app.confdir) / entry
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for source in files:
            if source.name.endswith("_t"):
                continue  # a template Sphinx renders (copybutton.js_t): follows the configuration, which rebuilds all
            copy = out / (source.name if folder.is_file() else source.relative_to(folder))
            if not copy.is_file() or not filecmp.cmp(source, copy, shallow=False):
                changed.append(source.name)
    return changed


def rewrite_pages_when_static_files_change(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Re-read every page when a static file changed, so the new file is copied and every ``?v=`` updated."""
    if not (Path(app.outdir) / "_static").is_dir():
        return []  # a clean build writes everything anyway
    changed_files = changed_static_files(app)
    if not changed_files:
        return []
    logger.info("static files changed (%s): rewriting every page", ", ".join(changed_files))
    return sorted(env.found_docs - added)


def stable_cell_id(notebook: str, index: int) -> str:
    """An nbformat 4.5 cell id from the notebook's path and the cell's position (8 hex digits, like nbformat's)."""
    return hashlib.sha256(f"{notebook}\0{index}".encode()).hexdigest()[:8]


def stabilise_notebook_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Give the downloadable notebooks in ``_sources`` the same cell ids in every build.

    A notebook whose bytes are those it had when last made stable by this code (their hash is kept in
    ``_build/.minebook-cache/stable-notebooks.json``) is not read again: Sphinx copies only the notebooks of the
    pages it rewrites, and reading all of them took a fifth of a second of each rebuild (issue 13).
    """
    if exception is not None or app.builder.format != "html":
        return
    import json

    import nbformat

    sources = Path(app.outdir) / "_sources"
    memo = Path(app.outdir).parent / ".minebook-cache" / "stable-notebooks.json"
    try:
        stable_before = set(json.loads(memo.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        stable_before = set()
    stable_now: set[str] = set()
    code = hashlib.sha256(Path(__file__).read_bytes() + nbformat.__version__.encode()).hexdigest()[:16]
    for path in sorted(sources.rglob("*.ipynb")):
        name = path.relative_to(sources).as_posix()
        state = f"{name}\0{code}\0{hashlib.sha256(path.read_bytes()).hexdigest()}"
        if state in stable_before:
            stable_now.add(state)
            continue
        notebook = nbformat.read(path, as_version=4)
        changed = False
        for index, cell in enumerate(notebook.cells):
            if "id" in cell and cell["id"] != (stable := stable_cell_id(name, index)):
                cell["id"] = stable
                changed = True
        if changed:
            nbformat.write(notebook, path)
        stable_now.add(f"{name}\0{code}\0{hashlib.sha256(path.read_bytes()).hexdigest()}")
    if stable_now != stable_before:
        memo.parent.mkdir(parents=True, exist_ok=True)
        partial = memo.with_name(memo.name + ".partial")
        partial.write_text(json.dumps(sorted(stable_now)), encoding="utf-8")
        partial.replace(memo)  # whole or not at all


def setup_stable_output(app: Sphinx) -> None:
    """Connect the handlers (call from an extension's ``setup``)."""
    app.connect("builder-inited", copy_mystnb_css_early)
    app.connect("env-get-outdated", rewrite_pages_when_static_files_change)
    app.connect("build-finished", stabilise_notebook_downloads)
