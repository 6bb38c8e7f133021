"""The book in more than one language (issue 16): the language switch, Sphinx's own words, missing translations.

The Ukrainian book is built by the same Sphinx with `language: uk` (minebook/instructor/editions.py writes that
config); these hooks make it a book a reader can move between and a translator can trust:

* every page links to the same page in the other language (a switch in the article header, an `<a hreflang>`;
  no `<link rel="alternate">`, which needs the site's absolute address);
* Sphinx ships its interface in Ukrainian as `uk_UA`, which a book built as `uk` does not find by itself: it
  is added as a fallback, so "Search", "Next" and the like are Ukrainian;
* a paragraph, heading or cell whose catalog entry is empty or out of date (fuzzy) would silently stay English:
  each one is a warning naming the page, line and text, so the strict build (-W) fails on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from minebook.core.language import LANGUAGES, SOURCE_LANGUAGE, available_languages, catalog, ui

logger = logging.getLogger(__name__)
TEMPLATE = "language-switch.html"
# The switch, in the language it leads to: the reader who needs it can read it.
SWITCH_LABEL = {"en": "Read this page in English", "uk": "Читати цю сторінку українською"}


def book_language(app: Sphinx) -> str:
    """The language this Sphinx builds, as the book names it ("en" when Sphinx has none set)."""
    lang = (app.config.language or SOURCE_LANGUAGE).split("_")[0]
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def add_sphinx_translations(app: Sphinx) -> None:
    """Sphinx's own Ukrainian (shipped as uk_UA) as a fallback for the `uk` book's interface words."""
    if book_language(app) == SOURCE_LANGUAGE:
        return
    import sphinx
    from sphinx import locale

    tag = {"uk": "uk_UA"}.get(book_language(app))
    if tag:
        locale.init([str(Path(sphinx.__file__).parent / "locale")], tag, "sphinx")


def write_search_words(app: Sphinx, config: Any) -> None:
    """The search page's script words in the book's language: `locales/<lang>/LC_MESSAGES/sphinx.js`, written here
    from Sphinx's own Ukrainian (uk_UA) and the book's sphinx.po, where Sphinx looks for it (generated, not kept)."""
    import json

    import sphinx

    lang = book_language(app)
    if lang == SOURCE_LANGUAGE:
        return
    messages: dict[str, str] = {}
    plural = "(n != 1)"
    shipped = Path(sphinx.__file__).parent / "locale" / {"uk": "uk_UA"}.get(lang, lang) / "LC_MESSAGES" / "sphinx.js"
    if shipped.is_file():
        text = shipped.read_text(encoding="utf-8")
        data = json.loads(text[text.index("(") + 1:text.rindex(")")])
        messages = {k: v for k, v in data.get("messages", {}).items() if v}
        plural = data.get("plural_expr") or plural
    messages.update({mid: e.translation for (ctx, mid), e in catalog("sphinx", lang).items()
                     if ctx is None and e.translation and not e.fuzzy})
    target = Path(app.srcdir) / "locales" / lang / "LC_MESSAGES" / "sphinx.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"locale": LANGUAGES[lang]["tag"], "messages": messages, "plural_expr": plural},
                      ensure_ascii=True, sort_keys=True, indent=1)
    text = f"Documentation.addTranslations({body});\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def add_switch(app: Sphinx, config: Any) -> None:
    """Put the language switch first in the article header, beside the theme's buttons (and, in a translation,
    the search box's placeholder, which Jupyter Book sets in English among the theme's options)."""
    templates = str(Path(__file__).parent / "templates")  # shipped with the package: any book gets them
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]
    if book_language(app) != SOURCE_LANGUAGE:
        options = dict(config.html_theme_options or {})
        # sphinx-book-theme renders this header item as a component, not found under the theme's own name in the
        # templates path: a copy with the title through the catalog, under its own name.
        start = options.get("article_header_start") or ["toggle-primary-sidebar.html"]
        options["article_header_start"] = [("minebook-" + t if t == "toggle-primary-sidebar.html" else t) for t in start]
        options["search_bar_text"] = ui("Search this book...", "search box", book_language(app))
        config.html_theme_options = options
    if len(available_languages()) < 2 and book_language(app) == SOURCE_LANGUAGE:
        return
    options = dict(config.html_theme_options or {})
    end = list(options.get("article_header_end") or ["article-header-buttons.html"])
    if book_language(app) != SOURCE_LANGUAGE:  # the buttons with the secondary toggle's title through the catalog
        end = [("minebook-" + t if t == "article-header-buttons.html" else t) for t in end]
    if TEMPLATE not in end:
        options["article_header_end"] = [TEMPLATE, *end]
        config.html_theme_options = options


def page_languages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The same page in every other built language, as relative links (the site works from any folder)."""
    here = book_language(app)
    depth = pagename.count("/") + (1 if LANGUAGES[here]["prefix"] else 0)
    root = "../" * depth
    others = []
    for lang in dict.fromkeys([*available_languages(), SOURCE_LANGUAGE]):  # a translation always leads back to English
        if lang == here:
            continue
        href = f"{root}{LANGUAGES[lang]['prefix']}{pagename}.html"
        others.append({"lang": lang, "tag": LANGUAGES[lang]["tag"], "name": LANGUAGES[lang]["name"], "href": href,
                       "label": SWITCH_LABEL.get(lang, LANGUAGES[lang]["name"])})
    context["mb_languages"] = others


