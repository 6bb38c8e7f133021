"""Sphinx extension of the book: check content before anything runs, and keep quiz pages light and offline."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from minebook.core.language import LOCALES_DIR, SOURCE_LANGUAGE, current_language, ui

STATIC = Path(__file__).resolve().parents[1] / "static"
INLINE_ASSET = re.compile(r"<(style|script)\b[^>]*\bdata-mb-asset\b[^>]*>.*?</\1>\s*", re.DOTALL)
QUIZ_MARK = '<section class="mb-quiz'  # the self-checking quiz and the student edition's form
FORM_MARK = '<section class="mb-quiz mb-form"'


def check_content(app: Sphinx) -> None:
    """Stop the build before any notebook runs if a table, quiz, reference or TOC entry is wrong."""
    from minebook.content.checks import check_everything
    from minebook.core.paths import book_root

    try:
        book_root()
    except FileNotFoundError:
        return  # not our book (e.g. a test building another project with this extension)
    problems = check_everything(reuse=True)  # tables, quizzes and sources are checked again only if they changed
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise ExtensionError(f"The book's content has {len(problems)} problem(s); nothing was built:\n{listing}\n")


# The catalogs notebooks read while they run (prose catalogs are read by Sphinx, which needs no re-execution).
RUN_DOMAINS = ("data", "charts", "ui")


def content_fingerprint(root: Path, edition: str = "default", package: Path = STATIC.parent) -> str:
    """A hash of everything chapters read besides their own code: tables, quiz files, bibliographies, the
    edition (a quiz prints differently for students and instructors, so switching re-executes), and this
    package's own code and assets (a changed renderer must not leave pages holding the old one's output)."""
    digest = hashlib.sha256()
    if edition != "default":  # unchanged for the default edition, so existing caches stay valid
        digest.update(f"edition={edition}\0".encode())
    files = [*root.glob("data/*.csv"), *root.glob("data/*.yaml"), *root.glob("chapters/*.quiz.yml"), *root.glob("**/*.bib")]
    lang = current_language()
    if lang != SOURCE_LANGUAGE:  # a translation's charts, tables and quizzes read its catalogs while they run
        digest.update(f"lang={lang}\0".encode())
        folder = root / LOCALES_DIR / lang / "LC_MESSAGES"
        files += [*(folder / f"{domain}.po" for domain in RUN_DOMAINS), *folder.glob("quizzes/*.po")]
    for path in sorted(p for p in files if "_build" not in p.parts and ".venv" not in p.parts and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".js", ".css", ".json") and p.is_file()):
        digest.update(b"minebook/" + path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rerun_when_content_changes(app: Sphinx, config: Any) -> None:
    """Execution is cached by code, but charts, glued numbers and quizzes also read data/ and the quiz files.

    When those change, re-read and re-execute every notebook, so an edited number can never leave a stale page.
    """
    stamp = Path(app.outdir).parent / ".minebook-content"
    from minebook.core.edition import current_edition

    fingerprint = content_fingerprint(Path(app.srcdir), current_edition())
    app.minebook_content_changed = not stamp.is_file() or stamp.read_text() != fingerprint  # type: ignore[attr-defined]
    app.minebook_fingerprint = (stamp, fingerprint)  # type: ignore[attr-defined]
    if app.minebook_content_changed and config.nb_execution_mode == "cache":  # type: ignore[attr-defined]
        # Issue 6: empty the execution cache rather than switch to "force". myst-nb's force mode bypasses the
        # cache, so the next build re-executed every notebook once more (46 s after a clean build instead of
        # about 3 s) and, worse, a later prose edit brought back outputs cached before the data changed.
        cache = config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
        shutil.rmtree(cache, ignore_errors=True)


def outdated_notebooks(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    if not getattr(app, "minebook_content_changed", False):
        return []
    return [doc for doc in env.found_docs if Path(env.doc2path(doc)).suffix in (".md", ".ipynb") and doc not in added]


def remember_content(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and hasattr(app, "minebook_fingerprint"):
        stamp, fingerprint = app.minebook_fingerprint
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)


def add_static_path(app: Sphinx, config: Any) -> None:
    """Serve quiz.js/quiz.css from the package; appended here so Jupyter Book does not add them to every page."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def strip_inline_assets(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Quiz outputs carry their script and style inline (self-contained in any front end).

    In the book each page loads the two files once instead, so the inline copies are removed here.
    """
    has_quiz = has_form = False
    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        if QUIZ_MARK in text:
            has_quiz = has_quiz or FORM_MARK not in text
            has_form = has_form or FORM_MARK in text
        if "data-mb-asset" in text:
            new = INLINE_ASSET.sub("", text)
            node[:] = [nodes.Text(new)]
            node.rawsource = new
    for kind, present in (("minebook_quiz_pages", has_quiz), ("minebook_form_pages", has_form)):
        pages = app.env.__dict__.setdefault(kind, set())
        if present:
            pages.add(docname)
        else:
            pages.discard(docname)


def add_quiz_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Load the quiz style and script on pages that have a quiz, and only there (the student edition's forms
    get the small script that keeps entries instead of the checking one); the search page gets the script that
    starts its snippets and marks its words where a word starts (minebook/static/search-snippets.js)."""
    quiz = pagename in app.env.__dict__.get("minebook_quiz_pages", set())
    form = pagename in app.env.__dict__.get("minebook_form_pages", set())
    if quiz or form:
        app.add_css_file("quiz.css")
    if quiz:
        app.add_js_file("quiz.js", defer="defer")
    if form:
        app.add_js_file("form.js", defer="defer")
    if pagename == "search":
        # Deferred: it runs after the page's searchtools.js and before the search starts (DOMContentLoaded).
        app.add_js_file("search-snippets.js", defer="defer")


