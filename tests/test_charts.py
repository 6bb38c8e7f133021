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
    assert "Some Monitor, A good source (2024)" in html and "Doe, Another source (2023)" in html
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
