"""The bibliography tells readers the day each page was read (issue 14, EDITORIAL.md): "Accessed 25 November 2026."
after the address of every entry with a url, as the entry's `urldate` says."""

from __future__ import annotations

import pytest
from pybtex.database import parse_file

from minebook.content.citestyle import anchor, reader_date
from minebook.core.config import bib_files

pytestmark = pytest.mark.browser


def test_every_bibliography_entry_with_a_link_shows_its_access_date(open_page) -> None:
    page = open_page("bibliography.html")
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('div.citation')]
        .map(d => [d.id, d.innerText.replace(/\\s+/g, ' ')]))""")
    checked, problems = 0, []
    for path in bib_files():
        for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
            if not entry.fields.get("url"):
                continue
            if key.startswith("uk-"):  # the Ukrainian terminology's sources: left out of this page (bibliography.md)
                continue
            want = f"Accessed {reader_date(entry.fields.get('urldate', ''))}."
            text = shown.get(anchor(key), "")
            checked += 1
            if not text.rstrip().endswith(want):
                problems.append(f"{key}: expected the entry to end with {want!r}, it reads ...{text[-80:]!r}")
    print(f"{checked} entries with a link checked on bibliography.html")
    assert checked > 0
    assert not problems, f"{len(problems)} of {checked} entries:\n" + "\n".join(problems[:10])
