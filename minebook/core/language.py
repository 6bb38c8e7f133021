"""Which language the book is built in, and the translations of everything that is not prose.

The book is written in English and translated with the ecosystem's own machinery: gettext message catalogs
(`.po` files) under `locales/<language>/LC_MESSAGES/`, kept in step with `sphinx-intl` (see locales/README.md).

* Prose (chapters, appendices, the instructor guide): Sphinx's own i18n, one catalog per page
  (`locales/uk/LC_MESSAGES/chapters/mine-types.po`), extracted by Sphinx's gettext builder.
* Everything else a reader sees comes from the book's files through Python, and is looked up here in catalogs of
  the same format: `ui.po` (the quiz's buttons and messages, the student edition's wording, chart and table
  chrome), `quizzes/<chapter>.po` (questions, options, feedback, explanations), `data.po` (table and column titles,
  text cells, chart titles and labels). Each message carries a context (`msgctxt`) saying where it is used.

One variable chooses the language, `MINEBOOK_LANG` (`en` or `uk`), set by `minebook build --lang` for the
build and inherited by the notebooks it runs; a student's own kernel reads it too. English needs no catalog: an
English build never opens one. An untranslated or out-of-date (fuzzy) message falls back to English here;
`minebook check --lang uk` lists each of them, and the Ukrainian build fails on them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from minebook.core.config import book_config
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import book_root

ENV = "MINEBOOK_LANG"
SOURCE_LANGUAGE = "en"
# Each language: its name in itself (for the language switch), its BCP 47 tag, and where its pages go under the site.
LANGUAGES: dict[str, dict[str, str]] = {
    "en": {"name": "English", "tag": "en", "prefix": ""},
    "uk": {"name": "Українська", "tag": "uk", "prefix": "uk/"},
}
LOCALES_DIR = "locales"


def current_language() -> str:
    """The language being built or run: from the environment (the build sets it), else from the book's settings
    (a chapter downloaded from the Ukrainian book carries `language: uk` in its `_config.yml`), else English.
    An unknown one is a content mistake, not a traceback."""
    configured = (book_config().get("sphinx") or {}).get("config") or {}
    raw = os.environ.get(ENV, "").strip().lower() or str(configured.get("language") or "").strip().lower() or SOURCE_LANGUAGE
    if raw not in LANGUAGES:
        raise ContentError([Problem(ENV, "the environment variable", ENV, f"one of {', '.join(LANGUAGES)}", f"'{raw}'")])
    return raw


def available_languages() -> list[str]:
    """The languages the book is published in, English first: what `make book` builds and the switch offers.

    Listed in `_config.yml` (`minebook_languages`); a translation is listed once its catalogs are complete, since
    its strict build fails on every untranslated message. `minebook build --lang uk` builds one that is not listed.
    """
    listed = book_config().get("sphinx", {}).get("config", {}).get("minebook_languages") or [SOURCE_LANGUAGE]
    if not isinstance(listed, list) or any(lang not in LANGUAGES for lang in listed):
        raise ContentError([Problem("_config.yml", "sphinx: config:", "minebook_languages",
                                    f"a list of languages from: {', '.join(LANGUAGES)}", repr(listed))])
    return [SOURCE_LANGUAGE] + [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE and lang in listed]


def catalog_path(domain: str, lang: str) -> Path:
    """`locales/uk/LC_MESSAGES/quizzes/mine-types.po` for domain `quizzes/mine-types`."""
    return book_root() / LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@dataclass(frozen=True)
class Entry:
    """One message of a catalog as the checks need it: where it is, and whether it can be used."""

    msgid: str
    context: str | None
    translation: str
    fuzzy: bool
    line: int
    plurals: tuple[str, ...] = ()  # a message with a plural (msgid_plural): its forms, in the catalog's order


# A line of a .po file: a comment, blank, or a keyword and/or one complete "quoted string".
_PO_LINE = re.compile(r'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*"\s*)$')


def _lint(path: Path) -> None:
    """Babel reads a broken line leniently (an unclosed quote loses a character): a hand-edited catalog is
    checked line by line first, so a typo is an error naming its line, never a silently wrong translation."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _PO_LINE.match(line):
            raise ContentError([Problem(str(path.relative_to(book_root())), f"line {n}", "catalog line",
                                        'a comment, or msgid/msgstr/msgctxt followed by one "quoted text" '
                                        '(a " inside the text written as \\")', line[:80])])


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> dict[tuple[str | None, str], Entry]:
    """A catalog, parsed with Babel (the library Sphinx itself uses); cached until the file changes."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        _lint(path)
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(str(path.relative_to(book_root())), "the whole file", "catalog",
                                    "a gettext .po file in UTF-8", f"a file that cannot be read ({exc})")]) from None
    try:
        with path.open("rb") as fh:
            cat = read_po(fh, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError([Problem(str(path.relative_to(book_root())), "the whole file", "catalog",
                                    "a gettext .po file in UTF-8", f"a file that cannot be read ({exc})")]) from None
    out: dict[tuple[str | None, str], Entry] = {}
    for m in cat:
        if not m.id:
            continue
        line = m.lineno or 0
        if isinstance(m.id, (tuple, list)):  # msgid + msgid_plural: keyed by the singular; complete or nothing
            forms = tuple(s or "" for s in m.string) if isinstance(m.string, (tuple, list)) else ()
            whole = bool(forms) and all(forms)
            out[(m.context, m.id[0])] = Entry(m.id[0], m.context, forms[0] if whole else "", m.fuzzy, line,
                                              forms if whole else ())
            continue
        text = m.string if isinstance(m.string, str) else ""
        out[(m.context, m.id)] = Entry(m.id, m.context, text, m.fuzzy, line)
    _PLURAL_RULES[path] = cat.plural_expr
    return out


_PLURAL_RULES: dict[Path, str] = {}  # catalog -> its Plural-Forms rule (a C expression, as gettext writes it)


def catalog(domain: str, lang: str) -> dict[tuple[str | None, str], Entry]:
    """Every message of one catalog (empty when the catalog does not exist yet)."""
    path = catalog_path(domain, lang)
    if not path.is_file():
        return {}
    return _read(path, path.stat().st_mtime)


def translate(domain: str, msgid: str, context: str | None = None, lang: str | None = None) -> str:
    """`msgid` in the book's language: its translation if there is a current one, else the English."""
    lang = lang or current_language()
    if lang == SOURCE_LANGUAGE or not msgid:
        return msgid
    entry = catalog(domain, lang).get((context, msgid))
    if entry is None or entry.fuzzy or not entry.translation:
        return msgid
    return entry.translation


