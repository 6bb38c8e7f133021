"""What readers see of the tables in data/, in the book's language: the `data` message catalog (issue 16).

Tables keep their English values when loaded (`mb.table`), so a look-up such as
`mb.n("mine_models.model[delivery=remotely delivered]")` reads the same in every language. Translation happens
only when a table is shown: `mb.html_table`, a chart's data table and its source line, and a chart's labels
(`mb.label("mine_models.delivery", value)`) look their text up in `locales/<lang>/LC_MESSAGES/data.po`.

What is translated is declared in data/datapackage.yaml (see data/README.md): every table's title, description
and `refers_to`, every column's title, unit and description, and the cells of the columns marked
`translate: true` (categories and prose; never ids, keys, sources, URLs, dates or numbers). Each message's
context (`msgctxt`) is `<table>` for the table's own texts and `<table>.<column>` for a column's title, unit,
description and cells, so the same English word may be translated differently in two columns.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from babel.messages.catalog import Catalog

from minebook.content.data import Column, TableInfo, _csv_rows, _package, load_table, table_names
from minebook.core.language import SOURCE_LANGUAGE, current_language, format_decimal, translate
from minebook.core.paths import data_dir
from minebook.core.yamlsrc import line_of

DOMAIN = "data"
BOOLEAN = "boolean"  # the context of True / False as shown in a table
CATALOG = "data-catalog"  # the context of the data appendix's own words
NUMBERS = "numbers"  # the context of the words numbers in prose need ('{number} million')


def column_title(info: TableInfo, col: Column) -> str:
    return translate(DOMAIN, col.title, f"{info.name}.{col.name}")


def heading(info: TableInfo, col: Column) -> str:
    """A column's title with its unit, as a table heading: 'Mines per load (mines)'."""
    unit = translate(DOMAIN, col.unit, f"{info.name}.{col.name}") if col.unit else ""
    return column_title(info, col) + (f" ({unit})" if unit else "")


def table_text(info: TableInfo, text: str) -> str:
    """The table's title, description or `refers_to`, translated."""
    return translate(DOMAIN, text, info.name)


def column_text(info: TableInfo, col: Column, text: str) -> str:
    """A column's unit or description, translated."""
    return translate(DOMAIN, text, f"{info.name}.{col.name}") if text else text


def words(msgid: str) -> str:
    """A word of the data appendix's own (content/catalog.py: 'Refers to:', 'Column'), context `data-catalog`."""
    return translate(DOMAIN, msgid, CATALOG)


def cell_value(info: TableInfo, col: Column, value: Any) -> Any:
    """A cell as shown: a marked column's text translated, a yes/no in words, a decimal the language's way."""
    lang = current_language()
    if lang == SOURCE_LANGUAGE or value is None:
        return value
    if isinstance(value, str):
        return translate(DOMAIN, value, f"{info.name}.{col.name}") if col.translate else value
    if isinstance(value, bool):
        return translate(DOMAIN, str(value), BOOLEAN)
    if isinstance(value, float) and not math.isnan(value) and not value.is_integer():
        return format_decimal(value, lang=lang)
    return value


def label(ref: str, value: Any) -> Any:
    """A table's category drawn in a chart (tick label, legend entry), translated: label("mine_models.delivery", v).

    Given a column (a Series), an index or a list, it translates each value and returns the same kind of thing
    (a Series keeps its index, so `labels[mask]` still works).
    """
    name, _, column = ref.partition(".")
    if isinstance(value, pd.Series):
        return value.map(lambda v: label(ref, v))
    if isinstance(value, (pd.Index, list, tuple)):
        return [label(ref, v) for v in value]
    if isinstance(value, str) and column:
        return translate(DOMAIN, value, f"{name}.{column}")
    return str(value)


def _match(info: TableInfo, shown: Any) -> Column | None:
    """The column of `info` a frame's column is (by name, or by its English title after a rename)."""
    return next((c for c in info.columns if shown in (c.name, c.title)), None)


def display_frame(frame: pd.DataFrame, *, headings: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy of `frame` for showing: headings and cells in the book's language (English: the frame itself).

    A column named by its English title (a chapter renamed it) shows the translated title; a column left under
    its raw name keeps it; `headings` gives a chapter's own heading for a column.
    """
    info: TableInfo | None = frame.attrs.get("table")
    if current_language() == SOURCE_LANGUAGE or info is None:
        return frame if not headings else frame.rename(columns=headings)
    shown = frame.copy()
    names: dict[Any, str] = {}
    for name in shown.columns:
        col = _match(info, name)
        if col is None:
            continue
        shown[name] = shown[name].astype(object).map(lambda v, c=col: cell_value(info, c, v))
        if name == col.title:
            names[name] = column_title(info, col)
    names.update(headings or {})
    return shown.rename(columns=names)


def _clean(value: str) -> str:
    return " ".join(value.split())


def extract() -> dict[str, Catalog]:
    """The `data` catalog: every reader-visible text of the data package, with its file and line."""
    folder = data_dir()
    raw, lines, _ = _package(folder)
    root = folder.parent
    package = (folder / "datapackage.yaml").relative_to(root).as_posix()
    cat = Catalog(project="minebook", domain=DOMAIN)
    for name in table_names(folder):
        index = next((i for i, r in enumerate(raw["resources"]) if isinstance(r, dict) and r.get("name") == name), None)
        if index is None:
            continue
        _, info = load_table(name, folder)
        at = ("resources", index)
        for key in ("title", "description", "refers_to"):
            text = _clean(str(raw["resources"][index].get(key) or ""))
            if text:
                cat.add(text, locations=[(package, line_of(lines, (*at, key)))], context=name)
        csv_rel = info.csv_path.relative_to(root).as_posix()
        rows, starts = _csv_rows(info.csv_path, info.csv_path.read_text(encoding="utf-8"))
        header = rows[0] if rows else []
        for i, col in enumerate(info.columns):
            context = f"{name}.{col.name}"
            fat = (*at, "schema", "fields", i)
            for key, text in (("title", col.title), ("unit", col.unit), ("description", col.description)):
                if text:
                    cat.add(text, locations=[(package, line_of(lines, (*fat, key)))], context=context)
            if not col.translate or col.name not in header:
                continue
            j = header.index(col.name)
            for row, start in zip(rows[1:], starts[1:]):
                text = row[j].strip() if len(row) > j else ""
                if text:
                    cat.add(text, locations=[(csv_rel, start)], context=context)
    from minebook.content.charttext import python_messages

    catalog_py = Path(__file__).with_name("catalog.py")
    for lineno, message, comments, _ in python_messages(catalog_py.read_text(encoding="utf-8"), {"words": None}):
        cat.add(message, locations=[("minebook/content/catalog.py", lineno)], context=CATALOG, auto_comments=comments)
    here = "minebook/content/datatext.py"
    cat.add("True", locations=[(here, 1)], context=BOOLEAN)
    cat.add("False", locations=[(here, 1)], context=BOOLEAN)
    cat.add("{number} million", locations=[("minebook/content/numbers.py", 1)], context=NUMBERS,
            auto_comments=["mb.n(..., million=True): keep {number} as it is"])
    return {DOMAIN: cat}
