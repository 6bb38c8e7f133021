"""An instructor who breaks a table gets a message naming the file, the place, the field, expected and found."""

from __future__ import annotations

import pytest
from bookfixture import MiniBook

from minebook.content import data
from minebook.core.errors import ContentError

TABLE_CSV, TABLE_YML = MiniBook.TABLE_CSV, MiniBook.TABLE_YML


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
     ["things.csv", "line 1", "header", "name, count, share", "not described in things.yml: cnt", "missing: count"]),
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
    ("described no source column", None, TABLE_YML.replace("type: source", "type: string"),
     ["things.yml", "'columns'", "type source"]),
    ("forgot refers_to", None, TABLE_YML.replace("refers_to: Figures as published in 2024.\n", ""),
     ["things.yml", "'refers_to'", "which date or edition", "nothing"]),
    ("misspelled a column type", None, TABLE_YML.replace("type: integer", "type: int"),
     ["things.yml", "line 8", "'count.type'", "one of string, integer", "'int'"]),
    ("misspelled a key", None, TABLE_YML.replace("min: 0", "minimum: 0"),
     ["things.yml", "line 9", "'minimum'", "one of description, max, min"]),
    ("gave a category no values", None, TABLE_YML.replace("    values: [a, b]\n", ""),
     ["things.yml", "'kind.values'", "allowed values"]),
    ("broke the YAML indentation", None, TABLE_YML.replace("  - name: count", "- name: count\n   bad"),
     ["things.yml", "line", "'layout'", "indented"]),
]


@pytest.mark.parametrize(("what", "csv_text", "yml_text", "fragments"), BROKEN_TABLES, ids=[b[0] for b in BROKEN_TABLES])
def test_broken_table_is_reported_with_file_place_field_expected_found(minibook, what, csv_text, yml_text, fragments):
    if csv_text is not None:
        minibook.write("data/things.csv", csv_text)
    if yml_text is not None:
        minibook.write("data/things.yml", yml_text)
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
