"""Load a table from data/ by name, checked against its description, so a chapter never sees bad numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from minebook.content.bib import Source, http_url, load_bibliography, split_keys
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import data_dir
from minebook.core.yamlsrc import bad_text, line_of, load_yaml

TYPES = ("string", "integer", "number", "boolean", "date", "category", "source", "url")
COLUMN_KEYS = {"name", "title", "type", "unit", "min", "max", "values", "required", "unique", "description"}
TABLE_KEYS = {"title", "description", "refers_to", "columns", "notes", "older_edition_kept"}
TRUE, FALSE = {"true", "yes"}, {"false", "no"}
# A decimal number as people write it: no nan/inf, no 1_000, no hex. Python's float() reads all of those.
NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
INTEGER = re.compile(r"[-+]?\d+")
# Tables feed charts and quizzes, drawn as each chapter runs: a table far beyond this would time the build out.
MAX_ROWS = 10_000
MAX_CSV_CHARS = 5_000_000
TOO_BIG_HINT = ("Tables in data/ hold what the book's charts and quizzes show; summarise larger data first "
                "(for example by year or region) and cite where the full data is.")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title: str
    unit: str = ""
    description: str = ""
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    required: bool = True
    unique: bool = False


@dataclass
class TableInfo:
    """The description of a table: what it is, its columns and where its numbers come from."""

    name: str
    title: str
    description: str
    refers_to: str
    columns: list[Column]
    csv_path: Path
    yml_path: Path
    sources: dict[str, Source] = field(default_factory=dict)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def __deepcopy__(self, memo: dict[int, Any]) -> TableInfo:
        """The description itself, not a copy: it is read-only once loaded.

        pandas deep-copies `df.attrs` after nearly every operation (`df[...]`, `.loc`, `.iloc`, arithmetic),
        and this description holds every bibliography entry: copying it each time cost a chapter up to
        a second (human-cost: 0.9 s).
        """
        return self


# Per process: (csv, yml) -> (their bytes, the sources checked against, the frame, its description). A chapter
# reads the same table for its charts, for `mb.value` and for its quiz; checking it once is enough. Keyed on the
# files' bytes (not mtimes) and on the very bibliography mapping used, so any edit is read again. Errors are never
# cached. Callers get a copy of the frame, so changing it cannot leak into the next `mb.table(...)`.
_LOADED: dict[tuple[Path, Path], tuple[tuple[bytes, bytes], dict[str, Source], pd.DataFrame, TableInfo]] = {}


# Tables read in this process. A chapter runs in its own kernel, so these are the tables behind that chapter:
# what its "evidence as of" line covers (see `evidence_as_of`).
USED: list[str] = []


def table(name: str) -> pd.DataFrame:
    """The table `data/NAME.csv` as a DataFrame, validated against `data/NAME.yml`.

    The description travels with the frame in `df.attrs["table"]`, so a chart can name its source.
    """
    frame, _ = load_table(name)
    return frame


def table_names(folder: Path | None = None) -> list[str]:
    folder = folder or data_dir()
    return sorted({p.stem for p in folder.glob("*.csv")} | {p.stem for p in folder.glob("*.yml")})


def load_table(name: str, folder: Path | None = None, sources: dict[str, Source] | None = None) -> tuple[pd.DataFrame, TableInfo]:
    folder = folder or data_dir()
    csv_path, yml_path = folder / f"{name}.csv", folder / f"{name}.yml"
    missing = [p for p in (csv_path, yml_path) if not p.is_file()]
    if missing:
        known = ", ".join(table_names(folder)) or "none"
        raise ContentError(
            [Problem(p, "the file", "table", f"both {name}.csv and {name}.yml in data/", f"no such file (tables: {known})") for p in missing]
        )
    sources = load_bibliography() if sources is None else sources
    state = (csv_path.read_bytes(), yml_path.read_bytes())
    hit = _LOADED.get((csv_path, yml_path))
    if hit is not None and hit[0] == state and hit[1] is sources:
        frame, info = hit[2], hit[3]
    else:
        info = _read_description(name, csv_path, yml_path)
        info.sources = sources
        frame = _read_rows(info, sources)
        frame.attrs["table"] = info
        _LOADED[(csv_path, yml_path)] = (state, sources, frame, info)
    if name not in USED:
        USED.append(name)
    return frame.copy(), info


def source_keys(frame: pd.DataFrame, info: TableInfo) -> list[str]:
    """Every bibliography key named in the table's source columns, each once, in order of appearance."""
    keys: list[str] = []
    for col in info.columns:
        if col.type == "source":
            for cell in frame[col.name].dropna():
                keys += [k for k in split_keys(cell) if k not in keys]
    return keys


