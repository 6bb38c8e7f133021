"""A translated sentence whose number comes from a table keeps its noun right when the table changes.

Ukrainian chooses the form of a noun by the number before it: 1 міна, 2 міни, 5 мін, 21 міна (Unicode CLDR calls
these forms one, few and many). A translator writes «{eval}`mb.n("...")` мін» for the number the table holds that
day; when an instructor later changes the table, the number may need «міни» or «міна» instead, and nothing in the
sentence says so. So `make translations` records, for every number from a table that a translation puts before a
word, the form that number takes (`locales/<lang>/number-forms.csv`), and `minebook check --lang <lang>` and the
strict build of that language name every sentence whose number now takes another form: its catalog and line, the
number, and the word to check. After checking the sentence, `make translations` records the new form.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minebook.core.language import ENV as LANG_ENV
from minebook.core.language import LANGUAGES, LOCALES_DIR, catalog
from minebook.core.paths import book_root

RECORD = "number-forms.csv"
FIELDS = ["catalog", "number", "word", "form"]
# The prose calls that write a count (dates, years, ratios and spans write their own words).
COUNTS = ("n", "row_at", "difference")
# A word: letters only («мін», also «мін.» ending a sentence; not «км²»), two or more. An abbreviation that follows
# a number («тис.») can be marked `any` in the record.
_WORD = r"(?=\s+([^\W\d_]{2,})(?!\w))"
_EVAL = re.compile(r"\{eval\}`(mb\.(\w+)\([^`]*\))`" + _WORD)
_LOOKUP = re.compile(r"(\{[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:\[[a-z][a-z0-9_]*=[^\]|]+\])?\})" + _WORD)
_LAST_NUMBER = re.compile(r"(\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?)$")


@dataclass(frozen=True)
class NumberWord:
    """A number from a table, written before a word in one translated message."""

    catalog: str  # e.g. locales/uk/LC_MESSAGES/chapters/human-cost.po
    line: int
    number: str  # the expression, as written in the message
    word: str  # the word after it
    value: float
    form: str  # the CLDR plural category the value takes: one, few, many, other

    def key(self) -> tuple[str, str, str]:
        return self.catalog, self.number, self.word


@dataclass(frozen=True)
class ChangedForm:
    found: NumberWord
    recorded: str

    def __str__(self) -> str:
        f = self.found
        shown = f"{f.value:g}"
        return (f"{f.catalog}:{f.line}: the number before «{f.word}» is now {shown} ({f.number}); in this language it "
                f"takes the '{f.form}' form of a noun where the translation was written for the '{self.recorded}' form "
                f"(as in 1 міна, 2 міни, 5 мін): check that «{f.word}» still agrees, then run `make translations` to "
                "record it")


def plural_form(value: float, lang: str) -> str:
    """The CLDR plural category of a number in the language (Ukrainian: 1 one, 2 few, 5 many, 1.5 other)."""
    from babel import Locale

    number: float | int = int(value) if float(value).is_integer() else value
    return Locale.parse(LANGUAGES[lang]["tag"]).plural_form(number)


def _as_number(text: str) -> float | None:
    """The number a value's text ends with («понад 3 000» -> 3000), or None when it ends in a word («3,3 млн»)."""
    found = _LAST_NUMBER.search(text.strip())
    if not found:
        return None
    plain = re.sub(r"[\s\u00a0\u202f]", "", found.group(1)).replace(",", ".")
    try:
        return float(plain)
    except ValueError:
        return None


def _value(expression: str) -> float | None:
    """An {eval} expression's or a quiz look-up's number in the language being read (None: not a plain number)."""
    from minebook.content.numbers import NumberError, evaluate

    if expression.startswith("mb."):
        try:
            return _as_number(evaluate(expression))
        except (NumberError, KeyError, LookupError, ValueError, FileNotFoundError):
            return None  # a broken expression: the build and `check` name it themselves
    from minebook.content.quizzes import book_lookup
    from minebook.quiz.model import DATA_REF

    match = DATA_REF.fullmatch(expression)
    if match is None:
        return None
    table, column, key, want, _ = match.groups()
    try:
        value = book_lookup(table, column, {key: want} if key else {})
    except Exception:  # a broken look-up is the quiz check's to report, in its own words
        return None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _numbers_before_words(text: str) -> Iterator[tuple[str, str]]:
    pairs = [(m.group(1), m.group(3)) for m in _EVAL.finditer(text) if m.group(2) in COUNTS]
    pairs += [(m.group(1), m.group(2)) for m in _LOOKUP.finditer(text)]
    yield from ((number, word) for number, word in pairs if word.isalpha())  # «км²» is a unit, not a noun


