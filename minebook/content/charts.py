"""One chart style for the whole book, and figures that always carry alt text, a sourced caption and their data."""

from __future__ import annotations

import base64
import html
import io
import re
import sys
from typing import Any

import matplotlib

matplotlib.use("Agg")  # as before, for a chapter that goes on to import pyplot itself
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from minebook.content.bib import Source, cite_labels, cite_link
from minebook.content.charttext import chrome
from minebook.content.data import TableInfo
from minebook.content.datatext import display_frame, heading, table_text

# Issue 14: chart text at least 12 CSS px wherever it is read. A chart is shown at its natural size (never
# scaled down: 1 pt of the SVG = 4/3 CSS px), so every text is at least MIN_TEXT_PT and the whole drawing at
# most MAX_WIDTH_PX, the article's width on a 1280 px laptop. Narrower screens scroll it sideways in its frame
# (with a cue) or open it full size with one tap.
MIN_TEXT_PT = 9.5
MAX_WIDTH_PX = 656
PX_PER_PT = 4 / 3

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
        self.alt, self.caption, self.info = one_full_stop(alt.strip()), one_full_stop(caption.strip()), info
        self.data = data[columns] if columns else data
        _legible_text(fig)
        self.svg = _svg(fig)
        for attempt in range(8):  # text outside the axes does not shrink with the figure: narrow it by the excess
            width = _svg_size(self.svg)[0]
            if width <= MAX_WIDTH_PX:
                break
            if attempt == 2:  # a legend of several columns is as wide as its text: stack its entries
                for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
                    if legend is not None:
                        legend.set_ncols(1)
            w, h = fig.get_size_inches()
            fig.set_size_inches(max(w - (width - MAX_WIDTH_PX + 2) / 96, 2.5), h)
            _legible_text(fig)
            self.svg = _svg(fig)
        self.width, self.height = _svg_size(self.svg)
        _close(fig)
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
        """Every source in words, by the author–year label the bibliography lists it under (plain text)."""
        found = self.sources()
        labels = cite_labels()
        shown = [labels.get(s.key, s.who) for s in found]
        word = chrome("Sources") if len(found) > 1 else chrome("Source")
        return one_full_stop(f"{word}: {'; '.join(shown)}. {table_text(self.info, self.info.refers_to)}")

    def source_html(self) -> str:
        """The source line with each label linking to its bibliography entry."""
        found = self.sources()
        labels = cite_labels()
        names = "; ".join(cite_link(s.key, labels[s.key]) if s.key in labels else html.escape(s.who) for s in found)
        word = chrome("Sources") if len(found) > 1 else chrome("Source")
        last = labels.get(found[-1].key, found[-1].who) if found else ""
        stop = "" if last.endswith(".") else "."  # «Radio Svoboda n.d.»: the label's own stop ends the list
        return f"{html.escape(word)}: {names}{stop} {html.escape(one_full_stop(table_text(self.info, self.info.refers_to)))}"

    def table_html(self) -> str:
        """The data as a table; source cells show author–year labels linking to the bibliography, never keys.

        Headings and the text of the columns marked `translate: true` are in the book's language (content/datatext.py).
        """
        shown = display_frame(self.data).copy()
        headers, links = {}, {}
        labels = cite_labels()
        for col in self.info.columns:
            if col.name not in shown.columns:
                continue
            headers[col.name] = heading(self.info, col)
            if col.type == "source":
                def cell(value: Any) -> Any:
                    if not isinstance(value, str) or not value.strip():
                        return value
                    token = f"MBCITE{len(links):05d}X"
                    links[token] = "; ".join(
                        cite_link(k, labels[k]) if k in labels else html.escape(k)
                        for k in (p.strip() for p in value.split(";")) if k
                    )
                    return token
                shown[col.name] = shown[col.name].map(cell)
        shown = shown.rename(columns=headers)
        table = shown.to_html(index=False, na_rep="–", border=0, classes="mb-chart-data", escape=True)
        for token, value in links.items():
            table = table.replace(token, value)
        return table

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        svg64 = base64.b64encode(self.svg).decode()
        summary = chrome("The data behind this chart ({file})").format(file=f"{self.info.name}.csv")
        # The book's extension moves the picture into a file and links it ("open full size", minebook/sphinx/extension.py).
        figure = (
            '<figure class="mb-chart">'
            '<div class="mb-chart-frame">'
            f'<img class="mb-chart-img" src="data:image/svg+xml;base64,{svg64}" alt="{html.escape(self.alt)}" '
            f'width="{round(self.width)}" height="{round(self.height)}">'
            "</div>"
            f"<figcaption>{html.escape(self.caption)} <span class=\"mb-chart-source\">{self.source_html()}</span>"
            "</figcaption>"
            f"<details><summary>{html.escape(summary)}</summary>"
            f"{self.table_html()}</details></figure>"
        )
        text = f"{self.caption}\n{self.source_line()}\n[Chart: {self.alt}]"
        return {"text/html": figure, "image/png": self.png, "text/plain": text}


def _legible_text(fig: Figure) -> None:
    """Raise every visible text of the figure to MIN_TEXT_PT (a chapter's fontsize=8 would be 10.7 CSS px)."""
    fig.draw_without_rendering()  # tick labels exist only once the figure is laid out
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            sizes = [t.get_fontsize() for t in axis.get_ticklabels(which="both") if t.get_text().strip()]
            if sizes and min(sizes) < MIN_TEXT_PT:
                axis.set_tick_params(which="both", labelsize=MIN_TEXT_PT)
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_fontsize() < MIN_TEXT_PT:
            text.set_fontsize(MIN_TEXT_PT)


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _svg_size(svg: bytes) -> tuple[float, float]:
    """The SVG's natural size in CSS px (matplotlib writes width="...pt")."""
    head = svg[:2000].decode("utf-8", "replace")
    found = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"[^>]*\sheight="([\d.]+)pt"', head)
    if not found:
        raise ValueError("matplotlib wrote an SVG without a width and height in pt")
    return float(found.group(1)) * PX_PER_PT, float(found.group(2)) * PX_PER_PT


def _close(fig: Figure) -> None:
    """Release a figure made with pyplot (a chapter may still use plt.subplots); ours need nothing."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


def date_ticks(pattern: str) -> Any:
    """Date tick labels in the book's language: `ax.xaxis.set_major_formatter(mb.date_ticks("%b\\n%Y"))`.

    English: matplotlib's own DateFormatter (strftime). Another language: the same pattern written with the
    language's month names (Babel, Unicode CLDR: 'лют.' for %b, 'лютий' for %B).
    """
    import matplotlib.dates as mdates

    from minebook.core.language import SOURCE_LANGUAGE, babel_locale, current_language

    if current_language() == SOURCE_LANGUAGE:
        return mdates.DateFormatter(pattern)
    from babel.dates import format_date
    from matplotlib.ticker import FuncFormatter

    cldr = pattern.replace("%B", "LLLL").replace("%b", "LLL").replace("%Y", "y").replace("%d", "d")
    locale = babel_locale()
    return FuncFormatter(lambda x, pos=None: format_date(mdates.num2date(x).date(), cldr, locale=locale))


def one_full_stop(text: str) -> str:
    """A value ending in an abbreviation's full stop («2026 р.») at the end of a sentence: one stop, not two."""
    return re.sub(r"(?<=\w)\.\.(?!\.)", ".", text)


def show_chart(fig: Figure, data: pd.DataFrame, *, alt: str, caption: str, columns: list[str] | None = None) -> Chart:
    """Finish a chart: leave the returned object as the last line of a cell to display it."""
    return Chart(fig, data, alt, caption, columns)
