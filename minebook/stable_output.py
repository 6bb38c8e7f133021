"""Make a clean build and a rebuild write the same pages (issue 6, reproducible builds).

myst-nb 1.4.0 copies its stylesheet ``mystnb.<hash>.css`` into ``_static`` only
when the build finishes, after the pages are written. Sphinx adds a ``?v=<crc>``
suffix to a stylesheet link only if the file is already in the output, so a
clean build writes ``mystnb.<hash>.css`` and every later build
``mystnb.<hash>.css?v=8cd3d715``: the same book, different pages. Copying the
file when the builder starts (as myst-nb itself does at the end) gives every
build the suffixed link.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file


def copy_mystnb_css_early(app: Sphinx) -> None:
    """Put myst-nb's stylesheet into ``_static`` before any page is written."""
    if app.builder.format != "html" or "myst_nb" not in app.extensions:
        return
    from myst_nb import static
    from myst_nb.sphinx_ext import _get_file_hash, _import_resources_path

    with _import_resources_path(static, "mystnb.css") as source:
        target = Path(app.outdir) / "_static" / f"mystnb.{_get_file_hash(source)}.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_asset_file(str(source), str(target))


def setup_stable_output(app: Sphinx) -> None:
    """Connect the handler (call from an extension's ``setup``)."""
    app.connect("builder-inited", copy_mystnb_css_early)
