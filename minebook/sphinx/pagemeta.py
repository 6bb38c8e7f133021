"""A ``<meta name="description">`` on every page: search engines and link previews show it.

Jupyter Book 1 writes none. A page may set its own in MyST front matter
(``html_meta: {description: ...}``), which docutils already writes and this
module then leaves alone; otherwise the description is the page's first
paragraph of prose, shortened at a word boundary. Pages with no prose of their
own (search, the index) get the book's description, ``minebook_description``
in ``_config.yml`` (``sphinx: config:``).

Connect it with :func:`setup_page_meta` from the book's Sphinx extension.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# Search engines show about 150-160 characters; a longer text is cut mid-word by them.
MAX_LENGTH = 160
_HAS_DESCRIPTION = re.compile(r"""<meta\s[^>]*name=["']description["']""", re.IGNORECASE)
# Paragraphs inside these are not the page's own prose (captions, notes, cell outputs, quizzes).
_NOT_PROSE = (nodes.Admonition, nodes.figure, nodes.table, nodes.footnote, nodes.citation, nodes.sidebar, nodes.topic)


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """Collapse whitespace; cut at the last word boundary before ``limit`` and add an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def _is_prose(paragraph: nodes.paragraph) -> bool:
    # A paragraph right after a table is its source note ("Definitions from [...]"), not prose.
    index = paragraph.parent.index(paragraph) if paragraph.parent is not None else 0
    if index and isinstance(paragraph.parent[index - 1], nodes.table):
        return False
    parent = paragraph.parent
    while parent is not None:
        # myst-nb code cells and their outputs are containers tagged with "nb_element".
        if isinstance(parent, _NOT_PROSE) or (isinstance(parent, nodes.container) and parent.get("nb_element")):
            return False
        parent = parent.parent
    return True


# Citation labels in the text ("[Hum23a, Lab22]") mean nothing in a search result.
_CITATION = re.compile(r"\s*\[[^\]]*\]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")
# Shorter "paragraphs" are lines such as "Definitions from [...]." or "Time to read: 30 minutes."
MIN_PROSE = 80


def prose_text(paragraph: nodes.paragraph) -> str:
    """A paragraph's words without citation labels, on one line."""
    text = _CITATION.sub("", " ".join(paragraph.astext().split()))
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).strip()


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the page's first paragraph of prose (outside notes, tables, figures, cells), or ``""``."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _is_prose(paragraph):
            text = prose_text(paragraph)
            if len(text) >= MIN_PROSE:
                return text
    return ""


def page_description(app: Sphinx, doctree: nodes.document | None) -> str:
    """This page's description: its first paragraph, else the book's ``minebook_description``."""
    text = first_paragraph(doctree) if doctree is not None else ""
    return shorten(text or app.config.minebook_description or "")


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Append the description to the page's meta tags unless front matter set one."""
    metatags = context.get("metatags", "")
    if not isinstance(metatags, str) or _HAS_DESCRIPTION.search(metatags):
        return
    description = page_description(app, doctree)
    if description:
        context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(description, quote=True)}" />'


def setup_page_meta(app: Sphinx) -> None:
    """Register ``minebook_description`` and the handler (call from an extension's ``setup``)."""
    app.add_config_value("minebook_description", "", "html", str)
    app.connect("html-page-context", add_description)
