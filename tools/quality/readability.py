"""Reading level of each chapter's prose, for `make benchmark` (issue 14: readers aged 16-19).

Measured, not enforced: the goal is US grade 11 or below (Flesch-Kincaid grade, from the kept library
`textstat`) and no sentence over 35 words outside quotations and tables. The prose is what a reader reads:
code cells, tables, headings, block quotations, citations and MyST markup are left out; a glued number counts
as one word ("12"); a quotation in double quotes counts as one word, so a long quotation does not make the
book's own sentence look long.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

GOAL_GRADE = 11.0
GOAL_SENTENCE_WORDS = 35

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(`{3,}|~{3,})\{?([\w-]*)\}?[^\n]*\n(.*?)^\1\s*$", re.DOTALL | re.MULTILINE)
_PROSE_DIRECTIVES = {"admonition", "note", "tip", "important", "warning", "caution", "attention", "hint", "seealso"}
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_QUOTED = re.compile(r"[\"“][^\"”]{1,400}[\"”]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z0-9])")


@dataclass
class Reading:
    """One chapter's figures."""

    page: str
    words: int
    sentences: int
    grade: float
    long_sentences: int
    longest: int

    def meets_goal(self) -> bool:
        return self.grade <= GOAL_GRADE and self.long_sentences == 0


def _role_text(match: re.Match) -> str:
    role, body = match.group(1), match.group(2)
    if role.startswith(("cite", "footcite", "numref")):
        return ""
    if role.startswith("glue"):
        return "12"
    if role == "eval":  # {eval}`mb.n(...)` is a number (or a date, a word) in the book; {eval}`mb.cite(...)` a label
        return "" if body.lstrip().startswith(("mb.cite", "mb.evidence")) else "12"
    shown = re.match(r"(.*?)\s*<[^>]*>$", body)  # {term}`the Convention <Mine Ban Convention>`
    return (shown.group(1) if shown else body).strip()


def prose(markdown: str) -> str:
    """The running text of a MyST page, one paragraph per line."""
    text = _FRONT.sub("", markdown)

    def fence(match: re.Match) -> str:
        name = match.group(2).lower()
        if name in _PROSE_DIRECTIVES:
            body = "\n".join(line for line in match.group(3).splitlines() if not line.lstrip().startswith(":"))
            return "\n" + body + "\n"
        return "\n"

    previous = None
    while previous != text:  # admonitions may hold fences of their own
        previous, text = text, _FENCE.sub(fence, text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith(("#", "|", ">", ":::", "(", "```", "<"))]
        items: list[list[str]] = []
        for line in lines:  # each list item is a sentence of its own, not part of one long paragraph
            if re.match(r"^([-*+]|\d+\.)\s+", line) or not items:
                items.append([])
            items[-1].append(re.sub(r"^([-*+]|\d+\.)\s+", "", line))
        for item in items:
            para = _LINK.sub(r"\1", _ROLE.sub(_role_text, " ".join(item)))
            para = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[*_`]", "", para)).strip()
            if para and not para.endswith((".", "!", "?", "”", '"')):
                para += "."  # list items and captions without a full stop end here
            if para:
                paragraphs.append(para)
    return "\n".join(paragraphs)


def sentences(text: str) -> list[str]:
    """Sentences of the prose, with double-quoted passages counted as one word."""
    found: list[str] = []
    for para in text.splitlines():
        para = _QUOTED.sub("QUOTE", para)
        found += [s.strip() for s in _SENTENCE_END.split(para) if s.strip()]
    return found


def measure(path: Path, name: str | None = None) -> Reading:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # textstat 0.7.3 imports pkg_resources, which warns on import
        import textstat

    text = prose(path.read_text(encoding="utf-8"))
    parts = sentences(text)
    lengths = [len(s.split()) for s in parts]
    textstat.set_lang("en_US")
    return Reading(
        page=name or path.stem,
        words=sum(lengths),
        sentences=len(parts),
        grade=float(textstat.flesch_kincaid_grade(text)),
        long_sentences=sum(1 for n in lengths if n > GOAL_SENTENCE_WORDS),
        longest=max(lengths, default=0),
    )


def report(book: Path, chapters: list[str]) -> str:
    """A Markdown table: one row per chapter, with the goals."""
    rows = [measure(book / f"{c}.md", c) for c in chapters if (book / f"{c}.md").is_file()]
    lines = [
        f"Reading level (Flesch-Kincaid grade, textstat; goal <= {GOAL_GRADE:g}) and sentences over "
        f"{GOAL_SENTENCE_WORDS} words outside quotations and tables (goal 0):",
        "",
        "| chapter | words | sentences | grade | sentences > 35 words | longest | goal met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r.page} | {r.words:,} | {r.sentences} | {r.grade:.1f} | {r.long_sentences} | {r.longest} | "
                     f"{'yes' if r.meets_goal() else 'no'} |")
    return "\n".join(lines)
