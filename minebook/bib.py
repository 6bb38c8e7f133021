"""Read references.bib, so that every source key in a table or quiz can be checked before the build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import parse_file
from pybtex.scanner import PybtexError

from .errors import ContentError, Problem
from .paths import bib_files

REQUIRED = {
    "title": ("title",),
    "author or publisher": ("author", "organization", "publisher", "institution", "howpublished"),
    "date": ("year", "date"),
    "url": ("url",),
}


@dataclass(frozen=True)
class Source:
    """What a caption or an answer key needs to name a source in a sentence."""

    key: str
    title: str
    who: str
    year: str
    url: str
    note: str

    def short(self) -> str:
        """'Human Rights Watch (2023)': the form used in chart captions."""
        return f"{self.who} ({self.year})" if self.year else self.who


def load_bibliography(paths: list[Path] | None = None) -> dict[str, Source]:
    """All entries of the book's .bib files, checked for the fields every entry must have, keys unique."""
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    where: dict[str, Path] = {}
    for path in paths or bib_files():
        try:
            found = _load_one(path)
        except ContentError as err:
            problems += err.problems
            continue
        for key, source in found.items():
            if key in where:
                problems.append(Problem(path, f"line {_line_of_key(path.read_text(encoding='utf-8'), key)}", key,
                                        "each key in one .bib file only", f"it in {where[key].name} too"))
            where[key] = path
            sources[key] = source
    if problems:
        raise ContentError(problems)
    return sources


def _load_one(path: Path) -> dict[str, Source]:
    if not path.is_file():
        raise ContentError([Problem(path, "the file", "references.bib", "a bibliography file", "no such file")])
    try:
        db = parse_file(str(path), bib_format="bibtex")
    except PybtexError as err:
        raise ContentError([Problem(path, "the file", "BibTeX syntax", "valid BibTeX entries", str(err))]) from None
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    for key, entry in db.entries.items():
        line = _line_of_key(text, key)
        for label, names in REQUIRED.items():
            if not any(entry.fields.get(n) or entry.persons.get(n) for n in names):
                problems.append(
                    Problem(path, f"line {line}, entry '{key}'", label, f"one of {', '.join(names)}", "none")
                )
        who = entry.fields.get("organization") or entry.fields.get("publisher") or entry.fields.get("institution")
        if not who and entry.persons.get("author"):
            who = " ".join(entry.persons["author"][0].last_names)
        sources[key] = Source(
            key=key,
            title=_clean(entry.fields.get("title", "")),
            who=_clean(who or entry.fields.get("howpublished", "")),
            year=entry.fields.get("year", entry.fields.get("date", ""))[:4],
            url=entry.fields.get("url", ""),
            note=_clean(entry.fields.get("note", "")),
        )
    if problems:
        raise ContentError(problems)
    return sources


def split_keys(value: str) -> list[str]:
    """'a; b' -> ['a', 'b']: tables and quizzes may name several sources."""
    return [k.strip() for k in str(value).split(";") if k.strip()]


def _clean(value: str) -> str:
    """BibTeX text as a reader sees it: no braces, `\\&` -> `&`, `---` -> em dash, `--` -> en dash.

    The em dash goes first: replacing `--` first would turn `Landmines---a` into `Landmines–-a`.
    """
    text = re.sub(r"[{}]", "", value).replace("\\&", "&")
    return text.replace("---", "\u2014").replace("--", "\u2013")


def _line_of_key(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
