"""Sphinx extension of the book: check content before anything runs, and keep quiz pages light and offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

STATIC = Path(__file__).parent / "static"
INLINE_ASSET = re.compile(r"<(style|script)\b[^>]*\bdata-mb-asset\b[^>]*>.*?</\1>\s*", re.DOTALL)
QUIZ_MARK = 'class="mb-quiz"'


def check_content(app: Sphinx) -> None:
    """Stop the build before any notebook runs if a table, quiz, reference or TOC entry is wrong."""
    from .cli import check_everything
    from .paths import book_root

    try:
        book_root()
    except FileNotFoundError:
        return  # not our book (e.g. a test building another project with this extension)
    problems = check_everything()
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise ExtensionError(f"The book's content has {len(problems)} problem(s); nothing was built:\n{listing}\n")


def add_static_path(app: Sphinx, config: Any) -> None:
    """Serve quiz.js/quiz.css from the package; appended here so Jupyter Book does not add them to every page."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def strip_inline_assets(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Quiz outputs carry their script and style inline (self-contained in any front end).

    In the book each page loads the two files once instead, so the inline copies are removed here.
    """
    has_quiz = False
    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        if QUIZ_MARK in text:
            has_quiz = True
        if "data-mb-asset" in text:
            new = INLINE_ASSET.sub("", text)
            node[:] = [nodes.Text(new)]
            node.rawsource = new
    pages = app.env.__dict__.setdefault("minebook_quiz_pages", set())
    if has_quiz:
        pages.add(docname)
    else:
        pages.discard(docname)


def add_quiz_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Load the quiz script and style on pages that have a quiz, and only there."""
    if pagename in app.env.__dict__.get("minebook_quiz_pages", set()):
        app.add_css_file("quiz.css")
        app.add_js_file("quiz.js", defer="defer")


def drop_widget_state(app: Sphinx, env: Any) -> None:
    """The static book shows the HTML form of quizzes, so the saved ipywidgets state is dead weight.

    Dropping it also stops myst-nb from adding require.js and the widget manager from a CDN.
    """
    for meta in getattr(env, "nb_metadata", {}).values():
        js_files = meta.get("js_files", {})
        for key in [k for k in js_files if k.startswith("ipywidgets")]:
            del js_files[key]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", check_content)
    app.connect("config-inited", add_static_path)
    app.connect("doctree-resolved", strip_inline_assets)
    app.connect("html-page-context", add_quiz_assets)
    app.connect("env-updated", drop_widget_state)
    try:
        from .theme_fixes import setup_theme_fixes
    except ImportError:
        pass
    else:
        setup_theme_fixes(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": False}
