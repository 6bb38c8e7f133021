"""A book in two languages (issue 16), built as a reader and a translator meet it: the Ukrainian pages under uk/,
in Ukrainian, each with a switch to the same page in English and back; a message left untranslated fails the strict
build with the page, line and text; and the text of a translation is escaped like any other content."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bookfixture import MYST_HEADER, QUIZ_BOOK_CONFIG, ROOT, MiniBook

from tools.quality.browser import serve
from tools.quality.language import english_runs

CONFIG = QUIZ_BOOK_CONFIG.replace("  config:\n", "  config:\n    locale_dirs: [locales]\n    gettext_compact: false\n"
                                                 "    minebook_languages: [en, uk]\n")
CHAPTER = MYST_HEADER + """
# Mine types

A mine waits for its victim.

Mines stay dangerous for decades.
"""


def po(entries: dict[str, str]) -> str:
    head = 'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return head + "".join(f'\nmsgid "{k}"\nmsgstr "{v}"\n' for k, v in entries.items())


UK = {"Mine types": "Типи мін", "A mine waits for its victim.": "Міна чекає на свою жертву.",
      "Mines stay dangerous for decades.": "Міни залишаються небезпечними десятиліттями."}


def two_language_book(book: MiniBook, uk: dict[str, str]) -> None:
    book.write("_config.yml", CONFIG)
    book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n")
    book.write("intro.md", "# Intro\n")
    book.write("locales/uk/LC_MESSAGES/intro.po", po({"Intro": "Вступ"}))
    book.write("chapters/one.md", CHAPTER)
    (book.root / "chapters" / "one.quiz.yml").unlink()
    book.write("locales/uk/LC_MESSAGES/chapters/one.po", po(uk))
    # The interface and theme words come translated, as in the real book (the build fails on any left in English).
    for domain in ("ui", "sphinx", "data", "charts"):
        book.write(f"locales/uk/LC_MESSAGES/{domain}.po",
                   (ROOT / f"locales/uk/LC_MESSAGES/{domain}.po").read_text(encoding="utf-8"))
    translate_the_rest(book)


# Run in the mini book's own process: every message of its own texts (its title, its table's words) that the
# copied catalogs lack gets a stand-in Ukrainian translation, as its translator would have written one.
TRANSLATE_THE_REST = """
from babel.messages.pofile import read_po, write_po
from minebook.core.language import LOCALES_DIR
from minebook.core.paths import book_root
from minebook.content.translations import EXTRACTORS
from babel.messages.catalog import Catalog
n = 0
for extract in EXTRACTORS:
    for domain, cat in extract().items():
        path = book_root() / LOCALES_DIR / "uk" / "LC_MESSAGES" / f"{domain}.po"
        po = read_po(path.open("rb")) if path.is_file() else Catalog(locale="uk")
        for m in cat:
            if m.id and (m.id, m.context) not in [(x.id, x.context) for x in po]:
                n += 1
                po.add(m.id, ("Текст %d" % n,) * 3 if isinstance(m.id, tuple) else "Текст %d" % n, context=m.context)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_po(path.open("wb"), po, width=0)
