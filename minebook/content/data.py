"""Load a table from data/ by name, checked against data/datapackage.yaml, so a chapter never sees bad numbers.

`data/datapackage.yaml` is a Frictionless Data Package: one resource per CSV, each with a Table Schema (types,
required, minimum/maximum, enum, unique, primaryKey) and its `sources`. The `frictionless` library checks the
package and every cell; this module words what it finds for an instructor (file, line, field, expected, found)
and adds only the book's own rules, which a Table Schema cannot express (each marked "Not in the schema").

Importing frictionless and validating costs a chapter about a second, so a package that passed is remembered
by the hash of its bytes (`_build/.data-valid/`): `minebook check` (run before every build) validates, and the
chapters it then runs read the rows with the fast reader below. A table edited since is validated again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from minebook.content.bib import Source, http_url, load_bibliography, split_keys
from minebook.core.errors import ContentError, Problem
from minebook.core.language import SOURCE_LANGUAGE, babel_locale, current_language
from minebook.core.paths import data_dir
from minebook.core.yamlsrc import Lines, bad_text, line_of, load_yaml

PACKAGE = "datapackage.yaml"
# Not in the schema: the rules below protect the build and the readers whatever a schema says.
# A decimal number as people write it: no nan/inf, no 1_000, no hex. Table Schema's `number` admits NaN and INF,
# and Python's float() reads 1_000.
NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
INTEGER = re.compile(r"[-+]?\d+")
# Tables feed charts and quizzes, drawn as each chapter runs: a table far beyond this would time the build out.
MAX_ROWS = 10_000
MAX_CSV_CHARS = 5_000_000
TOO_BIG_HINT = ("Tables in data/ hold what the book's charts and quizzes show; summarise larger data first "
                "(for example by year or region) and cite where the full data is.")
# Table Schema allows any extra property, so a misspelled one (`titel:`, `unti:`) would pass silently. The book
# allows the standard's properties and its own few: `refers_to`, `older_edition_kept`, `notes` on a resource,
# `unit`, `cites` (the column of references.bib keys) and `translate` (its cells are text a reader sees, translated
# through the `data` catalog: content/datatext.py) on a field, `key` on a source.
RESOURCE_KEYS = {"name", "path", "profile", "format", "encoding", "mediatype", "title", "description", "sources",
                 "licenses", "schema", "dialect", "refers_to", "older_edition_kept", "notes"}
FIELD_KEYS = {"name", "title", "type", "format", "description", "constraints", "trueValues", "falseValues",
              "unit", "cites", "example", "translate"}
SCHEMA_KEYS = {"fields", "primaryKey", "missingValues", "foreignKeys"}
KINDS = {"integer": "a whole number", "number": "a number"}


@dataclass(frozen=True)
class Column:
    """One field of a table's schema, in the terms charts and the catalogue use.

    `type` is the book's kind: the Table Schema type, or `category` (a string with an enum), `source`
    (the column citing references.bib) or `url` (a string with format uri).
    """

    name: str
    type: str
    title: str
    unit: str = ""
    description: str = ""
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    required: bool = False
    unique: bool = False
    true_values: tuple[str, ...] = ("true", "True", "TRUE", "1")
    translate: bool = False  # its cells are text a reader sees (`translate: true`): shown translated


@dataclass
class TableInfo:
    """The description of a table: what it is, its columns and where its numbers come from."""

    name: str
    title: str
    description: str
    refers_to: str
    columns: list[Column]
    csv_path: Path
    package_path: Path
    line: int = 1
    older_edition_kept: str = ""
    notes: str = ""
    listed_sources: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
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


# Per process: csv -> (package and csv bytes, the sources checked against, the frame, its description). A chapter
# reads the same table for its charts, for `mb.value` and for its quiz; checking it once is enough. Keyed on the
# files' bytes (not mtimes) and on the very bibliography mapping used, so any edit is read again. Errors are never
# cached. Callers get a copy of the frame, so changing it cannot leak into the next `mb.table(...)`.
_LOADED: dict[Path, tuple[tuple[bytes, bytes], dict[str, Source], pd.DataFrame, TableInfo]] = {}
_PACKAGES: dict[Path, tuple[bytes, Any, Lines]] = {}

# Tables read in this process. A chapter runs in its own kernel, so these are the tables behind that chapter:
# what its "evidence as of" line covers (see `evidence_as_of`).
USED: list[str] = []


def table(name: str) -> pd.DataFrame:
    """The table `data/NAME.csv` as a DataFrame, validated against its resource in `data/datapackage.yaml`.

    The description travels with the frame in `df.attrs["table"]`, so a chart can name its source.
    """
    frame, _ = load_table(name)
    return frame


def _package(folder: Path) -> tuple[Any, Lines, bytes]:
    """datapackage.yaml read safely (line numbers kept), once per content."""
    path = folder / PACKAGE
    if not path.is_file():
        raise ContentError([Problem(path, "the file", "package", f"data/{PACKAGE} describing every table", "no such file")])
    raw_bytes = path.read_bytes()
    hit = _PACKAGES.get(path)
    if hit is None or hit[0] != raw_bytes:
        raw, lines = _parsed(path, raw_bytes)
        if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
            raise ContentError([Problem(path, "line 1", "resources", "a data package with a list of resources",
                                        "no list 'resources:'" if isinstance(raw, dict) else _show(raw))])
        hit = (raw_bytes, raw, lines)
        _PACKAGES[path] = hit
    return hit[1], hit[2], hit[0]


def _parsed(path: Path, raw_bytes: bytes) -> tuple[Any, Lines]:
    """The package as `load_yaml` reads it, kept as JSON beside the validation stamps: the pure-Python YAML
    reader takes a third of a second on this file, and every chapter's kernel would pay it again."""
    kept = path.parent.parent / "_build" / ".data-valid" / f"package-{hashlib.sha256(raw_bytes).hexdigest()[:32]}.json"
    try:
        saved = json.loads(kept.read_text(encoding="utf-8"))
        return saved["raw"], {tuple(at): line for at, line in saved["lines"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raw, lines = load_yaml(path)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        part = kept.with_suffix(f".{os.getpid()}.part")
        part.write_text(json.dumps({"raw": raw, "lines": [[list(at), line] for at, line in lines.items()]}), encoding="utf-8")
        os.replace(part, kept)
    except (OSError, ValueError):
        pass  # read-only checkout: parsed every time, slower, never wrong
    return raw, lines


def table_names(folder: Path | None = None) -> list[str]:
    """Every table: each CSV in data/ and each resource of the package."""
    folder = folder or data_dir()
    names = {p.stem for p in folder.glob("*.csv")}
    try:
        raw, _, _ = _package(folder)
        names |= {str(r["name"]) for r in raw["resources"] if isinstance(r, dict) and isinstance(r.get("name"), str)}
    except ContentError:
        pass  # reported by check_all through load_table
    return sorted(names)


def load_table(name: str, folder: Path | None = None, sources: dict[str, Source] | None = None) -> tuple[pd.DataFrame, TableInfo]:
    folder = folder or data_dir()
    raw, lines, package_bytes = _package(folder)
    package_path = folder / PACKAGE
    index = next((i for i, r in enumerate(raw["resources"]) if isinstance(r, dict) and r.get("name") == name), None)
    csv_path = folder / f"{name}.csv"
    if index is None or not csv_path.is_file():
        known = ", ".join(table_names(folder)) or "none"
        wanted = [(csv_path, f"{name}.csv in data/")] if not csv_path.is_file() else []
        if index is None:
            wanted.append((package_path, f"a resource '- name: {name}' in data/{PACKAGE}"))
        raise ContentError([Problem(p, "the file" if p == csv_path else "resources", "table", what,
                                    f"none (tables: {known})") for p, what in wanted])
    sources = load_bibliography() if sources is None else sources
    state = (package_bytes, csv_path.read_bytes())
    hit = _LOADED.get(csv_path)
    if hit is not None and hit[0] == state and hit[1] is sources:
        frame, info = hit[2], hit[3]
    else:
        info = _describe(name, raw["resources"][index], index, lines, csv_path, package_path)
        info.sources = sources
        text, rows, starts = _read_csv(csv_path)
        stamp = _stamp(state, sources, info)
        if not stamp.is_file():
            problems = _validate(info, raw, index, lines, text, rows, starts, sources)
            if problems:
                raise ContentError(problems)
            _remember(stamp)
        frame = _frame(info, rows)
        frame.attrs["table"] = info
        _LOADED[csv_path] = (state, sources, frame, info)
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
    if current_language() != SOURCE_LANGUAGE:  # '1 грудня 2025 р.', 'грудень 2025 р.' (Unicode CLDR, Babel)
        from babel.dates import format_date, format_skeleton

        if len(parts) == 3:
            return format_date(dt.date(*parts), "long", locale=babel_locale())
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=babel_locale())
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
        except ContentError:
            continue  # reported by check_all
        if info.older_edition_kept:
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
                    info.package_path, f"line {info.line}, table '{info.name}'", "sources",
                    f"the newest edition of {series} in the bibliography ({latest[series]}: {', '.join(newer)})",
                    f"{series} {edition} at the newest",
                    f"Bring the table up to date from {series} {latest[series]}, or add a line "
                    "'older_edition_kept: <why>' to its resource in data/datapackage.yaml."))
    return problems


