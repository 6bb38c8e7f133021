"""The package's layers (ARCHITECTURE.md) are real: `lint-imports` holds the imports to them, and the map names
every folder in the order the contract does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return layers


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_imports_keep_to_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout


def test_an_import_against_the_layers_is_caught(tmp_path: Path):
    """The contract can fail: a copy of the package where the engine imports the command line is refused."""
    shutil.copytree(ROOT / "minebook", tmp_path / "minebook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "minebook" / "quiz" / "upward.py").write_text("from minebook.cli import main  # noqa\n")
    (tmp_path / "minebook" / "content" / "checker.py").write_text("import tools.quality.browser  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "minebook.quiz.upward -> minebook.cli" in result.stdout
    assert "minebook.content.checker -> tools.quality.browser" in result.stdout


def test_the_map_names_every_folder_in_the_contracts_order():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    mapped = re.findall(r"^\| \d \| `minebook/([a-z_]+)/` \|", text, flags=re.M)
    assert [f"minebook.{m}" for m in mapped] == contract_layers()
    folders = sorted(p.name for p in (ROOT / "minebook").iterdir() if p.is_dir() and p.name != "__pycache__")
    for folder in folders:
        assert f"`minebook/{folder}/`" in text, f"ARCHITECTURE.md does not describe minebook/{folder}/"
    for folder in sorted(p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name not in {"node_modules", "__pycache__"}):
        assert f"`tests/{folder}/`" in text, f"ARCHITECTURE.md does not describe tests/{folder}/"
