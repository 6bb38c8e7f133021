"""The benchmark's reading-level table measures what a reader reads (issue 14)."""

from __future__ import annotations

from pathlib import Path

from tools.quality.readability import measure, prose, sentences

LONG = "Many " + " ".join(["words"] * 39) + "."
PAGE = f"""---
kernelspec: {{name: python3}}
---
# A title that is not prose

Short sentence here {{cite:p}}`key2023`. {LONG}

- first item without a full stop
- second item

```{{code-cell}} ipython3
this = "is code and never counted " * 50
```

He said "{' '.join(['quoted'] * 50)}" and left.

| a | b |
|---|---|
| {' '.join(['cell'] * 50)} | x |

```{{note}}
A note is prose too.
```
"""


def test_prose_keeps_sentences_and_items_but_not_code_tables_headings_or_citations() -> None:
    text = prose(PAGE)
    assert "code" not in text and "cell" not in text and "title" not in text and "key2023" not in text
    parts = sentences(text)
    assert "first item without a full stop." in parts and "A note is prose too." in parts
    assert 'He said QUOTE and left.' in parts  # a quotation counts as one word


def test_a_sentence_over_35_words_is_counted(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    reading = measure(page)
    assert reading.long_sentences == 1 and reading.longest == 40
    assert not reading.meets_goal()
    assert 0 < reading.grade < 30


def test_numbers_and_citations_in_prose_are_read_as_a_reader_sees_them():
    """{eval}`mb.n(...)` is one number to a reader and {eval}`mb.cite(...)` a bracketed label: neither is words
    such as 'mb.n("izium_findings.value[metric=people interviewed]")' (which raised the grade by up to 2.8)."""
    from tools.quality.readability import prose

    text = prose('HRW interviewed {eval}`mb.n("izium_findings.value[metric=people interviewed]", qualified=True)` '
                 'people {eval}`mb.cite("hrw2023izium")`.\n')
    assert text.split() == ["HRW", "interviewed", "12", "people", "."] or text.split() == ["HRW", "interviewed", "12", "people."]


def test_every_chapter_meets_the_reading_goals():
    """Issue 14: readers aged 16-19. Grade at most 11 and no sentence over 35 words outside quotations and tables;
    an edit that adds a long sentence names it here (the benchmark prints the same table)."""
    from tools.quality.readability import GOAL_SENTENCE_WORDS, measure, prose, sentences

    root = Path(__file__).resolve().parents[2]
    chapters = sorted(p for p in (root / "chapters").glob("*.md") if p.name != "README.md")
    assert chapters
    for chapter in chapters:
        reading = measure(chapter)
        long = [s for s in sentences(prose(chapter.read_text(encoding="utf-8"))) if len(s.split()) > GOAL_SENTENCE_WORDS]
        assert reading.meets_goal(), f"{chapter.name}: grade {reading.grade:.1f}; sentences over 35 words: {long}"
