"""What a reader sees of a chapter on a 390 px phone and on paper (session 6 review).

Phone: a chart wider than the screen is drawn again for the phone (minebook/content/charts.py), so its title and
legend are read without scrolling sideways; a text table (terms and meanings) wraps to the screen.
Print (Chromium's print to PDF): the screen-only controls are left out, headings stay with what follows, and the
focus ring of the last field typed in is not printed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CHAPTERS = ("chapters/human-cost.html", "chapters/mine-types.html", "chapters/competing-claims.html")
LANGS = ("", "uk/")

# Every title (bold) and legend text of every chart: its right edge, in CSS px from the frame's left edge, with the
# frame scrolled to its start, and the frame's visible width. The SVG is laid out again inline at the size the
# <img> is shown (as chart_text.js does), so the positions are those the reader sees.
CHART_EDGES_JS = """async () => {
  const out = [];
  for (const [i, img] of [...document.querySelectorAll("figure.mb-chart img.mb-chart-img")].entries()) {
    img.scrollIntoView();
    if (!img.complete) await new Promise((done) => img.addEventListener("load", done, { once: true }));
    const frame = img.closest(".mb-chart-frame");
    frame.scrollLeft = 0;
    const style = getComputedStyle(img);
    const box = img.getBoundingClientRect();
    const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const width = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    const height = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    const source = await (await fetch(img.currentSrc || img.src)).text();
    const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
    svg.setAttribute("width", `${width}px`);
    svg.setAttribute("height", `${height}px`);
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;";
    holder.appendChild(document.importNode(svg, true));
    document.body.appendChild(holder);
    const inner = holder.querySelector("svg").getBoundingClientRect().left;
    const texts = [];
    for (const t of holder.querySelectorAll("text")) {
      const words = t.textContent.trim();
      if (!words) continue;
      const bold = /font-weight:\\s*(bold|[6-9]00)/.test(t.getAttribute("style") || "");
      const legend = !!t.closest('g[id^="legend"]');
      if (!bold && !legend) continue;
      texts.push({ text: words.slice(0, 50), right: t.getBoundingClientRect().right - inner });
    }
    holder.remove();
    const frameBox = frame.getBoundingClientRect();
    out.push({ index: i, alt: img.alt.slice(0, 50), visible: frame.clientWidth - (left - frameBox.left),
               shown: width, texts });
  }
  return out;
}"""


def _at_width(page: Page, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 900})
    page.reload(wait_until="load")
    return page


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CHAPTERS)
def test_on_a_phone_every_chart_title_and_legend_is_read_without_scrolling(open_page, path: str, lang: str,
                                                                             theme: str) -> None:
    page = _at_width(open_page(lang + path, theme=theme), 390)
    charts = page.evaluate(CHART_EDGES_JS)
    assert charts, f"{lang}{path}: no chart found"
    cut = [f"chart {c['index'] + 1} ({c['alt']}...): {t['text']!r} ends at {t['right']:.0f} px, "
           f"the screen shows {c['visible']:.0f} px of the chart"
           for c in charts for t in c["texts"] if t["right"] > c["visible"] + 1]
    assert not cut, f"{lang}{path}:\n" + "\n".join(cut)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{lang}{path}: the page scrolls sideways"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CHAPTERS)
def test_on_a_phone_a_chart_is_drawn_narrower_than_on_a_laptop(open_page, path: str, lang: str) -> None:
    """Each chart wider than the phone's screen has its own, narrower phone drawing (some still scroll a little)."""
    page = _at_width(open_page(lang + path), 390)
    charts = page.evaluate("""() => [...document.querySelectorAll('figure.mb-chart img.mb-chart-img')].map(img => ({
        phone: !!img.closest('picture') && img.currentSrc !== new URL(img.getAttribute('src'), location.href).href,
        width: img.getBoundingClientRect().width, frame: img.closest('.mb-chart-frame').clientWidth,
        laptop: parseFloat(img.getAttribute('width')) + 8}))""")
    assert charts
    for i, chart in enumerate(charts):
        assert chart["phone"], f"{lang}{path}: chart {i + 1} shows the laptop drawing ({chart['width']:.0f} px) on a phone"
        assert chart["width"] <= chart["laptop"] + 8, f"{lang}{path}: chart {i + 1} is wider on a phone than on a laptop"


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_a_text_table_wraps_to_the_screen(open_page, lang: str) -> None:
    """The key terms (a two-column table of terms and meanings) fit the screen: no column is cut off."""
    page = _at_width(open_page(lang + "chapters/human-cost.html"), 390)
    report = page.evaluate("""() => [...document.querySelectorAll('.bd-article table')]
        .filter(t => t.rows.length && t.rows[0].cells.length <= 2)
        .map(t => ({cells: Math.max(...[...t.querySelectorAll('th, td')].map(c => c.getBoundingClientRect().right)),
                    scrolls: t.scrollWidth > t.clientWidth + 1}))""")
    assert report, "human-cost has a two-column key-terms table"
    for i, table in enumerate(report):
        assert table["cells"] <= 390 - 8, f"{lang}human-cost: text table {i + 1} reaches {table['cells']:.0f} px of 390"
        assert not table["scrolls"], f"{lang}human-cost: text table {i + 1} scrolls sideways instead of wrapping"


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_chapter_leaves_out_screen_controls_and_keeps_headings_with_their_text(open_page, lang: str) -> None:
    page = open_page(lang + "chapters/mine-types.html")
    field = page.locator('.mb-quiz input[type="text"]').first
    field.fill("3")
    field.focus()
    page.emulate_media(media="print")
    assert page.locator("details.hide.above-input").count() >= 3, "the chapter has code toggles"
    shown = page.evaluate("""() => [...document.querySelectorAll('details.hide.above-input, .mb-skip-quiz')]
        .filter(e => e.getClientRects().length > 0).map(e => e.innerText.trim().slice(0, 40))""")
    assert not shown, f"printed: {shown}"
    breaks = page.evaluate("""() => [...document.querySelectorAll('.bd-article h2, .bd-article h3')]
        .map(h => [getComputedStyle(h).breakAfter, getComputedStyle(h).breakInside])""")
    assert breaks and all(b == ["avoid", "avoid"] for b in breaks), breaks
    assert field.evaluate("e => getComputedStyle(e).outlineStyle") == "none", "the focus ring is printed"
    for selector in (".mb-q", "figure.mb-chart"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).breakInside") == "avoid", selector
