"""Check _toc.yml against the chapters on disk, so no chapter silently drops out of the book."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_external_toc.parsing import MalformedError, parse_toc_data

from minebook.core.errors import Problem
from minebook.core.paths import book_root
from minebook.core.yamlsrc import load_yaml

SUFFIXES = (".md", ".ipynb")
QUIZ_CALL = re.compile(r"""\bmb\.quiz\(\s*["']([^"']+)["']""")
DOC_ROLE = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
MD_LINK = re.compile(r"\]\(([^)#\s]+?)\.(?:md|ipynb)(?:#[^)]*)?\)")


def toc_files(root: Path | None = None) -> tuple[list[tuple[str, int]], list[Problem]]:
    """The files named in _toc.yml (without suffix, in reading order) with their lines, and any problem with the
    file itself. Parsed by sphinx_external_toc, the library Jupyter Book builds the table of contents with, so the
    check and the build read the same entries; the lines are only looked up for the messages."""
    root = root or book_root()
    path = root / "_toc.yml"
    raw, _lines = load_yaml(path)
    if not isinstance(raw, dict) or raw.get("format") != "jb-book" or not isinstance(raw.get("root"), str):
        return [], [Problem(path, "line 1", "format/root", "format: jb-book and root: intro", repr(raw)[:80])]
    try:
        site_map = parse_toc_data(raw)
    except MalformedError as err:
        return [], [Problem(path, "the table of contents", "structure", "entries as in Jupyter Book's _toc.yml format",
                            str(err))]
    text = path.read_text(encoding="utf-8").splitlines()
    found = [(name, _line_naming(text, name, raw["root"])) for name in site_map]
    return found, []


def _line_naming(text: list[str], name: str, root_name: str) -> int:
    """The line of `file: NAME` (or `root: NAME`) in _toc.yml, for messages; 1 when it cannot be told."""
    key = re.compile(rf"^\s*-?\s*(file|root):\s*['\"]?{re.escape(name)}(\.md|\.ipynb)?['\"]?\s*(#.*)?$")
    for number, line in enumerate(text, start=1):
        if key.match(line):
            return number
    return 1


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
    problems += _links_outside_the_book(root, entries, listed)
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


def _links_outside_the_book(root: Path, entries: list[tuple[str, int]], listed: set[str]) -> list[Problem]:
    """Links from a page of the book to a page that is not in it: Sphinx would stop the build on each one."""
    problems: list[Problem] = []
    for name, _ in entries:
        page = root / f"{name}.md"
        if not page.is_file():
            continue
        text = without_code(page.read_text(encoding="utf-8"))
        for pattern in (DOC_ROLE, MD_LINK):
            for match in pattern.finditer(text):
                raw = match.group(1).strip()
                if "://" in raw:
                    continue
                target = _resolve(root, page, raw)
                target = target.removesuffix(".md").removesuffix(".ipynb")
                if target not in listed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(Problem(page, f"line {line}", "link", "a link to a page listed in _toc.yml", f"a link to {target}",
                                            "Remove the link (keep its words), or put the page back in _toc.yml."))
    return problems


_PLAIN_FENCE = re.compile(r"^(?P<f>`{3,}|~{3,})(?![ \t]*\{)[^\n]*\n.*?^(?P=f)[ \t]*$", re.DOTALL | re.MULTILINE)
# Code spans of one or two backticks on one line (three at a line's start open a fence, kept above).
_ROLE_OR_CODE = re.compile(r"(?P<role>\{[\w:.-]+\}(?P<rt>`+)[^\n]*?(?P=rt))|(?P<ct>(?<!`)`{1,2}(?!`))(?P<code>[^\n]+?)(?<!`)(?P=ct)(?!`)")


def without_code(text: str) -> str:
    """The page with its code blanked out (same lines): an example of a link written as code in a page (the guide
    shows what a link looks like) is no link. Roles ({doc}`...`) and directive fences (```{admonition}) are kept."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = _PLAIN_FENCE.sub(blank, text)
    return _ROLE_OR_CODE.sub(lambda m: m.group(0) if m.group("role") else blank(m), text)


def _resolve(root: Path, page: Path, raw: str) -> str:
    """A link's target as a path from the book's folder ('/x' is from the book's folder, 'x' from the page's)."""
    if raw.startswith("/"):
        return raw.lstrip("/")
    target = (page.parent / raw).resolve()
    try:
        return target.relative_to(root.resolve()).as_posix()
    except ValueError:
        return raw
