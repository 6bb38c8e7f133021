"""A DataFrame as an HTML table whose every header and cell is escaped: the one way chapters show a table.

pandas' Styler writes cell values and column titles into the page as they are, so a data cell or a column
`title:` holding `<img src=x onerror=...>` ran as script in every edition. Content is untrusted input, so
chapters call `mb.html_table(frame)` instead. The table carries the class `mb-table` (the book's CSS styles it).

In a translated book the table is shown in the reader's language (content/datatext.py): a column under its English
title gets the translated title, and the cells of the columns marked `translate: true` their translation; the frame
itself keeps its English values.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pandas as pd

from minebook.content.datatext import display_frame

__all__ = ["HTMLTable", "html_table"]


def cell_text(value: Any) -> str:
    """What a reader sees in a cell: empty for a missing value, a date without a midnight time, 7 not 7.0."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return str(value)


class HTMLTable:
    """Displays as the table (HTML in the book and in Jupyter; plain text elsewhere)."""

    def __init__(self, frame: pd.DataFrame, table_id: str = "", caption: str = ""):
        self.frame, self.table_id, self.caption = frame, table_id, caption

    def _repr_html_(self) -> str:
        shown = display_frame(self.frame)
        ident = f' id="mb-table-{html.escape(re.sub(r"[^A-Za-z0-9_-]", "-", self.table_id))}"' if self.table_id else ""
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in shown.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
            for row in shown.itertuples(index=False, name=None)
        )
        return f'<table class="mb-table"{ident}>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def html_table(frame: pd.DataFrame, table_id: str = "", caption: str = "") -> HTMLTable:
    """`frame` shown as an escaped HTML table without its index; `table_id` gives it a stable id in the page."""
    return HTMLTable(frame, table_id, caption)
