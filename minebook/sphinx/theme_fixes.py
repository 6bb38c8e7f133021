"""Fixes for noise that Jupyter Book 1's stack puts on every page.

Pinned stack: jupyter-book 1.0.4.post1, Sphinx 7.4.7, sphinx-book-theme 1.3.0,
pydata-sphinx-theme 0.17.1, sphinx-thebe 0.3.1, docutils 0.21.2. Each fix
addresses something a reader's browser (or axe-core) reports, so the browser
tests can demand zero console errors and zero accessibility violations
instead of keeping an allow-list. The markup fixes that need Jinja live in
``_templates/`` (see the comment at the top of each template).

Call :func:`setup_theme_fixes` from the book's Sphinx extension ``setup``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

# Markers of the assets and doctree nodes sphinx-thebe adds to every page.
_THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")
_THEBE_INLINE_MARKER = "THEBE_JS_URL"
_THEBE_RAW_MARKERS = ('type="text/x-thebe-config"', "<script>kernelName =")

# docutils 0.21 writes bibliography entries as
# <div role="list"><div role="doc-biblioentry">: "doc-biblioentry" is
# deprecated in DPUB-ARIA 1.1 and is not a "listitem", so axe reports
# aria-deprecated-role, aria-allowed-role and (critical)
# aria-required-children on every page with a {bibliography}. The literal
# attribute can only come from the writer.
_BIBLIOENTRY_ROLE = 'role="doc-biblioentry"'
_LISTITEM_ROLE = 'role="listitem"'

# myst-nb 1.4.0 writes hide-input/hide-output/hide-cell toggles as
# <summary aria-label="Toggle hidden content"> around the visible text "Show
# code cell source": the name does not contain the visible text, so axe 4.14
# reports label-content-name-mismatch (WCAG 2.5.3). Without the aria-label
# the name is the visible prompt (the hidden one of the pair is not read).
_HIDE_CELL_SUMMARY = '<summary aria-label="Toggle hidden content">'
_PLAIN_SUMMARY = "<summary>"

# sphinx-book-theme's JS looks up div.bd-sidebar-secondary unconditionally
# once a page has margin content; see _clean_page_assets.
_SECONDARY_SIDEBAR_STUB = '<div class="bd-sidebar-secondary" hidden></div>'

# Written into _static/ by _write_fix_stylesheet; one rule per problem.
FIX_STYLESHEET = "minebook-theme-fixes.css"
_FIX_CSS = """\
/* Written by minebook/sphinx/theme_fixes.py at build time; edit it there. */

/* pydata-sphinx-theme 0.17.1, dark theme: a search term highlighted inside a
   link (search results, ?highlight= pages) is link blue #528fe4 on #675c04,
   contrast 2.06:1 (axe color-contrast, WCAG 1.4.3). Use the body text colour. */
html[data-theme="dark"] a span.highlighted {
  color: var(--pst-color-text-base);
}
"""


# Written into _static/ beside the stylesheet; loaded (deferred) on every page.
FIX_SCRIPT = "minebook-theme-fixes.js"
_FIX_JS = """\
/* Written by minebook/sphinx/theme_fixes.py at build time; edit it there. */

/* sphinx-book-theme 1.3.0 blurs the menu buttons when they are clicked (so their tooltip goes away),
   before pydata-sphinx-theme 0.17.1 notes which element had focus to give it back when the menu
   dialog closes: it notes <body>, and a keyboard user who closes the menu with Escape is sent back to
   the top of the page (WCAG 2.4.3). Give focus back to the button that opened the dialog. */
document.addEventListener("DOMContentLoaded", () => {
  for (const side of ["primary", "secondary"]) {
    const button = document.querySelector(`.${side}-toggle`);
    const dialog = document.getElementById(`pst-${side}-sidebar-modal`);
    if (button && dialog) dialog.addEventListener("close", () => button.focus());
  }
});
"""


def thebe_enabled(config: Config) -> bool:
    """True if the book asks for thebe (a launch button or ``always_load``)."""
    theme_options = getattr(config, "html_theme_options", None) or {}
    launch_buttons = theme_options.get("launch_buttons") or {}
    thebe_config = getattr(config, "thebe_config", None) or {}
    always_load = isinstance(thebe_config, dict) and thebe_config.get("always_load") in (
        True,
        "true",
        "True",
    )
    return bool(launch_buttons.get("thebe")) or always_load


def _default_colour_mode(app: Sphinx, config: Config) -> None:
    """Give the pydata theme a valid default colour mode ("auto").

    Without ``html_context["default_mode"]`` the theme writes an empty mode
    into the page and its JS logs ``Got invalid theme mode: . Resetting to
    auto.`` as a console *error* on a reader's first visit. "auto" (follow
    the system setting) is what the theme falls back to anyway, so this only
    removes the error. A value set in ``_config.yml`` wins.
    """
    context = config.html_context
    if not context.get("default_mode"):
        config.html_context = {**context, "default_mode": "auto"}


def _write_fix_stylesheet(app: Sphinx) -> None:
    """Write the fix stylesheet and script into the HTML output's ``_static``.

    Written at builder init (before pages are rendered, so Sphinx can add its
    ``?v=`` checksum); Sphinx's static-file copying later never deletes it.
    Kept as a string in this module so the fixes stay in one place.
    """
    if app.builder.format != "html":
        return
    static_dir = Path(app.outdir) / "_static"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / FIX_STYLESHEET).write_text(_FIX_CSS, encoding="utf-8")
    (static_dir / FIX_SCRIPT).write_text(_FIX_JS, encoding="utf-8")


def _drop_thebe_doctree_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove the per-page thebe ``<script>`` blocks when thebe is off.

    sphinx-thebe appends a ``text/x-thebe-config`` block (naming a Binder
    repository) and a global ``kernelName`` script to every page, whether or
    not the book uses thebe. Runs after sphinx-thebe's own handler.
    """
    if thebe_enabled(app.config):
        return
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if any(marker in text for marker in _THEBE_RAW_MARKERS):
            node.parent.remove(node)


