"""Numbers in prose: a table cell named by key, formatted once for the whole book.

A chapter writes {eval}`mb.n("cost_ukraine_casualties.casualties[year=2023]")` in a sentence. The same text is
evaluated in two places and gives the same words in both:

- in JupyterLab, jupyterlab-myst asks the kernel to evaluate the expression (a `user_expressions` request);
- in the book, minebook's Sphinx role `eval` reads the expression (it is never run as Python: only the calls
  below, with plain text and number arguments, are accepted) and calls the same function.

A reference is `TABLE.COLUMN[KEY=VALUE]`, the shape quiz files use: the one row whose KEY column holds VALUE,
so a row added anywhere in a table cannot move a sentence's number. Several conditions are joined with `&`
(`[scope=official&date=2023-01-15]`). Without a condition, or with `of=`, a whole column (or the matching
rows) is summarised: `of="max"`, `"min"`, `"sum"`, `"count"`, `"distinct"` (how many different values).
Figures that need arithmetic beyond that are named functions at the end of this module, each tested.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from typing import Any

import pandas as pd

from minebook.content.data import table
from minebook.content.datatext import NUMBERS, label
from minebook.core.language import (
    NC_,
    SOURCE_LANGUAGE,
    babel_locale,
    current_language,
    format_decimal,
    translate,
    ui,
    ui_n,
)
from minebook.core.paths import data_dir

WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()
ORDINALS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth".split()
REF = re.compile(r"([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:\[([^\]]+)\])?")
CONDITION = re.compile(r"([a-z][a-z0-9_]*)(>=|<=|=)(.+)")
PLAIN_QUALIFIERS = ("exact", "as stated")  # qualifiers that add no words before a number
SUMMARIES = ("max", "min", "sum", "count", "distinct")


class Prose(str):
    """Text for a sentence. Its repr is the text itself, so JupyterLab's {eval} shows 1,234, not '1,234'."""

    def __repr__(self) -> str:
        return str(self)


class NumberError(ValueError):
    """A reference in prose that names no value: the message says what was written and what was expected."""


_FRAMES: dict[str, tuple[tuple, pd.DataFrame]] = {}
_FOLDER: dict[str, Any] = {}


def _table(name: str) -> pd.DataFrame:
    """`mb.table(name)`, read again only when its CSV or the data package changed (a chapter asks ~200 times).

    The frame is shared between calls: nothing in this module changes it.
    """
    where = (os.environ.get("MINEBOOK_ROOT"), os.getcwd())  # what book_root() looks at
    if _FOLDER.get("at") != where:
        _FOLDER.update(at=where, folder=data_dir())
    folder = _FOLDER["folder"]
    state = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else (p,)
                  for p in (folder / f"{name}.csv", folder / "datapackage.yaml"))
    hit = _FRAMES.get(name)
    if hit is None or hit[0] != state:
        _FRAMES[name] = hit = (state, table(name))
    return hit[1]


def _where(frame: pd.DataFrame, ref: str, conditions: str | None) -> pd.Series:
    """The rows `conditions` select, as a True/False mask."""
    mask = pd.Series(True, index=frame.index)
    if not conditions:
        return mask
    for part in conditions.split("&"):
        match = CONDITION.fullmatch(part.strip())
        if not match:
            raise NumberError(f"{ref}: expected a condition KEY=VALUE (or KEY>=VALUE), found {part!r}")
        key, op, want = match.groups()
        if key not in frame.columns:
            raise NumberError(f"{ref}: the table has no column {key!r} (columns: {', '.join(frame.columns)})")
        column = frame[key]
        if op == "=":
            mask &= column.astype(str).isin(want.split("|"))  # KEY=A|B: either value
        else:
            bound = pd.Timestamp(want) if pd.api.types.is_datetime64_any_dtype(column) else float(want)
            mask &= (column >= bound) if op == ">=" else (column <= bound)
    return mask


