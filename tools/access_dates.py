"""The date the project read each source, from the repository's history (issue 14: every link shows its access date).

Why: `urldate` must be true. The project commits an entry when it has read the page, so the date of the commit
that first put an entry's exact address into any of the book's .bib files is the day that page was read, whatever
file the entry sits in now (entries moved from references.bib into references/*.bib) and whatever its key was then.
The first commit that added the entry's key is printed beside it as a cross-check.

    python -m tools.access_dates            # a table: file, key, date of the address, date of the key
    python -m tools.access_dates --write    # add `urldate = {YYYY-MM-DD}` after the url of entries without one

Entries whose address is not in the history (an uncommitted edit) are listed as unknown and left without a date:
verify those by hand, and never guess.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
BIB_PATHS = ["references.bib", "references"]  # every place a .bib file of the book has lived (git log --name-only)


def first_added(needle: str) -> str:
    """The author date (YYYY-MM-DD) of the oldest commit of HEAD's history that changed how often `needle` occurs
    in the bibliography files, i.e. first added it; "" if no commit did."""
    out = subprocess.run(
        ["git", "log", "--reverse", "--format=%ad", "--date=short", "-S", needle, "--", *BIB_PATHS],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return out[0] if out else ""


def bib_files() -> list[Path]:
    return [ROOT / "references.bib", *sorted((ROOT / "references").glob("*.bib"))]


def derive() -> list[tuple[Path, str, str, str, str]]:
    """(file, key, url, date the url was first committed, date the key was first committed) per entry with a url."""
    rows = []
    for path in bib_files():
        for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
            url = entry.fields.get("url", "").strip()
            if url:
                rows.append((path, key, url, first_added("{" + url + "}"), first_added("{" + key + ",")))
    return rows


def write(dates: dict[tuple[Path, str], str]) -> int:
    """Insert `urldate` after the url line of each entry that has none; returns how many were added."""
    added = 0
    for path in bib_files():
        text = path.read_text(encoding="utf-8")
        pieces = re.split(r"(?m)^(?=@)", text)
        for i, piece in enumerate(pieces):
            head = re.match(r"@\w+\s*\{\s*([^,\s]+)\s*,", piece)
            date = dates.get((path, head.group(1))) if head else None
            if not date or re.search(r"(?m)^\s*urldate\s*=", piece):
                continue
            new, count = re.subn(r"(?m)^(\s*)url(\s*)=(.*?),?\n",  # the url may be the last field, without a comma
                                 lambda m, date=date: f"{m.group(1)}url{m.group(2)}={m.group(3)},\n"
                                           f"{m.group(1)}urldate{m.group(2)[:-4] or ' '}= {{{date}}},\n", piece, count=1)
            if count:
                pieces[i], added = new, added + 1
        path.write_text("".join(pieces), encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="add urldate to entries without one")
    args = parser.parse_args(argv)
    rows = derive()
    unknown = [r for r in rows if not r[3]]
    for path, key, _url, url_date, key_date in rows:
        note = "" if url_date == key_date else "  (address and key first committed on different days)"
        print(f"{path.relative_to(ROOT)}\t{key}\t{url_date or 'UNKNOWN'}\t{key_date or 'UNKNOWN'}{note}")
    print(f"{len(rows)} entries with a url: {len(rows) - len(unknown)} dated from the history, {len(unknown)} unknown",
          file=sys.stderr)
    if args.write:
        print(f"urldate added to {write({(r[0], r[1]): r[3] for r in rows if r[3]})} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
