"""Reproducible builds: a second clean build, in another folder, must give the same files byte for byte.

Why another folder and a clean build: a build that depends on where the book
was checked out (absolute paths), on when it ran (dates), on random ids
(``uuid4``, hash salts) or on the execution cache would show up here, because
every notebook is executed again from scratch. Identical output lets a reader
or a reviewer diff two releases and see only real changes.

Fields that may differ, each with its reason (everything else is compared byte for byte):

* ``.buildinfo``: Sphinx's hash of the configuration, used only to decide what
  to rebuild; not part of the book, not compared.
* the *outputs* of the downloadable notebooks ``_sources/**/*.ipynb`` and ``uk/_sources/**/*.ipynb`` (and their
  ``metadata.widgets``): they hold Python object reprs with memory addresses
  (``<pandas.io.formats.style.Styler at 0x7f...>``, the text/plain form of a
  displayed table) and ipywidgets' random model ids (uuid4) and saved widget
  state; and myst-nb 1.4.0 writes the outputs and execution counts only when it
  ran the notebook, not when it took them from its cache (so a rebuild's
  download has none). A reader re-runs the notebook anyway; the pages show the same outputs
  and are compared byte for byte, and the notebooks' cells (sources, ids,
  metadata) are compared too.
"""

from __future__ import annotations

import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Files of the HTML output that are not content: Sphinx's rebuild bookkeeping.
NOT_COMPARED = frozenset({".buildinfo"})
# Never copied into the second build: outputs, environments, caches, the browser tools.
_SKIP = shutil.ignore_patterns("_build", ".venv", ".venv-lab", ".git", "node_modules", "__pycache__", ".pytest_cache", ".ipynb_checkpoints")


@dataclass
class Comparison:
    """Files that differ or exist on one side only, with the first differing lines of each."""

    differing: dict[str, str]
    only_first: list[str]
    only_second: list[str]

    @property
    def identical(self) -> bool:
        return not (self.differing or self.only_first or self.only_second)


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.name not in NOT_COMPARED}


def _first_difference(a: Path, b: Path, context: int = 1) -> str:
    try:
        left, right = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary files differ ({a.stat().st_size} vs {b.stat().st_size} bytes)"
    diff = list(difflib.unified_diff(left, right, lineterm="", n=context))[2:14]
    return "\n".join(line[:200] for line in diff)


def notebook_without_outputs(path: Path) -> str:
    """A notebook's JSON without what may differ between builds (see the module docstring)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)


def _same(first: Path, second: Path, name: str) -> bool:
    if filecmp.cmp(first / name, second / name, shallow=False):
        return True
    if "_sources" in name.split("/")[:2] and name.endswith(".ipynb"):  # _sources/ and a translation's uk/_sources/
        return notebook_without_outputs(first / name) == notebook_without_outputs(second / name)
    return False


def compare(first: Path, second: Path) -> Comparison:
    """Compare two built HTML folders file by file."""
    a, b = _files(first), _files(second)
    differing = {}
    for name in sorted(a & b):
        if not _same(first, second, name):
            differing[name] = _first_difference(first / name, second / name)
    return Comparison(differing, sorted(a - b), sorted(b - a))


def build_copy(book: Path, workdir: Path) -> Path:
    """Copy the book's sources to ``workdir/book`` and build it from clean as `make book` does (`minebook build`:
    the English book, then every translation published inside it, under uk/); return its HTML folder."""
    copy = workdir / "book"
    shutil.copytree(book, copy, ignore=_SKIP)
    minebook = Path(sys.executable).parent / "minebook"
    result = subprocess.run(
        [str(minebook), "build"],
        cwd=copy,
        env={**os.environ, "MINEBOOK_ROOT": str(copy)},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the second build failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return copy / "_build" / "html"


def check(book: Path, html_dir: Path) -> Comparison:
    """Build ``book`` again in a temporary folder and compare with ``html_dir`` (its existing build)."""
    with tempfile.TemporaryDirectory(prefix="minebook-rebuild-") as tmp:
        return compare(html_dir, build_copy(book, Path(tmp)))
