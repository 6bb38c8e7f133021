"""Numbers in prose ({eval}`mb.n(...)`) in a built book: a data edit reaches the sentence; a bad reference stops
the build with the file, the line and what was written. (Citations through {eval}`mb.cite(...)` are checked on
the real book, whose bibliography page resolves them.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bookfixture import MYST_HEADER, MiniBook

JB = Path(sys.executable).parent / "jupyter-book"
CONFIG = "title: mini\nexecute:\n  execute_notebooks: cache\nsphinx:\n  extra_extensions: [minebook.sphinx.extension]\n"
CHAPTER = MYST_HEADER + """\
# One

```{code-cell} ipython3
import minebook as mb
```

Alpha counts {eval}`mb.n("things.count[name=alpha]")` things.
"""


def visible_text(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")).split())


def build(book: MiniBook) -> subprocess.CompletedProcess:
    return subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=book.root, capture_output=True,
                          text=True, timeout=600)


def test_a_number_in_prose_follows_the_table_and_a_bad_reference_stops_the_build(minibook: MiniBook):
    minibook.write("_config.yml", CONFIG)
    minibook.write("chapters/one.md", CHAPTER)
    page = minibook.root / "_build" / "html" / "chapters" / "one.html"

    first = build(minibook)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Alpha counts 312 things." in visible_text(page)

    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400"))
    second = build(minibook)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "Alpha counts 400 things." in visible_text(page)

    minibook.write("chapters/one.md", CHAPTER.replace("name=alpha", "name=gamma"))
    third = build(minibook)
    said = third.stdout + third.stderr
    assert third.returncode != 0
    assert "one.md:" in said and 'things.count[name=gamma]' in said and "expected exactly one row, found 0" in said, said[-3000:]
