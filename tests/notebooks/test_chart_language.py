"""A chapter's charts in Ukrainian say nothing in English (issue 16): every word they draw is marked for translation.

The chapter's code cells run in one namespace (as in a kernel) with MINEBOOK_LANG=uk and the book's own catalogs;
each chart's drawn text (the SVG's <text>), its alt text, caption and data-table headings are then read. English
by the book's rule (tools/quality/language.py: two lowercase Latin words of three letters or more) means a string a
reader sees was left unmarked (or is untranslated): the test names it. Names in Latin letters (Landmine Monitor,
HRW) pass, as on the pages. A Ukrainian date ending a sentence must not leave a doubled full stop ("2010 р..").
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

from tools.quality.language import is_english

ROOT = Path(__file__).resolve().parents[2]
# Every chapter with code (its charts): each is translated in locales/uk.
TRANSLATED = sorted(p.stem for p in (ROOT / "chapters").glob("*.md") if "```{code-cell}" in p.read_text(encoding="utf-8"))


def charts_of(chapter: str) -> list:
    """Run the chapter's code cells as a kernel would and return every chart they show."""
    page = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)\n```$", page, flags=re.S | re.M)
    namespace: dict = {}
    shown = []
    for cell in cells:
        block = "\n".join(line for line in cell.split("\n") if not line.startswith(":"))
        if not block.strip() or "mb.quiz(" in block:
            continue
        tree = ast.parse(block)
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr):
            exec(compile(ast.Module(tree.body[:-1], []), chapter, "exec"), namespace)
            shown.append(eval(compile(ast.Expression(last.value), chapter, "eval"), namespace))
        else:
            exec(compile(tree, chapter, "exec"), namespace)
    return [c for c in shown if hasattr(c, "svg")]


@pytest.mark.parametrize("chapter", TRANSLATED)
def test_every_word_a_chart_draws_is_ukrainian(chapter: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINEBOOK_LANG", "uk")
    monkeypatch.setenv("MINEBOOK_ROOT", str(ROOT))
    charts = charts_of(chapter)
    assert charts, "the chapter's charts ran"
    english = []
    for number, chart in enumerate(charts, 1):
        svg = chart.svg.decode("utf-8")
        drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        table = chart.table_html()
        headings = [html.unescape(h) for h in re.findall(r"<th[^>]*>([^<]*)</th>", table)]
        for where, texts in (("drawn", drawn), ("alt", [chart.alt]), ("caption", [chart.caption]), ("table heading", headings)):
            for text in texts:
                if is_english(text) or re.search(r"\w\.\.(?!\.)", text):
                    english.append(f"chart {number}, {where}: {text!r}")
    assert not english, f"{chapter}: English left in the Ukrainian charts:\n" + "\n".join(english)
