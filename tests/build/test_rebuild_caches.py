"""What a rebuild reuses from the one before (issue 13: the rebuild after a prose edit stays under 5 s) never
outlives an edit: formatted bibliography entries, the check of tables and quizzes, slimmed theme files and the
chapter downloads are kept by a hash of what they read, so an edit to any of those inputs shows after an
incremental rebuild, exactly as after a clean one."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from bookfixture import MYST_HEADER, MiniBook
from test_build import visible_text

JB = Path(sys.executable).parent / "jupyter-book"
CONFIG = """\
title: mini
only_build_toc_files: true
repository:
  url: https://github.com/example-school/mines
  branch: main
execute:
  execute_notebooks: cache
bibtex_bibfiles: [references.bib]
launch_buttons:
  binderhub_url: https://mybinder.org
sphinx:
  extra_extensions: [minebook.sphinx.extension]
  config:
    bibtex_reference_style: label
    bibtex_default_style: minebook
    bibtex_cite_id: "cite-{key}"
"""
TOC = "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n  - file: bibliography\n"
CHAPTER = MYST_HEADER + """\
# One

```{code-cell} ipython3
import minebook as mb
```

Alpha counts {eval}`mb.n("things.count[name=alpha]")` things, as the monitor says {cite:p}`good`.
"""
# `other` names `good` in its note: the bibliography shows good's label there ("Some Monitor 2024").
BIB = MiniBook.BIB.replace("  url = {https://example.org/other},",
                           "  url = {https://example.org/other},\n  note = {Quotes good.},")


def _build(book: MiniBook) -> str:
    result = subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=book.root, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def _failed_build(book: MiniBook) -> str:
    result = subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=book.root, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode != 0, "the build passed over a broken table"
    return result.stdout + result.stderr


def _tooltip(page: Path) -> str:
    """The citation's tooltip in the chapter: sphinxcontrib-bibtex writes the formatted entry into its title."""
    import re

    found = re.search(r'href="[^"]*#cite-good" title="([^"]*)"', page.read_text(encoding="utf-8"))
    assert found, "no link to the entry 'good' in the chapter"
    return found.group(1)


def test_an_edited_bibliography_entry_shows_in_the_bibliography_and_the_citing_chapter(minibook: MiniBook):
    minibook.write("_config.yml", CONFIG)
    minibook.write("_toc.yml", TOC)
    minibook.write("references.bib", BIB)
    minibook.write("chapters/one.md", CHAPTER)
    minibook.write("bibliography.md", "# Bibliography\n\n```{bibliography}\n:all:\n```\n")
    html = minibook.root / "_build" / "html"
    _build(minibook)
    assert "A good source" in visible_text(html / "bibliography.html")
    assert "A good source" in _tooltip(html / "chapters" / "one.html")
    assert "Quotes Some Monitor 2024." in visible_text(html / "bibliography.html")

    # A prose edit reuses the formatted entries; the pages still show them.
    chapter = minibook.root / "chapters" / "one.md"
    chapter.write_text(CHAPTER + "\nA sentence added.\n", encoding="utf-8")
    _build(minibook)
    assert "A good source" in _tooltip(html / "chapters" / "one.html")
    assert "A sentence added." in visible_text(html / "chapters" / "one.html")

    # The title of an entry: the bibliography and the citation's tooltip show the new one.
    minibook.write("references.bib", BIB.replace("A good source", "A better source"))
    _build(minibook)
    assert "A better source" in visible_text(html / "bibliography.html")
    assert "A good source" not in visible_text(html / "bibliography.html")
    assert "A better source" in _tooltip(html / "chapters" / "one.html")

    # The year of `good` changes its label, which the note of `other` shows: that entry is formatted anew too.
    minibook.write("references.bib", BIB.replace("A good source", "A better source").replace("2024", "2021"))
    _build(minibook)
    assert "Quotes Some Monitor 2021." in visible_text(html / "bibliography.html")
    assert "Quotes Some Monitor 2024." not in visible_text(html / "bibliography.html")


def test_a_table_edit_after_a_passed_check_is_checked_again_and_reaches_the_prose(minibook: MiniBook):
    minibook.write("_config.yml", CONFIG)
    minibook.write("_toc.yml", TOC)
    minibook.write("references.bib", BIB)
    minibook.write("chapters/one.md", CHAPTER)
    minibook.write("bibliography.md", "# Bibliography\n\n```{bibliography}\n:all:\n```\n")
    page = minibook.root / "_build" / "html" / "chapters" / "one.html"
    _build(minibook)
    assert "Alpha counts 312 things" in visible_text(page)

    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "three hundred"))
    said = _failed_build(minibook)
    assert "things.csv" in said and "nothing was built" in said, said[-3000:]

    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400"))
    _build(minibook)
    assert "Alpha counts 400 things" in visible_text(page)

    # The chapter's download packs the edited table, not the one of the first build.
    with zipfile.ZipFile(minibook.root / "_build" / "html" / "downloads" / "chapters" / "one.zip") as archive:
        assert "alpha,400," in archive.read("one/data/things.csv").decode()