def cells(ref: str) -> pd.Series:
    """Every value `ref` names (one for `TABLE.COLUMN[KEY=VALUE]`, a column for `TABLE.COLUMN`)."""
    match = REF.fullmatch(ref.strip())
    if not match:
        raise NumberError(f"expected a reference TABLE.COLUMN[KEY=VALUE], e.g. 'mine_models.mass_g[model=PFM-1]', found {ref!r}")
    name, column, conditions = match.groups()
    frame = _table(name)
    if column not in frame.columns:
        raise NumberError(f"{ref}: the table {name} has no column {column!r} (columns: {', '.join(frame.columns)})")
    return frame[column][_where(frame, ref, conditions)]


def cell(ref: str, of: str | None = None) -> Any:
    """The one value `ref` names, or (with `of`) a summary of the values it names."""
    values = cells(ref)
    if of is not None:
        if of not in SUMMARIES:
            raise NumberError(f"{ref}: expected of= one of {', '.join(SUMMARIES)}, found {of!r}")
        if of == "count":
            return int(values.notna().sum())  # filled cells: an empty one counts nothing
        if of == "distinct":
            return values.nunique()
        result = getattr(values.dropna(), of)()
    else:
        if len(values) != 1:
            raise NumberError(f"{ref}: expected exactly one row, found {len(values)}")
        result = values.iloc[0]
    return result.item() if hasattr(result, "item") else result


def number(value: Any, *, words: bool = False, digits: int | None = None) -> str:
    """1250 -> '1,250'; with words, 3 -> 'three' (0-12); digits rounds: 14.26 -> '14.3' (digits=1).

    In another language the number is written its way (Unicode CLDR through Babel: '1 250', '14,3' in
    Ukrainian) and always in digits: a Ukrainian number word agrees in case and gender with the sentence around it.
    """
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise NumberError("expected a number, found an empty cell")
    if current_language() != SOURCE_LANGUAGE:
        if digits is not None:
            return format_decimal(value, digits)
        return format_decimal(value, 0) if float(value).is_integer() else format_decimal(value)
    if words and float(value).is_integer() and 0 <= value < len(WORDS):
        return WORDS[int(value)]
    if digits is not None:
        return f"{value:,.{digits}f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def n(ref: str, *, of: str | None = None, words: bool = False, digits: int | None = None,
      qualified: bool = False, zero: str | None = None, capitalize: bool = False, million: bool = False) -> Prose:
    """A number for a sentence: thousands separators; `words=True` for small counts; `digits` to round.

    `qualified=True` puts the row's `qualifier` in front unless it is 'exact' ('more than 100'); `zero` is
    the word for 0 ('none'); `capitalize` starts a sentence ('Three'); `million` gives '3.3 million'.
    """
    value = cell(ref, of)
    if million and current_language() != SOURCE_LANGUAGE:
        text = translate("data", "{number} million", NUMBERS).format(number=number(value / 1e6, digits=digits))
    elif million:
        text = (f"{value / 1e6:.{digits}f}" if digits is not None else f"{value / 1e6:g}") + " million"
    else:
        text = zero if zero is not None and value == 0 else number(value, words=words, digits=digits)
    text = text[:1].upper() + text[1:] if capitalize else text
    if qualified:
        qualifier = str(cell(_sibling(ref, "qualifier")))
        shown = label(f"{_table_of(ref)}.qualifier", qualifier)  # the table's own word, translated
        text = text if qualifier in PLAIN_QUALIFIERS else f"{shown} {text}"
    return Prose(text)


def pct(value: Any, digits: int | None = 0) -> Prose:
    """A percentage computed in a chart's code: pct(14.2) -> '14%'.

    In another language the sign is placed as the book's typography says (locales/README.md: «3\u00a0%» in
    Ukrainian, with a no-break space), from ui.po: Babel's CLDR data for Ukrainian writes '3%'.
    """
    value = value.item() if hasattr(value, "item") else value
    if current_language() != SOURCE_LANGUAGE:
        # Translators: a percentage; Ukrainian typography puts a no-break space (U+00A0) before the sign
        return Prose(ui("{n}%", "percent").format(n=number(value, digits=digits)))
    return Prose(number(value, digits=digits) + "%")


def num(value: Any, digits: int | None = None) -> Prose:
    """A number computed in a chart's code, written the book's way: num(12345) -> '12,345' ('12 345' in Ukrainian)."""
    return Prose(number(value.item() if hasattr(value, "item") else value, digits=digits))


