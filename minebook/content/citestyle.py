"""Author–year citation labels ("Human Rights Watch 2023a") shared by the text, the charts and the bibliography.

Why: pybtex's alpha labels ("HumanRWatch22") are machine strings a student cannot look up. One label style is
registered with pybtex, so sphinxcontrib-bibtex prints the same label in the text and in the bibliography, and
`labels()` gives Python (chart captions, data tables, the data appendix) exactly the same strings.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from docutils.nodes import make_id
from pybtex.database import BibliographyData, Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, href, join, optional, sentence

from minebook.content.bib import NOT_PROSE
from minebook.core.errors import ContentError
from minebook.core.language import SOURCE_LANGUAGE, babel_locale, current_language, ui

STYLE_NAME = "minebook"
# The bibliography entry's id in bibliography.html (sphinxcontrib-bibtex's `bibtex_cite_id` in _config.yml).
CITE_ID = "cite-{key}"
# What readers are told about an address that is not the publisher's own page (bib field `urlkind`).
URL_KINDS = {
    "publisher": "",
    "archive": "Archived copy of the publisher's page: ",
    "mirror": "Mirror copy, not the publisher's site: ",
    "aggregator": "Copy on a news aggregator, not the publisher's site: ",
    "reprint": "Reprint on another site, not the original publisher's: ",
}
_PARENS = re.compile(r"\s*\([^()]*\)")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


def reader_date(iso: str) -> str:
    """'2026-11-25' -> '25 November 2026', the way the book writes dates (in Ukrainian '25 листопада 2026 р.',
    Unicode CLDR's long form); "" for anything that is not a real YYYY-MM-DD date (`minebook check` has reported
    it before a build gets here)."""
    try:
        day = date.fromisoformat(iso.strip()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso.strip()) else None
    except ValueError:
        day = None
    if not day:
        return ""
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, format="long", locale=babel_locale(lang))


def url_kind_text(kind: str) -> str:
    """What readers are told before an address that is not the publisher's own page, in the book's language."""
    texts = {
        "archive": ui("Archived copy of the publisher's page: ", "bibliography"),
        "mirror": ui("Mirror copy, not the publisher's site: ", "bibliography"),
        "aggregator": ui("Copy on a news aggregator, not the publisher's site: ", "bibliography"),
        "reprint": ui("Reprint on another site, not the original publisher's: ", "bibliography"),
    }
    return texts.get(kind, "")


def _as_text(value: str) -> str:
    """A field's plain text as pybtex must be given it: pybtex reads fields as LaTeX, where % starts a comment
    (``increased by 75%}`` lost the sign and broke the braces). The .bib files hold plain Unicode text, which
    `minebook check` enforces, so % is the one character of that text LaTeX would misread."""
    return re.sub(r"(?<!\\)%", r"\\%", value)


def _plain(value: str) -> str:
    """BibTeX text as a reader sees it (braces, `\\&`, `--`, ``quotes'')."""
    for old, new in (("{", ""), ("}", ""), ("\\&", "&"), ("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"),
                     ("''", "\u201d")):
        value = value.replace(old, new)
    return " ".join(value.split())


SHORT_NAMES = Path(__file__).resolve().parents[2] / "references" / "short-names.yml"
# path -> (the file's bytes, its names): who() asks once per entry, twice per build (labels, bibliography); parsing
# the YAML file each time was a third of a prose-edit rebuild. Keyed on the bytes, so an edit is never missed.
_SHORT_NAMES: dict[Path, tuple[bytes, dict[str, str]]] = {}


def short_names(path: Path | None = None) -> dict[str, str]:
    """Long organisation names -> the short form used in labels (references/short-names.yml, data not code)."""
    path = path or SHORT_NAMES
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    hit = _SHORT_NAMES.get(path)
    if hit is not None and hit[0] == data:
        return hit[1]
    import yaml

    found = yaml.safe_load(data.decode("utf-8")) or {}
    names = {_plain(str(k)): _plain(str(v)) for k, v in found.items()}
    _SHORT_NAMES[path] = (data, names)
    return names


def who(entry: Entry) -> str:
    """The name a reader sees first: `shortauthor` if given, else the authors' last names or the organisation,
    without parenthetical remarks such as "(copy at example.com)" (the full entry keeps them)."""
    if entry.fields.get("shortauthor"):
        return _plain(entry.fields["shortauthor"])
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    if persons:
        names = [_plain(" ".join(p.last_names)) for p in persons]
        if len(names) > 2:
            name = f"{names[0]} et al."
        else:
            name = " and ".join(names)
    else:
        name = _plain(entry.fields.get("organization") or entry.fields.get("publisher")
                      or entry.fields.get("institution") or entry.fields.get("howpublished") or entry.key)
    name = _PARENS.sub("", name).strip() or name
    shorts = short_names()
    if name in shorts:
        return shorts[name]
    if len(persons) == 1 and "," in name:  # "International Committee of the Red Cross, IHL databases"
        name = name.split(",")[0].strip()
    return name



def base_label(entry: Entry) -> str:
    year = entry.fields.get("year", "") or entry.fields.get("date", "")[:4]
    year = year if re.fullmatch(r"\d{4}", year) else "n.d."
    return f"{who(entry)} {year}"


class AuthorYearLabels(BaseLabelStyle):
    """'Human Rights Watch 2023', with a, b, ... where one name has several entries in a year."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        bases = [base_label(e) for e in entries]
        total, seen = Counter(bases), Counter[str]()
        for base in bases:
            if total[base] == 1:
                yield base
            else:
                yield base + ("-" if base.endswith(".") else "") + chr(ord("a") + seen[base])
                seen[base] += 1