def _describe(name: str, res: dict, index: int, lines: Lines, csv_path: Path, package_path: Path) -> TableInfo:
    """The resource as the chapters use it; tolerant of any shape (`_validate` reports what is wrong)."""
    schema = res.get("schema") if isinstance(res.get("schema"), dict) else {}
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    key = schema.get("primaryKey")
    key = [key] if isinstance(key, str) else key if isinstance(key, list) else []
    columns = []
    for f in fields:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            continue
        cons = f.get("constraints") if isinstance(f.get("constraints"), dict) else {}
        enum = cons.get("enum") if isinstance(cons.get("enum"), list) else []
        kind = str(f.get("type", "string"))
        if f.get("cites"):
            kind = "source"
        elif kind == "string" and enum:
            kind = "category"
        elif kind == "string" and f.get("format") == "uri":
            kind = "url"
        bound = {b: cons[b] if isinstance(cons.get(b), (int, float)) and not isinstance(cons.get(b), bool) else None
                 for b in ("minimum", "maximum")}
        trues = f.get("trueValues")
        columns.append(Column(
            name=f["name"], type=kind, title=str(f.get("title") or f["name"].replace("_", " ").capitalize()),
            unit=str(f.get("unit", "")), description=" ".join(str(f.get("description", "")).split()),
            min=bound["minimum"], max=bound["maximum"], values=tuple(str(v) for v in enum),
            required=cons.get("required") is True or f["name"] in key,
            unique=cons.get("unique") is True or key == [f["name"]],
            true_values=tuple(str(v) for v in trues) if isinstance(trues, list) else Column.true_values,
            translate=f.get("translate") is True))
    listed = tuple(str(s.get("key", "")) for s in res.get("sources", []) if isinstance(s, dict)) \
        if isinstance(res.get("sources"), list) else ()

    def text(k: str) -> str:
        return " ".join(str(res.get(k) or "").split())

    return TableInfo(name, text("title"), text("description"), text("refers_to"), columns, csv_path, package_path,
                     line_of(lines, ("resources", index)), text("older_edition_kept"), text("notes"), listed,
                     tuple(str(k) for k in key))


