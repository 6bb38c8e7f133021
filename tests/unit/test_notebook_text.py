"""A downloaded Ukrainian chapter reads in Ukrainian: each block of a Markdown cell is replaced by its translation
from the page's catalog, structure and code untouched, and a block without a translation stays as written."""

from __future__ import annotations

from minebook.content.notebook_text import translate_markdown

TABLE = {
    "Mine types": "Типи мін",
    "A mine waits for its victim, for years.": "Міна чекає на жертву роками.",
    "first point that goes on": "перший пункт, що триває",
    "Term": "Термін",
    "Blast mine": "Фугасна міна",
    "explodes when pressed.": "вибухає від натиску.",
    "In this chapter": "У цьому розділі",
    "Numbers: {eval}`mb.n(\"t.c[k=v]\")` mines.": "Числа: {eval}`mb.n(\"t.c[k=v]\")` мін.",
}

SOURCE = """\
## Mine types

A mine waits for its victim,
for years.

- first point
  that goes on
- a point nobody translated

| Term | Meaning |
|---|---|
| Blast mine | x |

```{admonition} In this chapter
:class: tip
Numbers: {eval}`mb.n("t.c[k=v]")` mines.
```

Blast mine
: explodes when pressed.

```python
print("Mine types")
```"""


def test_every_block_with_a_translation_is_replaced_and_structure_kept():
    out = translate_markdown(SOURCE, TABLE)
    assert out.split("\n") == [
        "## Типи мін", "", "Міна чекає на жертву роками.", "",
        "- перший пункт, що триває", "- a point nobody translated", "",
        "| Термін | Meaning |", "|---|---|", "| Фугасна міна | x |", "",
        "```{admonition} У цьому розділі", ":class: tip", 'Числа: {eval}`mb.n("t.c[k=v]")` мін.', "```", "",
        "Фугасна міна", ": вибухає від натиску.", "",
        "```python", 'print("Mine types")', "```",
    ]


def test_no_catalog_leaves_the_cell_as_written():
    assert translate_markdown(SOURCE, {}) == SOURCE


def test_code_in_a_fence_is_never_translated():
    source = "```text\nMine types\n```\n\nMine types"
    assert translate_markdown(source, TABLE) == "```text\nMine types\n```\n\nТипи мін"


def test_a_ukrainian_date_ending_a_sentence_keeps_one_full_stop(monkeypatch) -> None:
    """«…спливав 1 червня 2010 р..» in JupyterLab: the role's own stop ends the sentence, as on the book's page."""
    from minebook.content.notebook_text import one_full_stop

    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    date = '{eval}`mb.date("treaty_timeline.date[event_id=ua_art4_deadline]", form="precision")`'
    number = '{eval}`mb.n("treaty_figures.value[figure_id=by_inherited_stockpile]")`'
    assert one_full_stop(f"Строк спливав {date}. Далі") == f"Строк спливав {date} Далі"
    assert one_full_stop(f"Їх було {number}.") == f"Їх було {number}."  # a number ends with no stop of its own
    monkeypatch.setenv("MINEBOOK_LANG", "en")
    assert one_full_stop(f"The deadline was {date}.") == f"The deadline was {date}."  # "1 June 2010"


def test_a_downloaded_chapter_knows_its_evidence_date(tmp_path, monkeypatch) -> None:
    """In a chapter's download the chapter is a notebook beside chapters/ (no chapters/NAME.md): «Evidence as of»
    still reads the tables its cells name (JupyterLab showed a FileNotFoundError in the prose)."""
    import json
    import shutil
    from pathlib import Path

    from minebook.content.numbers import evidence

    root = Path(__file__).resolve().parents[2]
    folder = tmp_path / "mine-types"
    shutil.copytree(root / "data", folder / "data")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(root / name, folder / name)
    (folder / "references").mkdir()
    for bib in root.glob("references*.bib"):
        shutil.copy(bib, folder / bib.name)
    shutil.copytree(root / "references", folder / "references", dirs_exist_ok=True)
    (folder / "chapters").mkdir()
    shutil.copy(root / "chapters" / "mine-types.quiz.yml", folder / "chapters")
    page = (root / "chapters" / "mine-types.md").read_text(encoding="utf-8")
    (folder / "mine-types.ipynb").write_text(json.dumps({"cells": [{"cell_type": "code", "source": page}]}), encoding="utf-8")
    expected = evidence("mine-types")
    monkeypatch.setenv("MINEBOOK_ROOT", str(folder))
    assert evidence("mine-types") == expected
