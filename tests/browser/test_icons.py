"""The theme's icons still show after dropping fontawesome.js (1.49 MB): the stylesheet draws them from its web font."""

from __future__ import annotations

import pytest

ICONS = {
    "search button": ".search-button-field i",
    "download menu": ".dropdown-download-buttons i, .btn-download-source-button i, [class*='download'] i",
    "full screen button": ".btn-fullscreen-button i, [class*='fullscreen'] i",
    "colour-mode button": ".theme-switch-button i, .theme-switch-button span i",
}


@pytest.mark.parametrize("name", list(ICONS))
def test_theme_icon_is_drawn_by_the_web_font(open_page, name):
    page = open_page("chapters/mine-types.html")
    page.wait_for_function("document.fonts.status === 'loaded'")
    drawn = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null).map(e => {
            const before = getComputedStyle(e, '::before');
            return {glyph: before.content, font: before.fontFamily, width: e.getBoundingClientRect().width};
        })""",
        ICONS[name],
    )
    assert drawn, f"no visible {name} icon found"
    for icon in drawn:
        assert icon["glyph"] not in ("none", "normal", '""'), f"{name}: no glyph ({icon})"
        assert "Font Awesome" in icon["font"], f"{name}: drawn in {icon['font']!r}, not the icon font"
        assert icon["width"] > 0, f"{name}: zero width"


def test_pages_do_not_load_the_fontawesome_script(built_book):
    for page in built_book.rglob("*.html"):
        if "_static" in page.parts:  # the theme's own template copy, not a page
            continue
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page.relative_to(built_book)