def _read_csv(path: Path) -> tuple[str, list[list[str]], list[int]]:
    """The CSV's text, rows and the line each row starts on; refusing, before anything parses it, what would
    hang or break the build. Not in the schema: a Table Schema has no size limit and reads any encoding."""
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
    return text, rows, starts


def _stamp(state: tuple[bytes, bytes], sources: dict[str, Source], info: TableInfo) -> Path:
    """Where a pass of exactly this package, CSV, set of bibliography keys and validator is remembered."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes() + version("frictionless").encode())
    for part in (*state, "\n".join(sorted(sources)).encode()):
        digest.update(hashlib.sha256(part).digest())
    return info.package_path.parent.parent / "_build" / ".data-valid" / f"{info.name}-{digest.hexdigest()[:32]}"


def _remember(stamp: Path) -> None:
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass  # a read-only checkout validates every time: slower, never wrong


def _validate(info: TableInfo, raw: dict, index: int, lines: Lines, text: str, rows: list[list[str]],
              starts: list[int], sources: dict[str, Source]) -> list[Problem]:
    """Every problem in one table: its description, then its cells (frictionless), then the book's own rules."""
    problems = _check_description(info, raw["resources"][index], index, lines)
    if problems:
        return problems  # cells cannot be checked against a broken schema
    import frictionless  # here, not at the top: a chapter whose tables were validated never pays for it

    path = info.csv_path
    done: set[tuple[int, str]] = set()  # cells already reported by the book's own rules

    def bad_cell(number: int, col: Column, expected: str, found: str, hint: str = "") -> None:
        problems.append(Problem(path, f"line {number}", col.name, expected, found, hint))
        done.add((number, col.name))

    # Not in the schema: text every output can carry, finite plain numbers, http(s) links, known sources.
    width = len(info.columns)
    for number, row in zip(starts[1:], rows[1:]):
        if len(row) != width:
            continue  # frictionless reports it below
        for col, cell in zip(info.columns, row):
            problem = bad_text(cell)
            if problem:
                bad_cell(number, col, "text without control characters", problem,
                         "Retype the cell, or delete the invisible character (often pasted with it).")
                continue
            cell = cell.strip()
            if not cell:
                continue
            if col.type in KINDS:
                kind = KINDS[col.type]
                if not NUMBER.fullmatch(cell) or (col.type == "integer" and not INTEGER.fullmatch(cell)):
                    bad_cell(number, col, f"{kind} (digits only, no thousands separators or units)", repr(cell))
                elif abs(float(cell)) > 2**53:
                    bad_cell(number, col, f"{kind} of at most 15 digits", repr(cell))
            elif col.type == "url" and not http_url(cell):
                bad_cell(number, col, "a web address starting with http:// or https://", repr(cell))
            elif col.type == "source":
                unknown = [k for k in split_keys(cell) if k not in sources]
                if unknown or not split_keys(cell):
                    bad_cell(number, col, "keys of entries in references.bib", repr(", ".join(unknown) or cell),
                             "Add the entry to references.bib, or fix the key.")

    descriptor = dict(raw["resources"][index])
    try:
        resource = frictionless.Resource(descriptor, basepath=str(info.csv_path.parent))
        report = resource.validate(frictionless.Checklist(skip_errors=["blank-row"]))
    except Exception as err:  # frictionless raises its own and, on some odd schemas, plain Python errors
        return [Problem(info.package_path, f"line {info.line}", info.name, "a resource frictionless can read",
                        f"{type(err).__name__}: {err}")]
    header_done = False
    for error in report.flatten(["type", "rowNumber", "fieldName", "cell", "note"]):
        kind, row_number, fieldname, cell, note = error
        if kind in ("incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label", "blank-header"):
            if not header_done:
                problems.append(_header_problem(info, rows[0]))
                header_done = True
            continue
        if header_done:
            continue  # cells are misplaced under a wrong header: fix the header first
        number = starts[row_number - 1] if row_number and 0 < row_number <= len(starts) else 0
        if number and not any(c.strip() for c in rows[row_number - 1]):
            continue  # a blank line is skipped, as the chapters' reader skips it (frictionless still keys it)
        if kind in ("missing-cell", "extra-cell"):
            if (number, "row") not in done:
                problems.append(Problem(path, f"line {number}", "row", f"{width} cells", f"{len(rows[row_number - 1])} cells",
                                        "A comma inside a value needs the value in double quotes."))
                done.add((number, "row"))
            continue
        if kind == "primary-key" and info.primary_key:  # frictionless names no field or cell: the key's first
            fieldname = info.primary_key[0]
            at = [c.name for c in info.columns].index(fieldname)
            cell = rows[row_number - 1][at].strip() if at < len(rows[row_number - 1]) else ""
        col = next((c for c in info.columns if c.name == fieldname), None)
        if col is None or (number, col.name) in done:
            continue
        cell = "" if cell is None else str(cell)
        if kind == "type-error":
            wanted = {"boolean": "true or false", "date": "a date written YYYY-MM-DD"}
            bad_cell(number, col, wanted.get(col.type, f"a value of type {col.type}"), repr(cell))
        elif kind == "constraint-error" and '"required"' in note:
            bad_cell(number, col, "a value (the column is required)", "an empty cell")
        elif kind == "constraint-error" and '"minimum"' in note:
            bad_cell(number, col, f"at least {col.min:g}", repr(cell))
        elif kind == "constraint-error" and '"maximum"' in note:
            bad_cell(number, col, f"at most {col.max:g}", repr(cell))
        elif kind == "constraint-error" and '"enum"' in note:
            at = ("resources", index, "schema", "fields", info.columns.index(col), "constraints", "enum")
            bad_cell(number, col, f"one of: {', '.join(col.values)}", repr(cell),
                     f"If the value is new, add it to the column's enum in data/{PACKAGE} (line {line_of(lines, at)}).")
        elif kind in ("unique-error", "primary-key"):
            first = re.search(r'row at position "?(\d+)', note)
            where = f", already on line {starts[int(first.group(1)) - 1]}" if first else ", already in another row"
            bad_cell(number, col, "a value not used in another row", f"{cell!r}{where}")
        else:
            bad_cell(number, col, "a value the column's schema accepts", f"{cell!r} ({note})")
    if not problems and len([r for r in rows[1:] if any(c.strip() for c in r)]) == 0:
        problems.append(Problem(path, "line 2", "rows", "at least one row", "none"))
    if not problems:
        problems += _check_listed_sources(info, rows, lines, index)
    return problems


