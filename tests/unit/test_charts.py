"""Charts always carry alt text, a caption naming their sources, and their data as a table."""

from __future__ import annotations

import pytest

import minebook as mb


def draw(df):
    fig, ax = mb.new_figure()
    ax.bar(df["name"], df["count"])
    return fig


def test_chart_html_has_alt_text_caption_sources_and_data(minibook):
    df = mb.table("things")
    bundle = mb.show_chart(draw(df), df, alt="Bars: alpha 312, beta 26.", caption="Alpha is larger.")._repr_mimebundle_()
    html = bundle["text/html"]
    assert 'alt="Bars: alpha 312, beta 26."' in html
    assert "<figcaption>Alpha is larger." in html
    # Issue 14: sources named in words by the bibliography's author–year label, linked to the entry; never a key.
    assert 'href="../bibliography.html#cite-good">Some Monitor 2024</a>' in html
    assert 'href="../bibliography.html#cite-other">Doe 2023</a>' in html
    assert ">good<" not in html and ">other<" not in html and "good; other" not in html
    assert "Figures as published in 2024." in html  # the table's refers_to: the edition is always named
    assert "<table" in html and "<td>alpha</td>" in html and "<th></th>" not in html  # no empty index header
    assert bundle["image/png"].startswith(b"\x89PNG")


def test_chart_without_alt_text_is_refused(minibook):
    df = mb.table("things")
    with pytest.raises(ValueError, match="alt text"):
        mb.show_chart(draw(df), df, alt=" ", caption="x")


def test_chart_from_a_frame_without_a_described_table_is_refused(minibook):
    import pandas as pd

    df = pd.DataFrame({"name": ["a"], "count": [1]})
    with pytest.raises(ValueError, match=r"mb\.table"):
        mb.show_chart(draw(df), df, alt="a", caption="b")


def test_chart_svg_is_the_same_in_every_build(minibook):
    df = mb.table("things")
    one = mb.show_chart(draw(df), df, alt="a", caption="b").svg
    two = mb.show_chart(draw(df), df, alt="a", caption="b").svg
    assert one == two


def test_text_in_quiz_and_chart_captions_is_escaped(minibook):
    df = mb.table("things")
    html = mb.show_chart(draw(df), df, alt='"><script>x</script>', caption="<b>c</b>")._repr_mimebundle_()["text/html"]
    assert "<script>x" not in html and "<b>c</b>" not in html


def test_every_chart_text_is_at_least_12_css_px_and_the_drawing_fits_a_laptop_column(minibook):
    """Issue 14: a chapter's fontsize=7 is raised to 9.5 pt (12.7 CSS px at the natural size the book shows),
    and a figure drawn too wide is narrowed to the article's width on a 1280 px laptop."""
    import re

    df = mb.table("things")
    fig, ax = mb.new_figure(figsize=(12, 3))
    ax.bar(df["name"], df["count"])
    ax.annotate("tiny note", (0, 1), fontsize=7)
    ax.tick_params(labelsize=6)
    chart = mb.show_chart(fig, df, alt="a", caption="b")
    svg = chart.svg.decode()
    sizes = [float(x) for x in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) >= 9.5, sorted(sizes)[:3]
    assert chart.width <= 656, chart.width


def test_a_chart_with_a_twin_axis_and_a_heading_only_plot_gets_a_phone_drawing(minibook):
    """Session 7: a plot whose axis shows no labels (a twin's hidden left side, a row of column headings with no
    y labels) has no box of its own; the phone drawing measured it and stopped the build with a traceback."""
    df = mb.table("things")
    fig, (head, ax) = mb.new_figure(2, 1, sharex=True, figsize=(7, 3), height_ratios=[0.01, 1])
    ax.bar(df["name"], df["count"])
    ax.twinx().set_yticks([0, 1], ["a place named at some length", "another place named at length"])
    head.set_yticks([])
    head.xaxis.set_tick_params(labeltop=True, labelbottom=False)
    ax.xaxis.set_tick_params(labelbottom=False)
    ax.legend(["counts"], loc="upper left", bbox_to_anchor=(0, -0.1))
    chart = mb.show_chart(fig, df, alt="a", caption="b")
    assert chart.width > 320 and chart.phone_svg is not None


def test_axis_numbers_use_the_readers_decimal_sign(minibook, monkeypatch):
    """Issue 16: a Ukrainian chart's axis reads «0,5», not «0.5» (its default tick numbers; a chapter's own formatter
    is left alone). The English chart keeps its points."""
    import re

    df = mb.table("things")

    def svg_ticks(lang: str) -> list[str]:
        monkeypatch.setenv("MINEBOOK_LANG", lang)
        fig, ax = mb.new_figure()
        ax.bar(df["name"], df["count"] / 1000)  # 0.312 and 0.026: ticks 0.00 ... 0.30
        chart = mb.show_chart(fig, df, alt="Bars.", caption="Alpha is larger.")
        return re.findall(r">(\d+[.,]\d+)</text>", chart.svg.decode())

    english, ukrainian = svg_ticks("en"), svg_ticks("uk")
    assert english and all("." in t for t in english), english
    assert ukrainian and all("," in t and "." not in t for t in ukrainian), ukrainian
