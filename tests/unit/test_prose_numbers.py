"""Numbers in prose ({eval}`mb.n("TABLE.COLUMN[KEY=VALUE]")`): formatting, errors, and what a new row can change."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from minebook.content import numbers
from minebook.content.numbers import REF, NumberError, evaluate

ROOT = Path(__file__).resolve().parents[2]
EVAL = re.compile(r"\{eval\}`([^`]+)`")
# Calls whose result is meant to follow the whole table (a total, a count, the latest row, the evidence date).
SUMMARY = re.compile(r"\bof=|mb\.(row_at|growth_extreme|gap_days|evidence)\(")


def prose_expressions(root: Path) -> dict[str, list[str]]:
    return {p.stem: EVAL.findall(p.read_text(encoding="utf-8")) for p in sorted((root / "chapters").glob("*.md")) if p.stem != "README"}


def evaluate_all(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    monkeypatch.setenv("MINEBOOK_ROOT", str(root))
    return {(chapter, e): evaluate(e) for chapter, found in prose_expressions(root).items() for e in found}


def test_every_chapter_puts_its_numbers_in_prose_through_eval_and_none_through_glue():
    found = prose_expressions(ROOT)
    assert found and all(found.values()), "every chapter has numbers in its prose"
    for chapter in found:
        text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
        assert "{glue" not in text and "glue(" not in text, chapter


@pytest.mark.parametrize(("expression", "shown"), [
    ('mb.n("delivery_systems.mines_per_load[system=9M27K3 rocket]")', "312"),
    ('mb.n("cost_demining.value[metric=Explosive items defused by the State Emergency Service since the invasion]")', "459,472"),
    ('mb.n("report_figures.value[figure_id=lm2023_use_violations]", words=True)', "two"),
    ('mb.ordinal("report_figures.value[figure_id=lm2023_use_violations]")', "second"),
    ('mb.n("izium_findings.value[metric=people interviewed]", qualified=True)', "more than 100"),
    ('mb.text("izium_findings.value[metric=year the cassettes found were made]")', "1988"),
    ('mb.date("report_timeline.date[event_id=T03]")', "19 September 2022"),
    ('mb.date("cost_contaminated_area.date[date=2024-09-20]", "month")', "September 2024"),
    ('mb.n("treaty_ukraine_stockpile.antipersonnel_mines[figure_id=lm2021]", million=True, digits=1, qualified=True)', "about 3.3 million"),
    ('mb.ratio("cost_ukraine_casualties.casualties[year=2022]", "cost_ukraine_casualties.casualties[year=2021]", words=True, suffix="fold")', "tenfold"),
])
def test_a_reference_reads_as_the_book_prints_it(expression: str, shown: str):
    assert evaluate(expression) == shown
    # The kernel (JupyterLab) calls the same function through `mb`; its repr is the bare text, without quotes.
    import minebook as mb

    value = eval(expression, {"mb": mb})  # the test's own literal expressions, as the kernel would
    assert repr(value) == shown and str(value) == shown


@pytest.mark.parametrize(("expression", "says"), [
    ('mb.n("delivery_systems.mines_per_load[system=no such rocket]")', "expected exactly one row, found 0"),
    ('mb.n("delivery_systems.no_column[system=9M27K3 rocket]")', "has no column 'no_column'"),
    ('mb.n("delivery_systems")', "expected a reference TABLE.COLUMN[KEY=VALUE]"),
    ('__import__("os").system("true")', "expected one of mb.n"),
    ('mb.n(open("x").read())', "expected plain text or number arguments"),
    ('mb.date("report_timeline.date[event_id=T03]", "fortnight")', "expected a date form"),
])
def test_a_bad_reference_is_an_error_naming_what_was_expected(expression: str, says: str):
    with pytest.raises(NumberError, match=re.escape(says)):
        evaluate(expression)


def _fresh(value: str, column: str) -> str:
    """A value for `column` that no row has, of the column's kind (so the copy is a different row)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "1901-01-01"
    if re.fullmatch(r"\d+", value):
        return str(int(value) + 100_000) if column != "year" else "1901"
    return f"{value} (added row)"


def add_a_row_to_every_table(data: Path, expressions: list[str]) -> list[str]:
    """Insert, at the TOP of every table, a copy of its first row with new keys and its own numbers.

    Key columns: the table's `unique` columns and every column prose selects rows by. Inserting at the top
    shifts every row's position, so a sentence that took 'the third row' would take another row's number.
    """
    keys: dict[str, set[str]] = {}
    for expression in expressions:
        for ref in re.findall(r'"([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:\[[^\]]+\])?)"', expression):
            match = REF.fullmatch(ref)
            if match and match.group(3):
                keys.setdefault(match.group(1), set()).update(re.findall(r"(?:^|&)([a-z][a-z0-9_]*)=", match.group(3)))
    import yaml

    package = yaml.safe_load((data / "datapackage.yaml").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    changed = []
    for path in sorted(data.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        header, first = rows[0], list(rows[1])
        schema = resources[path.stem]["schema"]
        unique = set(schema.get("primaryKey") or []) | {
            f["name"] for f in schema["fields"] if (f.get("constraints") or {}).get("unique")}
        # A column with listed values (enum) keeps the first row's value: counts over it move, as they should.
        fixed = {f["name"] for f in schema["fields"] if "enum" in (f.get("constraints") or {})}
        for i, column in enumerate(header):
            if column in (unique | keys.get(path.stem, set())) - fixed:
                first[i] = _fresh(first[i], column)
            elif re.fullmatch(r"\d+(\.\d+)?", first[i]) and column != "year":
                first[i] = str(float(first[i]) - 1 if "." in first[i] else int(first[i]) + 1)  # its own numbers
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, first, *rows[1:]])
        path.write_text(out.getvalue(), encoding="utf-8")
        changed.append(path.stem)
    return changed


def test_a_row_added_to_any_table_changes_no_sentence_but_the_totals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    book = tmp_path / "book"
    shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(".git", ".venv*", "_build", "node_modules", ".jupyter_cache", "__pycache__", "tests"))
    before = evaluate_all(book, monkeypatch)
    all_expressions = [e for chapter, e in before]
    tables = add_a_row_to_every_table(book / "data", all_expressions)
    assert len(tables) == len(list((ROOT / "data").glob("*.csv")))

    from minebook.content.data import check_all  # the copy still passes the book's own check

    assert check_all(book / "data") == []
    after = evaluate_all(book, monkeypatch)

    moved = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    wrong = {key: values for key, values in moved.items() if not SUMMARY.search(key[1])}
    assert not wrong, "a sentence took another row's number after a row was added:\n" + "\n".join(
        f"  {chapter}: {{eval}}`{e}`: {a!r} -> {b!r}" for (chapter, e), (a, b) in wrong.items())
    # And the test can see a change: totals and counts over a table do move.
    assert any("of=\"count\"" in e or "of=\"sum\"" in e for _, e in moved), sorted(moved)


def test_numbers_module_has_no_facts():
    """Content is data: the package holds formats and arithmetic, never a table's value or a key."""
    source = Path(numbers.__file__).read_text(encoding="utf-8")
    source = source.replace(numbers.__doc__ or "", "")  # the module's docstring shows an example reference
    assert not re.search(r"\[(year|figure_id|metric|event_id|system)=", source)
