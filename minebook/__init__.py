"""Helper package of the book: one obvious line for each thing a chapter does.

    import minebook as mb
    df = mb.table("mine_models")         # a table from data/, checked against its description
    fig, ax = mb.new_figure()             # a chart in the book's style ...
    mb.show_chart(fig, df, alt=..., caption=...)   # ... shown with alt text, sources and its data
    mb.html_table(df[["model", "category"]], "mine-models")   # a table, every cell escaped
    ax.set_xlabel(mb.t("Mines released"))   # words a reader sees in a chart, translated (content/charttext.py)
    mb.label("mine_models.delivery", value)  # a table's category drawn in a chart, translated
    quiz = mb.quiz("mine-types"); quiz    # the chapter's quiz: live widget, static HTML or printable ...
    quiz.score                            # ... and, in a notebook, the reader's score (quiz.total, quiz.answers)

Numbers in prose: {eval}`mb.n("delivery_systems.mines_per_load[system=9M27K3 rocket]")` (see content/numbers.py).
"""

from __future__ import annotations

from typing import Any

from minebook import quiz as _quiz_package  # noqa: F401  (loaded first, so the function below keeps the name `quiz`)
from minebook.content.charttext import t
from minebook.content.data import lookup, table
from minebook.content.datatext import label
from minebook.content.htmltable import html_table
from minebook.content.numbers import (
    between,
    change,
    cite,
    date,
    difference,
    evidence,
    gap_days,
    growth_extreme,
    n,
    num,
    ordinal,
    ordinals,
    pct,
    ratio,
    row_at,
    text,
    unit_base,
    year,
    years_apart,
)
from minebook.core.errors import ContentError

__all__ = [
    "PALETTE",
    "ContentError",
    "between",
    "change",
    "cite",
    "date",
    "date_ticks",
    "difference",
    "evidence",
    "gap_days",
    "growth_extreme",
    "html_table",
    "label",
    "n",
    "new_figure",
    "num",
    "ordinal",
    "ordinals",
    "pct",
    "quiz",
    "ratio",
    "row_at",
    "show_chart",
    "source_labels",
    "t",
    "table",
    "table_catalog",
    "text",
    "unit_base",
    "value",
    "year",
    "years_apart",
]


def quiz(name: str) -> Any:
    """Load `chapters/NAME.quiz.yml` and return it ready to display (leave it as the last line of a cell).

    `quiz = mb.quiz("mine-types"); quiz` shows the form; then `quiz.score` (and `quiz.total`, `quiz.answers`) reads
    what the reader did in it. Called again for the same quiz, it returns the same form.
    """
    from minebook.content.quizzes import load_quiz
    from minebook.quiz.view import shown

    return shown(load_quiz(name))


def value(table_name: str, column: str, **where: Any) -> Any:
    """One number from data/, for prose: `mb.value("delivery_systems", "mines_per_load", system="9M27K3")`."""
    return lookup(table_name, column, where)


def table_catalog() -> Any:
    """Every table in data/ with its columns, units, edition and sources (for the data-and-sources appendix)."""
    from minebook.content.catalog import table_catalog as catalog

    return catalog()


def source_labels(keys: str) -> str:
    """'hrw2023izium; lm2023ban' -> 'Human Rights Watch 2023c; ICBL-CMC 2023': readers never see a key (issue 14)."""
    from minebook.content.bib import cite_labels, split_keys

    labels = cite_labels()
    return "; ".join(labels.get(k, k) for k in split_keys(keys))


def __getattr__(name: str) -> Any:
    # Charts pull in matplotlib; load them only when a chapter draws, so `minebook check` stays quick.
    if name in ("new_figure", "show_chart", "PALETTE", "date_ticks"):
        from minebook.content import charts

        return getattr(charts, name)
    raise AttributeError(f"module 'minebook' has no attribute {name!r}")
