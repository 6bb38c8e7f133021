"""Find quiz answers in a built book: the proof that the student edition contains none.

Two kinds of leak: words (an explanation, a feedback, a teaching note written into a file) and structure (the
right option first, values numbered by the file, items numbered by their right position). Words are searched
for. Structure cannot be searched for, so it is proved instead: every quiz form in the build must equal what
the renderer makes, and the renderer must make the same bytes for every other choice of right answer
(`answer_variants`): then nothing in the output can depend on which answer is right.

Used by tests/build/test_instructor_editions.py and tests/unit/test_answer_independence.py; also runnable by hand:
    python tests/leakcheck.py _build/student        (prints every leak, exits 1 if any)
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from minebook.quiz.html import render_html
from minebook.quiz.kinds.choice import Option
from minebook.quiz.markdown import render_markdown
from minebook.quiz.model import Question, Quiz
from minebook.quiz.safe_markdown import inline_html
from minebook.quiz.sheet import worksheet_body

# Markup that only a page carrying answers has (the self-checking data, the instructor's key).
ANSWER_MARKUP = ('class="mb-quiz-data"', "data-answers", 'class="mb-key"', 'class="mb-correct"', "Instructor note:")
TEXT_SUFFIXES = {".html", ".js", ".json", ".txt", ".md", ".ipynb", ".xml", ".inv", ".yml", ".css"}
MIN_LENGTH = 25  # shorter strings ("Yes.") are too common to prove anything


def answer_strings(quiz: Quiz) -> set[str]:
    """Every text that gives an answer away: explanations, option feedback, true/false feedback, notes."""
    found: set[str] = set()
    for q in quiz.questions:
        found.add(q.explanation)
        found.update(q.kind.feedback(q).values())  # option feedback, true/false feedback: any kind's
        found.add(q.instructor_note)
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


def find_leaks(folder: Path, quizzes: list[Quiz], extra: set[str] = frozenset(), skip: tuple[str, ...] = ()) -> list[str]:
    """Every file in `folder` holding an answer string (or answer markup, for pages and notebooks); folders named
    in `skip` (a translation's pages, checked with its own answers) are left out."""
    needles = {normal(f) for q in quizzes for s in answer_strings(q) for f in forms(s)} | {normal(e) for e in extra}
    leaks = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or set(skip) & set(path.relative_to(folder).parts):
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


# ---- structure -------------------------------------------------------------------------------------------------


def _with(quiz: Quiz, index: int, question: Question) -> Quiz:
    questions = list(quiz.questions)
    questions[index] = question
    return dataclasses.replace(quiz, questions=questions)


def _options(q: Question, right: set[int], order: list[int]) -> tuple[Option, ...]:
    """The options in `order` (a new file order), with exactly those of `right` (old positions) correct."""
    return tuple(dataclasses.replace(q.options[i], correct=i in right) for i in order)


def answer_variants(quiz: Quiz) -> Iterator[tuple[str, Quiz]]:
    """The same quiz with another right answer or another file order, one question at a time.

    single/multiple: every other choice of right option(s), and the options listed in reverse; truefalse: the
    answer flipped; text: other accepted answers and matching rules; numeric: other answers, tolerances and ranges; ordering: other right orders (the file lists
    items in their right order, so a new file order is a new answer); classify: other categories per statement
    and the statements in reverse. A reader sees the same texts in each: only which one is right changes.
    """
    for n, q in enumerate(quiz.questions):
        k = len(getattr(q.data, "options", ()))
        if q.type == "single":
            for j in range(k):
                if j != q.correct_options[0]:
                    yield f"{q.id}: option {j + 1} right", _with(quiz, n, q.changed(options=_options(q, {j}, list(range(k)))))
        if q.type == "multiple":
            for mask in range(1, 2**k):
                right = {i for i in range(k) if mask >> i & 1}
                if right != set(q.correct_options):
                    yield f"{q.id}: options {sorted(right)} right", _with(quiz, n, q.changed(options=_options(q, right, list(range(k)))))
        if q.type in ("single", "multiple"):
            flipped = _options(q, set(q.correct_options), list(range(k))[::-1])
            yield f"{q.id}: options listed in reverse", _with(quiz, n, q.changed(options=flipped))
        if q.type == "truefalse":
            yield f"{q.id}: answer flipped", _with(quiz, n, q.changed(answer=not q.answer))
        if q.type == "numeric":
            for answer, tolerance, rng in ((q.answer * 2 + 7, 0.0, None), (q.answer + 1, 3.0, None), (q.answer, 0.0, (q.answer - 5, q.answer + 5))):
                variant = q.changed(answer=answer, tolerance=tolerance, range=rng)
                yield f"{q.id}: answer {answer:g}", _with(quiz, n, variant)
        if q.type == "ordering":
            m = len(q.items)
            for shift in range(1, m):
                items = q.items[shift:] + q.items[:shift]
                yield f"{q.id}: right order rotated by {shift}", _with(quiz, n, q.changed(items=items))
            yield f"{q.id}: right order reversed", _with(quiz, n, q.changed(items=q.items[::-1]))
        if q.type == "classify":
            c = len(q.categories)
            for shift in range(1, c):
                cats = tuple((x + shift) % c for x in q.item_categories)
                yield f"{q.id}: categories shifted by {shift}", _with(quiz, n, q.changed(item_categories=cats))
            yield f"{q.id}: statements listed in reverse", _with(
                quiz, n, q.changed(items=q.items[::-1], item_categories=q.item_categories[::-1]))
        if q.type == "text":
            yield f"{q.id}: other answers accepted", _with(quiz, n, q.changed(accept=("Zzyzx Road", "Зззикс")))
            yield f"{q.id}: case and rules", _with(quiz, n, q.changed(case_sensitive=True, normalise=("punctuation",)))


def student_forms(quiz: Quiz) -> dict[str, str]:
    """Every answer-free form of a quiz: the student edition's page form, its printable Markdown, the worksheet."""
    return {
        "student form": render_html(quiz, blank=True, inline_assets=False),
        "printable Markdown": render_markdown(quiz),
        "worksheet": worksheet_body(quiz, answers=False),
    }


def structure_leaks(quiz: Quiz) -> list[str]:
    """Each answer-free form that changes when only the right answer changes (empty: nothing to predict from)."""
    base = student_forms(quiz)
    found = []
    for what, variant in answer_variants(quiz):
        for form, text in student_forms(variant).items():
            if text != base[form]:
                found.append(f"{quiz.id}: the {form} changes when {what}")
    return found


def built_form_leaks(folder: Path, quizzes: list[Quiz], skip: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """Every quiz form in a built edition (pages and executed notebooks) that is not exactly the renderer's
    answer-free form; with `structure_leaks` empty, those forms cannot depend on the right answers.
    Returns the problems and how many forms were compared (so a test can tell it looked at something)."""
    problems, compared = [], 0
    for quiz in quizzes:
        marker = f'data-quiz-id="{html.escape(quiz.id)}"'
        page_form = render_html(quiz, blank=True, inline_assets=False).strip()
        cell_form, printable = render_html(quiz, blank=True), render_markdown(quiz)
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix not in (".html", ".ipynb") or ".jupyter_cache" in path.parts:
                continue  # the execution cache is not published, and keeps outputs of earlier builds
            if set(skip) & set(path.relative_to(folder).parts):
                continue  # a translation's pages: compared with the forms rendered in its language
            raw = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".html":
                if marker not in raw:
                    continue
                compared += 1
                if page_form not in raw:
                    problems.append(f"{path}: the quiz {quiz.id!r} is not the answer-free form")
                continue
            for cell in json.loads(raw).get("cells", []):
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    shown = "".join(data.get("text/html", ""))
                    if marker not in shown:
                        continue
                    compared += 1
                    if shown != cell_form or "".join(data.get("text/markdown", "")) != printable:
                        problems.append(f"{path}: an output of the quiz {quiz.id!r} is not the answer-free form")
                    if set(data) - {"text/html", "text/markdown", "text/plain"}:
                        problems.append(f"{path}: the quiz {quiz.id!r} carries {sorted(data)} (a widget state?)")
    return problems, compared


if __name__ == "__main__":
    from minebook.content.quizzes import load_quiz
    from minebook.core.paths import chapters_dir

    all_quizzes = [load_quiz(p) for p in sorted(chapters_dir().glob("*.quiz.yml"))]
    notes = teaching_notes(chapters_dir().parent)
    problems = find_leaks(Path(sys.argv[1]), all_quizzes, notes)
    problems += [p for q in all_quizzes for p in structure_leaks(q)] + built_form_leaks(Path(sys.argv[1]), all_quizzes)[0]
    print("\n".join(problems) or "No answer found.")
    sys.exit(1 if problems else 0)
