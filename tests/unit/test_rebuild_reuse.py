"""What a build reuses from the one before (issue 13: rebuild time) follows every edit of what it was made from:
the check of tables, quizzes and sources, slimmed theme files, the chapter downloads, notebook-page answers and
stabilised notebooks. (Formatted bibliography entries: tests/build/test_rebuild_caches.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from bookfixture import MYST_HEADER, MiniBook

from minebook.content.checks import PASSED, check_everything

# Each edit breaks one input of the checks that a passed check lets a build skip; what the problem then names.
BREAKS = {
    "a table cell": ("data/things.csv", lambda t: t.replace("alpha,312,", "alpha,-5,"), "things.csv: line 2"),
    "a table's description": ("data/datapackage.yaml", lambda t: t.replace("minimum: 0}", "minimum: 500}"),
                              "things.csv: line 2"),
    "a quiz file": ("chapters/one.quiz.yml", lambda t: t.replace("type: single", "type: singel"), "one.quiz.yml"),
    "a bibliography entry": ("references.bib", lambda t: t.replace("  title = {A good source},\n", ""),
                             "field 'title'"),
    "the hosts of copies": ("references/copy-hosts.yml", lambda t: "example.org: mirror\n", "field 'urlkind'"),
}


@pytest.mark.parametrize("what", sorted(BREAKS))
def test_a_passed_check_is_not_reused_after_an_edit(minibook: MiniBook, what: str):
    minibook.write("references/copy-hosts.yml", "{}\n")
    assert check_everything(reuse=True) == []
    assert (minibook.root / PASSED).is_file(), "a clean check keeps its verdict"
    assert check_everything(reuse=True) == [], "and reuses it while nothing changed"
    name, edit, named = BREAKS[what]
    path = minibook.root / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    problems = check_everything(reuse=True)
    assert problems, f"an edit of {what} was not checked: the build would have used the old verdict"
    assert any(named in str(p) for p in problems), problems


def test_the_pages_are_checked_in_every_build(minibook: MiniBook):
    assert check_everything(reuse=True) == []
    minibook.write("intro.md", "# Intro\n\nAs good says.\n")
    problems = check_everything(reuse=True)
    assert [p for p in problems if "the raw key 'good'" in str(p)], problems


def test_problems_are_never_kept(minibook: MiniBook):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("alpha,312,", "alpha,-5,"))
    assert check_everything(reuse=True)
    assert not (minibook.root / PASSED).exists()
    assert check_everything(reuse=True), "a problem is found again, not forgotten"


# ---- slimmed theme files -------------------------------------------------------------------------------------

CSS = ".used{color:red}.unused{color:blue}.later{color:green}\n"


def _site(out: Path, classes: str) -> None:
    (out / "_static" / "styles").mkdir(parents=True, exist_ok=True)
    (out / "_static" / "styles" / "pydata-sphinx-theme.css").write_text(CSS, encoding="utf-8")
    (out / "index.html").write_text(f'<p class="{classes}">x</p>', encoding="utf-8")


def test_slimmed_stylesheets_follow_the_classes_the_pages_use(tmp_path: Path):
    from minebook.sphinx.slim import slim_book

    out, cache = tmp_path / "html", tmp_path / "cache"
    _site(out, "used")
    slim_book(out, cache)
    first = (out / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".used" in first and ".later" not in first
    _site(out, "used")  # Sphinx copies the original again in every build
    slim_book(out, cache)
    assert (out / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8") == first
    _site(out, "used later")  # a page now uses another class: its rule comes back
    slim_book(out, cache)
    again = (out / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".later" in again and ".unused" not in again
    fresh = tmp_path / "fresh"
    _site(fresh, "used later")
    slim_book(fresh)  # no cache at all: the same file
    assert (fresh / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8") == again
    assert len(list(cache.iterdir())) == 1, "only this build's results are kept"


# ---- chapter downloads, notebook pages, stable notebooks --------------------------------------------------------


def test_a_chapter_zip_is_made_again_when_anything_it_packs_changes(minibook: MiniBook):
    from minebook.sphinx.launch import zip_inputs_key

    root = minibook.root
    chapter = minibook.write("chapters/one.md", MYST_HEADER + "# One\n\n```{code-cell} ipython3\nmb.quiz(\"one\")\n```\n")
    before = zip_inputs_key(root, "chapters/one", chapter, "One")
    assert zip_inputs_key(root, "chapters/one", chapter, "One") == before
    changed = {
        "a table": lambda: minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400")),
        "the quiz": lambda: minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("Pick alpha.", "Pick it.")),
        "the page": lambda: chapter.write_text(chapter.read_text() + "\nMore.\n", encoding="utf-8"),
        "the settings": lambda: minibook.write("_config.yml", "title: mini 2\n"),
        "the bibliography": lambda: minibook.write("references.bib", MiniBook.BIB.replace("2024", "2025")),
    }
    seen = {before}
    for what, edit in changed.items():
        edit()
        key = zip_inputs_key(root, "chapters/one", chapter, "One")
        assert key not in seen, f"an edit of {what} left the chapter's zip as it was"
        seen.add(key)
    assert zip_inputs_key(root, "chapters/one", chapter, "One, renamed") not in seen, "the title is in the zip"


def test_a_translated_chapter_zip_follows_its_own_catalogs_only(minibook: MiniBook, monkeypatch: pytest.MonkeyPatch):
    """A Ukrainian zip holds the catalogs its code reads and its prose translated from its page's catalog: an edit
    of either makes it again; a translator's edit of another page's catalog does not (it did, every zip, once)."""
    from minebook.sphinx.launch import zip_files, zip_inputs_key

    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    root = minibook.root
    chapter = minibook.write("chapters/one.md", MYST_HEADER + "# One\n\n```{code-cell} ipython3\nmb.quiz(\"one\")\n```\n")
    for domain in ("ui", "chapters/one", "intro", "quizzes/one"):
        minibook.write(f"locales/uk/LC_MESSAGES/{domain}.po", 'msgid ""\nmsgstr ""\n')
    packed = zip_files(root, chapter)
    assert "locales/uk/LC_MESSAGES/ui.po" in packed and "locales/uk/LC_MESSAGES/quizzes/one.po" in packed
    assert "locales/uk/LC_MESSAGES/intro.po" not in packed
    before = zip_inputs_key(root, "chapters/one", chapter, "One")
    minibook.write("locales/uk/LC_MESSAGES/intro.po", 'msgid ""\nmsgstr ""\n\nmsgid "Intro"\nmsgstr "Вступ"\n')
    assert zip_inputs_key(root, "chapters/one", chapter, "One") == before, "another page's catalog remade the zip"
    for domain in ("chapters/one", "quizzes/one", "ui"):
        minibook.write(f"locales/uk/LC_MESSAGES/{domain}.po", f'msgid ""\nmsgstr ""\n\nmsgid "{domain}"\nmsgstr "так"\n')
        key = zip_inputs_key(root, "chapters/one", chapter, "One")
        assert key != before, f"an edit of {domain}.po left the zip as it was"
        before = key


def test_a_page_that_becomes_a_notebook_is_found_with_the_memo(minibook: MiniBook, tmp_path: Path):
    from minebook.sphinx.launch import notebook_pages

    memo = tmp_path / "pages.json"
    minibook.write("chapters/one.md", "# One\n\nProse only.\n")
    assert notebook_pages(minibook.root, memo) == []
    assert json.loads(memo.read_text())
    minibook.write("chapters/one.md", MYST_HEADER + "# One\n")
    assert [d for d, _ in notebook_pages(minibook.root, memo)] == ["chapters/one"]
    assert notebook_pages(minibook.root, memo) == notebook_pages(minibook.root)


def test_a_notebook_copied_again_gets_stable_cell_ids_again(tmp_path: Path):
    import nbformat

    from minebook.sphinx.stable_output import stabilise_notebook_downloads, stable_cell_id

    out = tmp_path / "_build" / "html"
    path = out / "_sources" / "one.ipynb"
    path.parent.mkdir(parents=True)
    app = SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="html"))

    def copy_with_random_ids(text: str) -> None:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("1")])
        nbformat.write(nb, path)  # nbformat gives each cell a random id, as Sphinx's copy carries

    for text in ("first", "first", "second"):
        copy_with_random_ids(text)
        stabilise_notebook_downloads(app, None)
        ids = [cell["id"] for cell in nbformat.read(path, as_version=4).cells]
        assert ids == [stable_cell_id("one.ipynb", 0), stable_cell_id("one.ipynb", 1)], text
