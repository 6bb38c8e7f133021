"""An instructor who breaks a table gets a message naming the file, the place, the field, expected and found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bookfixture import ROOT, MiniBook

from minebook.content import data
from minebook.core.errors import ContentError

TABLE_CSV, PACKAGE = MiniBook.TABLE_CSV, MiniBook.DATAPACKAGE


def test_good_table_loads_with_types_and_its_description(minibook):
    df = data.table("things")
    assert list(df["count"]) == [312, 26]
    assert df["share"].isna().tolist() == [False, True]
    assert df["flag"].tolist() == [True, False]
    assert df.attrs["table"].refers_to == "Figures as published in 2024."
    assert data.lookup("things", "count", {"name": "beta"}) == 26


def test_table_loads_from_another_working_directory(minibook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(data.table("things")) == 2


# (what the instructor did, csv text or None, yml text or None, fragments the message must contain)
BROKEN_TABLES = [
    ("renamed a column in the CSV header", TABLE_CSV.replace("count,", "cnt,"), None,
     ["things.csv", "line 1", "header", "name, count, share", "not described in datapackage.yaml: cnt", "missing: count"]),
    ("swapped two columns", TABLE_CSV.replace("name,count", "count,name"), None,
     ["things.csv", "line 1", "header", "another order"]),
    ("typed a word in a number column", TABLE_CSV.replace("312", "three hundred"), None,
     ["things.csv", "line 2", "'count'", "a whole number", "'three hundred'"]),
    ("used a thousands separator", TABLE_CSV.replace("alpha,312", 'alpha,"1,312"'), None,
     ["things.csv", "line 2", "'count'", "no thousands separators", "'1,312'"]),
    ("went below the minimum", TABLE_CSV.replace("312", "-4"), None,
     ["things.csv", "line 2", "'count'", "at least 0", "'-4'"]),
    ("used a category that is not allowed", TABLE_CSV.replace(",a,true", ",c,true"), None,
     ["things.csv", "line 2", "'kind'", "one of: a, b", "'c'"]),
    ("wrote yes/no wrongly in a boolean column", TABLE_CSV.replace("true", "maybe"), None,
     ["things.csv", "line 2", "'flag'", "true or false", "'maybe'"]),
    ("left a source empty", TABLE_CSV.replace("true,good", "true,"), None,
     ["things.csv", "line 2", "'source'", "a value", "an empty cell"]),
    ("named a source missing from references.bib", TABLE_CSV.replace("true,good", "true,nosuchkey"), None,
     ["things.csv", "line 2", "'source'", "references.bib", "'nosuchkey'"]),
    ("repeated a unique value", TABLE_CSV.replace("beta", "alpha"), None,
     ["things.csv", "line 3", "'name'", "not used in another row", "already on line 2"]),
    ("forgot a cell", TABLE_CSV.replace("beta,26,,b", "beta,26,b"), None,
     ["things.csv", "line 3", "'row'", "6 cells", "5 cells"]),
    ("described no source column", None, PACKAGE.replace("cites: references.bib", "description: where from"),
     ["datapackage.yaml", "'fields'", "cites: references.bib"]),
    ("forgot refers_to", None, PACKAGE.replace("    refers_to: Figures as published in 2024.\n", ""),
     ["datapackage.yaml", "'refers_to'", "which date or edition", "nothing"]),
    ("misspelled a column type", None, PACKAGE.replace("type: integer", "type: int"),
     ["datapackage.yaml", "line 16", "'count.type'", "type one of string, integer", 'field type "int" is not supported']),
    ("misspelled a constraint", None, PACKAGE.replace("minimum: 0", "minumum: 0"),
     ["datapackage.yaml", "line 17", "'count.constraints'", 'constraint "minumum" is not supported']),
    ("misspelled a column property", None, PACKAGE.replace("type: boolean", "type: boolean\n          titel: Flag"),
     ["datapackage.yaml", "line 25", "'flag.titel'", "one of cites, constraints, description", "'titel'"]),
    ("gave a bound that is not a number", None, PACKAGE.replace("minimum: 0", "minimum: zero"),
     ["datapackage.yaml", "line 17", "'count.minimum'", "a number", "'zero'"]),
    ("gave a category's values as one word", None, PACKAGE.replace("enum: [a, b]", "enum: a"),
     ["datapackage.yaml", "line 22", "'kind.constraints'", "is not of type 'array'"]),
    ("cited a source the resource does not list", TABLE_CSV.replace("good; other", "good"), None,
     ["datapackage.yaml", "line 8", "'things.sources'", "listed but cited by no row: other"]),
    ("broke the YAML indentation", None, PACKAGE.replace("        - name: count", "- name: count\n   bad"),
     ["datapackage.yaml", "line", "'layout'", "indented"]),
]


@pytest.mark.parametrize(("what", "csv_text", "yml_text", "fragments"), BROKEN_TABLES, ids=[b[0] for b in BROKEN_TABLES])
def test_broken_table_is_reported_with_file_place_field_expected_found(minibook, what, csv_text, yml_text, fragments):
    if csv_text is not None:
        minibook.write("data/things.csv", csv_text)
    if yml_text is not None:
        minibook.write("data/datapackage.yaml", yml_text)
    with pytest.raises(ContentError) as info:
        data.table("things")
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{what}: {fragment!r} not in message:\n{message}"


def test_missing_table_names_the_tables_that_exist(minibook):
    with pytest.raises(ContentError) as info:
        data.table("thing")
    assert "thing.csv" in str(info.value) and "tables: things" in str(info.value)


def test_bibliography_entry_without_url_is_reported(minibook):
    minibook.write("references.bib", "@misc{good,\n  title = {T},\n  organization = {O},\n  year = {2024},\n}\n")
    with pytest.raises(ContentError) as info:
        data.table("things")
    message = str(info.value)
    assert "references.bib" in message and "line 1, entry 'good'" in message and "'url'" in message


def test_all_problems_in_a_table_are_reported_at_once(minibook):
    minibook.write("data/things.csv", TABLE_CSV.replace("312", "x").replace("beta,26", "beta,-1"))
    with pytest.raises(ContentError) as info:
        data.table("things")
    assert len(info.value.problems) == 2


def frictionless_validate(package: Path) -> subprocess.CompletedProcess:
    """The `frictionless` command `make test` runs, as anyone holding only the standard's tools would."""
    tool = Path(sys.executable).parent / "frictionless"
    assert tool.is_file(), f"{tool} is missing: run 'make test' (it installs requirements.txt)"
    return subprocess.run([str(tool), "validate", str(package)], capture_output=True, text=True, timeout=120)