def found(lang: str, cache: Path | None = None, inputs: str = "") -> list[NumberWord]:
    """Every number from a table that the language's catalogs put before a word, with the form it takes today.

    With `cache` (a JSON file) and `inputs` (a hash of the tables and code, content.checks.inputs_fingerprint), a
    catalog already read with the same bytes and inputs is not read again: a translator's edit costs one catalog."""
    import hashlib
    import json
    from dataclasses import asdict

    root = book_root()
    folder = root / LOCALES_DIR / lang / "LC_MESSAGES"
    kept: dict[str, Any] = {}
    if cache is not None and cache.is_file():
        try:
            kept = json.loads(cache.read_text(encoding="utf-8"))
        except ValueError:
            kept = {}
    fresh: dict[str, Any] = {}
    before = os.environ.get(LANG_ENV)
    os.environ[LANG_ENV] = lang  # values are written the language's way (3 000; 2,5)
    try:
        out: list[NumberWord] = []
        for path in sorted(folder.rglob("*.po")):
            domain = path.relative_to(folder).with_suffix("").as_posix()
            rel = path.relative_to(root).as_posix()
            digest = hashlib.sha256(path.read_bytes() + inputs.encode()).hexdigest()
            if inputs and kept.get(rel, {}).get("digest") == digest:
                these = [NumberWord(**item) for item in kept[rel]["found"]]
            else:
                these = []
                for entry in sorted(catalog(domain, lang).values(), key=lambda e: e.line):
                    if not entry.translation or entry.fuzzy or not isinstance(entry.translation, str):
                        continue
                    for number, word in _numbers_before_words(entry.translation):
                        value = _value(number)
                        if value is not None:
                            these.append(NumberWord(rel, entry.line, number, word, value, plural_form(value, lang)))
            fresh[rel] = {"digest": digest, "found": [asdict(f) for f in these]}
            out += these
    finally:
        if before is None:
            os.environ.pop(LANG_ENV, None)
        else:
            os.environ[LANG_ENV] = before
    if cache is not None and inputs and fresh != kept:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_name(f"{cache.name}.{os.getpid()}.partial")
            partial.write_text(json.dumps(fresh, ensure_ascii=False), encoding="utf-8")
            partial.replace(cache)
        except OSError:
            pass
    return out


def record_path(lang: str) -> Path:
    return book_root() / LOCALES_DIR / lang / RECORD


def recorded(lang: str) -> dict[tuple[str, str, str], str]:
    path = record_path(lang)
    if not path.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return {(r["catalog"], r["number"], r["word"]): r["form"] for r in rows if r.get("form")}


def record(lang: str) -> Path:
    """Write the forms the language's numbers take today (`make translations`, once the translations are checked)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    kept = {key: form for key, form in recorded(lang).items() if form == ANY}
    for key in sorted({f.key(): kept.get(f.key(), f.form) for f in found(lang)}.items()):
        (cat, number, word), form = key
        writer.writerow({"catalog": cat, "number": number, "word": word, "form": form})
    path = record_path(lang)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# In the record, a translator may write this as the form of a word the number does not govern (a preposition,
# a verb: «11 за», «5 були»): it is never reported.
ANY = "any"


def changed(lang: str, cache: Path | None = None, inputs: str = "") -> list[ChangedForm]:
    """The translated sentences whose number now takes another form than when the translation was recorded."""
    known = recorded(lang)
    return [ChangedForm(f, known[f.key()]) for f in found(lang, cache, inputs)
            if known.get(f.key(), f.form) not in (f.form, ANY)]