def text(ref: str) -> Prose:
    """A cell's text as it stands in the table (a name, an edition, a year: 1988, never '1,988'); a column marked
    `translate: true` gives the cell in the book's language (the data catalog)."""
    value = cell(ref)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and current_language() != SOURCE_LANGUAGE:
        found = REF.match(ref)
        if found:
            return Prose(str(label(f"{found.group(1)}.{found.group(2)}", value)))
    return Prose(str(value))


def year(ref: str, *, of: str | None = None) -> Prose:
    """A year for a sentence, never with a thousands separator: 2024."""
    return Prose(str(int(cell(ref, of))))


def ordinals(first: str, second: str, same: str = "{0} both times", differ: str = "{0} and {1}",
             gender: str | None = None) -> Prose:
    """Two ranks in words, said once when they are equal: ('fourth', 'fourth') -> 'fourth both times'.

    `gender` as for `ordinal`: a translation says which noun the ranks agree with ('обидва рази четверте' місце).
    """
    a, b = ordinal(first, gender=gender), ordinal(second, gender=gender)
    if current_language() != SOURCE_LANGUAGE:  # the page's English templates give way to the language's own
        same, differ = ui("{0} both times", "ranks"), ui("{0} and {1}", "ranks")
    return Prose(same.format(a) if a == b else differ.format(a, b))


def date(ref: Any, form: str = "day", *, of: str | None = None) -> Prose:
    """A date cell as prose: form 'day' -> '7 October 2024', 'month' -> 'October 2024', 'year' -> '2024';
    'precision' follows the row's `date_precision` column ('day' or 'month').

    `ref` may also be a date itself (a table's cell in a page's code): mb.date(row.date, row.date_precision).
    In Ukrainian: '7 жовтня 2024 р.', 'жовтень 2024 р.' (Unicode CLDR through Babel).
    """
    if not isinstance(ref, str):
        return Prose(_date_text(pd.Timestamp(ref), form))
    if form == "precision":
        form = str(cell(_sibling(ref, "date_precision")))
    return Prose(_date_text(pd.Timestamp(cell(ref, of)), form))


# A rank as a word in another language agrees with its noun: the translation names the noun's gender
# (`mb.ordinal(..., gender="neuter")` for «друге місце») and ui.po holds each word in each gender.
ORDINAL_WORDS = {
    "masculine": (NC_("ordinal, masculine", "first"), NC_("ordinal, masculine", "second"), NC_("ordinal, masculine", "third"),
                  NC_("ordinal, masculine", "fourth"), NC_("ordinal, masculine", "fifth"), NC_("ordinal, masculine", "sixth"),
                  NC_("ordinal, masculine", "seventh"), NC_("ordinal, masculine", "eighth"), NC_("ordinal, masculine", "ninth"),
                  NC_("ordinal, masculine", "tenth")),
    "feminine": (NC_("ordinal, feminine", "first"), NC_("ordinal, feminine", "second"), NC_("ordinal, feminine", "third"),
                 NC_("ordinal, feminine", "fourth"), NC_("ordinal, feminine", "fifth"), NC_("ordinal, feminine", "sixth"),
                 NC_("ordinal, feminine", "seventh"), NC_("ordinal, feminine", "eighth"), NC_("ordinal, feminine", "ninth"),
                 NC_("ordinal, feminine", "tenth")),
    "neuter": (NC_("ordinal, neuter", "first"), NC_("ordinal, neuter", "second"), NC_("ordinal, neuter", "third"),
               NC_("ordinal, neuter", "fourth"), NC_("ordinal, neuter", "fifth"), NC_("ordinal, neuter", "sixth"),
               NC_("ordinal, neuter", "seventh"), NC_("ordinal, neuter", "eighth"), NC_("ordinal, neuter", "ninth"),
               NC_("ordinal, neuter", "tenth")),
}


