"""The data-and-sources appendix, generated from the table descriptions so it can never drift from data/."""

from __future__ import annotations

import html
from typing import Any

from minebook.content.bib import cite_labels, cite_link, http_url, load_bibliography
from minebook.content.data import load_table, table_names
from minebook.quiz.safe_markdown import link_html, markdown_text


class Catalog:
    """Every table: what it holds, its columns and units, the date or edition, and the sources its rows cite."""

    def __init__(self) -> None:
        sources = load_bibliography()
        self.tables = [load_table(name, sources=sources) for name in table_names()]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        parts_html, parts_md = [], []
        labels = cite_labels()
        for frame, info in self.tables:
            keys: list[str] = []
            for col in info.columns:
                if col.type == "source":
                    for cell in frame[col.name].dropna():
                        keys += [k.strip() for k in str(cell).split(";") if k.strip() and k.strip() not in keys]
            rows = "".join(
                f"<tr><td><code>{html.escape(c.name)}</code></td><td>{html.escape(c.title)}</td><td>{html.escape(c.type)}</td>"
                f"<td>{html.escape(c.unit) or '–'}</td><td>{html.escape(c.description) or '–'}</td></tr>"
                for c in info.columns
            )
            # Readers see the author–year label the bibliography lists the source under, never its key (issue 14).
            cited = "".join(
                f"<li>{cite_link(k, labels[k])}: "
                f"{link_html(html.escape(info.sources[k].title), info.sources[k].url) if http_url(info.sources[k].url) else html.escape(info.sources[k].title)}, "
                f"{html.escape(info.sources[k].who)}</li>"
                for k in keys if k in info.sources
            )
            parts_html.append(
                f'<section class="mb-catalog-table"><h3 id="table-{html.escape(info.name)}">{html.escape(info.title)}</h3>'
                f"<p><code>data/{html.escape(info.name)}.csv</code>: {len(frame)} rows. {html.escape(info.description)}</p>"
                f"<p><strong>Refers to:</strong> {html.escape(info.refers_to)}</p>"
                "<table class=\"mb-chart-data\"><thead><tr><th>Column</th><th>Label</th><th>Type</th><th>Unit</th>"
                f"<th>Meaning</th></tr></thead><tbody>{rows}</tbody></table>"
                f"<p><strong>Sources cited by its rows:</strong></p><ul>{cited}</ul></section>"
            )
            parts_md.append(f"### {markdown_text(info.title)}\n\n`data/{info.name}.csv`, {len(frame)} rows. "
                            f"Refers to: {markdown_text(info.refers_to)}\n")
        return {"text/html": "".join(parts_html), "text/markdown": "\n".join(parts_md), "text/plain": "\n".join(parts_md)}


def table_catalog() -> Catalog:
    return Catalog()
