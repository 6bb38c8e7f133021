"""One chart style for the whole book, and figures that always carry alt text, a sourced caption and their data."""

from __future__ import annotations

import base64
import html
import io
import re
import sys
import textwrap
import warnings
from typing import Any

import matplotlib

matplotlib.use("Agg")  # as before, for a chapter that goes on to import pyplot itself
import itertools

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter, Locator, ScalarFormatter
from matplotlib.transforms import Bbox

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
        _decimal_sign(fig)
        _legible_text(fig)
        self.svg = b""
        for attempt in range(8):  # text outside the axes does not shrink with the figure: narrow it by the excess
            width = _tight_width_px(fig)  # measured on the laid-out figure: an SVG is written once it fits
            if width <= MAX_WIDTH_PX:
                self.svg = _svg(fig)
                width = _svg_size(self.svg)[0]
                if width <= MAX_WIDTH_PX:
                    break
            if attempt == 2:  # a legend of several columns is as wide as its text: stack its entries
                for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
                    if legend is not None:
                        legend.set_ncols(1)
            w, h = fig.get_size_inches()
            # Here the plain step: a title as wide as the plot stops the drawing narrowing, and a learnt step would
            # then squeeze the plot to nothing (the phone's drawing has floors and a collision check for that).
            fig.set_size_inches(max(w - (width - MAX_WIDTH_PX + 2) / 96, 2.5), h)
            _legible_text(fig)
            self.svg = b""
        self.svg = self.svg or _svg(fig)
        self.width, self.height = _svg_size(self.svg)
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=100)
        self.png = png.getvalue()
        self.phone_svg = _phone_svg(fig, self.width) if self.width > PHONE_WIDTH_PX else None
        _close(fig)

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
        phone = ""
        if self.phone_svg is not None:
            pw, ph = _svg_size(self.phone_svg)
            phone = (f'<picture><source media="{PHONE_MEDIA}" '
                     f'srcset="data:image/svg+xml;base64,{base64.b64encode(self.phone_svg).decode()}" '
                     f'width="{round(pw)}" height="{round(ph)}">')
        figure = (
            '<figure class="mb-chart">'
            '<div class="mb-chart-frame">'
            f'{phone}<img class="mb-chart-img" src="data:image/svg+xml;base64,{svg64}" alt="{html.escape(self.alt)}" '
            f'width="{round(self.width)}" height="{round(self.height)}">'
            f'{"</picture>" if phone else ""}</div>'
            f"<figcaption>{html.escape(self.caption)} <span class=\"mb-chart-source\">{self.source_html()}</span>"
            "</figcaption>"
            f"<details><summary>{html.escape(summary)}</summary>"
            f"{self.table_html()}</details></figure>"
        )
        text = f"{self.caption}\n{self.source_line()}\n[Chart: {self.alt}]"
        return {"text/html": figure, "image/png": self.png, "text/plain": text}


