"""Author–year citation labels ("Human Rights Watch 2023a") shared by the text, the charts and the bibliography.

Why: pybtex's alpha labels ("HumanRWatch22") are machine strings a student cannot look up. One label style is
registered with pybtex, so sphinxcontrib-bibtex prints the same label in the text and in the bibliography, and
`labels()` gives Python (chart captions, data tables, the data appendix) exactly the same strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from docutils.nodes import make_id
from pybtex.database import BibliographyData, Entry, parse_file
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, href, join, optional, sentence

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


def _plain(value: str) -> str:
    """BibTeX text as a reader sees it (braces, `\\&`, `--`, ``quotes'')."""
    for old, new in (("{", ""), ("}", ""), ("\\&", "&"), ("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"),
                     ("''", "\u201d")):
        value = value.replace(old, new)
    return " ".join(value.split())


def short_names(path: Path | None = None) -> dict[str, str]:
    """Long organisation names -> the short form used in labels (references/short-names.yml, data not code)."""
    path = path or Path(__file__).resolve().parents[2] / "references" / "short-names.yml"
    if not path.is_file():
        return {}
    import yaml

    found = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {_plain(str(k)): _plain(str(v)) for k, v in found.items()}


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


class AuthorYearStyle(AlphaStyle):
    """pybtex's alpha style with author–year labels, and addresses that say what kind of copy they are."""

    default_label_style = STYLE_NAME

    def format_entry(self, label, entry, bib_data=None):
        """A note that names another entry by its key ("see jpost2023minefields") shows that entry's label."""
        note = entry.fields.get("note", "")
        if note:
            from minebook.content.bib import cite_labels

            try:
                known = cite_labels()
            except (FileNotFoundError, ContentError):  # outside the book (a test project): the note as written
                known = {}
            new = re.sub(r"(?<![\w/#.-])([A-Za-z][\w-]*\w)(?![\w-])",
                         lambda m: known.get(m.group(1), m.group(1)), note)
            if new != note:
                copy = Entry(entry.type, fields={**entry.fields, "note": new}, persons=entry.persons)
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


def register() -> None:
    """Make the style known to pybtex (and so to sphinxcontrib-bibtex's `bibtex_default_style`)."""
    register_plugin("pybtex.style.labels", STYLE_NAME, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle, force=True)


def labels(paths: list[Path]) -> dict[str, str]:
    """key -> label for every entry, as the book's `:all:` bibliography prints them (same sort, same suffixes)."""
    register()
    data = BibliographyData()
    for path in paths:
        for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
            data.add_entry(key, entry)
    style = AuthorYearStyle()
    ordered = style.sort(list(data.entries.values()))
    return {entry.key: label for entry, label in zip(ordered, AuthorYearLabels().format_labels(ordered))}


def anchor(key: str) -> str:
    """The id of a key's entry in bibliography.html (as docutils makes ids from `bibtex_cite_id`)."""
    return make_id(CITE_ID.format(key=key))
