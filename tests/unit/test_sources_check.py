"""`minebook check` rejects what issue 14 found: raw bibliography keys shown to readers, and links to copy sites
that do not say they are copies. Labels are author–year and the same in the text and the bibliography."""

from __future__ import annotations

from pathlib import Path

from minebook.content.bib import check_no_raw_keys, check_source_links
from minebook.content.citestyle import labels

ENTRY = """@misc{{{key},
  title        = {{{{A title}}}},
  author       = {{{{{who}}}}},
  organization = {{{who}}},
  year         = {{{year}}},
  url          = {{{url}}},{extra}
}}
"""


def _bib(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text("".join(ENTRY.format(**{"extra": "", "year": "2023", **e}) for e in entries), encoding="utf-8")
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
               {"key": "b2023", "who": "HRW", "url": "https://web.archive.org/web/2023/x", "extra": "\n  urlkind = {archive},"},
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
