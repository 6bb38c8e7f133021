"""Check _toc.yml against the chapters on disk, so no chapter silently drops out of the book."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .paths import book_root
from .yamlsrc import line_of, load_yaml

SUFFIXES = (".md", ".ipynb")
QUIZ_CALL = re.compile(r"""\bmb\.quiz\(\s*["']([^"']+)["']""")


def toc_files(root: Path | None = None) -> tuple[list[tuple[str, int]], list[Problem]]:
    """The files named in _toc.yml (without suffix) with their lines, and any problem with the file itself."""
    root = root or book_root()
    path = root / "_toc.yml"
    raw, lines = load_yaml(path)
    problems: list[Problem] = []
    found: list[tuple[str, int]] = []
    if not isinstance(raw, dict) or raw.get("format") != "jb-book" or not isinstance(raw.get("root"), str):
        problems.append(Problem(path, "line 1", "format/root", "format: jb-book and root: intro", repr(raw)[:80]))
        return found, problems
    found.append((raw["root"], line_of(lines, ("root",))))

    def walk(node: object, at: tuple) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append((str(node["file"]), line_of(lines, (*at, "file"))))
            for key in ("parts", "chapters", "sections"):
                if key in node:
                    walk(node[key], (*at, key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, (*at, i))

    walk(raw, ())
    return found, problems


def check_toc(root: Path | None = None) -> list[Problem]:
    root = root or book_root()
    path = root / "_toc.yml"
    entries, problems = toc_files(root)
    listed = set()
    for name, line in entries:
        stem = name.removesuffix(".md").removesuffix(".ipynb")
        listed.add(stem)
        if not any((root / f"{stem}{s}").is_file() for s in SUFFIXES):
            problems.append(Problem(path, f"line {line}", "file", f"a file {stem}.md or {stem}.ipynb in the book", "no such file", "Fix the name in _toc.yml, or add the file."))
    for chapter in sorted((root / "chapters").glob("*")):
        if chapter.suffix not in SUFFIXES or chapter.name.lower() == "readme.md":
            continue
        stem = chapter.relative_to(root).with_suffix("").as_posix()
        if stem not in listed:
            problems.append(Problem(path, "chapters", stem, f"an entry '- file: {stem}' for the chapter file {chapter.name}", "none",
                                    "Add it to _toc.yml, or move the file out of chapters/ if it should not be in the book."))
        text = chapter.read_text(encoding="utf-8")
        for match in QUIZ_CALL.finditer(text):
            quiz = root / "chapters" / f"{match.group(1)}.quiz.yml"
            if not quiz.is_file():
                line = text.count("\n", 0, match.start()) + 1
                problems.append(Problem(chapter, f"line {line}", "mb.quiz", f"a quiz file chapters/{match.group(1)}.quiz.yml", "no such file"))
    return problems
