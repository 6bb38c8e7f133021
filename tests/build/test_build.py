"""The build: a content mistake stops it before anything runs; the real book was built with -n -W --keep-going."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bookfixture import MYST_HEADER, MiniBook

ROOT = Path(__file__).resolve().parents[2]
JB = Path(sys.executable).parent / "jupyter-book"


def test_broken_quiz_stops_the_build_before_anything_is_built(minibook):
    minibook.write("_config.yml", "title: mini\nexecute:\n  execute_notebooks: 'off'\nsphinx:\n  extra_extensions: [minebook.sphinx.extension]\n")
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("type: single", "type: singel"))
    result = subprocess.run([str(JB), "build", ".", "-n", "-W", "--keep-going"], cwd=minibook.root,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "chapters/one.quiz.yml: line 4, question 'pick': field 'type'" in output
    assert "nothing was built" in output
    assert not (minibook.root / "_build" / "html" / "index.html").exists()


def test_built_book_has_a_page_for_every_toc_entry():
    from minebook.core.toc import toc_files

    html = ROOT / "_build" / "html"
    assert html.is_dir(), "the book is not built: run `make book` (make test does it first)"
    for name, _ in toc_files(ROOT)[0]:
        page = html / f"{name}.html"
        assert page.is_file(), f"no page for {name}"


def test_built_pages_load_no_widget_manager_or_cdn_script():
    html = ROOT / "_build" / "html"
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "widget-state+json" not in text, f"{page.name} embeds ipywidgets state"
        for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com"):
            assert cdn not in text, f"{page.name} names {cdn}"


def visible_text(page: Path) -> str:
    """The page's words as a reader sees them (tags removed, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")).split())


CHAPTER = MYST_HEADER + """\
# One

```{code-cell} ipython3
import minebook as mb
from myst_nb import glue
glue("alpha_count", int(mb.value("things", "count", name="alpha")), display=False)
```

Alpha counts {glue:text}`alpha_count` things.
"""


def test_changing_a_number_in_a_table_updates_the_built_page(minibook):
    """Execution is cached by code; a data edit must still reach the page (prose, charts, quiz answers)."""
    minibook.write("_config.yml", "title: mini\nexecute:\n  execute_notebooks: cache\nsphinx:\n  extra_extensions: [minebook.sphinx.extension]\n")
    minibook.write("chapters/one.md", CHAPTER)
    build = [str(JB), "build", ".", "-n", "-W", "--keep-going"]
    page = minibook.root / "_build" / "html" / "chapters" / "one.html"
    first = subprocess.run(build, cwd=minibook.root, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "Alpha counts 312 things." in visible_text(page)
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400"))
    second = subprocess.run(build, cwd=minibook.root, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "Alpha counts 400 things." in visible_text(page)