def warn_untranslated(app: Sphinx, doctree: nodes.document) -> None:
    """A warning for every message of a translated page that Sphinx left in English (empty or fuzzy entry).

    Sphinx also leaves a message whose translation equals the English (a name, "HRW") untranslated; the page's
    catalog says whether that was the translator's choice.
    """
    lang = book_language(app)
    if lang == SOURCE_LANGUAGE:
        return
    docname = app.env.docname
    entries = catalog(docname, lang)
    for node, msgid in extract_messages(doctree):
        if node.get("translated"):
            inert_html(node, docname, lang)
            continue
        if not msgid.strip():
            continue  # nothing to read (Sphinx's gettext builder leaves these out of the catalogs too)
        if in_cell_output(node):
            continue  # written by the page's code, already in the book's language (quiz, data and chart catalogs)
        entry = next((e for (ctx, mid), e in entries.items() if mid == msgid), None)
        if entry is not None and entry.translation and not entry.fuzzy:
            continue  # translated as itself
        state = "out of date (fuzzy)" if entry is not None and entry.fuzzy else "not translated"
        short = msgid if len(msgid) <= 80 else msgid[:77] + "..."
        logger.warning(f"{state} into {LANGUAGES[lang]['name']}: {short!r} "
                       f"(locales/{lang}/LC_MESSAGES/{docname}.po; run `make translations`, then translate it)",
                       location=node, type="minebook", subtype="untranslated")


def warn_untranslated_texts(app: Sphinx) -> None:
    """A warning for every quiz, table, chart or interface message the translated book would show in English: an
    empty or fuzzy entry, or English that no catalog holds yet (edited since `make translations`), named where it
    is. Prose is checked page by page (warn_untranslated). Skipped when the same inputs passed before, so a prose
    edit's rebuild stays fast."""
    import hashlib
    import json

    from minebook.content.checks import inputs_fingerprint
    from minebook.content.translations import extracted_domains, missing
    from minebook.core.paths import book_root

    lang = book_language(app)
    if lang == SOURCE_LANGUAGE:
        return
    try:
        root = book_root()
    except FileNotFoundError:
        return
    # What the extractors read: the quiz files, tables and this package (inputs_fingerprint), the chapters' code
    # cells (chart words), and the catalogs they are looked up in; a page's own prose catalog is not among them.
    fingerprint = inputs_fingerprint(root)
    digest = hashlib.sha256(f"{lang}\0{fingerprint}\0".encode())
    folder = root / "locales" / lang / "LC_MESSAGES"
    catalogs = [*(folder / f"{domain}.po" for domain in ("ui", "data", "charts", "sphinx")), *folder.glob("quizzes/*.po")]
    for path in sorted(p for p in catalogs if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(root.glob("chapters/*.md")):
        code = re.findall(r"^```\{code-cell\}.*?^```", path.read_text(encoding="utf-8"), flags=re.M | re.S)
        digest.update(path.name.encode() + b"\0" + "\0".join(code).encode() + b"\0")
    memo = root / "_build" / ".minebook-cache" / f"translated-{lang}.json"
    try:
        if json.loads(memo.read_text(encoding="utf-8")).get("inputs") == digest.hexdigest():
            warn_changed_forms(root, lang, fingerprint)  # reads the pages' catalogs too, which the memo does not cover
            return
    except (OSError, ValueError, AttributeError):
        pass
    found = missing(lang, domains=extracted_domains())
    for m in found:
        logger.warning(f"{m} (the {LANGUAGES[lang]['name']} book would show it in English)",
                       type="minebook", subtype="untranslated")
    warn_changed_forms(root, lang, fingerprint)
    if not found:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            memo.write_text(json.dumps({"inputs": digest.hexdigest()}), encoding="utf-8")
        except OSError:
            pass


def warn_changed_forms(root: Path, lang: str, fingerprint: str) -> None:
    """A number from a table that now takes another grammatical form than the translation was written for
    (minebook/content/numberforms.py): a warning, so the strict build stops and names the sentence."""
    from minebook.content.numberforms import changed

    memo = root / "_build" / ".minebook-cache" / f"number-forms-{lang}.json"
    for problem in changed(lang, memo, fingerprint):
        logger.warning(str(problem), type="minebook", subtype="number_form")


def in_cell_output(node: nodes.Node) -> bool:
    """Inside a notebook cell's output (MyST-NB marks them `cell_output`): text the code wrote, not the page's prose."""
    parent = node.parent
    while parent is not None:
        if "cell_output" in parent.get("classes", []) or type(parent).__name__ == "CellOutputNode":
            return True
        parent = parent.parent
    return False


def no_outputs_in_catalogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """`make translations` (the gettext builder): a notebook's outputs are not the page's prose. The book executes
    its notebooks in the language being built (quizzes, tables and charts are translated through their own catalogs),
    so a page catalog's entries for outputs would never be used, and every change of a quiz would mark them out of
    date for the translator."""
    if app.builder.name != "gettext":
        return
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.Element)
                                     and ("cell_output" in n.get("classes", []) or type(n).__name__ == "CellOutputNode"))):
        if node.parent is not None:
            node.parent.remove(node)