def _header_problem(info: TableInfo, header_row: list[str]) -> Problem:
    header, expected = [h.strip() for h in header_row], [c.name for c in info.columns]
    extra = [h for h in header if h not in expected]
    lacking = [h for h in expected if h not in header]
    detail = "; ".join(part for part in (
        f"not described in {PACKAGE}: {', '.join(extra)}" if extra else "",
        f"missing: {', '.join(lacking)}" if lacking else "",
        "same columns in another order" if not extra and not lacking else "") if part)
    return Problem(info.csv_path, "line 1", "header", ", ".join(expected), f"{', '.join(header)} ({detail})")


def _check_listed_sources(info: TableInfo, rows: list[list[str]], lines: Lines, index: int) -> list[Problem]:
    """Not in the schema: the resource's `sources` list exactly the references.bib keys its rows cite, so a
    reader of the package alone sees every source (and its edition) without reading each row."""
    cited: list[str] = []
    for i, col in enumerate(info.columns):
        if col.type == "source":
            for row in rows[1:]:
                if len(row) > i:
                    cited += [k for k in split_keys(row[i]) if k not in cited]
    listed = list(info.listed_sources)
    lacking, extra = [k for k in cited if k not in listed], [k for k in listed if k not in cited]
    if not lacking and not extra:
        return []
    found = "; ".join(p for p in (f"not listed: {', '.join(lacking)}" if lacking else "",
                                  f"listed but cited by no row: {', '.join(extra)}" if extra else "") if p)
    return [Problem(info.package_path, f"line {line_of(lines, ('resources', index, 'sources'))}", f"{info.name}.sources",
                    f"one entry (key, title, path) for each references.bib key the rows of {info.name}.csv cite", found,
                    ("Under the resource's sources, " if lacking else "Under the resource's sources,") + " ".join(
                        f"add '- {{key: {k}, title: {json.dumps(info.sources[k].title)}, path: {json.dumps(info.sources[k].url)}}}';"
                        for k in lacking if k in info.sources) + (" remove the entries no row cites." if extra else ""))]


