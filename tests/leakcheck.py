"""Find quiz answers in a built book: the proof that the student edition contains none.

Used by tests/test_instructor_editions.py; also runnable by hand:
    python tests/leakcheck.py _build/student        (prints every leak, exits 1 if any)
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from minebook.quiz.model import Quiz
from minebook.quiz.safe_markdown import inline_html

# Markup that only a page carrying answers has (the self-checking data, the instructor's key).
ANSWER_MARKUP = ('class="mb-quiz-data"', "data-answers", 'class="mb-key"', 'class="mb-correct"', "Instructor note:")
TEXT_SUFFIXES = {".html", ".js", ".json", ".txt", ".md", ".ipynb", ".xml", ".inv", ".yml", ".css"}
MIN_LENGTH = 25  # shorter strings ("Yes.") are too common to prove anything


def answer_strings(quiz: Quiz) -> set[str]:
    """Every text that gives an answer away: explanations, option feedback, true/false feedback, notes."""
    found: set[str] = set()
    for q in quiz.questions:
        found.add(q.explanation)
        found.update(o.feedback for o in q.options)
        found.update((q.feedback_true, q.feedback_false, q.instructor_note))
    return {s for s in found if len(s) >= MIN_LENGTH}


def forms(text: str) -> set[str]:
    """The ways a string may be written into a file: as typed, HTML-escaped, rendered, JSON-encoded."""
    return {text, html.escape(text), html.escape(text, quote=False), inline_html(text), json.dumps(text)[1:-1],
            json.dumps(inline_html(text))[1:-1]}


def normal(text: str) -> str:
    """Undo what Sphinx does to typed text (entities, curly quotes, dashes) so a rendered sentence still matches."""
    text = html.unescape(text)
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "--"), ("\u2014", "---")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def note_sentences(notes: Path) -> set[str]:
    """Sentences of a teaching-notes file, without Markdown syntax, long enough to be unique to it."""
    text = re.sub(r"[*`]|^\s*[-|#]+\s*|\s*\|\s*", " ", notes.read_text(encoding="utf-8"), flags=re.MULTILINE)
    pieces = re.split(r"(?<=[.!?:])\s+|\s{2,}", text)
    return {normal(p) for p in pieces if len(normal(p)) >= 40}


def teaching_notes(root: Path) -> set[str]:
    """Sentences of instructors/*.md that the rest of the book does not also say (the safety message and the
    chapters' own discussion questions are repeated in the notes on purpose, and are no leak)."""
    skip = {"_build", ".venv", "tests", "node_modules", "instructors"}
    pages = [p for p in root.rglob("*.md") if not skip & set(p.relative_to(root).parts)]
    book = normal(re.sub(r"[*`]", " ", " ".join(p.read_text(encoding="utf-8") for p in pages)))
    return {s for p in (root / "instructors").glob("*.md") for s in note_sentences(p) if s not in book}


def find_leaks(folder: Path, quizzes: list[Quiz], extra: set[str] = frozenset()) -> list[str]:
    """Every file in `folder` holding an answer string (or answer markup, for pages and notebooks)."""
    needles = {normal(f) for q in quizzes for s in answer_strings(q) for f in forms(s)} | {normal(e) for e in extra}
    leaks = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = normal(re.sub(r"<[^>]+>", "", raw)) + "\n" + normal(raw)
        for needle in needles:
            if needle in text:
                leaks.append(f"{path}: {needle[:70]!r}")
                break
        if path.suffix in (".html", ".ipynb"):
            leaks += [f"{path}: markup {m!r}" for m in ANSWER_MARKUP if m in raw]
    return leaks


if __name__ == "__main__":
    from minebook.paths import chapters_dir
    from minebook.quiz.model import load_quiz

    all_quizzes = [load_quiz(p) for p in sorted(chapters_dir().glob("*.quiz.yml"))]
    notes = teaching_notes(chapters_dir().parent)
    problems = find_leaks(Path(sys.argv[1]), all_quizzes, notes)
    print("\n".join(problems) or "No answer found.")
    sys.exit(1 if problems else 0)