def ordinal(ref: str, *, gender: str | None = None) -> Prose:
    """4 -> 'fourth' (a rank as a word; from 11 on, '11th').

    In another language ranks 1 to 10 are words from ui.po in the `gender` of the noun they go with
    (masculine, feminine or neuter: «пʼятий арсенал», «друге місце»); from 11 on, digits. Without a gender, digits:
    Sphinx evaluates the English sentence's call (which names none) before the translation replaces it, and
    tests/unit/test_uk_wording.py makes every translation name one.
    """
    value = int(cell(ref))
    if current_language() != SOURCE_LANGUAGE:
        if gender is not None and gender not in ORDINAL_WORDS:
            raise NumberError(f"{ref}: expected gender= one of {', '.join(ORDINAL_WORDS)} "
                              f"(the gender of the noun the rank goes with), found {gender!r}")
        if gender is not None and 1 <= value <= len(ORDINAL_WORDS[gender]):
            return Prose(ui(ORDINAL_WORDS[gender][value - 1], f"ordinal, {gender}"))
        return Prose(str(value))
    if 0 <= value < len(ORDINALS):
        return Prose(ORDINALS[value])
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return Prose(f"{value}{suffix}")


def _date_text(when: pd.Timestamp | dt.date, form: str) -> str:
    if current_language() != SOURCE_LANGUAGE:
        from babel.dates import format_date, format_skeleton

        skeletons = {"day": "", "month": "yMMMM", "year": "", "short": "yMMM", "dayshort": ""}
        if form not in skeletons:
            raise NumberError(f"expected a date form {', '.join(skeletons)}, found {form!r}")
        day = dt.date(when.year, when.month, when.day)
        if form == "year":
            return str(when.year)
        if form == "day":  # '24 лютого 2022 р.': the language's long date
            return format_date(day, "long", locale=babel_locale())
        if form == "dayshort":  # a date in a table: '07.02.2022' (locales/README.md)
            return format_date(day, "dd.MM.y", locale=babel_locale())
        return format_skeleton(skeletons[form], day, locale=babel_locale())
    forms = {"day": f"{when.day} {when:%B %Y}", "month": f"{when:%B %Y}", "year": f"{when:%Y}", "short": f"{when:%b %Y}",
             "dayshort": f"{when:%d %b %Y}"}
    if form not in forms:
        raise NumberError(f"expected a date form {', '.join(forms)}, found {form!r}")
    return forms[form]


def _table_of(ref: str) -> str:
    match = REF.fullmatch(ref.strip())
    assert match is not None
    return match.group(1)


def _sibling(ref: str, column: str) -> str:
    match = REF.fullmatch(ref.strip())
    assert match is not None
    name, _, conditions = match.groups()
    return f"{name}.{column}[{conditions}]" if conditions else f"{name}.{column}"


# ---- derived figures: arithmetic over named cells, never over row positions -------------------------------

def ratio(numerator: str, denominator: str, *, words: bool = False, digits: int | None = 0, suffix: str = "") -> Prose:
    """numerator / denominator, rounded: ratio(A, B, words=True, suffix='fold') -> 'tenfold'.

    `suffix` is English: in another language suffix='fold' gives the language's own multiplier from ui.po
    («у 10 разів», «у 3 рази», «у 2,5 раза»), and any other suffix is an error, not an English word on the page.
    """
    value = cell(numerator) / cell(denominator)
    rounded = round(value, digits) if digits else round(value)
    if current_language() != SOURCE_LANGUAGE and suffix:
        if suffix != "fold":
            raise NumberError(f"mb.ratio: in a translation, expected suffix='fold' or none, found {suffix!r}")
        shown = number(rounded, digits=digits or None)
        if float(rounded).is_integer():
            # Translators: a multiplier ("rose tenfold"); Ukrainian «у {n} разів», in the form the number needs
            return Prose(ui_n("{n} time", "{n} times", int(rounded)).format(n=shown))
        # Translators: a multiplier with a fraction ("2.5 times"); Ukrainian «у {n} раза»
        return Prose(ui("{n} times", "multiplier, a fraction").format(n=shown))
    return Prose(number(rounded, words=words, digits=digits or None) + suffix)


def change(before: str, after: str, *, digits: int = 0) -> Prose:
    """Percentage change from `before` to `after`: 100 -> 114 gives '14' (digits=0)."""
    return Prose(number((cell(after) / cell(before) - 1) * 100, digits=digits))


