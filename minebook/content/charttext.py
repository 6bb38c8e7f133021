"""The words of charts, in the book's language: the `charts` message catalog (issue 16).

A chapter marks each string a reader sees in its charts the standard gettext way, with one short function:

    ax.set_xlabel(mb.t("Mines released"))
    alt=mb.t("Horizontal bars counting the {n} mine models ...").format(n=len(models), summary=summary)

`mb.t` returns the English in an English build and the translation from `locales/<lang>/LC_MESSAGES/charts.po`
otherwise (English when it is not translated yet). Placeholders are named, so a translation may move them.
`minebook translations` finds the messages with Babel's Python extractor (keyword `t`) in the code cells of every
page; each message's context (`msgctxt`) is the page (`chapters/mine-types`), its location `chapters/<name>.md:<line>`.
Category values drawn as tick labels or legend entries come from the tables: `mb.label("mine_models.delivery",
value)` translates them through the `data` catalog (content/datatext.py). The chart frame's own words ("Sources",
"The data behind this chart") are marked `chrome(...)` in content/charts.py, context `chart`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract as babel_extract

from minebook.core.language import SOURCE_LANGUAGE, Entry, catalog, current_language, translate
from minebook.core.paths import book_root

DOMAIN = "charts"
CHROME = "chart"  # the context of the chart frame's own words
FENCE = re.compile(r"^(`{3,}|~{3,})\{code-cell\}")
PAGES = ("chapters/*.md", "appendices/*.md", "intro.md")

_INDEX: dict[int, tuple[dict, dict[str, list[Entry]]]] = {}


def t(msgid: str) -> str:
    """`msgid` in the book's language (a chart's title, label, legend, annotation, alt text or caption).

    Looked up by its English text; when two pages translate the same English differently, the first (in the
    catalog's order) is used: give one of them different English if that matters.
    """
    lang = current_language()
    if lang == SOURCE_LANGUAGE or not msgid:
        return msgid
    entries = catalog(DOMAIN, lang)
    hit = _INDEX.get(id(entries))
    if hit is None or hit[0] is not entries:
        index: dict[str, list[Entry]] = {}
        for entry in entries.values():
            if entry.translation and not entry.fuzzy:
                index.setdefault(entry.msgid, []).append(entry)
        hit = _INDEX[id(entries)] = (entries, index)
    found = hit[1].get(msgid)
    return found[0].translation if found else msgid


def chrome(msgid: str) -> str:
    """A word of the chart frame itself (content/charts.py), context `chart`."""
    return translate(DOMAIN, msgid, CHROME)


def code_cells(text: str) -> str:
    """The page's code cells as one Python text, each line where it is in the page (the rest blank)."""
    out: list[str] = []
    inside, fence, options = False, "", False
    for line in text.split("\n"):
        if not inside:
            found = FENCE.match(line)
            out.append("")
            if found:
                inside, fence, options = True, found.group(1), True
            continue
        if line.strip() == fence:
            inside = False
            out.append("")
            continue
        if options and (line.startswith(":") or line.strip() in ("---",)):
            out.append("")  # the cell's options (:tags: ...), not code
            continue
        options = False
        out.append(line)
    return "\n".join(out)


def extract() -> dict[str, Catalog]:
    """The `charts` catalog: every `mb.t("...")` in the pages' code cells, and the chart frame's words."""
    root = book_root()
    cat = Catalog(project="minebook", domain=DOMAIN)
    pages = sorted({p for pattern in PAGES for p in root.glob(pattern) if p.name != "README.md"})
    for path in pages:
        rel = path.relative_to(root).as_posix()
        page = rel.removesuffix(".md")
        code = code_cells(path.read_text(encoding="utf-8"))
        for lineno, message, comments, _ in python_messages(code, {"t": None}):
            cat.add(message, locations=[(rel, lineno)], context=page, auto_comments=comments)
    charts = Path(__file__).with_name("charts.py")
    for lineno, message, comments, _ in python_messages(charts.read_text(encoding="utf-8"), {"chrome": None}):
        cat.add(message, locations=[("minebook/content/charts.py", lineno)], context=CHROME, auto_comments=comments)
    return {DOMAIN: cat}


def python_messages(code: str, keywords: dict) -> list[tuple[int, str, list[str], str | None]]:
    """Babel's Python extractor over `code`: (line, message, translator comments, context) of each plain string."""
    found = babel_extract("python", io.BytesIO(code.encode("utf-8")), keywords=keywords,
                          comment_tags=("Translators:",), strip_comment_tags=True)
    return [(line, msg, comments, ctx) for line, msg, comments, ctx in found if isinstance(msg, str) and msg]
