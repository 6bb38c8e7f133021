"""The buttons that open the table of contents and "on this page" work, by mouse and by keyboard.

In the stock Jupyter Book 1 stack (sphinx-book-theme 1.3.0 on pydata-sphinx-theme 0.17.1) they did
nothing: the scripts bound to hidden copies of the buttons (pydata-sphinx-theme issue #2451; the fix is
``_templates/sections/header.html``). On a phone that left no way to reach the other chapters. Closing the menu gives focus back to its button
(``minebook/sphinx/theme_fixes.py``).
"""

from __future__ import annotations

import pytest
from helpers import in_every_language
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CHAPTER = "chapters/mine-types.html"
PAGES = in_every_language([CHAPTER])  # the Ukrainian page too: its menu is the theme's, with its own words


def _at_width(page: Page, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 800})
    page.reload(wait_until="load")
    return page


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_phone_menu_button_opens_the_table_of_contents(open_page, how: str, path: str) -> None:
    page = _at_width(open_page(path), 390)
    button = page.locator("button.primary-toggle:visible")
    assert button.count() == 1, "one visible menu button on a phone"
    if how == "mouse":
        button.click()
    else:
        button.focus()
        page.keyboard.press("Enter")
    menu = page.locator("dialog#pst-primary-sidebar-modal[open]")
    menu.wait_for(timeout=3000)
    links = menu.get_by_role("link")
    targets = " | ".join(a or "" for a in links.evaluate_all("ls => ls.map(l => l.getAttribute('href'))"))
    for chapter in ("reading-the-report", "treaty-obligations", "competing-claims"):  # (this page's own link is "#")
        assert f"{chapter}.html" in targets, f"{chapter!r} not in the opened menu: {targets}"
    assert all(t.strip() for t in links.all_inner_texts()), "every chapter in the menu has a visible title"
    page.keyboard.press("Escape")
    page.locator("dialog#pst-primary-sidebar-modal[open]").wait_for(state="detached", timeout=3000)
    assert page.evaluate("document.activeElement.matches('button.primary-toggle')"), (
        "focus goes back to the menu button when the menu closes"
    )
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("path", PAGES)
def test_phone_contents_button_opens_on_this_page(open_page, path: str) -> None:
    page = _at_width(open_page(path), 390)
    page.locator("button.secondary-toggle:visible").click()
    panel = page.locator("dialog#pst-secondary-sidebar-modal[open]")
    panel.wait_for(timeout=3000)
    assert panel.get_by_role("link").count() >= 3, "the chapter's sections are listed"
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("path", PAGES)
def test_wide_screen_menu_button_hides_and_shows_the_sidebar(open_page, path: str) -> None:
    page = _at_width(open_page(path), 1280)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    button = page.locator("button.primary-toggle:visible")
    button.click()
    page.wait_for_function("!document.querySelector('#pst-primary-sidebar').checkVisibility({visibilityProperty: true})", timeout=3000)
    button.click()
    page.wait_for_function("document.querySelector('#pst-primary-sidebar').checkVisibility({visibilityProperty: true})", timeout=3000)
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_menu_names_each_part_and_page_once(open_page, path: str, width: int) -> None:
    """A part's caption and a page's title are different words ("For instructors" was both, in the menu one under
    the other, and «Для викладачів» twice in Ukrainian)."""
    page = _at_width(open_page(path), width)
    if width < 960:
        page.locator("button.primary-toggle:visible").click()
        menu = page.locator("dialog#pst-primary-sidebar-modal[open]")
        menu.wait_for(timeout=3000)
    else:
        menu = page.locator("#pst-primary-sidebar")
    names = [" ".join(t.split()) for t in menu.locator("nav.bd-links :is(.caption-text, a)").all_inner_texts()]
    names = [n for n in names if n]
    assert len(names) >= 8, f"the menu lists its parts and pages: {names}"
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"named twice in the menu: {twice}"
