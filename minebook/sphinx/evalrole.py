"""The `{eval}` role in the book: numbers in prose without a kernel, so the execution cache stays on.

JupyterLab (jupyterlab-myst) evaluates {eval}`mb.n("TABLE.COLUMN[KEY=VALUE]")` in the kernel. myst-nb's own
`{eval}` needs `nb_execution_mode: inline`, which bypasses the execution cache: every one-sentence edit would
re-run the chapter's kernel (8-14 s per chapter on the reference machine) instead of a 3 s rebuild. This role
reads the same expression, accepts only the calls in `minebook.content.numbers` with plain arguments (nothing
is run as Python), and writes the same text the kernel would show.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from minebook.content.numbers import NumberError, call, evaluate


class NumberRole(SphinxRole):
    def _evaluate(self) -> str:
        """The value, computed once per build: a translated page evaluates each of its values twice (the English
        paragraph, then its translation), and a value often recurs. Kept on the build's app, never on the pickled
        environment, so an edited table is read afresh by the next build."""
        from minebook.core.language import current_language

        memo: dict[tuple[str, str], str] = self.env.app.__dict__.setdefault("minebook_eval_memo", {})
        key = (self.text, current_language())
        if key not in memo:
            memo[key] = evaluate(self.text)
        return memo[key]

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            name, args, _ = call(self.text)
            if name == "cite":  # the bibliography's own citation: linked, and listed in the bibliography
                evaluate(self.text)  # unknown keys: the same error as in JupyterLab
                cite = self.env.get_domain("cite").role("p")
                return cite("cite:p", f":cite:p:`{args[0]}`", args[0], self.lineno, self.inliner, {}, [])  # type: ignore[misc]
            return [nodes.Text(self._evaluate())], []
        except (NumberError, KeyError, LookupError, ValueError, FileNotFoundError) as err:
            message = err.args[0] if err.args else str(err)
            error = self.inliner.reporter.error(f"a number in the text ({{eval}}`{self.text}`) names no value: {message}",
                                                line=self.lineno)
            return [nodes.problematic(self.rawtext, self.rawtext)], [error]


_ENDS_WITH_ABBREVIATION = re.compile(r"\w\.$")


class OneFullStop(SphinxPostTransform):
    """A sentence that ends with a value ending in an abbreviation's full stop gets one full stop, not two.

    A Ukrainian date is written «20 лютого 2026 р.»; a translation that ends its sentence with the date
    ("... набрав чинності {eval}`mb.date(...)`.") would show "2026 р..". Typography keeps one: the stop of the
    abbreviation ends the sentence too (the same holds for English "Inc.")."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        previous: nodes.Text | None = None
        for text in list(self.document.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)):
                previous = None
                continue
            if (previous is not None and text.startswith(".") and not text.startswith("..")
                    and _ENDS_WITH_ABBREVIATION.search(previous)):
                text.parent.replace(text, nodes.Text(text[1:]))
                continue
            previous = text


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("myst_nb")  # registered after myst-nb's own `eval`, which this one replaces
    app.add_role("eval", NumberRole(), override=True)
    app.add_post_transform(OneFullStop)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