def inert_html(node: nodes.Element, docname: str, lang: str) -> None:
    """A translation is text: HTML typed into a catalog entry is shown as typed (and is a warning), never run."""
    for raw in list(node.findall(nodes.raw)):
        text = raw.astext()
        raw.replace_self(nodes.Text(text))
        logger.warning(f"HTML in a translation is shown as text, not used: {text[:60]!r} "
                       f"(locales/{lang}/LC_MESSAGES/{docname}.po; write the translation without HTML)",
                       location=node, type="minebook", subtype="translation-html")


# Alphabets for sorting a translated glossary: the English page's order is alphabetical in English only.
ALPHABETS = {"uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"}


def collation_key(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Dictionary order for `lang`: its own letters first in its alphabet's order (ґ after г, є after е, і and ї
    after и), then Latin letters (names kept in Latin script, such as Human Rights Watch), then anything else."""
    alphabet = ALPHABETS[lang]
    key = []
    for ch in text.lower().replace("\u02bc", "").replace("’", "").replace("'", ""):  # the apostrophe is not a letter
        if ch in alphabet:
            key.append((0, alphabet.index(ch)))
        elif "a" <= ch <= "z":
            key.append((1, ord(ch)))
        elif ch.isalnum():
            key.append((2, ord(ch)))
    return tuple(key)


def translate_toc_captions(app: Sphinx, doctree: nodes.document) -> None:
    """The captions of the table of contents ("Chapters", "Appendices") in the page's language.

    sphinx-external-toc inserts the toctrees from _toc.yml after Sphinx has translated the page, so their captions
    stay English although the gettext builder extracts them into the root page's catalog: they are looked up here.
    """
    from sphinx import addnodes

    lang = book_language(app)
    if lang == SOURCE_LANGUAGE:
        return
    entries = catalog(app.env.docname, lang)
    for toctree in doctree.findall(addnodes.toctree):
        caption = toctree.get("caption")
        entry = entries.get((None, caption)) if caption else None
        if entry is not None and entry.translation and not entry.fuzzy:
            toctree["caption"] = toctree["rawcaption"] = entry.translation
        elif caption:
            logger.warning(f"not translated into {LANGUAGES[lang]['name']}: {caption!r} (a caption in _toc.yml; "
                           f"locales/{lang}/LC_MESSAGES/{app.env.docname}.po)", location=toctree,
                           type="minebook", subtype="untranslated")


def sort_glossaries(app: Sphinx, doctree: nodes.document) -> None:
    """Re-sort each glossary of a translated page in its language's alphabetical order."""
    from sphinx import addnodes

    lang = book_language(app)
    if lang not in ALPHABETS:
        return
    for glossary in doctree.findall(addnodes.glossary):
        for dlist in glossary.findall(nodes.definition_list):
            items = [c for c in dlist.children if isinstance(c, nodes.definition_list_item)]
            items.sort(key=lambda item: collation_key(item.next_node(nodes.term).astext(), lang))
            dlist.children = []
            dlist.extend(items)


def setup_languages(app: Sphinx) -> None:
    app.add_config_value("minebook_languages", [SOURCE_LANGUAGE], "env", list)
    app.setup_extension("minebook.sphinx.search_uk")  # search finds Ukrainian words in any form
    app.connect("builder-inited", add_sphinx_translations)
    app.connect("config-inited", add_switch)
    app.connect("config-inited", write_search_words)
    app.connect("html-page-context", page_languages)
    app.connect("doctree-read", warn_untranslated)
    app.connect("doctree-resolved", no_outputs_in_catalogs)
    app.connect("builder-inited", warn_untranslated_texts)
    app.connect("doctree-read", sort_glossaries)
    app.connect("doctree-read", translate_toc_captions)
