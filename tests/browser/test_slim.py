"""The slimmed theme stylesheets and icon fonts look exactly like the theme's own (minebook/sphinx/slim.py).

Stylesheets: each page is photographed twice in Chromium, as built and with
the browser handed the theme's original stylesheets (all of Bootstrap and Font
Awesome) instead. The pictures must be identical, in both colour themes, on a
wide and a phone-sized screen, and with the parts a reader opens (the phone
menu, the search box, the download menu, a tooltip, a checked quiz question),
whose classes only the theme's scripts add.

Icon fonts: every icon character those pages draw must be in the cut-down font
with exactly the theme font's outline and width. (Pictures are not compared
here: Linux's FreeType auto-hinter tunes a font as a whole, so the same outline
in a smaller font can be anti-aliased a shade differently.)
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pydata_sphinx_theme
import pytest
import sphinx_book_theme
from fontTools.ttLib import TTFont
from helpers import open_book_page
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Route

from minebook.sphinx.pagespeed import BUNDLE_PREFIX, bundle_sources, bundle_text

pytestmark = pytest.mark.browser

_PYDATA = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
_BOOK_THEME = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme" / "static"
# URL path inside the book -> the theme's original file.
STYLESHEETS = {
    "_static/styles/pydata-sphinx-theme.css": _PYDATA / "styles" / "pydata-sphinx-theme.css",
    "_static/styles/sphinx-book-theme.css": _BOOK_THEME / "styles" / "sphinx-book-theme.css",
}
FONTS = {
    f"_static/vendor/fontawesome/webfonts/{font.name}": font
    for font in sorted((_PYDATA / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
}
ORIGINALS = {**STYLESHEETS, **FONTS}


def _search_done(page: Page) -> None:
    page.locator("#search-results .search-summary", has_text="found").wait_for()
    # Sphinx says "finished" once every result is listed; each result's snippet is fetched after that.
    page.wait_for_load_state("networkidle")
    # The page's own search field may still be fading its focus ring in (one 2 px column differed now and then).
    page.evaluate("document.activeElement?.blur()")


def _open_menu(page: Page) -> None:
    page.locator("button.primary-toggle:visible").first.click()
    page.locator("dialog#pst-primary-sidebar-modal[open]").wait_for()


def _open_search(page: Page) -> None:
    # With the keyboard shortcut: a click leaves the button under the pointer mid-way through its hover
    # transition behind the dialog's backdrop, which made the two pictures differ now and then.
    page.keyboard.press("Control+k")
    page.locator("dialog#pst-search-dialog[open]").wait_for()


def _open_downloads(page: Page) -> None:
    page.locator(".dropdown-download-buttons > button").first.click()
    page.locator(".dropdown-download-buttons .dropdown-menu.show").wait_for()


def _show_tooltip(page: Page) -> None:
    page.locator("button.theme-switch-button").first.hover()
    page.locator(".tooltip.show").wait_for()


def _check_a_question(page: Page) -> None:
    question = page.locator(".mb-quiz fieldset").first
    question.scroll_into_view_if_needed()
    question.locator("input").first.check()
    question.locator("button[data-act=check]").first.click()


# name: (page, screen width, what the reader does first, photograph the whole page or the screen)
CASES: dict[str, tuple[str, int, Callable[[Page], None] | None, bool]] = {
    "front page, wide": ("intro.html", 1280, None, True),
    "front page, phone": ("intro.html", 390, None, True),
    "chapter, wide": ("chapters/mine-types.html", 1280, None, True),
    "chapter, phone": ("chapters/mine-types.html", 390, None, True),
    "glossary, wide": ("appendices/glossary.html", 1280, None, True),
    "search results": ("search.html?q=mine", 1280, _search_done, True),
    "phone menu open": ("chapters/mine-types.html", 390, _open_menu, False),
    "search box open": ("chapters/mine-types.html", 1280, _open_search, False),
    "download menu open": ("chapters/mine-types.html", 1280, _open_downloads, False),
    "tooltip shown": ("chapters/mine-types.html", 1280, _show_tooltip, False),
    "quiz question checked": ("chapters/mine-types.html", 1280, _check_a_question, False),
}


def _photograph(browser: Browser, base_url: str, path: str, theme: str, width: int,
                action: Callable[[Page], None] | None, whole: bool, original: bool,
                built_book: Path) -> tuple[bytes, Page, list[str]]:
    page = open_book_page(browser, base_url, path, theme)
    base_url = base_url.rstrip("/")
    served: list[str] = []
    if original:
        # Each page links one stylesheet joined from the theme's and the extensions' (minebook/sphinx/pagespeed.py):
        # the browser gets the same bundle made with the theme's original files in place of the slimmed ones.
        def hand_over(route: Route) -> None:
            relative = route.request.url.split("?")[0].removeprefix(base_url).lstrip("/")
            sources = bundle_sources(built_book / relative)

            def read(source: str) -> str:
                if source in STYLESHEETS:
                    served.append(source)
                    return STYLESHEETS[source].read_text(encoding="utf-8")
                return (built_book / source).read_text(encoding="utf-8")

            route.fulfill(body=bundle_text(sources, read), content_type="text/css")

        page.context.route(f"{base_url}/_static/{BUNDLE_PREFIX}*", hand_over)
    page.set_viewport_size({"width": width, "height": 900})
    page.reload(wait_until="load")
    page.evaluate("document.fonts.ready")
    if action:
        action(page)
    page.evaluate("document.fonts.ready")
    picture = page.screenshot(full_page=whole, animations="disabled", caret="hide")
    return picture, page, served


# Anti-aliasing noise: Chromium now and then shades the rounded corners of the search page's field one level
# apart between two loads of the same files (seen: 10 pixels, at most 1 level of 255). A missing rule changes
# a colour, a line or a position, far more than this.
NOISE_LEVELS = 2


def difference(first: bytes, second: bytes) -> str:
    """What differs between two screenshots beyond anti-aliasing noise ("" when nothing does)."""
    a, b = (Image.open(io.BytesIO(picture)).convert("RGB") for picture in (first, second))
    if a.size != b.size:
        return f"sizes differ: {a.size} and {b.size}"
    diff = ImageChops.difference(a, b)
    largest = max(high for _, high in diff.getextrema())
    if largest <= NOISE_LEVELS:
        return ""
    return f"pixels in {diff.getbbox()} differ by up to {largest} levels of 255"


def test_the_noise_allowance_still_sees_a_changed_rule() -> None:
    """The comparison must fail on a real change: a border one shade darker than noise, or moved by a pixel."""
    def png(image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()

    page = Image.new("RGB", (40, 20), (255, 255, 255))
    shaded = page.copy()
    shaded.putpixel((5, 5), (254, 254, 255))
    darker = page.copy()
    darker.putpixel((5, 5), (250, 250, 250))
    assert difference(png(page), png(page)) == ""
    assert difference(png(page), png(shaded)) == ""
    assert "differ by up to 5" in difference(png(page), png(darker))
    assert "sizes differ" in difference(png(page), png(Image.new("RGB", (40, 21), (255, 255, 255))))


def test_the_theme_files_are_slimmed(built_book: Path) -> None:
    built_total = original_total = 0
    for relative, original in ORIGINALS.items():
        built = built_book / relative
        assert built.is_file(), f"{relative} missing from the built book"
        assert built.stat().st_size < original.stat().st_size, (
            f"{relative}: {built.stat().st_size:,} bytes, the theme's is {original.stat().st_size:,}: not slimmed"
        )
        built_total += built.stat().st_size
        original_total += original.stat().st_size
    assert built_total < original_total / 3, f"theme files {built_total:,} bytes of {original_total:,}"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("case", list(CASES))
def test_slimmed_theme_looks_like_the_original(browser: Browser, book_server: str, built_book: Path, tmp_path: Path,
                                               case: str, theme: str) -> None:
    """A missing rule changes the picture every time; Chromium now and then paints one 2 px column of the search
    page's field differently between two loads of the same files. So shading within NOISE_LEVELS is allowed, and
    a pair that differs more is photographed again (at most twice): only a difference that persists fails."""
    path, width, action, whole = CASES[case]
    tries = 3
    found = ""
    for _ in range(tries):
        slim, slim_page, _ = _photograph(browser, book_server, path, theme, width, action, whole, False, built_book)
        full, full_page, served = _photograph(browser, book_server, path, theme, width, action, whole, True, built_book)
        try:
            assert sorted(set(served)) == sorted(STYLESHEETS), f"the theme's stylesheets were not all replaced: {served}"
            for page in (slim_page, full_page):
                assert not page.failed_requests, page.failed_requests
                assert not page.console_errors, page.console_errors
        finally:
            slim_page.context.close()
            full_page.context.close()
        found = difference(slim, full)
        if not found:
            return
    (tmp_path / "slim.png").write_bytes(slim)
    (tmp_path / "original.png").write_bytes(full)
    pytest.fail(f"{case} ({theme}) looks different with the slimmed theme files ({tries} tries; {found}): compare "
                f"{tmp_path / 'slim.png'} with {tmp_path / 'original.png'}")


# Characters drawn in an icon font on the page: (font family, weight, code point) of each ::before/::after.
_ICON_CHARACTERS = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (!/Font Awesome/.test(style.fontFamily) || !/^["']/.test(style.content)) continue;
      for (const ch of style.content.slice(1, -1)) found.push([style.fontFamily, style.fontWeight, ch.codePointAt(0)]);
    }
  }
  return found;
}"""