def _asset_key(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    filename = getattr(asset, "filename", asset)
    attributes = getattr(asset, "attributes", {})
    return os.fspath(filename or ""), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def _is_thebe_asset(asset: Any) -> bool:
    filename = os.fspath(getattr(asset, "filename", asset) or "")
    body = getattr(asset, "attributes", {}).get("body") or ""
    return filename.endswith(_THEBE_FILES) or _THEBE_INLINE_MARKER in body


def _clean_page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Drop duplicate inline scripts and unused thebe assets; fix markup axe reports.

    * Sphinx 7.4 registers an inline script added after builder init twice:
      once as ``filename=None`` and again (in ``prepare_writing``) as
      ``filename=""``; they compare unequal, so both are written. For
      sphinx-thebe's ``const THEBE_JS_URL = ...`` the second copy throws
      ``Identifier 'THEBE_JS_URL' has already been declared`` on every page
      (sphinx-togglebutton's selector script is doubled the same way).
    * With thebe off, sphinx-thebe's JS, CSS and config script (which names
      an unpkg.com URL) serve no purpose on a page.
    * Bibliography entries and myst-nb's hide-cell toggles: see
      ``_BIBLIOENTRY_ROLE`` and ``_HIDE_CELL_SUMMARY`` (both literals can
      only come from the HTML writers: text in a page is HTML-escaped).
    * A page with no "On this page" sidebar (no sections) but with
      ``{margin}``/``{sidebar}``-style content: sphinx-book-theme 1.3.0's JS
      calls ``document.querySelector("div.bd-sidebar-secondary").classList``
      and throws ``Cannot read properties of null (reading 'classList')``.
      An empty, hidden stand-in element gives it something to toggle (added
      to every page without that sidebar; it renders nothing).

    The lists are edited in place because they are the builder's own lists,
    which Sphinx restores before the next page.
    """
    drop_thebe = not thebe_enabled(app.config)
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if not isinstance(assets, list):
            continue
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        kept = []
        for asset in assets:
            asset_key = _asset_key(asset)
            if asset_key in seen or (drop_thebe and _is_thebe_asset(asset)):
                continue
            seen.add(asset_key)
            kept.append(asset)
        assets[:] = kept
    body = context.get("body")
    if not isinstance(body, str):
        return
    body = body.replace(_BIBLIOENTRY_ROLE, _LISTITEM_ROLE).replace(_HIDE_CELL_SUMMARY, _PLAIN_SUMMARY)
    if _lacks_secondary_sidebar(context):
        body += _SECONDARY_SIDEBAR_STUB
    context["body"] = body


def _lacks_secondary_sidebar(context: dict[str, Any]) -> bool:
    """Mirror pydata-sphinx-theme's layout.html test for dropping the sidebar."""
    meta = context.get("meta") or {}
    return not context.get("secondary_sidebar_items") or "html_theme.sidebar_secondary.remove" in meta


def setup_theme_fixes(app: Sphinx) -> None:
    """Connect the theme fixes to ``app`` (call from an extension's ``setup``)."""
    app.connect("config-inited", _default_colour_mode)
    app.connect("builder-inited", _write_fix_stylesheet)
    app.add_css_file(FIX_STYLESHEET)
    app.add_js_file(FIX_SCRIPT, defer="defer")
    # Priority 900: after sphinx-thebe's doctree-resolved handler (500), and
    # after every html-page-context handler that adds page assets.
    app.connect("doctree-resolved", _drop_thebe_doctree_config, priority=900)
    app.connect("html-page-context", _clean_page_assets, priority=900)
