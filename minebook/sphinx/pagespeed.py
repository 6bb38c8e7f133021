"""Lighter pages on a phone (issue 14): hidden code cells as plain text, and one stylesheet a page.

Every chart cell is tagged ``hide-input``: readers see the chart, and its code only if they open "Show code
cell source". Pygments still wrapped every word of that code in a ``<span>`` for colour: about 2,400 of the
4,700 elements of the human-cost chapter, none of them seen on load. Lighthouse's mobile run (4x slower CPU)
measured the style and layout of those spans as the largest main-thread cost before the first paint, and the
theme's load handler (pydata-sphinx-theme's ``addTabStopsToScrollableElements``, which reads each ``<pre>``'s
scroll width) forces that work again once per hidden cell. Shown as plain text, the code reads the same when
opened (monospace, same lines, copy button), only without colours; visible code cells keep their colours.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# myst-nb 1.4.0 marks a cell container with hide_mode when its input is folded away.
_HIDDEN_INPUT = {"input", "input+output", "all"}


def plain_hidden_code(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each hidden code cell's source the ``text`` lexer: the same code, with no colour markup."""
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code" or cell.get("hide_mode") not in _HIDDEN_INPUT:
            continue
        for source in cell.findall(nodes.container):
            if source.get("nb_element") != "cell_code_source":
                continue
            for block in source.findall(nodes.literal_block):
                block["language"] = "text"


def setup_pagespeed(app: Sphinx) -> dict[str, Any]:
    """Register with Sphinx; called from the book's extension ``setup``."""
    app.connect("doctree-resolved", plain_hidden_code)
    app.connect("build-finished", _bundle_after_build, priority=950)  # after slim.py (900) has cut the theme's CSS
    return {"parallel_read_safe": True}


# ---- one stylesheet per page ---------------------------------------------------------------------------------------
# The theme and the extensions link 11 stylesheets in each page's <head>, each a request a phone must finish before
# its first paint (Lighthouse's mobile run: 10 requests at a time, each on a slow 4G round trip). After the build,
# each page's stylesheets are joined, in their order, into one file: the same rules in the same cascade (the light
# and dark themes are rules like any other), with their url()s rewritten for the new folder.

BUNDLE_PREFIX = "minebook-css-"
_LINK = re.compile(r"<link\b[^>]*>\s*", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""", re.I)
_MANIFEST = re.compile(r"\A@charset \"UTF-8\";\n/\* minebook bundle: (.*?) \*/\n")


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else (m.group(3) or "") for m in _ATTR.finditer(tag)}


def _local(href: str) -> bool:
    return bool(href) and "://" not in href and not href.startswith(("/", "data:", "#"))


def bundle_text(sources: list[str], read: Callable[[str], str]) -> str:
    """One stylesheet from ``sources`` (paths relative to the book's root, in cascade order), for ``_static/``.

    ``read`` gives a source's text (the tests hand in the theme's original files). Relative ``url()``s are rewritten
    from each source's folder to ``_static/``; each ``@charset`` goes, one ``UTF-8`` declaration leads the file.
    """
    parts = [f'@charset "UTF-8";\n/* minebook bundle: {" ".join(sources)} */\n']
    for source in sources:
        folder = posixpath.dirname(source)

        def rebase(match: re.Match[str], folder: str = folder) -> str:
            url = match.group(2).strip()
            if not _local(url):
                return match.group(0)
            moved = posixpath.relpath(posixpath.normpath(posixpath.join(folder, url)), "_static")
            return f'url("{moved}")'

        parts.append(f"/* {source} */\n" + _URL.sub(rebase, _CHARSET.sub("", read(source))).strip() + "\n")
    return "".join(parts)


def bundle_sources(bundle: Path) -> list[str]:
    """The stylesheets a bundle was made from (its first comment)."""
    match = _MANIFEST.match(bundle.read_text(encoding="utf-8"))
    return match.group(1).split() if match else []


def _page_stylesheets(html: str, page: str) -> tuple[list[re.Match[str]], list[str], str] | None:
    """The page's stylesheet <link>s in <head>, their files (relative to the root) and their versions (Sphinx's
    ``?v=`` checksums, the theme's ``?digest=``), or None to leave the page alone."""
    head_end = html.find("</head>")
    links, sources, versions = [], [], []
    for match in _LINK.finditer(html, 0, max(head_end, 0)):
        attrs = _attributes(match.group(0))
        if "stylesheet" not in attrs.get("rel", "").lower().split():
            continue
        href = attrs.get("href", "").split("?")[0].split("#")[0]
        if not _local(href) or attrs.get("media", "all") not in ("all", "") or "disabled" in attrs:
            return None  # another host, a print or screen-only sheet: keep the page as the theme wrote it
        links.append(match)
        sources.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), href)))
        versions.append(attrs.get("href", "").partition("?")[2])
    if len(links) < 2 or re.search(r"<style\b", html[links[0].start():links[-1].end()], re.I):
        return None  # nothing to join, or an inline style sits between the sheets in the cascade
    if any(posixpath.basename(s).startswith(BUNDLE_PREFIX) for s in sources):
        return None
    return links, sources, " ".join(versions)


def bundle_stylesheets(outdir: Path) -> int:
    """Give every page one stylesheet; return how many pages changed.

    Bundles are named after the list of their sources, and every bundle in ``_static`` is made again from its
    sources on each build: a page a rebuild did not rewrite still gets today's (slimmed) rules.
    """
    static = outdir / "_static"

    def read(source: str) -> str:
        text = (outdir / source).read_text(encoding="utf-8")
        if "@import" in text:
            raise ValueError(f"{source} imports another stylesheet")
        return text

    changed = 0
    for page in sorted(outdir.rglob("*.html")):
        relative = page.relative_to(outdir).as_posix()
        if relative.startswith(("_static/", "_sources/")):
            continue
        html = page.read_text(encoding="utf-8")
        found = _page_stylesheets(html, relative)
        if not found:
            continue
        links, sources, versions = found
        if not all((outdir / s).is_file() for s in sources):
            continue
        # Named after its sources and their versions: a changed stylesheet gives a new name (browsers fetch it anew).
        name = BUNDLE_PREFIX + hashlib.sha256(f"{' '.join(sources)} {versions}".encode()).hexdigest()[:12] + ".css"
        try:
            (static / name).write_text(bundle_text(sources, read), encoding="utf-8")
        except ValueError as error:  # the page still works, with its stylesheets separate (a book without the
            # book's webpack-macros.html override links theme.css, which @imports basic.css): said, not a warning
            logger.info(f"stylesheets of {relative} left as they are: {error}")
            continue
        href = posixpath.relpath(f"_static/{name}", posixpath.dirname(relative) or ".")
        out = [html[:links[0].start()], f'<link rel="stylesheet" href="{href}" />\n    ']
        last = links[0].end()
        for link in links[1:]:
            out.append(html[last:link.start()])
            last = link.end()
        out.append(html[last:])
        page.write_text("".join(out), encoding="utf-8")
        changed += 1
    for bundle in sorted(static.glob(f"{BUNDLE_PREFIX}*.css")):  # pages an incremental build left unchanged
        sources = bundle_sources(bundle)
        if sources and all((outdir / s).is_file() for s in sources):
            bundle.write_text(bundle_text(sources, read), encoding="utf-8")
    return changed


def _bundle_after_build(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        pages = bundle_stylesheets(Path(app.outdir))
        logger.info(f"stylesheets joined into one file a page: {pages} page(s) rewritten")