CHART_IMG = re.compile(r'<div class="mb-chart-frame">(?:<picture><source media="([^"]*)" '
                       r'srcset="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"([^>]*)>)?'
                       r'<img class="mb-chart-img" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"([^>]*)>(?:</picture>)?</div>')
LONG_CELL = re.compile(r"<td([^>]*)>([^<]{70,})</td>")
CITE_HREF = re.compile(r'(<a class="mb-cite" data-mb-cite="[^"]*" href=")[^"#]*(#[^"]*")')


def _mark_long_cell(match: re.Match) -> str:
    """A cell of long text gets room in the table's CSS (class mb-long), instead of a strip one word wide."""
    attrs = match.group(1)
    if 'class="' in attrs:
        attrs = attrs.replace('class="', 'class="mb-long ', 1)
    else:
        attrs += ' class="mb-long"'
    return f"<td{attrs}>{match.group(2)}</td>"


def chart_files_and_cite_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Issue 14: a chart opens full size with one tap, and source labels link to the bibliography from any page.

    Each chart's SVG (inline in the notebook output, so it works in Jupyter) is written once to
    _images/mb-chart-HASH.svg; the page loads that file and links to it. Source links made in Python
    (captions, data tables) point at ../bibliography.html; here they get this page's path to it.
    """
    import base64

    prefix = "../" * docname.count("/")
    bibliography = app.builder.get_relative_uri(docname, "bibliography") if "bibliography" in app.env.found_docs else ""
    images = Path(app.outdir) / "_images"

    hint_open = html.escape(ui("Tap or click the chart to open it full size.", "chart"))
    hint_scroll = html.escape(ui("On a narrow screen, scroll it sideways.", "chart"))

    def write(encoded: str) -> str:
        data = base64.b64decode(encoded)
        name = f"mb-chart-{hashlib.sha256(data).hexdigest()[:16]}.svg"
        images.mkdir(parents=True, exist_ok=True)
        target = images / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        return f"{prefix}_images/{name}"

    def to_file(match: re.Match) -> str:
        src = write(match.group(4))
        img = f'<img class="mb-chart-img" src="{src}"{match.group(5)} loading="lazy" decoding="async">'
        if match.group(2):  # the phone's own drawing (minebook/content/charts.py PHONE_MEDIA)
            img = (f'<picture><source media="{match.group(1)}" srcset="{write(match.group(2))}"{match.group(3)}>'
                   f'{img}</picture>')
        return (f'<div class="mb-chart-frame"><a class="mb-chart-open" href="{src}" target="_blank" rel="noopener">'
                f'{img}</a></div>'
                f'<p class="mb-chart-hint">{hint_open} <span class="mb-chart-scroll">{hint_scroll}</span></p>')

    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        if "mb-chart-img" not in text and "mb-cite" not in text and "<td" not in text:
            continue
        new = CHART_IMG.sub(to_file, text)
        new = LONG_CELL.sub(_mark_long_cell, new)
        if bibliography:
            new = CITE_HREF.sub(lambda m: m.group(1) + bibliography + m.group(2), new)
        if new != text:
            node[:] = [nodes.Text(new)]
            node.rawsource = new


QUIZ_OPEN = re.compile(r'<section class="mb-quiz"[^>]*?\sid="([^"]+)"')
READERS_SKIP = "instructors/"


def reader_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Issue 14: "Skip to the quiz" (a keyboard user needed 150-260 Tab presses to reach a chapter's quiz), and
    Next/Previous that go from the last chapter to the appendices, not into the instructors' guide.

    The link is written twice, both to the first quiz itself (so the next Tab is its first control): under the
    chapter's title, where every reader sees it, and as `mb_quiz_id` for _templates/layout.html, which puts a
    second one just after the theme's "Skip to main content", seen when it has the focus (2 Tab presses from
    page load; the one under the title is after the whole sidebar)."""
    body = context.get("body", "")
    quiz = QUIZ_OPEN.search(body)
    heading = body.find("</h1>")
    if quiz and 0 < heading < quiz.start():
        target = html.escape(quiz.group(1))
        context["mb_quiz_id"] = quiz.group(1)
        words = html.escape(ui("Skip to the quiz", "skip link"))  # outside the f-string: Babel extracts it
        link = f'<p class="mb-skip-quiz"><a href="#{target}">{words}</a></p>'
        cut = heading + len("</h1>")
        context["body"] = body[:cut] + link + body[cut:]
    if pagename.startswith(READERS_SKIP):
        return
    relations = app.env.collect_relations()
    for slot, step in (("next", 2), ("prev", 1)):
        target = (relations.get(pagename) or [None, None, None])[step]
        if not target or not target.startswith(READERS_SKIP):
            continue
        while target and target.startswith(READERS_SKIP):
            target = (relations.get(target) or [None, None, None])[step]
        if target is None:
            context[slot] = None
        else:
            title = app.env.titles[target].astext() if target in app.env.titles else target
            context[slot] = {"link": app.builder.get_relative_uri(pagename, target), "title": title}


