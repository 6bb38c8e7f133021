"""Every chapter runs top to bottom in a fresh kernel, from its own folder and from anywhere else."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from minebook.core.toc import toc_files

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = [ROOT / f"{name}.md" for name, _ in toc_files(ROOT)[0] if (ROOT / f"{name}.md").is_file()]
NOTEBOOKS = [p for p in CHAPTERS if "kernelspec" in p.read_text(encoding="utf-8")[:500]]


def execute(path: Path, cwd: Path) -> None:
    nb = jupytext.read(path)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    stderr = [o["text"] for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, f"{path.name} printed warnings: {stderr}"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_runs_top_to_bottom_in_a_fresh_kernel(path: Path):
    execute(path, path.parent)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_runs_when_started_from_another_folder(path: Path, tmp_path: Path):
    execute(path, tmp_path)


def test_the_book_has_chapters_to_run():
    assert NOTEBOOKS, "no chapter notebooks found through _toc.yml"
