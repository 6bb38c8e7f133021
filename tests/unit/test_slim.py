"""minebook.sphinx.slim keeps every theme rule that can apply and every icon that is drawn (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

from minebook.sphinx.slim import ClassUse, drawn_characters, selector_can_match, slim_stylesheet, subset_font

SOLID = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "vendor"
         / "fontawesome" / "webfonts" / "fa-solid-900.woff2")


def use(*names: str, script: str = "") -> ClassUse:
    found = ClassUse(names=set(names))
    found.add_words(script)
    return found


@pytest.mark.parametrize(("selector", "keep"), [
    (".used", True),
    (".unused", False),
    ("div > .used .unused", False),
    ("p", True),
    ("a:not(.unused)", True),                 # :not() never requires its class
    (".used:is(.unused, .other)", True),      # nor do :is() / :where()
    ("[class*=col-] .used", True),            # an attribute selector is not a class
    (".bs-tooltip-auto", True),               # a script builds it from "bs-" + ...
    (".sm\\:grid", True),                     # escaped names are kept, not guessed
    ("#some-id .unused::before", False),
])
def test_a_selector_is_dropped_only_when_it_needs_a_class_nobody_uses(selector: str, keep: bool) -> None:
    assert selector_can_match(selector, use("used", script="tip.classList.add(`bs-${name}-auto`)")) is keep


def test_a_rule_is_kept_whole_if_any_selector_can_match() -> None:
    css = ".unused,.used{color:red}.gone{color:blue}"
    assert slim_stylesheet(css, use("used")) == ".unused,.used{color:red}\n"


def test_media_blocks_font_faces_and_keyframes() -> None:
    css = ("@charset \"UTF-8\";@media (min-width:1px){.gone{x:1}}@media print{.used{x:2}}"
           "@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}")
    slim = slim_stylesheet(css, use("used"))
    assert "(min-width:1px)" not in slim, "an @media block left empty is dropped"
    assert "@media print{.used{x:2}}" in slim
    assert "@font-face{font-family:X;src:url(x.woff2)}" in slim
    assert "@keyframes spin" in slim
    assert slim.startswith('@charset "UTF-8";')


def test_slimming_twice_changes_nothing() -> None:
    css = (SOLID.parent.parent.parent.parent / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    found = use("bd-header", "navbar", "fa-solid", "fa-bars", "show")
    once = slim_stylesheet(css, found)
    assert len(once) < len(css) / 3
    assert slim_stylesheet(once, found) == once


def test_icon_characters_are_read_from_every_string() -> None:
    css = '.fa-bars:before{content:"\\f0c9"}:root{--pst-icon-note:"\uf05a"}.x:after{content:\'\\\\\'}'
    assert {0xF0C9, 0xF05A, ord("\\")} <= drawn_characters(css)


def test_font_subset_keeps_the_glyphs_asked_for_and_is_stable(tmp_path: Path) -> None:
    font = tmp_path / "fa-solid-900.woff2"
    font.write_bytes(SOLID.read_bytes())
    assert subset_font(font, {0xF0C9, 0xF105})
    first = font.read_bytes()
    assert len(first) < SOLID.stat().st_size / 10
    assert set(TTFont(font).getBestCmap()) == {0xF0C9, 0xF105}
    assert not subset_font(font, {0xF0C9, 0xF105}), "a second pass leaves the file alone"
    again = tmp_path / "again.woff2"
    again.write_bytes(SOLID.read_bytes())
    subset_font(again, {0xF0C9, 0xF105})
    assert again.read_bytes() == first, "two builds give the same font file"