# Formatted entries of earlier builds, by a hash of everything the formatting reads (see `_entry_key`). The book's
# Sphinx extension hands in a dict kept in the build environment, so a prose edit does not re-format all ~220
# entries (sphinxcontrib-bibtex formats every entry in every build: about a second on the reference machine).
# Without it (None) every entry is formatted, as pybtex does.
_FORMATTED: dict[str, object] | None = None
_USED: set[str] = set()
_LABELS_STATE: list[bytes] = []  # for this build: what the labels a note shows are made from (`_labels_state`)


def use_format_cache(store: dict[str, object]) -> None:
    """Keep formatted entries in ``store`` (and read earlier ones from it) from now on, for one build."""
    global _FORMATTED
    _FORMATTED = store
    _USED.clear()
    _LABELS_STATE.clear()


def prune_format_cache() -> None:
    """Forget the entries this build did not format or reuse (edited or deleted entries): the cache holds one
    build's worth, never a history."""
    if _FORMATTED is not None:
        for key in [k for k in _FORMATTED if k not in _USED]:
            del _FORMATTED[key]


def _labels_state() -> bytes:
    """A hash of what `cite_labels()` is made from: the .bib files of _config.yml and the short names. Read once
    per build (sphinxcontrib-bibtex reads the .bib files once per build too)."""
    if not _LABELS_STATE:
        from minebook.core.config import bib_files

        digest = hashlib.sha256()
        try:
            files = [*bib_files(), SHORT_NAMES]
        except FileNotFoundError:  # outside the book: notes are shown as written
            files = []
        for path in files:
            try:
                content = path.read_bytes()
            except OSError:
                content = b"\0missing"
            digest.update(str(path).encode() + b"\0" + hashlib.sha256(content).digest())
        _LABELS_STATE.append(digest.digest())
    return _LABELS_STATE[0]


_VERSION: list[bytes] = []


def _entry_key(label: str, entry: Entry) -> str:
    """Everything `format_entry` reads: the label, the entry's type, key, every field, every part of every name,
    this module's code and pybtex's version, and, for an entry with a note (which shows other entries' labels),
    what those labels are made from."""
    if not _VERSION:
        from importlib.metadata import version

        _VERSION.append(hashlib.sha256(Path(__file__).read_bytes() + version("pybtex").encode()).digest())
    persons = {role: [[p.first_names, p.middle_names, p.prelast_names, p.last_names, p.lineage_names] for p in people]
               for role, people in entry.persons.items()}
    text = json.dumps([label, entry.type, entry.key, list(entry.fields.items()), persons], ensure_ascii=False)
    labels = _labels_state() if entry.fields.get("note") else b""
    return hashlib.sha256(_VERSION[0] + labels + text.encode("utf-8")).hexdigest()


