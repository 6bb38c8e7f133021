"""English left on a translated page: the text a reader sees or hears that is still in the source language.

The rule (documented in locales/README.md): in the page's visible text and in the names a screen reader speaks
(aria-label, title, alt, placeholder), a run of text is English when it holds at least two lowercase words of three or
more Latin letters ("Show code cell", "Skip to the quiz"; two-letter words are left out, so that codes such as
"ru" or "ua" and the "of" in a name such as "Ministry of Foreign Affairs" do not count). Names written in Latin script are capitalised ("Human
Rights Watch", "The Jerusalem Post") and pass, as do one-word loans. Left out, as English by design: code and
program output (`code`, `pre`, `kbd`, `samp`), anything inside an element whose `lang` is not the page's language
(the language switch; a quotation kept in English must be marked so), the bibliography's entries and the citation
labels, titles of works (`cite`) and the entries of a table's source list (`.mb-source`): sources are
cited as published, and addresses (URLs, e-mail, file names and
site names such as macsog.org, which some citation labels are).
"""

from __future__ import annotations

import re
from typing import Any

# Runs in the page: returns [{"where": css-ish path, "text": run}] for each English run.
ENGLISH_RUNS_JS = r"""
(pageLang) => {
  const SKIP = "code, pre, kbd, samp, script, style, noscript, template, cite, .mb-cite, .mb-source, .bibtex-citation, .citation, dl.citation, "
    + "#bibliography, .bibliography, [aria-hidden=true], .mb-quiz-data, svg title";
  const word = /\b[a-z]{3,}\b/g;
  const url = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[\w.-]+\.[a-z]{2,6}\b/g;
  const english = (text) => ((text || "").replace(url, " ").match(word) || []).length >= 2;
  const foreign = (el) => {
    const tagged = el.closest("[lang]");
    return tagged && tagged.getAttribute("lang").split("-")[0] !== pageLang;
  };
  const where = (el) => {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
      parts.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.classList[0] ? "." + n.classList[0] : ""));
    }
    return parts.join(" > ");
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(SKIP) || foreign(el)) continue;
    const style = getComputedStyle(el);
    const hidden = style.display === "none" || style.visibility === "hidden" || !el.getClientRects().length;
    const srOnly = el.closest(".visually-hidden, .sr-only, .screen-reader-text");
    if (hidden && !srOnly) continue;
    if (english(node.textContent)) out.push({ where: where(el), text: node.textContent.trim().slice(0, 120) });
  }
  for (const el of document.querySelectorAll("[aria-label], [title], img[alt], [placeholder]")) {
    if (el.closest(SKIP) || foreign(el)) continue;
    for (const attr of ["aria-label", "title", "alt", "placeholder"]) {
      const value = el.getAttribute(attr);
      if (english(value)) out.push({ where: where(el) + "[" + attr + "]", text: value.slice(0, 120) });
    }
  }
  return out;
}
"""


def english_runs(page: Any, lang: str) -> list[dict[str, str]]:
    """Every English run on a loaded Playwright page whose language is `lang`."""
    return page.evaluate(ENGLISH_RUNS_JS, lang)


# The same rule for HTML that no browser shows: a notebook's outputs and its widgets' state (tests/notebooks).
SKIP_SELECTOR = ("code, pre, kbd, samp, script, style, noscript, template, cite, .mb-cite, .mb-source, .bibtex-citation, "
                 ".citation, dl.citation, #bibliography, .bibliography, [aria-hidden=true], .mb-quiz-data, svg title")
_WORD = re.compile(r"\b[a-z]{3,}\b")
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\S+|[\w.-]+\.[a-z]{2,6}\b")


def is_english(text: str) -> bool:
    """The rule above for one run of text: two or more lowercase Latin words of three letters or more."""
    return len(_WORD.findall(_ADDRESS.sub(" ", text or ""))) >= 2


def english_runs_in_html(fragment: str, lang: str) -> list[str]:
    """Every English run in an HTML fragment (or plain text) meant for a reader of `lang`, by the rule above:
    what is skipped in the browser is skipped here, and so is anything marked with another `lang`."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(fragment, "html.parser")
    for el in soup.select(SKIP_SELECTOR):
        el.decompose()
    for el in soup.select("[lang]"):
        if el.decomposed:
            continue
        if str(el.get("lang", "")).split("-")[0] != lang:
            el.decompose()
    runs = [str(node).strip() for node in soup.find_all(string=True)
            if type(node) is NavigableString and is_english(str(node))]  # comments are not read
    for el in soup.select("[aria-label], [title], img[alt], [placeholder]"):
        for attr in ("aria-label", "title", "alt", "placeholder"):
            value = el.get(attr)
            if isinstance(value, str) and is_english(value):
                runs.append(f"[{attr}] {value}")
    return [run[:120] for run in runs]