def difference(larger: str, smaller: str) -> Prose:
    """larger - smaller, as a number for prose."""
    return Prose(number(cell(larger) - cell(smaller)))


def unit_base(ref: str) -> Prose:
    """The number a unit counts per: 'mines per 1000' -> '1,000'."""
    unit = str(cell(ref))
    found = re.search(r"per ([0-9]+)$", unit)
    if not found:
        raise NumberError(f"{ref}: expected a unit ending 'per NUMBER', found {unit!r}")
    return Prose(number(int(found.group(1))))


UNIT_DAYS = {"weeks": 7, "months": 30.44}


def years_apart(earlier: str, later: str) -> Prose:
    """Calendar years from one date cell to another, in words when small: 2020 -> 2023 gives 'three'."""
    return Prose(number(pd.Timestamp(cell(later)).year - pd.Timestamp(cell(earlier)).year, words=True))


def gap_days(ref_table: str, start_kind: str, end_kind: str, of: str) -> Prose:
    """Days from each actor's `start_kind` event to its `end_kind` event (e.g. withdrawal notice to withdrawal
    effective), the smallest or largest over actors: the table needs columns kind, actor and date."""
    frame = _table(ref_table)
    starts = frame[frame["kind"] == start_kind].set_index("actor")["date"]
    ends = frame[frame["kind"] == end_kind].set_index("actor")["date"]
    gaps = [(ends[actor] - when).days for actor, when in starts.items() if actor in ends.index]
    if not gaps:
        raise NumberError(f"{ref_table}: no actor has both a {start_kind!r} and a {end_kind!r} row")
    return Prose(number(min(gaps) if of == "min" else max(gaps)))


def between(earlier: str, later: str, unit: str = "weeks") -> Prose:
    """The time between two date cells, rounded, in words when small: 'three weeks', 'four months'."""
    if unit not in UNIT_DAYS:
        raise NumberError(f"expected unit= one of {', '.join(UNIT_DAYS)}, found {unit!r}")
    days = (pd.Timestamp(cell(later)) - pd.Timestamp(cell(earlier))).days
    count = round(days / UNIT_DAYS[unit])
    if current_language() != SOURCE_LANGUAGE:  # the unit in the form the language uses with that number
        words = {"weeks": ui_n("{n} week", "{n} weeks", count), "months": ui_n("{n} month", "{n} months", count)}
        return Prose(words[unit].format(n=number(count)))
    return Prose(f"{number(count, words=True)} {unit if count != 1 else unit[:-1]}")


def growth_extreme(ref_table: str, first: str, revised: str, of: str, *, digits: int = 0, what: str = "value") -> Prose:
    """Over the rows where both columns are filled: the smallest or largest percentage growth from `first`
    to `revised` (what='value'), or the key of the row that has it (what='year')."""
    frame = _table(ref_table).dropna(subset=[revised])
    growth = (frame[revised] / frame[first] - 1) * 100
    at = growth.idxmin() if of == "min" else growth.idxmax()
    if what == "value":
        return Prose(number(float(growth[at]), digits=digits))
    return Prose(str(frame.loc[at, what]))


def row_at(ref: str, of: str, column: str, *, plain: bool = False) -> Prose:
    """`column` of the row where `ref`'s column is smallest/largest: row_at('t.casualties', 'max', 'year',
    plain=True) gives that row's year (plain: no thousands separator)."""
    values = cells(ref)
    at = values.idxmin() if of == "min" else values.idxmax()
    name = REF.fullmatch(ref.strip()).group(1)  # type: ignore[union-attr]
    found = _table(name).loc[at, column]
    found = found.item() if hasattr(found, "item") else found
    return Prose(str(int(found)) if plain else number(found))