"""


def translate_the_rest(book: MiniBook) -> None:
    env = {**os.environ, "MINEBOOK_ROOT": str(book.root)}
    subprocess.run([sys.executable, "-c", TRANSLATE_THE_REST], cwd=book.root, env=env, check=True, timeout=120)


def build(book: MiniBook, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINEBOOK_ROOT": str(book.root)}
    for name in ("MINEBOOK_EDITION", "MINEBOOK_LANG"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "minebook", "build", *args], cwd=book.root, env=env,
                          capture_output=True, text=True, timeout=900)


def search_terms(html: Path) -> set[str]:
    """The words a reader can search for in one language's pages (Sphinx's index, stemmed in each language)."""
    text = page(html / "searchindex.js")
    return set(json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"])


def page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_ukrainian_book_is_built_under_uk_with_a_switch_both_ways(minibook):
    two_language_book(minibook, UK)
    result = build(minibook)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = minibook.root / "_build" / "html"
    en, uk = page(html / "chapters" / "one.html"), page(html / "uk" / "chapters" / "one.html")
    assert '<html lang="en"' in en and '<html lang="uk"' in uk
    assert "Міна чекає на свою жертву." in uk and "A mine waits for its victim." not in uk
    assert "A mine waits for its victim." in en
    # Each page links to the same page in the other language, and the link leads to a page that exists.
    to_uk = re.search(r'<a class="[^"]*mb-lang-switch[^"]*" href="([^"]+)" hreflang="uk"', en)
    to_en = re.search(r'<a class="[^"]*mb-lang-switch[^"]*" href="([^"]+)" hreflang="en"', uk)
    assert to_uk and to_en, "no language switch"
    assert (html / "chapters" / to_uk.group(1)).resolve() == (html / "uk" / "chapters" / "one.html").resolve()
    assert (html / "uk" / "chapters" / to_en.group(1)).resolve() == (html / "chapters" / "one.html").resolve()
    assert ">Українська</a>" in en and ">English</a>" in uk
    # Sphinx's own words come in Ukrainian too (its uk_UA catalog), e.g. the search box.
    assert "Пошук" in uk
    # Each language has its own search index, with the words of its own pages.
    # (Ukrainian words are indexed by their stem, minebook/sphinx/search_uk.py: «жертву» as «жертв».)
    assert "жертв" in search_terms(html / "uk") and "жертв" not in search_terms(html)
    assert "victim" in search_terms(html) and "victim" not in search_terms(html / "uk")


def test_a_ukrainian_page_shows_and_speaks_no_english_and_its_search_finds_ukrainian(minibook, browser):
    """In Chromium: the interface of the themes and of Sphinx is Ukrainian (the project's sphinx.po), the only
    English is the switch marked lang="en", and searching a Ukrainian word lists the Ukrainian page, in Ukrainian."""
    two_language_book(minibook, UK)
    result = build(minibook)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = minibook.root / "_build" / "html"
    with serve(html) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in ("uk/intro.html", "uk/chapters/one.html"):
            page.goto(f"{base}/{path}")
            assert english_runs(page, "uk") == [], path
        # the detector is not blind: the English page is full of English
        page.goto(f"{base}/chapters/one.html")
        assert any("victim" in run["text"] for run in english_runs(page, "en"))
        page.goto(f"{base}/uk/search.html?q=жертви")  # a form the page does not use: found by its stem
        page.wait_for_selector("#search-results li", timeout=20000)
        results = page.inner_text("#search-results")
        assert "Типи мін" in results and "Пошук завершено" in page.inner_text("body")
        assert english_runs(page, "uk") == []
        page.close()


def test_an_untranslated_message_fails_the_strict_build_naming_it(minibook):
    """A page's sentence left untranslated, and an English edit of a table's title made after the catalogs were
    updated (its old translation no longer applies): the strict Ukrainian build fails on both, naming each."""
    two_language_book(minibook, {**UK, "Mines stay dangerous for decades.": ""})
    package = minibook.root / "data" / "datapackage.yaml"
    package.write_text(package.read_text(encoding="utf-8").replace("title: Things\n", "title: Things counted\n"),
                       encoding="utf-8")
    result = build(minibook, "--lang", "uk")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert re.search(r"chapters/one\.md:\d+: WARNING: not translated into Українська: 'Mines stay dangerous for decades\.'", out), out[-3000:]
    assert "locales/uk/LC_MESSAGES/chapters/one.po" in out
    assert re.search(r"data/datapackage\.yaml:\d+: new or changed English, not in the catalog yet .*'Things counted'", out), out[-3000:]


def test_a_translation_is_text_not_markup(minibook):
    hostile = {**UK, "A mine waits for its victim.": "<img src=x onerror=alert(1)> Міна чекає."}
    two_language_book(minibook, hostile)
    strict = build(minibook, "--lang", "uk")
    assert strict.returncode != 0 and "HTML in a translation is shown as text" in strict.stdout + strict.stderr
    lenient = build(minibook, "--lang", "uk", "--no-strict")
    assert lenient.returncode == 0, lenient.stdout[-3000:] + lenient.stderr[-3000:]
    uk = page(minibook.root / "_build" / "html" / "uk" / "chapters" / "one.html")
    assert "<img src=x" not in uk and "&lt;img src=x onerror=alert(1)&gt;" in uk and "Міна чекає." in uk


def test_both_languages_build_side_by_side_and_a_failed_english_build_publishes_neither(minibook):
    """`minebook build` builds the languages at once (one per core); their messages are not mixed: the English
    build's come first, the Ukrainian build's after them. When the English build fails, the Ukrainian one is
    stopped and the Ukrainian pages readers have stay as they were (they live inside the English book)."""
    two_language_book(minibook, UK)
    result = build(minibook)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    english, marker, ukrainian = result.stdout.partition("The build in Українська ran beside it; its messages:")
    assert marker, result.stdout[-3000:]
    assert english.count("build succeeded") == 1 and ukrainian.count("build succeeded") == 1
    assert "default-uk" not in english and "default-uk" in ukrainian  # the Ukrainian build's own messages
    uk_page = minibook.root / "_build" / "html" / "uk" / "chapters" / "one.html"
    assert "Міна чекає на свою жертву." in page(uk_page)

    # Only the English build fails (a code cell that raises in English); the Ukrainian translation changed meanwhile.
    minibook.write("chapters/one.md", CHAPTER + "\n```{code-cell} ipython3\nimport os\n"
                   "if os.environ.get('MINEBOOK_LANG') == 'en':\n    raise RuntimeError('only in English')\n```\n")
    catalog = minibook.root / "locales/uk/LC_MESSAGES/chapters/one.po"
    catalog.write_text(page(catalog).replace("Міна чекає на свою жертву.", "Міна довго чекає."), encoding="utf-8")
    failed = build(minibook)
    assert failed.returncode != 0
    assert ("The build in English failed, so the build in Українська was stopped; the pages in "
            f"{uk_page.parents[1]} were left as they were.") in failed.stderr, failed.stderr[-3000:]
    assert "Міна чекає на свою жертву." in page(uk_page) and "Міна довго чекає." not in page(uk_page)
    again = build(minibook, "--lang", "uk")  # the lock of the stopped build was released: it can be built at once
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "Міна довго чекає." in page(uk_page)


def test_a_table_change_that_changes_a_nouns_form_fails_the_ukrainian_build(minibook):
    """The translation says «26 мін»; the table now says 21 («21 міна»): the strict Ukrainian build stops and names
    the sentence, until the translator has checked it and `make translations` has recorded the new form."""
    sentence = 'Beta has {eval}`mb.n("things.count[name=beta]")` mines.'
    minibook_uk = {**UK, sentence.replace('"', '\\"'): 'Бета має {eval}`mb.n(\\"things.count[name=beta]\\")` мін.'}
    two_language_book(minibook, minibook_uk)
    minibook.write("chapters/one.md", CHAPTER + "\n" + sentence + "\n")
    record = [sys.executable, "-c", "from minebook.content.numberforms import record; record('uk')"]
    env = {**os.environ, "MINEBOOK_ROOT": str(minibook.root)}
    subprocess.run(record, cwd=minibook.root, env=env, check=True, timeout=120)
    assert build(minibook, "--lang", "uk").returncode == 0
    minibook.write("data/things.csv", minibook.TABLE_CSV.replace("beta,26", "beta,21"))
    failed = build(minibook, "--lang", "uk")
    out = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert re.search(r"locales/uk/LC_MESSAGES/chapters/one\.po:\d+: the number before «мін» is now 21", out), out[-3000:]
    subprocess.run(record, cwd=minibook.root, env=env, check=True, timeout=120)  # checked: recorded
    assert build(minibook, "--lang", "uk").returncode == 0


def test_make_translations_keeps_notebook_outputs_out_of_the_pages_catalogs(minibook):
    """What a chapter's code writes is executed in the language being built (its quiz, tables and charts have their
    own catalogs): `make translations` gives the translator the page's prose only, never the outputs."""
    two_language_book(minibook, UK)
    minibook.write("chapters/one.md", CHAPTER + "\n```{code-cell} ipython3\nfrom IPython.display import Markdown\n"
                   "Markdown('Words the code wrote.')\n```\n")
    env = {**os.environ, "MINEBOOK_ROOT": str(minibook.root)}
    env.pop("MINEBOOK_LANG", None)
    result = subprocess.run([sys.executable, "-m", "minebook", "translations", "--lang", "uk"], cwd=minibook.root,
                            env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    catalog = page(minibook.root / "locales/uk/LC_MESSAGES/chapters/one.po")
    assert 'msgid "A mine waits for its victim."' in catalog  # the prose is there (its translation kept)
    assert "Words the code wrote." not in catalog