class AuthorYearStyle(AlphaStyle):
    """pybtex's alpha style with author–year labels, and addresses that say what kind of copy they are."""

    default_label_style = STYLE_NAME

    def format_entry(self, label, entry, bib_data=None):
        """Reused from an earlier build when nothing it reads has changed (`_entry_key`); entries that borrow
        fields from another (crossref) are always formatted anew."""
        if _FORMATTED is None or bib_data is not None or "crossref" in entry.fields:
            return self._format_entry(label, entry, bib_data)
        key = _entry_key(label, entry)
        _USED.add(key)
        hit = _FORMATTED.get(key)
        if hit is None:
            hit = _FORMATTED[key] = self._format_entry(label, entry, bib_data)
        return hit

    def _format_entry(self, label, entry, bib_data=None):
        """A note that names another entry by its key ("see jpost2023minefields") shows that entry's label; a
        per cent sign is text (`_as_text`)."""
        fields = dict(entry.fields)
        note = fields.get("note", "")
        if note:
            from minebook.content.bib import cite_labels

            try:
                known = cite_labels()
            except (FileNotFoundError, ContentError):  # outside the book (a test project): the note as written
                known = {}
            fields["note"] = re.sub(r"(?<![\w/#.-])([A-Za-z][\w-]*\w)(?![\w-])",
                                    lambda m: known.get(m.group(1), m.group(1)), note)
        fields = {name: value if name.lower() in NOT_PROSE else _as_text(value) for name, value in fields.items()}
        if fields != dict(entry.fields):
            copy = Entry(entry.type, fields=fields, persons=entry.persons)
            copy.key = entry.key
            entry = copy
        return super().format_entry(label, entry, bib_data=bib_data)

    def format_web_refs(self, e: Entry):
        """The address, saying what kind of copy it is, then "Accessed 25 November 2026." (`urldate`, the day the
        project read the page: data/README.md)."""
        kind = e.fields.get("urlkind", "publisher").strip().lower()
        address = sentence[
            optional[join[Text(url_kind_text(kind)), href(field("url", raw=True))[field("url", raw=True)]]],
            optional[self.format_doi(e)],
        ]
        accessed = reader_date(e.fields.get("urldate", ""))
        if not (accessed and e.fields.get("url")):
            return address
        return join(sep=" ")[address, sentence[Text(ui("Accessed {date}", "bibliography").format(date=accessed))]]


# pybtex's own plugins that a build asks for again and again. pybtex looks each one up in the installed packages'
# metadata on every call (importlib.metadata.entry_points reads every package's entry points): sphinxcontrib-bibtex
# asks for the plain-text backend once per citation, 61 look-ups and a large part of a chapter's rebuild (issue 13).
PYBTEX_PLUGINS = (
    ("pybtex.backends", "plaintext"), ("pybtex.backends", "docutils"), ("pybtex.database.input", "bibtex"),
    ("pybtex.style.names", "plain"), ("pybtex.style.names", "last"), ("pybtex.style.sorting", "author_year_title"),
)
_REMEMBERED: list[bool] = []


def remember_pybtex_plugins() -> None:
    """Look pybtex's plugins up once, in one reading of the installed entry points, and register each class
    found there as pybtex's runtime plugin under its own name: pybtex then finds the same class without reading
    the metadata again. A plugin that is not installed is left to pybtex's own error."""
    if _REMEMBERED:
        return
    from importlib.metadata import entry_points

    installed = entry_points()
    for group, name in PYBTEX_PLUGINS:
        for entry_point in installed.select(group=group, name=name):
            register_plugin(group, name, entry_point.load(), force=True)
            break
    _REMEMBERED.append(True)


def register() -> None:
    """Make the style known to pybtex (and so to sphinxcontrib-bibtex's `bibtex_default_style`)."""
    register_plugin("pybtex.style.labels", STYLE_NAME, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle, force=True)
    remember_pybtex_plugins()


def labels(paths: list[Path]) -> dict[str, str]:
    """key -> label for every entry, as the book's `:all:` bibliography prints them (same sort, same suffixes)."""
    from minebook.content.bib import parse_bib

    register()
    data = BibliographyData()
    for path in paths:
        for key, entry in parse_bib(path).entries.items():
            data.add_entry(key, entry)
    style = AuthorYearStyle()
    ordered = style.sort(list(data.entries.values()))
    return {entry.key: label for entry, label in zip(ordered, AuthorYearLabels().format_labels(ordered))}


def anchor(key: str) -> str:
    """The id of a key's entry in bibliography.html (as docutils makes ids from `bibtex_cite_id`)."""
    return make_id(CITE_ID.format(key=key))
