"""The seeded sampler for the independent fact check: the same seed must give the same statements, every
statement must point at the line it came from, and code cells must never be drawn."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sample_statements", ROOT / "tools" / "sample_statements.py")
sampler = importlib.util.module_from_spec(_spec)
sys.modules["sample_statements"] = sampler  # dataclasses look their module up by name
_spec.loader.exec_module(sampler)


def test_same_seed_same_sample(capsys):
    sampler.main(["-n", "30", "--seed", "11"])
    first = capsys.readouterr().out
    sampler.main(["-n", "30", "--seed", "11"])
    assert capsys.readouterr().out == first
    sampler.main(["-n", "30", "--seed", "12"])
    assert capsys.readouterr().out != first


def test_statements_come_from_prose_at_their_line():
    population = sampler.statements(ROOT)
    assert len(population) > 300
    files = {s.file for s in population}
    assert {"intro.md", "chapters/mine-types.md", "chapters/competing-claims.md"} <= files
    assert not any(f.startswith("instructors/") for f in files)
    for s in population:
        lines = (ROOT / s.file).read_text(encoding="utf-8").splitlines()
        assert s.text.split()[0] in lines[s.line - 1], (s.file, s.line, s.text)
        assert s.line not in code_cell_lines(lines), s  # prose may name code (`mb.table(...)`); cells are never drawn


def code_cell_lines(lines: list[str]) -> set[int]:
    """Line numbers (1-based) inside ```{code-cell} fences."""
    inside, found = False, set()
    for n, line in enumerate(lines, 1):
        if line.startswith("```{code-cell}"):
            inside = True
        elif inside and line.startswith("```"):
            inside = False
        elif inside:
            found.add(n)
    return found


def test_paragraph_citations_are_reported(tmp_path):
    (tmp_path / "_toc.yml").write_text("root: intro\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text(
        "---\ntitle: x\n---\n# Title\n\nThe treaty was adopted in 1997 in Oslo. It entered into force in 1999 "
        "{cite:p}`apmbc1997`.\nA wrapped line starts a third sentence of this paragraph.\n\n```{code-cell} ipython3\nprint('Not a statement of any kind at all')\n```\n",
        encoding="utf-8",
    )
    found = sampler.statements(tmp_path)
    assert [s.text for s in found] == [
        "The treaty was adopted in 1997 in Oslo.",
        "It entered into force in 1999 {cite:p}`apmbc1997`.",
        "A wrapped line starts a third sentence of this paragraph.",
    ]
    assert found[0].cites_in_sentence == [] and found[0].cites_in_paragraph == ["apmbc1997"]
    assert [s.line for s in found] == [6, 6, 7]