def test_the_books_data_package_passes_the_frictionless_command():
    result = frictionless_validate(ROOT / "data" / "datapackage.yaml")
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_frictionless_command_fails_on_a_bad_cell(minibook):
    assert frictionless_validate(minibook.root / "data" / "datapackage.yaml").returncode == 0
    minibook.write("data/things.csv", TABLE_CSV.replace(",a,true", ",c,true"))
    result = frictionless_validate(minibook.root / "data" / "datapackage.yaml")
    assert result.returncode == 1 and "constraint-error" in result.stdout and "enum" in result.stdout


def test_a_validated_table_is_not_validated_again(minibook):
    """Chapters run after `minebook check`: a table that passed is read without importing frictionless."""
    data.table("things")
    code = ("import sys; from minebook.content import data; data.table('things'); "
            "print('frictionless' in sys.modules)")
    env = {**os.environ, "MINEBOOK_ROOT": str(minibook.root)}
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert fresh.stdout.strip() == "False", fresh.stderr
    minibook.write("data/things.csv", TABLE_CSV.replace("312", "313"))
    edited = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert edited.stdout.strip() == "True", edited.stderr


def test_blank_lines_are_skipped_and_later_lines_keep_their_numbers(minibook):
    head, alpha = TABLE_CSV.splitlines()[:2]
    minibook.write("data/things.csv", f"{head}\n{alpha}\n\n,,,,,\nbeta,x,,b,false,good; other\n")
    with pytest.raises(ContentError) as info:
        data.table("things")
    assert [str(p) for p in info.value.problems] == [
        "data/things.csv: line 5: field 'count': expected a whole number (digits only, no thousands separators or units), found 'x'."]
    minibook.write("data/things.csv", f"{head}\n{alpha}\n\n,,,,,\nbeta,26,,b,false,good; other\n")
    assert data.table("things")["name"].tolist() == ["alpha", "beta"]
