"""Lighter pages on a phone: the code of hidden code cells is shipped as plain text (issue 14).

Every chart cell is tagged ``hide-input``: readers see the chart, and its code only if they open "Show code
cell source". Pygments still wrapped every word of that code in a ``<span>`` for colour: about 2,400 of the
4,700 elements of the human-cost chapter, none of them seen on load. Lighthouse's mobile run (4x slower CPU)
measured the style and layout of those spans as the largest main-thread cost before the first paint, and the
theme's load handler (pydata-sphinx-theme's ``addTabStopsToScrollableElements``, which reads each ``<pre>``'s
scroll width) forces that work again once per hidden cell. Shown as plain text, the code reads the same when
opened (monospace, same lines, copy button), only without colours; visible code cells keep their colours.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

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
    return {"parallel_read_safe": True}
