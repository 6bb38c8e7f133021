"""Keeping the book current: `minebook check` reports a table whose newest Landmine Monitor edition is older than
one in the bibliography, and a chapter's "evidence as of" date follows its tables' newest source."""

from __future__ import annotations

import subprocess
import sys

from bookfixture import BIB, MiniBook

SERIES_BIB = BIB.replace(
    "  organization = {Some Monitor},\n  year = {2024},",
    "  organization = {Some Monitor},\n  series = {Landmine Monitor},\n  edition = {2024},\n  year = {2024},\n  month = nov,",
)
NEWER = """\
@misc{newer,
  title = {The next edition},
  organization = {Some Monitor},
  series = {Landmine Monitor},
  edition = {2025},
  date = {2025-12-01},
  url = {https://example.org/newer},
  urldate = {2026-12-06},
}
"""


def run_check(cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minebook", "check"], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_a_table_on_the_newest_edition_passes(minibook):
    minibook.write("references.bib", SERIES_BIB)
    result = run_check(minibook.root)
    assert result.returncode == 0, result.stderr


def test_a_newer_edition_in_the_bibliography_flags_the_table(minibook):
    minibook.write("references.bib", SERIES_BIB + NEWER)
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/datapackage.yaml: line 3, table 'things': field 'sources'" in result.stderr
    assert "Landmine Monitor in the bibliography (2025: newer)" in result.stderr
    assert "found Landmine Monitor 2024 at the newest" in result.stderr
    assert "older_edition_kept" in result.stderr


def test_a_stated_reason_keeps_the_older_edition(minibook):
    minibook.write("references.bib", SERIES_BIB + NEWER)
    minibook.write("data/datapackage.yaml", MiniBook.DATAPACKAGE.replace(
        "    refers_to:", "    older_edition_kept: figures as first published\n    refers_to:"))
    result = run_check(minibook.root)
    assert result.returncode == 0, result.stderr


def test_using_the_new_edition_clears_the_report(minibook):
    minibook.write("references.bib", SERIES_BIB + NEWER)
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("true,good\n", "true,newer\n"))
    minibook.write("data/datapackage.yaml", MiniBook.DATAPACKAGE.replace(
        "    schema:", '      - {key: newer, title: Newer, path: "https://example.org/newer"}\n    schema:'))
    result = run_check(minibook.root)
    assert result.returncode == 0, result.stderr


def test_series_without_edition_is_a_bibliography_problem(minibook):
    minibook.write("references.bib", SERIES_BIB.replace("  edition = {2024},\n", ""))
    result = run_check(minibook.root)
    assert result.returncode == 1
    assert "entry 'good': field 'series and edition'" in result.stderr


def evidence_date(root, *names: str) -> str:
    code = ("import sys; from minebook.content import data\n"
            "print(data.evidence_as_of(sys.argv[1:] or None))")
    result = subprocess.run([sys.executable, "-c", code, *names], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_evidence_as_of_is_the_newest_source_behind_the_tables(minibook):
    minibook.write("references.bib", SERIES_BIB + NEWER)
    assert evidence_date(minibook.root, "things") == "November 2024"
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("true,good\n", "true,newer\n"))
    minibook.write("data/datapackage.yaml", MiniBook.DATAPACKAGE.replace(
        "    schema:", '      - {key: newer, title: Newer, path: "https://example.org/newer"}\n    schema:'))
    assert evidence_date(minibook.root, "things") == "1 December 2025"


def test_evidence_as_of_covers_the_tables_a_chapter_read(minibook):
    minibook.write("references.bib", SERIES_BIB)
    code = "import minebook as mb; from minebook.content import data; mb.table('things'); print(data.evidence_as_of())"
    result = subprocess.run([sys.executable, "-c", code], cwd=minibook.root, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "November 2024", result.stderr
