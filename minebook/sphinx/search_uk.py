"""Search in the Ukrainian book finds a word in any of its forms: «міна», «міни», «мін» and «мінами» alike.

Sphinx has no Ukrainian stemmer (nor has Snowball, the library behind its others), so without one a reader who types
«міни» misses every page that says «мін». This is a light stemmer of our own: it removes one inflectional ending
(the longest that matches, from the list below) and keeps a stem of at least three letters. It does not undo stem
changes (договір / договору), which a reader can still find through Sphinx's partial matching.

The index is built with :func:`stem` and the reader's words are stemmed in the browser by the same rule: the
JavaScript is generated from the same list of endings, so the two cannot drift apart (tests/unit/test_search_uk.py
runs both on every word of the Ukrainian book's catalogs).
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.search import SearchLanguage

# Inflectional endings of nouns, adjectives, pronouns and verbs (no derivational suffixes: those change the meaning).
ENDINGS: tuple[str, ...] = tuple(sorted({
    # nouns
    "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь",
    "ам", "ям", "ами", "ями", "ах", "ях", "ом", "ем", "єм", "ою", "ею", "єю", "ові", "еві", "єві", "ів", "їв", "ей",
    # adjectives, participles, pronouns
    "ий", "ій", "їй", "ого", "ому", "ої", "ими", "іми", "их", "іх", "им", "ім", "ую", "юю", "ая", "яя", "еє", "єє",
    # verbs
    "ти", "ть", "ться", "тися", "ся", "сь", "ла", "ло", "ли", "ють", "ять", "ать", "уть", "ить", "ите", "емо", "ємо",
    "имо", "ете", "єте",
}, key=lambda e: (-len(e), e)))
VOWELS = "аеєиіїоуюя"
SHORTEST_STEM = 3
STOPWORDS = frozenset("""
а але б би бо в від вона вони воно він до же з за і із й к на над не ні о об от по під при про та так те то у
це ця цей ці чи що щоб як який яка яке які
""".split())


def stem(word: str) -> str:
    """The word without its inflectional ending, lower case (`ʼ` and `'` as one apostrophe)."""
    w = word.lower().replace("'", "ʼ").replace("’", "ʼ")
    for ending in ENDINGS:
        rest = w[: -len(ending)]
        if w.endswith(ending) and len(rest) >= SHORTEST_STEM and any(c in VOWELS for c in rest):
            return rest
    return w


JS_STEMMER = """
/* The Ukrainian book's stemmer, the same rule as its index (minebook/sphinx/search_uk.py). */
var Stemmer = function() {
  const endings = ENDINGS, vowels = VOWELS, shortest = SHORTEST;
  this.stemWord = function(word) {
    const w = word.toLowerCase().replace(/['\u2019]/g, "\u02bc");
    for (const ending of endings) {
      const rest = w.slice(0, w.length - ending.length);
      if (w.endsWith(ending) && [...rest].length >= shortest && [...rest].some(c => vowels.includes(c))) return rest;
    }
    return w;
  };
};
""".replace("ENDINGS", json.dumps(ENDINGS, ensure_ascii=False)).replace("VOWELS", json.dumps(VOWELS, ensure_ascii=False)) \
    .replace("SHORTEST", str(SHORTEST_STEM))


class SearchUkrainian(SearchLanguage):
    lang = "uk"
    language_name = "Ukrainian"
    js_stemmer_code = JS_STEMMER

    def init(self, options: dict[str, str]) -> None:
        self.stopwords = set(STOPWORDS)  # left out of the index and of the reader's query

    def stem(self, word: str) -> str:
        return stem(word)


def setup(app: Any) -> dict[str, Any]:
    app.add_search_language(SearchUkrainian)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