def _check_description(info: TableInfo, res: Any, index: int, lines: Lines) -> list[Problem]:
    """The resource's description: the standard's rules through frictionless, then the book's own."""
    import frictionless

    path, problems = info.package_path, []
    at = ("resources", index)

    def bad(where: tuple, fieldname: str, expected: str, found: Any, hint: str = "") -> None:
        problems.append(Problem(path, f"line {line_of(lines, where)}", fieldname, expected,
                                found if isinstance(found, str) and found.startswith(("a mistake", "none")) else _show(found), hint))

    for key in res:
        if key not in RESOURCE_KEYS:
            bad((*at, key), f"{info.name}.{key}", f"one of {', '.join(sorted(RESOURCE_KEYS))}", key, "Check the spelling.")
    # Not in the standard (where both are optional): the book shows every table's title, and a number always
    # belongs to a date or an edition.
    for key in ("title", "refers_to"):
        if not isinstance(res.get(key), str) or not res.get(key, "").strip():
            bad((*at, key), key, "a line of text" + (" saying which date or edition the numbers refer to" if key == "refers_to" else ""),
                res.get(key, "nothing"))
    # Not in the standard: one CSV per resource, named like it, so `mb.table("NAME")` finds data/NAME.csv.
    if res.get("path") != f"{info.name}.csv":
        bad((*at, "path"), f"{info.name}.path", f"{info.name}.csv (the table's file, named like the resource)", res.get("path"))
    outer = {k: v for k, v in res.items() if k not in ("schema", "path", "profile") and k in RESOURCE_KEYS - {"refers_to", "older_edition_kept", "notes"}}
    for error in frictionless.Resource.validate_descriptor({**outer, "path": f"{info.name}.csv"}).errors:
        bad(at, info.name, "a resource as the Data Package standard describes it", f"a mistake: {error.note}")
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not fields:
        bad((*at, "schema"), f"{info.name}.schema", "a schema with a list of fields", fields if fields is not None else "nothing")
        return problems
    for key in schema:
        if key not in SCHEMA_KEYS:
            bad((*at, "schema", key), f"{info.name}.schema.{key}", f"one of {', '.join(sorted(SCHEMA_KEYS))}", key, "Check the spelling.")
    for i, f in enumerate(fields):
        fat = (*at, "schema", "fields", i)
        if not isinstance(f, dict):
            bad(fat, "fields", "a column with name and type", f)
            continue
        name = f.get("name")
        # Not in the standard: quizzes and prose name columns as {TABLE.COLUMN[KEY=VALUE]}, so names stay plain.
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            bad((*fat, "name"), "name", "a column name in lower case letters, digits and _", name)
            continue
        for key in f:
            if key not in FIELD_KEYS:
                bad((*fat, key), f"{name}.{key}", f"one of {', '.join(sorted(FIELD_KEYS))}", key, "Check the spelling.")
        # Not in the standard: `translate: true` marks text a reader sees; ids, sources, URLs, numbers stay as written.
        if "translate" in f and (f["translate"] not in (True, False) or (f["translate"] is True and (
                f.get("type", "string") != "string" or f.get("cites") or f.get("format") == "uri"))):
            bad((*fat, "translate"), f"{name}.translate",
                "true or false, and true only on a column of text (type string, not the sources column, not a URL)",
                f["translate"] if f["translate"] not in (True, False) else f"translate: true on a {f.get('type', 'string')}"
                + (" column citing sources" if f.get("cites") else " URL column" if f.get("format") == "uri" else " column"),
                "Mark only the columns whose words a reader sees in a table or chart (categories and prose).")
        cons = f.get("constraints", {})
        # frictionless 5.21 crashes (TypeError) on a bound that is not a number; say so first.
        for bound in ("minimum", "maximum"):
            if isinstance(cons, dict) and bound in cons and f.get("type") in KINDS and (
                    not isinstance(cons[bound], (int, float)) or isinstance(cons[bound], bool)):
                bad((*fat, "constraints", bound), f"{name}.{bound}", "a number", cons[bound])
        for error in frictionless.Field.validate_descriptor(dict(f)).errors:
            key = "constraints" if "constraint" in error.note else "type" if "field type" in error.note else ""
            bad((*fat, key) if key in f else fat, f"{name}.{key}" if key else name,
                "a column as the Table Schema standard describes it (type one of string, integer, number, boolean, "
                "date; constraints among required, unique, minimum, maximum, enum, pattern)", f"a mistake: {error.note}")
    if problems:
        return problems
    try:
        for error in frictionless.Schema.validate_descriptor(dict(schema)).errors:
            bad((*at, "schema"), f"{info.name}.schema", "a schema as the Table Schema standard describes it", f"a mistake: {error.note}")
    except Exception as err:  # a schema odd enough to break frictionless itself
        bad((*at, "schema"), f"{info.name}.schema", "a schema frictionless can read", f"a mistake: {err}")
    # Not in the schema: every row names where it comes from, as keys of references.bib.
    if not any(c.type == "source" for c in info.columns):
        bad((*at, "schema", "fields"), "fields", "a column with 'cites: references.bib' naming where each row comes from", "none")
    return problems


def _frame(info: TableInfo, rows: list[list[str]]) -> pd.DataFrame:
    """The validated rows, typed: the fast reader chapters use (no frictionless import)."""
    expected = [c.name for c in info.columns]
    records = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, Any] = {}
        for col, cell in zip(info.columns, row):
            cell = cell.strip()
            if cell == "":
                record[col.name] = None
            elif col.type == "integer":
                record[col.name] = int(cell)
            elif col.type == "number":
                record[col.name] = float(cell)
            elif col.type == "boolean":
                record[col.name] = cell in col.true_values
            elif col.type == "date":
                record[col.name] = dt.date.fromisoformat(cell)
            else:
                record[col.name] = cell
        records.append(record)
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
    try:
        names = table_names(folder)
        _package(folder or data_dir())
    except ContentError as err:
        return list(err.problems)
    for name in names:
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
