"""A keyboard user reaches each chapter's quiz in a few Tab presses (issue 14: it took about 120).

From page load the test presses Tab as a keyboard user would; when the focus is on a "Skip to the quiz" link it
presses Enter (once), and it counts Tab presses until the focus is inside the page's first quiz. The link must be
seen when it has the focus (it is hidden until then, like the theme's own "Skip to main content").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO_ROOT as REPO
from helpers import in_every_language, say
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

MAX_TABS = 5  # Tab presses from page load to the first quiz control, the skip link's Enter not counted
GIVE_UP = 400  # more Tab presses than any page of the book has stops
CHAPTERS = sorted(f"chapters/{p.name.removesuffix('.quiz.yml')}.html" for p in (REPO / "chapters").glob("*.quiz.yml"))
PAGES = in_every_language(CHAPTERS)  # the Ukrainian chapters too, with their own link words

FOCUS = """(skipWords) => {
  const a = document.activeElement, quiz = document.querySelector('.mb-quiz');
  return {
    inQuiz: !!(quiz && a && a !== quiz && quiz.contains(a)),
    tag: a ? a.tagName.toLowerCase() : '', text: a ? (a.textContent || '').trim().slice(0, 60) : '',
    skip: !!(a && a.tagName === 'A' && (a.textContent || '').trim() === skipWords),
  };
}"""
# The focused element is seen: inside the window, not clipped away, and the topmost thing at its centre.
SEEN = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return false;
  const box = a.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && !!top
         && (top === a || a.contains(top));
}"""


def seen_within(page: Page, ms: int = 1500) -> bool:
    """Whether the focused element comes into view within `ms` (the theme slides skip links in, in 0.15 s)."""
    try:
        page.wait_for_function(SEEN, timeout=ms)
    except PlaywrightTimeout:
        return False
    return True


def tabs_to_quiz(page: Page, skip_words: str = "Skip to the quiz") -> tuple[int, list[str], bool]:
    """(Tab presses until the focus is inside the first quiz, what the focus went through, whether the skip link was
    seen when focused); follows the first "Skip to the quiz" link it lands on with Enter."""
    followed, seen, path = False, False, []
    for presses in range(1, GIVE_UP + 1):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS, skip_words)
        path.append(f"{state['tag']}:{state['text']}")
        if state["inQuiz"]:
            return presses, path, seen
        if state["skip"] and not followed:
            followed, seen = True, seen_within(page)
            page.keyboard.press("Enter")
    return GIVE_UP + 1, path, seen


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_a_keyboard_user_reaches_the_quiz_in_a_few_tab_presses(open_page, path: str, width: int) -> None:
    page = open_page(path)
    page.set_viewport_size({"width": width, "height": 800})
    page.reload(wait_until="load")
    assert page.locator(".mb-quiz").count() >= 1, f"{path} has no quiz"
    presses, went, seen = tabs_to_quiz(page, say(path, "Skip to the quiz", "skip link"))
    print(f"{path} at {width} px: {presses} Tab presses to the first quiz control")
    assert presses <= MAX_TABS, (f"{path} at {width} px: {presses} Tab presses to reach the quiz (at most {MAX_TABS}); "
                                 f"the focus went through: {' | '.join(went[:12])} ...")
    main = say(path, "Skip to main content", domain="sphinx")
    assert went[0].startswith(f"a:{main}"), f"the theme's own skip link comes first: {went[:3]}"
    assert seen, f"{path} at {width} px: the 'Skip to the quiz' link was not visible when it had the focus"


def test_the_skip_link_is_hidden_until_it_has_the_focus(open_page) -> None:
    """It must not cover the page for mouse and touch readers."""
    page = open_page(CHAPTERS[0])
    link = page.locator("a", has_text="Skip to the quiz").first
    hidden = link.evaluate("a => a.getBoundingClientRect().bottom <= 0")
    assert hidden, "the skip link shows before it has the focus"


def test_screenshots_of_the_focused_skip_link(open_page, tmp_path_factory) -> None:
    """Pictures to look at (390 px and 1280 px, light and dark), saved under the test's temporary folder."""
    out = Path(tmp_path_factory.mktemp("skip-link"))
    for theme in ("light", "dark"):
        for width in (390, 1280):
            page = open_page(CHAPTERS[0], theme=theme)
            page.set_viewport_size({"width": width, "height": 800})
            page.reload(wait_until="load")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the quiz"
            assert seen_within(page), f"the focused skip link is not seen at {width} px ({theme})"
            page.screenshot(path=str(out / f"skip-link-{width}-{theme}.png"))
    print(f"screenshots: {out}")
