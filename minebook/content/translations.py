"""Keeping translations in step with the English: extract every message, update the catalogs, list what is missing.

`make translations` (`minebook translations`) does what a Sphinx project does for its prose, for everything:

1. Sphinx's gettext builder writes one template (`.pot`) per page into `_build/gettext/` (the prose);
2. each extractor registered in EXTRACTORS writes the templates of the book's other texts there too (quiz text,
   table and chart text, interface strings: see minebook/core/language.py for the domains);
3. `sphinx-intl update` merges every template into `locales/<lang>/LC_MESSAGES/`: new English becomes an empty
   entry, changed English becomes a *fuzzy* entry (its old translation kept as a hint), removed English is dropped.

`missing()` then lists each entry of a catalog that is empty or fuzzy, with file and line: what a translator
updates, and what `minebook check --lang uk` reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from minebook.core.language import LOCALES_DIR, catalog
from minebook.core.paths import book_root


def extract_settings() -> dict[str, Catalog]:
    """The settings a reader sees (the book's title and description in `_config.yml`), for the `ui` catalog."""
    from minebook.core.config import book_config

    config = book_config()
    try:
        lines = (book_root() / "_config.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []

    def at(key: str) -> list[tuple[str, int]]:
        """Where the setting is written, so a message about it names the line."""
        line = next((n for n, text in enumerate(lines, 1) if re.match(rf"\s*{key}\s*:", text)), 0)
        return [("_config.yml", line)]

    cat = Catalog()
    if config.get("title"):
        cat.add(str(config["title"]), context="book title", locations=at("title"))
    if config.get("author"):
        cat.add(str(config["author"]), context="book author", locations=at("author"))
    footer = (config.get("html") or {}).get("extra_footer")
    if footer:
        cat.add(str(footer), context="footer (HTML: keep the tags)", locations=at("extra_footer"))
    description = (config.get("sphinx", {}).get("config", {}) or {}).get("minebook_description")
    if description:
        cat.add(str(description), context="book description", locations=at("minebook_description"))
    return {"ui": cat}


# Interface words the themes and Sphinx write that their own Ukrainian catalogs lack (found by
# tools/quality/language.py on the built pages); the themes' templates are read for the rest.
SPHINX_WORDS = (
    "Link to this heading", "Link to this term", "Search Results", "Searching", "Preparing search...", ", in ", "Hide Search Matches",
    "Search finished, found ${resultCount} page(s) matching the search query.",
    "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've "
    "selected enough categories.",
)
_TEMPLATE_CALL = re.compile(r"""_\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""")


def extract_theme() -> dict[str, Catalog]:
    """The words of the page templates (pydata-sphinx-theme, sphinx-book-theme, the book's own), for `sphinx.po`.

    Sphinx's gettext builder extracts only the book's own templates; the themes' words go through the same
    `sphinx` catalog, and the themes ship no Ukrainian for many of them.
    """
    import pydata_sphinx_theme
    import sphinx_book_theme

    cat = Catalog()
    folders = [Path(pydata_sphinx_theme.__file__).parent / "theme", Path(sphinx_book_theme.__file__).parent / "theme",
               Path(__file__).parents[1] / "sphinx" / "templates"]
    for folder in folders:
        for template in sorted(folder.rglob("*.html")):
            for match in _TEMPLATE_CALL.finditer(template.read_text(encoding="utf-8")):
                text = match.group(1) or match.group(2)
                if text not in cat:
                    cat.add(text, locations=[(f"{folder.parent.name}/{template.relative_to(folder).as_posix()}", 0)])
    for text in SPHINX_WORDS:
        cat.add(text, locations=[("sphinx", 0)])
    return {"sphinx": cat}


# Each returns {domain: catalog of English messages}; the domain names the .po file (e.g. "quizzes/mine-types").
# Several may give messages of one domain (`ui`): they are merged.
EXTRACTORS: list[Callable[[], dict[str, Catalog]]] = [extract_settings, extract_theme]


def write_templates(pot_dir: Path) -> list[Path]:
    """Write the templates of every registered extractor into `pot_dir` (beside Sphinx's, and added to a template
    Sphinx wrote for the same domain, such as sphinx.pot); return their paths."""
    from babel.messages.pofile import read_po, write_po

    _canonical_locations(pot_dir)
    merged: dict[str, Catalog] = {}
    for path in sorted(pot_dir.rglob("*.pot")) if pot_dir.is_dir() else []:
        with path.open("rb") as fh:
            merged[path.relative_to(pot_dir).with_suffix("").as_posix()] = read_po(fh)
    sphinx_domains = set(merged)
    if "sphinx" in merged:  # keep what Sphinx extracted from the book's templates, not an earlier run of ours
        kept = Catalog()
        for message in merged["sphinx"]:
            if message.id and any("_templates" in loc for loc, _ in message.locations):
                kept.add(message.id, context=message.context, locations=message.locations)
        merged["sphinx"] = kept
    for extract in EXTRACTORS:
        for domain, cat in extract().items():
            into = merged.setdefault(domain, Catalog())
            for message in cat:
                if message.id:
                    into.add(message.id, context=message.context, locations=message.locations,
                             auto_comments=message.auto_comments, flags=message.flags)
    written = []
    for domain, cat in merged.items():
        if domain in sphinx_domains and domain != "sphinx":
            continue  # a page's template, as Sphinx wrote it
        path = pot_dir / f"{domain}.pot"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, cat, width=0, omit_header=False, sort_output=False)
        written.append(path)
    return written


def _canonical_locations(pot_dir: Path) -> None:
    """Sphinx writes each message's source as a path relative to its output folder, so the `#:` lines of every
    catalog changed whenever that folder moved (`../../../../intro.md`, then `../../intro.md`): a diff of thousands
    of lines after `make translations`. They are written as from `_build/gettext`, the catalogs' first home."""
    root = book_root().resolve()
    for path in sorted(pot_dir.rglob("*.pot")) if pot_dir.is_dir() else []:
        text = path.read_text(encoding="utf-8")

        def canonical(match: re.Match) -> str:
            parts = []
            for loc in match.group(1).split():
                file, _, line = loc.rpartition(":")
                try:
                    rel = (pot_dir / file).resolve().relative_to(root).as_posix()
                except ValueError:
                    parts.append(loc)
                    continue
                parts.append(f"../../{rel}:{line}")
            return "#: " + " ".join(parts)

        fixed = re.sub(r"^#: (.+)$", canonical, text, flags=re.M)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


@dataclass(frozen=True)
class Missing:
    """One message a translator still has to write or update."""

    file: str
    line: int
    text: str
    fuzzy: bool
    new: bool = False  # the English has it, the catalog does not yet (file:line is the English)

    def __str__(self) -> str:
        what = "out of date (the English changed; update it, then remove the 'fuzzy' line)" if self.fuzzy else \
            "new or changed English, not in the catalog yet (run `make translations`, then translate it)" if self.new \
            else "not translated"
        text = self.text if len(self.text) <= 100 else self.text[:97] + "..."
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {what}: {text!r}"


def missing(lang: str, domains: set[str] | None = None) -> list[Missing]:
    """Every empty or fuzzy entry in the language's catalogs, in file order; then every English message of the
    book's own texts (quizzes, tables, charts, interface: the extractors) that no catalog holds yet, named where the
    English is, so an edit is caught before `make translations` is run. `domains`: only these catalogs."""
    root = book_root()
    folder = root / LOCALES_DIR / lang / "LC_MESSAGES"
    out: list[Missing] = []
    for path in sorted(folder.rglob("*.po")):
        domain = path.relative_to(folder).with_suffix("").as_posix()
        if domains is not None and domain not in domains:
            continue
        rel = path.relative_to(root).as_posix()
        for entry in sorted(catalog(domain, lang).values(), key=lambda e: e.line):
            if entry.fuzzy or not entry.translation:
                out.append(Missing(rel, entry.line, entry.msgid, entry.fuzzy))
    return out + not_in_catalogs(lang)


def not_in_catalogs(lang: str) -> list[Missing]:
    """English the extractors find in the book (quiz, table, chart and interface text) with no entry in the
    language's catalog: new or changed since `make translations` last ran. The reader would see it in English."""
    from minebook.core.errors import ContentError

    found: list[Missing] = []
    for extract in EXTRACTORS:
        try:
            extracted = extract()
        except ContentError:  # content the English check reports (a missing or broken table): nothing to compare
            continue
        for domain, cat in extracted.items():
            known = catalog(domain, lang)
            for message in cat:
                msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                if msgid and (message.context, msgid) not in known:
                    file, line = message.locations[0] if message.locations else (f"{domain}.pot", 0)
                    found.append(Missing(str(file), int(line or 0), msgid, fuzzy=False, new=True))
    return sorted(set(found), key=lambda m: (m.file, m.line, m.text))


def extracted_domains() -> set[str]:
    """The catalogs the book's extractors write (every catalog but the pages' prose, which Sphinx checks)."""
    from minebook.core.errors import ContentError

    domains: set[str] = set()
    for extract in EXTRACTORS:
        try:
            domains |= set(extract())
        except ContentError:
            continue
    return domains


def _register() -> None:
    """The book's own extractors (each module keeps its messages' rules beside the code that shows them)."""
    from minebook.content import charttext, datatext
    from minebook.content.messages import quiz_catalogs, ui_catalog  # quiz files; the code's ui(...) strings

    for extract in (datatext.extract, charttext.extract, quiz_catalogs, ui_catalog):
        if extract not in EXTRACTORS:
            EXTRACTORS.append(extract)


_register()
