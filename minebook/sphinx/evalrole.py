"""The `{eval}` role in the book: numbers in prose without a kernel, so the execution cache stays on.

JupyterLab (jupyterlab-myst) evaluates {eval}`mb.n("TABLE.COLUMN[KEY=VALUE]")` in the kernel. myst-nb's own
`{eval}` needs `nb_execution_mode: inline`, which bypasses the execution cache: every one-sentence edit would
re-run the chapter's kernel (8-14 s per chapter on the reference machine) instead of a 3 s rebuild. This role
reads the same expression, accepts only the calls in `minebook.content.numbers` with plain arguments (nothing
is run as Python), and writes the same text the kernel would show.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from minebook.content.numbers import NumberError, call, evaluate


class NumberRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            name, args, _ = call(self.text)
            if name == "cite":  # the bibliography's own citation: linked, and listed in the bibliography
                evaluate(self.text)  # unknown keys: the same error as in JupyterLab
                cite = self.env.get_domain("cite").role("p")
                return cite("cite:p", f":cite:p:`{args[0]}`", args[0], self.lineno, self.inliner, {}, [])  # type: ignore[misc]
            return [nodes.Text(evaluate(self.text))], []
        except (NumberError, KeyError, LookupError, ValueError, FileNotFoundError) as err:
            message = err.args[0] if err.args else str(err)
            error = self.inliner.reporter.error(f"a number in the text ({{eval}}`{self.text}`) names no value: {message}",
                                                line=self.lineno)
            return [nodes.problematic(self.rawtext, self.rawtext)], [error]


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("myst_nb")  # registered after myst-nb's own `eval`, which this one replaces
    app.add_role("eval", NumberRole(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
