"""Chart labels a reader can tell apart (session 7): no two texts of a chart's drawing overlap, on a 390 px phone
(its own drawing) or a 1280 px laptop, and the laptop drawing fits the article (MAX_WIDTH_PX) without scrolling.

Measured in Chromium: ``chart_overlaps.js`` lays out again the SVG the <img> shows, at the size it is shown, and
compares the boxes of its <text> elements. The evidence grid of "Competing claims" once labelled its markers with
annotations that ran into each other and into the column headings, and was 709 px wide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import in_every_language
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CHART_OVERLAPS_JS = (Path(__file__).parent / "chart_overlaps.js").read_text(encoding="utf-8")
MAX_WIDTH_PX = 656  # minebook/content/charts.py: the article's width on a 1280 px laptop
PAGES = ("chapters/reading-the-report.html", "chapters/mine-types.html", "chapters/treaty-obligations.html",
         "chapters/competing-claims.html", "chapters/human-cost.html")


def _at_width(page: Page, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 900})
    page.reload(wait_until="load")
    return page


@pytest.mark.parametrize("width", (390, 1280))
@pytest.mark.parametrize("path", in_every_language(PAGES))
def test_no_two_texts_of_a_chart_overlap(open_page, path: str, width: int) -> None:
    charts = _at_width(open_page(path), width).evaluate(CHART_OVERLAPS_JS)
    assert len(charts) >= 2, f"{path}: expected its charts, found {len(charts)}"
    overlapping = [f"chart {c['index'] + 1} ({c['drawing']} drawing, {c['alt']}...): " + "; ".join(c["overlaps"][:6])
                   + (f" and {len(c['overlaps']) - 6} more" if len(c["overlaps"]) > 6 else "")
                   for c in charts if c["overlaps"]]
    assert not overlapping, f"{path} at {width} px: texts drawn over each other:\n" + "\n".join(overlapping)


@pytest.mark.parametrize("path", in_every_language(PAGES))
def test_on_a_laptop_every_chart_fits_the_article(open_page, path: str) -> None:
    charts = _at_width(open_page(path), 1280).evaluate(CHART_OVERLAPS_JS)
    assert charts, f"{path}: no chart found"
    wide = [f"chart {c['index'] + 1} ({c['alt']}...): {c['natural']} px" for c in charts if c["natural"] > MAX_WIDTH_PX]
    assert not wide, f"{path}: laptop drawings wider than {MAX_WIDTH_PX} px scroll sideways:\n" + "\n".join(wide)