def newest_source(frame: pd.DataFrame, info: TableInfo) -> Source | None:
    """The most recent source behind the table's rows: the date its evidence was last brought up to date."""
    dated = [info.sources[k] for k in source_keys(frame, info) if info.sources.get(k) and info.sources[k].date]
    return max(dated, key=lambda s: _date_key(s.date), default=None)


def evidence_as_of(names: list[str] | None = None) -> str:
    """'1 December 2025': the newest source date over the tables read so far (or those named).

    Derived from the bibliography dates of the rows' sources, never typed by hand, so that a table updated with
    a newer source moves the date of every chapter that shows it.
    """
    newest: Source | None = None
    for name in names if names is not None else list(USED):
        frame, info = load_table(name)
        found = newest_source(frame, info)
        if found and (newest is None or _date_key(found.date) > _date_key(newest.date)):
            newest = found
    return format_date(newest.date) if newest else "unknown (no dated source in the tables read)"


def format_date(iso: str) -> str:
    """'2025-12-01' -> '1 December 2025'; '2025-12' -> 'December 2025'; '2025' -> '2025'."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = dt.date(parts[0], parts[1], 1).strftime("%B")
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def _date_key(iso: str) -> tuple[int, int, int]:
    parts = [int(p) for p in iso.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def stale_editions(folder: Path | None = None) -> list[Problem]:
    """Tables whose newest source in a yearly series (Landmine Monitor) is older than the bibliography's newest.

    A newer edition in references.bib means the table may be out of date. It is reported until the table uses
    the new edition, or its description says why it keeps the older one (`older_edition_kept: ...`), e.g. a
    table of figures as first published in each edition.
    """
    try:
        sources = load_bibliography()
    except ContentError:
        return []  # check_everything reports the bibliography's own problems
    latest: dict[str, str] = {}
    for source in sources.values():
        if source.series and source.edition > latest.get(source.series, ""):
            latest[source.series] = source.edition
    problems: list[Problem] = []
    for name in table_names(folder):
        try:
            frame, info = load_table(name, folder, sources)
            kept, _ = load_yaml(info.yml_path)
        except ContentError:
            continue  # reported by check_all
        if str(kept.get("older_edition_kept", "")).strip():
            continue
        used: dict[str, str] = {}
        for key in source_keys(frame, info):
            source = sources[key]
            if source.series and source.edition > used.get(source.series, ""):
                used[source.series] = source.edition
        for series, edition in sorted(used.items()):
            if edition < latest[series]:
                newer = sorted(k for k, s in sources.items() if s.series == series and s.edition == latest[series])
                problems.append(Problem(
                    info.yml_path, "the whole table", "sources",
                    f"the newest edition of {series} in the bibliography ({latest[series]}: {', '.join(newer)})",
                    f"{series} {edition} at the newest",
                    f"Bring the table up to date from {series} {latest[series]}, or add a line "
                    "'older_edition_kept: <why>' to its description."))
    return problems


def _read_description(name: str, csv_path: Path, yml_path: Path) -> TableInfo:
    raw, lines = load_yaml(yml_path)
    problems: list[Problem] = []

    def bad(at: tuple, fieldname: str, expected: str, found: Any, hint: str = "") -> None:
        problems.append(Problem(yml_path, f"line {line_of(lines, at)}", fieldname, expected, _show(found), hint))

    if not isinstance(raw, dict):
        raise ContentError([Problem(yml_path, "line 1", "description", "a mapping with title, refers_to and columns", _show(raw))])
    for key in raw:
        if key not in TABLE_KEYS:
            bad((key,), key, f"one of {', '.join(sorted(TABLE_KEYS))}", key, "Check the spelling.")
    for key in ("title", "refers_to"):
        if not isinstance(raw.get(key), str) or not raw.get(key, "").strip():
            bad((key,), key, "a line of text" + (" saying which date or edition the numbers refer to" if key == "refers_to" else ""), raw.get(key, "nothing"))
    cols_raw = raw.get("columns")
    columns: list[Column] = []
    if not isinstance(cols_raw, list) or not cols_raw:
        bad(("columns",), "columns", "a list of columns", cols_raw if cols_raw is not None else "nothing")
        cols_raw = []
    for i, c in enumerate(cols_raw):
        at = ("columns", i)
        if not isinstance(c, dict):
            bad(at, "columns", "a column with name and type", c)
            continue
        for key in c:
            if key not in COLUMN_KEYS:
                bad((*at, key), key, f"one of {', '.join(sorted(COLUMN_KEYS))}", key, "Check the spelling.")
        cname, ctype = c.get("name"), c.get("type")
        if not isinstance(cname, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", cname or ""):
            bad((*at, "name"), "name", "a column name in lower case letters, digits and _", cname)
            continue
        if ctype not in TYPES:
            bad((*at, "type"), f"{cname}.type", f"one of {', '.join(TYPES)}", ctype)
            continue
        values = c.get("values", [])
        if ctype == "category" and (not isinstance(values, list) or not values):
            bad((*at, "values"), f"{cname}.values", "the list of allowed values for a category column", values or "nothing")
            values = []
        for bound in ("min", "max"):
            if bound in c and not isinstance(c[bound], (int, float)):
                bad((*at, bound), f"{cname}.{bound}", "a number", c[bound])
        columns.append(
            Column(
                name=cname,
                type=ctype,
                title=str(c.get("title") or cname.replace("_", " ").capitalize()),
                unit=str(c.get("unit", "")),
                description=str(c.get("description", "")),
                min=c.get("min") if isinstance(c.get("min"), (int, float)) else None,
                max=c.get("max") if isinstance(c.get("max"), (int, float)) else None,
                values=tuple(str(v) for v in values) if isinstance(values, list) else (),
                required=c.get("required", True) is not False,
                unique=c.get("unique", False) is True,
            )
        )
    names = [c.name for c in columns]
    for dup in {n for n in names if names.count(n) > 1}:
        bad(("columns",), "columns", "each column name once", f"'{dup}' twice")
    if cols_raw and not any(c.type == "source" for c in columns):
        bad(("columns",), "columns", "a column of type source naming where each row comes from", "none")
    if problems:
        raise ContentError(problems)
    return TableInfo(name, raw["title"].strip(), str(raw.get("description", "")).strip(), raw["refers_to"].strip(), columns, csv_path, yml_path)


def _read_rows(info: TableInfo, sources: dict[str, Source]) -> pd.DataFrame:
    path = info.csv_path
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(path, "the file", "encoding", "UTF-8 text", f"bytes that are not UTF-8 ({err.reason})")]) from None
    if len(text) > MAX_CSV_CHARS:
        raise ContentError([Problem(path, "the file", "size", f"at most {MAX_CSV_CHARS // 1_000_000} MB of text",
                                    f"{len(text) / 1_000_000:.1f} MB", TOO_BIG_HINT)])
    rows, starts = _csv_rows(path, text.replace("\r\n", "\n"))
    if len(rows) - 1 > MAX_ROWS:
        raise ContentError([Problem(path, f"line {starts[MAX_ROWS + 1]}", "rows", f"at most {MAX_ROWS:,} rows",
                                    f"{len(rows) - 1:,} rows", TOO_BIG_HINT)])
    if not rows:
        raise ContentError([Problem(path, "line 1", "header", "a header line naming the columns", "an empty file")])
    header, body = [h.strip() for h in rows[0]], rows[1:]
    expected = [c.name for c in info.columns]
    if header != expected:
        extra = [h for h in header if h not in expected]
        lacking = [h for h in expected if h not in header]
        detail = "; ".join(
            part for part in (
                f"not described in {info.yml_path.name}: {', '.join(extra)}" if extra else "",
                f"missing: {', '.join(lacking)}" if lacking else "",
                "same columns in another order" if not extra and not lacking else "",
            ) if part
        )
        raise ContentError([Problem(path, "line 1", "header", ", ".join(expected), f"{', '.join(header)} ({detail})")])
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    seen: dict[str, dict[Any, int]] = {c.name: {} for c in info.columns if c.unique}
    for number, row in zip(starts[1:], body):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(expected):
            problems.append(Problem(path, f"line {number}", "row", f"{len(expected)} cells", f"{len(row)} cells", "A comma inside a value needs the value in double quotes."))
            continue
        record: dict[str, Any] = {}
        for col, cell in zip(info.columns, row):
            problem = bad_text(cell)
            if problem:
                problems.append(Problem(path, f"line {number}", col.name, "text without control characters", problem,
                                        "Retype the cell, or delete the invisible character (often pasted with it)."))
                record[col.name] = None
                continue
            value, error = _parse(col, cell.strip(), sources)
            if error:
                problems.append(Problem(path, f"line {number}", col.name, error[0], error[1], error[2] if len(error) > 2 else ""))
            if col.unique and value is not None:
                if value in seen[col.name]:
                    problems.append(Problem(path, f"line {number}", col.name, "a value not used in another row", f"{value!r}, already on line {seen[col.name][value]}"))
                seen[col.name][value] = number
            record[col.name] = value
        records.append(record)
    if not records and not problems:
        problems.append(Problem(path, "line 2", "rows", "at least one row", "none"))
    if problems:
        raise ContentError(problems)
    frame = pd.DataFrame.from_records(records, columns=expected)
    for col in info.columns:
        if col.type == "integer":
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.type == "number":
            frame[col.name] = frame[col.name].astype("Float64")
        elif col.type == "boolean":
            frame[col.name] = frame[col.name].astype("boolean")
        elif col.type == "date":
            frame[col.name] = pd.to_datetime(frame[col.name])
    return frame


def _csv_rows(path: Path, text: str) -> tuple[list[list[str]], list[int]]:
    """The rows of a CSV text and the line each starts on (a quoted cell may span lines, so rows != lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    starts: list[int] = []
    end = 0
    try:
        for row in reader:
            starts.append(end + 1)
            rows.append(row)
            end = reader.line_num
    except csv.Error as err:
        raise ContentError([Problem(path, f"line {end + 1}", "row", "cells separated by commas, quotes closed",
                                    str(err), "A value containing a comma or a quote needs double quotes around it, "
                                    "and a quote inside it written twice (\"\").")]) from None
    return rows, starts


def _parse(col: Column, cell: str, sources: dict[str, Source]) -> tuple[Any, tuple[str, ...] | None]:
    """Turn one CSV cell into a value, or say what was wrong with it."""
    if cell == "":
        return None, (("a value (the column is required)", "an empty cell") if col.required else None)
    if col.type in ("integer", "number"):
        kind = "a whole number" if col.type == "integer" else "a number"
        if not NUMBER.fullmatch(cell) or (col.type == "integer" and not INTEGER.fullmatch(cell)):
            return None, (f"{kind} (digits only, no thousands separators or units)", repr(cell))
        value: Any = int(cell) if col.type == "integer" else float(cell)
        if not math.isfinite(value) or abs(value) > 2**53:
            return None, (f"{kind} of at most 15 digits", repr(cell))
        if col.min is not None and value < col.min:
            return value, (f"at least {col.min:g}", repr(cell))
        if col.max is not None and value > col.max:
            return value, (f"at most {col.max:g}", repr(cell))
        return value, None
    if col.type == "boolean":
        low = cell.lower()
        if low in TRUE | FALSE:
            return low in TRUE, None
        return None, ("true or false", repr(cell))
    if col.type == "date":
        try:
            return dt.date.fromisoformat(cell), None
        except ValueError:
            return None, ("a date written YYYY-MM-DD", repr(cell))
    if col.type == "category":
        if cell not in col.values:
            return cell, (f"one of: {', '.join(col.values)}", repr(cell), "Add the value to 'values' in the description if it is new.")
        return cell, None
    if col.type == "source":
        keys = split_keys(cell)
        unknown = [k for k in keys if k not in sources]
        if not keys or unknown:
            return cell, ("keys of entries in references.bib", repr(", ".join(unknown) or cell), "Add the entry to references.bib, or fix the key.")
        return cell, None
    if col.type == "url":
        if not http_url(cell):
            return cell, ("a web address starting with http:// or https://", repr(cell))
    return cell, None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "nothing"
    return repr(value)


def check_all(folder: Path | None = None) -> list[Problem]:
    """Every problem in every table, for `minebook check`."""
    problems: list[Problem] = []
    try:
        sources = load_bibliography()
    except ContentError as err:
        return list(err.problems)
    for name in table_names(folder):
        try:
            load_table(name, folder, sources)
        except ContentError as err:
            problems.extend(err.problems)
    return problems


def lookup(name: str, column: str, where: dict[str, Any]) -> Any:
    """The one value of `column` in the row of table `name` matching `where` (for quiz answers and prose)."""
    frame = table(name)
    return lookup_in(frame, column, where)


def lookup_in(frame: pd.DataFrame, column: str, where: dict[str, Any]) -> Any:
    if column not in frame.columns:
        raise KeyError(f"column '{column}' (columns: {', '.join(frame.columns)})")
    mask = pd.Series(True, index=frame.index)
    for key, want in where.items():
        if key not in frame.columns:
            raise KeyError(f"column '{key}' (columns: {', '.join(frame.columns)})")
        mask &= frame[key].astype(str) == str(want)
    hits = frame.loc[mask, column]
    if len(hits) != 1:
        raise LookupError(f"exactly one row where {where}, found {len(hits)}")
    value = hits.iloc[0]
    return value.item() if hasattr(value, "item") else value
