"""Headings in the book's pages are text: HTML or `{{ }}` substitutions in them are refused by `minebook check`.

MyST passes raw HTML in a heading through, and the theme repeats headings in the sidebar, the previous/next
links and the print header, so `# Mines <img src=x onerror=...>` ran as script on every page that lists the
chapter; `# Mines {{ 7*7 }}` showed "Mines 49". `make chapter` writes titles with backslash escapes
(scaffold.myst_text); a heading typed by hand gets the same rule here, with the fix in the message.
"""

from __future__ import annotations

import re
from pathlib import Path

from minebook.core.errors import Problem
from minebook.core.paths import book_root
from minebook.core.toc import toc_files

HEADING = re.compile(r"#{1,6}\s+(.*)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RAW = re.compile(r"(?<!\\)(<[A-Za-z/!?]|\{\{)")


def check_headings(root: Path | None = None) -> list[Problem]:
    """Every heading, in every page listed in _toc.yml, that holds raw HTML or a {{ }} substitution."""
    root = root or book_root()
    problems: list[Problem] = []
    for name, _line in toc_files(root)[0]:
        path = root / f"{name.removesuffix('.md')}.md"
        if not path.is_file():
            continue
        fence = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = FENCE.match(line)
            if m and (not fence or (m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence))):
                fence = "" if fence else m.group(1)
                continue
            heading = HEADING.fullmatch(line) if not fence else None
            if heading and RAW.search(heading.group(1)):
                problems.append(Problem(
                    path, f"line {number}", "heading", "text (a heading is shown as typed)", repr(heading.group(1)),
                    "Write \\< for a literal <, and \\{\\{ for {{: HTML and {{ }} in a heading would run in the "
                    "sidebar, the previous/next links and the print view."))
    return problems
