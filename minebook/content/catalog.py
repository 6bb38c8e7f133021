"""The data-and-sources appendix, generated from the table descriptions so it can never drift from data/."""

from __future__ import annotations

import html
from typing import Any

from minebook.content.bib import cite_labels, cite_link, http_url, load_bibliography
from minebook.content.data import load_table, table_names
from minebook.content.datatext import column_text, column_title, table_text, words
from minebook.quiz.safe_markdown import link_html, markdown_text


def type_words() -> dict[str, str]:
    """A column's type as the reader's language names it: Frictionless's field types and the book's own kinds
    (category, url, source; content/data.py). An English page keeps the English words."""
    # Translators: the type of a table's column, in the data appendix's "Type" column
    return {"string": words("string"), "category": words("category"), "url": words("url"), "source": words("source"),
            "integer": words("integer"), "number": words("number"), "date": words("date"), "boolean": words("boolean")}


class Catalog:
    """Every table: what it holds, its columns and units, the date or edition, and the sources its rows cite."""

    def __init__(self) -> None:
        sources = load_bibliography()
        self.tables = [load_table(name, sources=sources) for name in table_names()]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        parts_html, parts_md = [], []
        labels = cite_labels()
        types = type_words()
        for frame, info in self.tables:
            keys: list[str] = []
            for col in info.columns:
                if col.type == "source":
                    for cell in frame[col.name].dropna():
                        keys += [k.strip() for k in str(cell).split(";") if k.strip() and k.strip() not in keys]
            rows = "".join(
                f"<tr><td><code>{html.escape(c.name)}</code></td><td>{html.escape(column_title(info, c))}</td><td>{html.escape(types.get(c.type, c.type))}</td>"
                f"<td>{html.escape(column_text(info, c, c.unit)) or '–'}</td><td>{html.escape(column_text(info, c, c.description)) or '–'}</td></tr>"
                for c in info.columns
            )
            # Readers see the author–year label the bibliography lists the source under, never its key (issue 14).
            cited = "".join(
                f'<li class="mb-source">{cite_link(k, labels[k])}: '
                # <cite>: the title of a work, as published (in its own language, on a page in any language)
                f"<cite>{link_html(html.escape(info.sources[k].title), info.sources[k].url) if http_url(info.sources[k].url) else html.escape(info.sources[k].title)}</cite>, "
                f"{html.escape(info.sources[k].who)}</li>"
                for k in keys if k in info.sources
            )
            title, refers_to = table_text(info, info.title), table_text(info, info.refers_to)
            rows_line = html.escape(words("{file}: {rows} rows.")).format(file=f"<code>data/{html.escape(info.name)}.csv</code>", rows=len(frame))
            refers, cited_by = html.escape(words("Refers to:")), html.escape(words("Sources cited by its rows:"))
            head = "".join(f"<th>{html.escape(h)}</th>" for h in (words("Column"), words("Label"), words("Type"), words("Unit"), words("Meaning")))
            parts_html.append(
                f'<section class="mb-catalog-table"><h3 id="table-{html.escape(info.name)}">{html.escape(title)}</h3>'
                f"<p>{rows_line} {html.escape(table_text(info, info.description))}</p>"
                f"<p><strong>{refers}</strong> {html.escape(refers_to)}</p>"
                f'<table class="mb-chart-data"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
                f"<p><strong>{cited_by}</strong></p><ul>{cited}</ul></section>"
            )
            parts_md.append(f"### {markdown_text(title)}\n\n`data/{info.name}.csv`, {len(frame)} rows. "
                            f"Refers to: {markdown_text(refers_to)}\n")
        return {"text/html": "".join(parts_html), "text/markdown": "\n".join(parts_md), "text/plain": "\n".join(parts_md)}


def table_catalog() -> Catalog:
    return Catalog()