def escape_theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """sphinx-book-theme 1.3.0 writes two titles as plain text without escaping them: `pagetitle` in its
    print-only header (`#jb-print-docs-body h1`) and `root_title` in the sidebar's link to the front page. A
    title typed as text, such as "<img src=x onerror=...>" (shown escaped in the heading itself), ran as script
    there. Each is used only in that one place, so both are escaped here, after the theme sets them."""
    for key in ("pagetitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = html.escape(context[key])


def drop_widget_state(app: Sphinx, env: Any) -> None:
    """The static book shows the HTML form of quizzes, so the saved ipywidgets state is dead weight.

    Dropping it also stops myst-nb from adding require.js and the widget manager from a CDN.
    """
    for meta in getattr(env, "nb_metadata", {}).values():
        js_files = meta.get("js_files", {})
        for key in [k for k in js_files if k.startswith("ipywidgets")]:
            del js_files[key]


def keep_formatted_entries(app: Sphinx) -> None:
    """Issue 13 (rebuild time): formatted bibliography entries live in the build environment, pickled with it, so
    a rebuild re-formats only entries whose text, label or style changed (`citestyle._entry_key`)."""
    from minebook.content.citestyle import use_format_cache

    use_format_cache(app.env.__dict__.setdefault("minebook_formatted_entries", {}))


def forget_unused_entries(app: Sphinx, env: Any) -> None:
    from minebook.content.citestyle import prune_format_cache

    prune_format_cache()


def setup(app: Sphinx) -> dict[str, Any]:
    from minebook.content.citestyle import register

    register()  # author–year labels, for `bibtex_default_style: minebook` (issue 14)
    app.connect("builder-inited", keep_formatted_entries)
    app.connect("env-updated", forget_unused_entries, priority=900)  # after sphinxcontrib-bibtex formatted them

    from minebook.sphinx.buildlock import guard_sphinx_build

    app.connect("config-inited", guard_sphinx_build, priority=10)  # before anything touches the output or caches
    app.connect("builder-inited", check_content)
    app.setup_extension("minebook.sphinx.evalrole")  # {eval}`mb.n("TABLE.COLUMN[KEY=VALUE]")`: numbers in prose (issue 13)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", rerun_when_content_changes)
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("build-finished", remember_content)
    app.connect("doctree-resolved", strip_inline_assets)
    app.connect("doctree-resolved", chart_files_and_cite_links)
    app.connect("html-page-context", add_quiz_assets)
    app.connect("html-page-context", reader_navigation)
    app.connect("html-page-context", escape_theme_titles, priority=900)  # after the theme's own handler
    app.connect("env-updated", drop_widget_state)
    from minebook.sphinx.editions import setup_editions

    setup_editions(app)
    from minebook.sphinx.theme_fixes import setup_theme_fixes

    setup_theme_fixes(app)
    # Issue 6 (measured quality): a description on every page; a clean build and a rebuild write the same pages.
    from minebook.sphinx.pagemeta import setup_page_meta
    from minebook.sphinx.stable_output import setup_stable_output

    setup_page_meta(app)
    setup_stable_output(app)
    from minebook.sphinx.launch import setup_launch

    setup_launch(app)  # issue 5: the Colab button opens the published .ipynb
    from minebook.sphinx.languages import setup_languages

    setup_languages(app)  # issue 16: the language switch, Sphinx's Ukrainian, untranslated messages
    from minebook.sphinx.pagespeed import setup_pagespeed

    setup_pagespeed(app)  # issue 14: hidden code cells as plain text (half of a chapter's elements)
    from minebook.sphinx.slim import setup_slim

    setup_slim(app)  # last: cuts the theme's CSS and icon fonts once the pages are written
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": False}
