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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from minebook.core.language import LOCALES_DIR, catalog
from minebook.core.paths import book_root

# Each returns {domain: catalog of English messages}; the domain names the .po file (e.g. "quizzes/mine-types").
EXTRACTORS: list[Callable[[], dict[str, Catalog]]] = []


def write_templates(pot_dir: Path) -> list[Path]:
    """Write the templates of every registered extractor into `pot_dir` (beside Sphinx's); return their paths."""
    from babel.messages.pofile import write_po

    written = []
    for extract in EXTRACTORS:
        for domain, cat in extract().items():
            path = pot_dir / f"{domain}.pot"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, cat, width=0, omit_header=False, sort_output=False)
            written.append(path)
    return written


@dataclass(frozen=True)
class Missing:
    """One message a translator still has to write or update."""

    file: str
    line: int
    text: str
    fuzzy: bool

    def __str__(self) -> str:
        what = "out of date (the English changed; update it, then remove the 'fuzzy' line)" if self.fuzzy else "not translated"
        text = self.text if len(self.text) <= 100 else self.text[:97] + "..."
        return f"{self.file}:{self.line}: {what}: {text!r}"


def missing(lang: str) -> list[Missing]:
    """Every empty or fuzzy entry in the language's catalogs, in file order."""
    root = book_root()
    folder = root / LOCALES_DIR / lang / "LC_MESSAGES"
    out: list[Missing] = []
    for path in sorted(folder.rglob("*.po")):
        domain = path.relative_to(folder).with_suffix("").as_posix()
        rel = path.relative_to(root).as_posix()
        for entry in sorted(catalog(domain, lang).values(), key=lambda e: e.line):
            if entry.fuzzy or not entry.translation:
                out.append(Missing(rel, entry.line, entry.msgid, entry.fuzzy))
    return out


# The book's own extractors (minebook/content/messages.py): quiz files, and the interface strings of the code.
from minebook.content.messages import quiz_catalogs, ui_catalog  # noqa: E402

EXTRACTORS += [quiz_catalogs, ui_catalog]