def _font_for(family: str, weight: str) -> str:
    if "Brands" in family:
        return "fa-brands-400.woff2"
    return "fa-solid-900.woff2" if int(weight) >= 600 else "fa-regular-400.woff2"


def test_every_icon_drawn_keeps_the_theme_fonts_glyph(open_page, built_book: Path) -> None:
    fonts_dir = "_static/vendor/fontawesome/webfonts/"
    drawn: set[tuple[str, int]] = set()
    for path in ("intro.html", "chapters/mine-types.html", "appendices/glossary.html", "search.html"):
        page = open_page(path, theme="light")
        page.evaluate("document.fonts.ready")
        drawn |= {(_font_for(family, weight), point) for family, weight, point in page.evaluate(_ICON_CHARACTERS)}
    assert len(drawn) >= 5, f"only {len(drawn)} icon characters found: the check looks in the wrong place"
    fonts = {name: (TTFont(built_book / fonts_dir / name), TTFont(FONTS[fonts_dir + name]))
             for name in {name for name, _ in drawn}}
    for name, point in sorted(drawn):
        slim, original = fonts[name]
        wanted = original.getBestCmap().get(point)
        if wanted is None:
            continue  # not in the theme's font either: the browser falls back the same way
        have = slim.getBestCmap().get(point)
        assert have is not None, f"U+{point:04X} is drawn on the page but was cut from {name}"
        assert slim["hmtx"][have] == original["hmtx"][wanted], f"U+{point:04X}: width changed in {name}"
        slim_outline = slim["glyf"][have].getCoordinates(slim["glyf"])
        original_outline = original["glyf"][wanted].getCoordinates(original["glyf"])
        assert list(slim_outline[0]) == list(original_outline[0]), f"U+{point:04X}: outline changed in {name}"
        assert list(slim_outline[1]) == list(original_outline[1]), f"U+{point:04X}: contours changed in {name}"
