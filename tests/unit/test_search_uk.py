"""The Ukrainian book's search stems words the same way in its index (Python) and in the reader's browser (JS).

Run on every word of the Ukrainian catalogs: a difference would make a word unfindable. The JavaScript runs in Node
(the tests' own Node, used for the quiz script's conformance tests)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from minebook.sphinx.search_uk import JS_STEMMER, stem

ROOT = Path(__file__).resolve().parents[2]


def catalog_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "locales" / "uk").rglob("*.po"))
    strings = " ".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, flags=re.M))
    return sorted({w for w in re.findall(r"\w+", strings) if re.search(r"[а-яіїєґ]", w, flags=re.I)})


def test_forms_of_a_word_share_a_stem() -> None:
    assert {stem(w) for w in ("міна", "міни", "мін", "міну", "міною", "мінами", "мінах")} == {"мін"}
    assert {stem(w) for w in ("протипіхотна", "протипіхотні", "протипіхотних", "протипіхотної")} == {"протипіхотн"}
    assert {stem(w) for w in ("Україна", "України", "Україні", "Україною", "Україну")} == {"україн"}
    assert stem("ООН") == "оон" and stem("ICBL") == "icbl"  # short words and Latin names are kept whole


def test_the_browser_stems_every_word_as_the_index_does() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed to run the browser's stemmer (the tests' conformance checks use it too)", pytrace=False)
    words = catalog_words()
    assert len(words) > 3000, len(words)
    script = JS_STEMMER + "\nconst s = new Stemmer(); const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));" \
        "\nprocess.stdout.write(JSON.stringify(words.map(w => s.stemWord(w))));"
    done = subprocess.run([node, "-e", script], input=json.dumps(words), capture_output=True, text=True, check=True)
    in_browser = json.loads(done.stdout)
    differ = [(w, stem(w), b) for w, b in zip(words, in_browser, strict=True) if stem(w) != b]
    assert differ == [], differ[:20]
