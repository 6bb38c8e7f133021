"""Every check of the content an instructor edits, in one call: `minebook check` and the Sphinx extension (which
stops a build before any notebook runs) both use it, so they never disagree."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from minebook.content import data, quizzes
from minebook.content.bib import load_bibliography
from minebook.core.config import bib_files
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import book_root
from minebook.core.toc import check_toc

# Where a clean verdict on the tables, quiz files and bibliography is kept, with the hash of what they read.
PASSED = Path("_build") / ".minebook-cache" / "content-passed"


def check_everything(*, reuse: bool = False) -> list[Problem]:
    """Every problem in the bibliography, tables, quiz files and table of contents.

    The checks of tables, quiz files and bibliography read no page, and a prose edit changes none of their
    inputs: with ``reuse`` (the build's own check, issue 13: rebuild time) they are skipped when the same inputs,
    byte for byte, passed before (:func:`inputs_fingerprint`). Only a clean result is kept; problems are found
    anew each time. The checks that read the pages (table of contents, headings, raw keys) always run.
    """
    root = book_root()
    passed = root / PASSED
    fingerprint = inputs_fingerprint(root)
    kept = _read_passed(passed) if reuse else None
    if kept is not None and kept.get("inputs") == fingerprint:
        return _check_pages(root, set(kept["keys"]))
    try:
        keys = set(load_bibliography())
    except ContentError as err:
        return list(err.problems)
    found = data.check_all() + data.stale_editions() + quizzes.check_all() + _check_source_links(root)
    if not found:
        try:
            passed.parent.mkdir(parents=True, exist_ok=True)
            partial = passed.with_name(f"{passed.name}.{os.getpid()}.partial")  # two languages' builds check at once
            partial.write_text(json.dumps({"inputs": fingerprint, "keys": sorted(keys)}), encoding="utf-8")
            partial.replace(passed)  # whole or not at all
        except OSError:
            pass  # a read-only book is checked in full every time
    return found + _check_pages(root, keys)


def passed_before() -> bool:
    """The tables, quiz files and sources are byte for byte as they were when their checks last passed."""
    root = book_root()
    kept = _read_passed(root / PASSED)
    return kept is not None and kept.get("inputs") == inputs_fingerprint(root)


def _read_passed(path: Path) -> dict | None:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) and isinstance(kept.get("keys"), list) else None


def inputs_fingerprint(root: Path) -> str:
    """A hash of everything the checks of tables, quiz files and bibliography read: data/, the quiz files, the
    .bib files named in _config.yml, references/ (short names, copy hosts), _config.yml, this package's code and
    rulebooks, and the versions of the libraries that judge them."""
    from importlib.metadata import version

    digest = hashlib.sha256(str(root.resolve()).encode() + b"\0")
    for name in ("frictionless", "pybtex", "jsonschema", "PyYAML", "pandas"):
        digest.update(f"{name}={version(name)}\0".encode())
    package = Path(__file__).resolve().parents[1]
    files = [*(p for p in (root / "data").rglob("*") if p.is_file()), *root.glob("chapters/*.quiz.yml"),
             *(p for p in (root / "references").rglob("*") if p.is_file()), root / "_config.yml", *bib_files(root)]
    code = [p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()]
    for path in sorted(set(files)) + sorted(code):
        try:
            content = path.read_bytes()
        except OSError:
            content = b"\0missing"
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def _check_pages(root: Path, keys: set[str]) -> list[Problem]:
    """The checks that read the pages: raw bibliography keys in prose, the table of contents, headings."""
    problems = _check_no_raw_keys(root, keys)
    try:
        problems += check_toc()
    except ContentError as err:
        problems += err.problems
    else:
        from minebook.content.titles import check_headings

        problems += check_headings()
    return problems


def _check_source_links(root: Path) -> list[Problem]:
    """Issue 14: source links say what they are."""
    from minebook.content.bib import check_source_links

    return check_source_links(root=root)


def _check_no_raw_keys(root: Path, keys: set[str]) -> list[Problem]:
    """Issue 14: no page shows a bibliography key instead of its label."""
    from minebook.content.bib import check_no_raw_keys

    pages = [*root.glob("*.md"), *root.glob("chapters/*.md"), *root.glob("appendices/*.md"), *root.glob("instructors/*.md")]
    pages = [p for p in pages if p.name != "README.md"]
    return check_no_raw_keys(pages, keys=keys)
