"""One chart style for the whole book, and figures that always carry alt text, a sourced caption and their data."""

from __future__ import annotations

import base64
import html
import io
import sys
from typing import Any

import matplotlib

matplotlib.use("Agg")  # as before, for a chapter that goes on to import pyplot itself
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .bib import Source
from .data import TableInfo

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

STYLE: dict[str, Any] = {
    "figure.figsize": (7.0, 3.8),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "svg.fonttype": "none",  # text stays text: smaller, selectable, readable by screen readers
    "svg.hashsalt": "minebook",  # same ids in every build
    "savefig.bbox": "tight",
}


# The keyword arguments of plt.subplots that go to Figure.subplots; the others go to Figure, as pyplot does.
_SUBPLOTS_KEYS = {"sharex", "sharey", "squeeze", "width_ratios", "height_ratios", "subplot_kw", "gridspec_kw"}


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs: Any) -> tuple[Figure, Any]:
    """A figure in the book's style (use it instead of plt.subplots); takes the same arguments.

    Built without pyplot: no global figure list to close, no pyplot import, and the same Agg canvas that
    pyplot's Agg backend gives, so the SVG and PNG bytes are those plt.subplots gave.
    """
    matplotlib.rcParams.update(STYLE)
    grid = {k: kwargs.pop(k) for k in list(kwargs) if k in _SUBPLOTS_KEYS}
    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    ax = fig.subplots(nrows, ncols, **grid)
    return fig, ax


class Chart:
    """A finished chart: an SVG image with alt text, a caption naming its sources, and its data as a table."""

    def __init__(self, fig: Figure, data: pd.DataFrame, alt: str, caption: str, columns: list[str] | None = None):
        if not alt.strip() or not caption.strip():
            raise ValueError("A chart needs alt text and a caption: say what it shows, in words.")
        info: TableInfo | None = data.attrs.get("table")
        if info is None:
            raise ValueError("show_chart needs a table loaded with mb.table(...), so it can name the sources.")
        self.alt, self.caption, self.info = alt.strip(), caption.strip(), info
        self.data = data[columns] if columns else data
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        _close(fig)
        self.svg = buffer.getvalue()
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=100)
        self.png = png.getvalue()

    def sources(self) -> list[Source]:
        """The sources of the rows shown, in first-seen order."""
        keys: list[str] = []
        for col in self.info.columns:
            if col.type == "source" and col.name in self.data.columns:
                for cell in self.data[col.name].dropna():
                    keys += [k.strip() for k in str(cell).split(";") if k.strip() not in keys and k.strip()]
        return [self.info.sources[k] for k in keys if k in self.info.sources]

    def source_line(self) -> str:
        """Name up to three sources; beyond that, point to the per-row sources in the data table."""
        found = self.sources()
        if len(found) > 3:
            return f"Sources: {len(found)} sources, named row by row in the data below (data/{self.info.name}.csv). {self.info.refers_to}"
        names = "; ".join(f"{s.who}, {s.title} ({s.year})" if s.year else f"{s.who}, {s.title}" for s in found)
        return f"Source: {names}. {self.info.refers_to}"

    def table_html(self) -> str:
        shown = self.data.copy()
        headers = {}
        for col in self.info.columns:
            if col.name in shown.columns:
                headers[col.name] = col.title + (f" ({col.unit})" if col.unit else "")
        shown = shown.rename(columns=headers)
        return shown.to_html(index=False, na_rep="–", border=0, classes="mb-chart-data", escape=True)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        svg64 = base64.b64encode(self.svg).decode()
        figure = (
            '<figure class="mb-chart">'
            f'<img src="data:image/svg+xml;base64,{svg64}" alt="{html.escape(self.alt)}">'
            f"<figcaption>{html.escape(self.caption)} <span class=\"mb-chart-source\">{html.escape(self.source_line())}</span>"
            "</figcaption>"
            f"<details><summary>The data behind this chart ({html.escape(self.info.name)}.csv)</summary>"
            f"{self.table_html()}</details></figure>"
        )
        text = f"{self.caption}\n{self.source_line()}\n[Chart: {self.alt}]"
        return {"text/html": figure, "image/png": self.png, "text/plain": text}


def _close(fig: Figure) -> None:
    """Release a figure made with pyplot (a chapter may still use plt.subplots); ours need nothing."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


def show_chart(fig: Figure, data: pd.DataFrame, *, alt: str, caption: str, columns: list[str] | None = None) -> Chart:
    """Finish a chart: leave the returned object as the last line of a cell to display it."""
    return Chart(fig, data, alt, caption, columns)