def evidence(chapter: str) -> Prose:
    """'1 December 2025': the newest source behind the tables chapter NAME reads (its code, prose and quiz).

    Found from the chapter's own files, not from what a kernel happened to load, so the book and JupyterLab agree.
    """
    from minebook.content.data import evidence_as_of, table_names
    from minebook.core.paths import book_root

    root = book_root()
    folder = root / "chapters"
    page = folder / f"{chapter}.md"
    if page.is_file():
        source = page.read_text(encoding="utf-8")
    else:  # a chapter downloaded from the book: its notebook sits beside chapters/, in the folder it came in
        notebook = next((p for p in (root / f"{chapter}.ipynb", folder / f"{chapter}.ipynb") if p.is_file()), None)
        if notebook is None:
            raise FileNotFoundError(f"chapter '{chapter}': neither chapters/{chapter}.md nor {chapter}.ipynb is here")
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        source = "\n".join("".join(c.get("source", "")) for c in cells)
    quiz = folder / f"{chapter}.quiz.yml"
    source += quiz.read_text(encoding="utf-8") if quiz.is_file() else ""
    known = set(table_names())
    named = re.findall(r"""[("'{]([a-z][a-z0-9_]*)[."']""", source)
    used = list(dict.fromkeys(name for name in named if name in known))
    return Prose(evidence_as_of(used))


_LABELS: dict[str, tuple[tuple, dict[str, str]]] = {}


def _labels() -> dict[str, str]:
    """The bibliography's labels, worked out again only when a .bib file or _config.yml changed."""
    from minebook.content.bib import cite_labels
    from minebook.core.paths import book_root

    root = book_root()
    files = sorted([*root.glob("*.bib"), *root.glob("references/*.bib"), root / "_config.yml"])
    state = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())
    hit = _LABELS.get("book")
    if hit is None or hit[0] != state:
        _LABELS["book"] = hit = (state, cite_labels())
    return hit[1]


def cite(keys: str) -> Prose:
    """'[Human Rights Watch 2023c, Landmine Monitor 2023]' for {eval}`mb.cite("hrw2023izium,lm2023ban")`.

    In the book this call becomes the bibliography's own {cite:p} (a linked label, listed in the bibliography);
    in JupyterLab, which has no bibliography, the kernel gives the same author–year labels as text.
    """
    from minebook.content.bib import split_keys

    labels = _labels()
    wanted = split_keys(keys.replace(",", ";"))
    missing = [k for k in wanted if k not in labels]
    if missing:
        raise NumberError(f"expected keys of entries in the bibliography (references.bib, references/*.bib), found {', '.join(missing)}")
    order = {key: i for i, key in enumerate(labels)}  # the bibliography's order, as the book lists them
    return Prose("[" + ", ".join(labels[k] for k in sorted(wanted, key=order.__getitem__)) + "]")


def call(expression: str) -> tuple[str, list[Any], dict[str, Any]]:
    """`mb.NAME("...", key=...)` -> (NAME, args, kwargs), read without running Python."""
    import ast

    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except SyntaxError as err:
        raise NumberError(f"expected a call like mb.n(\"TABLE.COLUMN[KEY=VALUE]\"), found {expression!r} ({err.msg})") from None
    ok = (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Attribute) and isinstance(tree.func.value, ast.Name)
          and tree.func.value.id == "mb" and tree.func.attr in PROSE_FUNCTIONS)
    if not ok:
        raise NumberError(f"expected one of {', '.join('mb.' + k for k in PROSE_FUNCTIONS)} with text arguments, found {expression!r}")
    try:
        args = [ast.literal_eval(a) for a in tree.args]  # type: ignore[union-attr]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg}  # type: ignore[union-attr]
    except ValueError:
        raise NumberError(f"expected plain text or number arguments, found {expression!r}") from None
    return tree.func.attr, args, kwargs  # type: ignore[union-attr]


# The calls prose may make, for the book's Sphinx role; JupyterLab reaches the same functions through `mb`.
PROSE_FUNCTIONS = {f.__name__: f for f in (n, text, year, ordinals, date, cite, ordinal, evidence, ratio, change, difference, unit_base, between, years_apart, gap_days,
                                           growth_extreme, row_at)}


def evaluate(expression: str) -> str:
    """The text of `mb.NAME("...", ...)` without running Python: parsed, checked, then called."""
    name, args, kwargs = call(expression)
    try:
        return str(PROSE_FUNCTIONS[name](*args, **kwargs))
    except TypeError as err:
        raise NumberError(f"{expression}: {err}") from None