def ui(msgid: str, context: str | None = None, lang: str | None = None) -> str:
    """An interface string (buttons, messages, labels the book's code writes), from `ui.po`."""
    return translate("ui", msgid, context, lang)


def ui_n(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """An interface string with a count (ngettext): the form the language uses for `n` (Ukrainian has three:
    1 відповідь, 2 відповіді, 5 відповідей), from `ui.po`'s msgid_plural entry and its Plural-Forms rule."""
    import gettext

    lang = lang or current_language()
    english = singular if n == 1 else plural
    if lang == SOURCE_LANGUAGE:
        return english
    entry = catalog("ui", lang).get((None, singular))
    if entry is None or entry.fuzzy or not entry.plurals:
        return english
    rule = _PLURAL_RULES.get(catalog_path("ui", lang))
    index = gettext.c2py(rule)(n) if rule else 0
    return entry.plurals[min(index, len(entry.plurals) - 1)]


def N_(msgid: str) -> str:
    """Marks a string for the `ui` catalog where it is written (a table of words); `ui(...)` translates it where
    it is used."""
    return msgid


def NC_(context: str, msgid: str) -> str:
    """Marks a string with its context for the `ui` catalog (a word that the language writes differently by use:
    an ordinal in each gender); `ui(msgid, context)` translates it where it is used."""
    return msgid


def babel_locale(lang: str | None = None) -> str:
    """The locale Babel formats numbers and dates with."""
    return LANGUAGES[lang or current_language()]["tag"]


def format_decimal(value: float, decimals: int | None = None, lang: str | None = None) -> str:
    """A number the way the language writes it: 12,345.5 in English, 12 345,5 in Ukrainian (Unicode CLDR rules)."""
    from babel.numbers import format_decimal as fmt

    pattern = None if decimals is None else ("#,##0" + ("." + "0" * decimals if decimals else ""))
    return fmt(value, format=pattern, locale=babel_locale(lang))


def language_config(lang: str, root: Path | None = None) -> dict:
    """The book's `_config.yml` for a translation: Sphinx's `language` set, and the settings a reader sees (the title,
    the description of pages without prose, the code-cell toggles' words: MyST-NB's options, whose {type} is an
    English word, so it is left out) from the interface catalog."""
    import copy

    config = copy.deepcopy(book_config(root))
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["language"] = LANGUAGES[lang]["tag"]
    config["title"] = translate("ui", str(config.get("title") or ""), "book title", lang)
    if config.get("author"):
        config["author"] = translate("ui", str(config["author"]), "book author", lang)
    html = config.get("html") or {}
    if html.get("extra_footer"):  # the footer is HTML written in _config.yml: its translation keeps the tags
        english = str(html["extra_footer"])
        footer = translate("ui", english, "footer (HTML: keep the tags)", lang)
        tags = re.compile(r"<[^>]*>")
        if sorted(tags.findall(footer)) != sorted(tags.findall(english)):  # a translation adds no markup of its own
            raise ContentError([Problem(f"{LOCALES_DIR}/{lang}/LC_MESSAGES/ui.po", "the footer", "msgstr",
                                        "the English footer's HTML tags, exactly and no others", footer[:80])])
        config["html"] = {**html, "extra_footer": footer}
    if sphinx_config.get("minebook_description"):
        sphinx_config["minebook_description"] = translate("ui", sphinx_config["minebook_description"], "book description", lang)
    sphinx_config["nb_code_prompt_show"] = ui("Show code cell", "code cell toggle", lang)
    sphinx_config["nb_code_prompt_hide"] = ui("Hide code cell", "code cell toggle", lang)
    return config
