"""`minebook check` rejects what issue 14 found: raw bibliography keys shown to readers, and links to copy sites
that do not say they are copies. Labels are author–year and the same in the text and the bibliography."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from minebook.content.bib import check_no_raw_keys, check_source_links
from minebook.content.citestyle import labels

ENTRY = """@misc{{{key},
  title        = {{{{A title}}}},
  author       = {{{{{who}}}}},
  organization = {{{who}}},
  year         = {{{year}}},
  url          = {{{url}}},{urldate}{extra}
}}
"""


def _bib(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text("".join(ENTRY.format(**{"extra": "", "year": "2023", "urldate": "\n  urldate      = {2026-11-25},", **e}) for e in entries), encoding="utf-8")
    (tmp_path / "references").mkdir(exist_ok=True)
    (tmp_path / "references" / "copy-hosts.yml").write_text("copies.example: mirror\n", encoding="utf-8")
    return path


def test_a_link_to_a_copy_site_without_urlkind_is_rejected_with_its_line(tmp_path: Path) -> None:
    bib = _bib(tmp_path, {"key": "a2023", "who": "Human Rights Watch", "url": "https://copies.example/hrw"})
    problems = check_source_links([bib], root=tmp_path)
    assert len(problems) == 1
    text = str(problems[0])
    assert "line 1, entry 'a2023'" in text and "urlkind" in text and "copies.example" in text


def test_a_labelled_copy_passes_and_an_archive_needs_its_access_date(tmp_path: Path) -> None:
    bib = _bib(tmp_path,
               {"key": "a2023", "who": "HRW", "url": "https://copies.example/hrw", "extra": "\n  urlkind = {mirror},"},
               {"key": "b2023", "who": "HRW", "url": "https://web.archive.org/web/2023/x", "extra": "\n  urlkind = {archive},",
                "urldate": ""},
               {"key": "c2023", "who": "HRW", "url": "javascript:alert(1)"})
    problems = [str(p) for p in check_source_links([bib], root=tmp_path)]
    assert not any("'a2023'" in p for p in problems)
    assert any("'b2023'" in p and "urldate" in p for p in problems)
    assert any("'c2023'" in p and "http" in p for p in problems)


def test_a_raw_key_in_a_page_is_rejected_but_a_citation_role_and_code_are_not(tmp_path: Path) -> None:
    bib = _bib(tmp_path, {"key": "unicef2023minesafety", "who": "UNICEF", "url": "https://www.unicef.org/x"})
    page = tmp_path / "page.md"
    page.write_text("---\nkernelspec: {}\n---\n# T\n\nFine {cite:p}`unicef2023minesafety`.\n\n```python\nunicef2023minesafety\n```\n"
                    "See unicef2023minesafety for more.\n", encoding="utf-8")
    problems = [str(p) for p in check_no_raw_keys([page], [bib])]
    assert len(problems) == 1 and "line 11" in problems[0] and "unicef2023minesafety" in problems[0]


def test_labels_are_author_year_with_letters_only_where_needed(tmp_path: Path) -> None:
    bib = _bib(tmp_path,
               {"key": "hrw1", "who": "Human Rights Watch", "url": "https://www.hrw.org/1"},
               {"key": "hrw2", "who": "Human Rights Watch", "url": "https://www.hrw.org/2"},
               {"key": "dm", "who": "Daily Mail (copy at pharmtechtitans.com)", "url": "https://www.dailymail.co.uk/x"},
               {"key": "nd", "who": "Someone", "year": "n.d.", "url": "https://example.org/x"})
    found = labels([bib])
    assert sorted([found["hrw1"], found["hrw2"]]) == ["Human Rights Watch 2023a", "Human Rights Watch 2023b"]
    assert found["dm"] == "Daily Mail 2023" and found["nd"] == "Someone n.d."


def _urldate_problems(tmp_path: Path, urldate: str, year: str = "2023") -> list[str]:
    line = f"\n  urldate      = {{{urldate}}}," if urldate is not None else ""
    bib = _bib(tmp_path, {"key": "hrw2023", "who": "Human Rights Watch", "url": "https://www.hrw.org/x",
                          "urldate": line, "year": year})
    return [str(p) for p in check_source_links([bib], root=tmp_path)]


@pytest.mark.parametrize("urldate, found", [
    (None, "found no urldate"),                                   # missing
    ("", "found no urldate"),                                     # empty
    ("25 November 2026", "'25 November 2026', which is not written year-month-day"),
    ("2026-11-31", "'2026-11-31', a day that does not exist"),    # no 31 November
    ("2026-1-5", "'2026-1-5', which is not written year-month-day"),
    ((datetime.now(timezone.utc) + timedelta(days=2)).date().isoformat(), "a date in the future"),
    ("2022-12-31", "before the page was published"),              # read before the page's own date (2023)
])
def test_an_entry_with_a_url_needs_a_true_access_date(tmp_path: Path, urldate: str | None, found: str) -> None:
    """Issue 14: every link shows the day it was read; `check` names the file, line, entry, field, what it expected
    and what it found, in words an instructor can act on."""
    problems = _urldate_problems(tmp_path, urldate)
    assert len(problems) == 1, problems
    text = problems[0]
    print(text)
    assert ("refs.bib: line 1, entry 'hrw2023': field 'urldate': expected the day the page at the url was read, "
            "written year-month-day (for example 2026-11-25)") in text, text
    assert found in text, text
    assert "Accessed 25 November 2026" in text  # the hint shows what readers will see


@pytest.mark.parametrize("urldate", ["2026-11-25", "2023-01-01", date.today().isoformat()])
def test_a_true_access_date_passes(tmp_path: Path, urldate: str) -> None:
    assert _urldate_problems(tmp_path, urldate) == []


def test_the_bibliography_entry_says_when_the_page_was_read(tmp_path: Path) -> None:
    """The book's style prints 'Accessed 25 November 2026.' after the address (and nothing for an entry without
    a url)."""
    from pybtex.database import parse_file

    from minebook.content.citestyle import AuthorYearStyle, register

    register()
    bib = _bib(tmp_path, {"key": "a2023", "who": "HRW", "url": "https://www.hrw.org/a"},
               {"key": "b2023", "who": "HRW", "url": "https://web.archive.org/web/2023/b", "urldate": "\n  urldate = {2026-12-06},",
                "extra": "\n  urlkind = {archive},"})
    style = AuthorYearStyle()
    entries = list(parse_file(str(bib), bib_format="bibtex").entries.values())
    text = {e.key: e.text.render_as("text") for e in style.format_entries(entries)}
    assert text["a2023"].endswith("https://www.hrw.org/a. Accessed 25 November 2026."), text["a2023"]
    assert text["b2023"].endswith("Archived copy of the publisher's page: https://web.archive.org/web/2023/b. "
                                  "Accessed 6 December 2026."), text["b2023"]