class _LocalDecimals(ScalarFormatter):
    """matplotlib's own tick numbers, with the book language's decimal sign (Ukrainian 2,5 for 2.5)."""

    def __init__(self, sign: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.sign = sign

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", self.sign)


def _decimal_sign(fig: Figure) -> None:
    """Axes numbered by matplotlib's default formatter write decimals the reader's way (Unicode CLDR): «0,5» in
    Ukrainian. Formatters a chapter chose itself (dates, percentages, its own function) are left as they are."""
    from babel.numbers import get_decimal_symbol

    from minebook.core.language import SOURCE_LANGUAGE, babel_locale, current_language

    if current_language() == SOURCE_LANGUAGE:
        return
    sign = get_decimal_symbol(babel_locale())
    if sign == ".":
        return
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            old = axis.get_major_formatter()
            if type(old) is ScalarFormatter:
                axis.set_major_formatter(_LocalDecimals(sign, useOffset=old.get_useOffset(),
                                                        useMathText=old.get_useMathText()))


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


# A phone gets its own drawing of each chart that is wider than PHONE_WIDTH_PX (a 390 px phone's article, less the
# frame's padding): long titles, legend entries and category labels wrap, a legend beside the plot moves below it, and
# the figure is narrowed to fit. Its text stays at MIN_TEXT_PT, so nothing is scaled down; the page picks it with
# <picture> (PHONE_MEDIA). A drawing that still cannot fit (its text inside the plot would collide) is not made: the
# laptop drawing then scrolls in its frame as before.
PHONE_WIDTH_PX = 320
PHONE_MEDIA = "screen and (max-width: 720px)"  # printed pages keep the laptop drawing
PHONE_STEPS_PX = (PHONE_WIDTH_PX, 400, 480, 560)
CSS_PX_PER_DISPLAY_PX = 96 / 100  # the figure is laid out at 100 dpi; an SVG inch is 96 CSS px


def _wrap(text: str, measured_px: float, allowed_px: float) -> str:
    """The text broken at spaces so that no line is wider than allowed_px (estimated from its measured width)."""
    lines = text.split("\n")
    longest = max(len(line) for line in lines) or 1
    if measured_px <= allowed_px:
        return text
    chars = max(8, int(longest * allowed_px / measured_px))
    return "\n".join(textwrap.fill(line, chars, break_long_words=False, break_on_hyphens=False) or line for line in lines)


def _text_px(text: Text, renderer: Any) -> float:
    return text.get_window_extent(renderer).width * CSS_PX_PER_DISPLAY_PX


def _axis_box(axis: Any, renderer: Any) -> Bbox:
    """The box of an axis with its tick labels; an axis showing none (a twin's hidden side, a heading-only row
    of plots) has none of its own, so the plot's box stands for it."""
    return axis.get_tightbbox(renderer) or axis.axes.bbox


def _legend_below(fig: Figure, allowed_px: float) -> None:
    """Each axes legend, redrawn in one column with wrapped entries, under the plot's x axis (a phone's width has
    no room beside the plot, and a legend inside it would cover the data)."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        size = legend.get_texts()[0].get_fontsize() if legend.get_texts() else MIN_TEXT_PT
        labels = [_wrap(t.get_text(), _text_px(t, renderer), allowed_px) for t in legend.get_texts()]
        title = legend.get_title()
        if any(other.bbox.y1 <= ax.bbox.y0 for other in fig.axes if other is not ax):
            place: dict[str, Any] = {"loc": legend._loc}
        else:
            below = min(_axis_box(ax.xaxis, renderer).y0, ax.bbox.y0) - 4
            left = min(_axis_box(ax.yaxis, renderer).x0, ax.bbox.x0)
            x, y = fig.transFigure.inverted().transform((left, below))
            place = {"loc": "upper left", "bbox_to_anchor": (x, y), "bbox_transform": fig.transFigure, "borderaxespad": 0}
        new = ax.legend(legend.legend_handles, labels, ncols=1, **place,
                        fontsize=size, title=_wrap(title.get_text(), _text_px(title, renderer), allowed_px) or None,
                        title_fontsize=title.get_fontsize())
        new.get_title().set_fontweight(title.get_fontweight())


def _collisions(fig: Figure) -> int:
    """How many pairs of texts drawn inside a plot (annotations, value labels), or of x tick labels, overlap."""
    renderer = fig.canvas.get_renderer()
    found = 0
    for ax in fig.axes:
        ticks = [t.get_window_extent(renderer) for t in ax.xaxis.get_ticklabels() if t.get_visible() and t.get_text()]
        ticks.sort(key=lambda box: box.x0)
        found += sum(a.x1 > b.x0 for a, b in itertools.pairwise(ticks))
        boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text().strip()]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                both = Bbox.intersection(a, b)
                found += both is not None and both.width > 1 and both.height > 1
    return found


class _EveryNth(Locator):
    """Every n-th tick of another locator: a phone's narrow axis keeps its ticks' labels apart."""

    def __init__(self, base: Locator, n: int):
        self.base, self.n = base, n

    def set_axis(self, axis: Any) -> None:
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self) -> Any:
        return self.base()[:: self.n]

    def tick_values(self, vmin: float, vmax: float) -> Any:
        return self.base.tick_values(vmin, vmax)[:: self.n]


def _listed_labels(axis: Any) -> bool:
    """Whether the axis's tick labels were set as a list (set_ticks(..., labels)) rather than formatted from values."""
    formatter = axis.get_major_formatter()
    func = getattr(formatter, "func", None)
    return isinstance(formatter, FixedFormatter) or getattr(getattr(func, "func", None), "__name__", "") == "_format_with_dict"


def _thin_ticks(fig: Figure) -> None:
    """An x axis whose tick labels touch keeps every second (third...) tick, unless its labels were given as a
    list (column headings, categories: each one is needed)."""
    for ax in fig.axes:
        axis = ax.xaxis
        for _ in range(4):
            renderer = fig.canvas.get_renderer()
            boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            if all(a.x1 + 4 < b.x0 for a, b in itertools.pairwise(boxes)) or _listed_labels(axis):
                break
            locator = axis.get_major_locator()
            n = locator.n + 1 if isinstance(locator, _EveryNth) else 2
            axis.set_major_locator(_EveryNth(locator.base if isinstance(locator, _EveryNth) else locator, n))
            fig.draw_without_rendering()


def _tight_width_px(fig: Figure) -> float:
    """The width in CSS px of the SVG savefig would write (bbox "tight" plus its padding), from the laid-out figure:
    writing an SVG to measure each try made the phone drawings most of a chapter's run time."""
    bbox = fig.get_tightbbox(fig.canvas.get_renderer())
    return (bbox.width + 2 * matplotlib.rcParams["savefig.pad_inches"]) * 96


def _fit(fig: Figure, target_px: float, height: float, collisions: int) -> bytes | None:
    """The figure narrowed until its SVG is at most target_px wide, its tick labels apart and no more of its texts
    inside the plot overlapping than on a laptop (collisions); None when it cannot be."""
    # Narrower than this, a plot would not be read: 1.5 in (144 px) with its labels, 2 in under column headings.
    floor = 2.0 if any(_listed_labels(ax.xaxis) for ax in fig.axes) else 1.5
    fig.set_size_inches(target_px / 96, height)
    tried: tuple[float, float] | None = None  # the figure's width and the drawing's, at the try before
    for attempt in range(16):
        if attempt == 0:  # sizes only grow, and a narrower figure makes no text smaller
            _legible_text(fig)
        if len(fig.axes) > 1 and fig.get_layout_engine() is None:
            with warnings.catch_warnings():  # stacked plots: make room again for their wrapped titles
                warnings.simplefilter("ignore")
                fig.tight_layout()
        fig.draw_without_rendering()
        _legend_below(fig, PHONE_WIDTH_PX - 64)
        fig.draw_without_rendering()
        _thin_ticks(fig)
        width = _tight_width_px(fig)  # what the SVG will measure, without writing one per try
        if width <= target_px:
            if _collisions(fig) > collisions:
                return None
            svg = _svg(fig)
            if _svg_size(svg)[0] <= target_px + 2:
                return svg
            width = _svg_size(svg)[0]
        w = fig.get_size_inches()[0]
        if w <= floor:
            return None
        narrower, tried = _narrower(w, width, target_px, tried), (w, width)
        fig.set_size_inches(max(narrower, floor), height)
    return None


def _narrower(inches: float, width_px: float, target_px: float, tried: tuple[float, float] | None) -> float:
    """The figure width (inches) that should bring the drawing from width_px to target_px. Text outside the plot
    does not shrink with the figure, so the drawing narrows by only part of what the figure loses: that part is
    learnt from the try before (a secant step), so a drawing with wide labels fits in a few tries, not sixteen."""
    share = 1.0
    if tried is not None and tried[0] != inches:
        share = min(max((tried[1] - width_px) / ((tried[0] - inches) * 96), 0.05), 1.0)
    return inches - (width_px - target_px + 2) / 96 / share


def _rows_grow(ax: Any, labels: list[Text], wrapped: list[str], size: float) -> float:
    """How many times taller the plot must be for the tallest wrapped row label to fit between its neighbours
    (a timeline's event names wrap to six or seven lines on a phone, and the rows' fixed share did not fit them)."""
    places = sorted(ax.transData.transform([(0, t.get_position()[1]) for t in labels])[:, 1])
    gaps = [b - a for a, b in itertools.pairwise(places) if b - a > 0]
    if not gaps:
        return 1.0
    tallest = max(w.count("\n") + 1 for w in wrapped) * size * 1.2 * ax.figure.dpi / 72  # matplotlib's line spacing
    return (tallest + 6) / min(gaps)


def _phone_svg(fig: Figure, laptop_px: float) -> bytes | None:
    """The chart redrawn for a phone (see PHONE_WIDTH_PX), or None when it cannot be drawn narrower than before.

    Titles, legends and category labels are wrapped to the phone's width; the drawing is then made as narrow as
    its plot allows (PHONE_STEPS_PX): a dense plot may still scroll, but its title and legend are read without
    scrolling and its first screen shows the data beside short row labels.
    """
    fig.draw_without_rendering()
    collisions = _collisions(fig)
    renderer = fig.canvas.get_renderer()
    wide = PHONE_WIDTH_PX - 24
    grow = 1.0
    rows = 1.0  # how much taller the plot must be for its wrapped row labels to stay apart (measured, below)
    added = 0  # lines added to a title: stacked plots move apart to make room for them
    for ax in fig.axes:
        offset = (ax.bbox.x0 - min(_axis_box(ax.yaxis, renderer).x0, ax.bbox.x0)) * CSS_PX_PER_DISPLAY_PX
        for title in (ax.title, ax._left_title, ax._right_title):
            if title.get_text().strip():
                before = title.get_text().count("\n")
                title.set_text(_wrap(title.get_text(), _text_px(title, renderer), wide - min(offset, wide * 0.42)))
                added = max(added, title.get_text().count("\n") - before)
        xlabel = ax.xaxis.label
        if xlabel.get_text().strip():
            xlabel.set_text(_wrap(xlabel.get_text(), _text_px(xlabel, renderer), wide * 0.55))
        for axis, share in ((ax.yaxis, 0.42), (ax.xaxis, None)):
            labels = [t for t in axis.get_ticklabels() if t.get_visible()]
            if not labels or not any(any(c.isalpha() for c in t.get_text()) for t in labels):
                continue  # numbers and dates keep their formatter
            allowed = wide * share if share else wide * 0.55 / max(len(labels), 1) - 8
            wrapped = [_wrap(t.get_text(), _text_px(t, renderer), allowed) for t in labels]
            if wrapped != [t.get_text() for t in labels]:
                size = labels[0].get_fontsize()
                if axis is ax.yaxis:  # rows of wrapped labels need more height to stay apart
                    lines = max(w.count("\n") for w in wrapped) - max(t.get_text().count("\n") for t in labels)
                    grow = max(grow, 1 + 0.2 * lines)
                    rows = max(rows, _rows_grow(ax, labels, wrapped, size))
                axis.set_ticks(axis.get_ticklocs(), wrapped, fontsize=size)
    if added and len(fig.axes) > 1:
        fig.subplots_adjust(hspace=fig.subplotpars.hspace + 0.12 * added)
        grow = max(grow, 1 + 0.1 * added)
    suptitle = fig._suptitle
    if suptitle is not None and suptitle.get_text().strip():
        suptitle.set_text(_wrap(suptitle.get_text(), _text_px(suptitle, renderer), wide))
    height = fig.get_size_inches()[1] * max(min(grow, 1.6), min(rows, 2.5))
    for target in (*PHONE_STEPS_PX, laptop_px):
        svg = _fit(fig, target, height, collisions)
        if svg is not None:
            return svg
    return None
