"""Cues that let a student pick the right option without reading the chapter, found in the quiz files.

`minebook check` reports them as warnings (the book still builds): a quiz where the right option is usually the
longest, or usually in the same place, teaches students to guess. Only single-choice questions are counted for
length (per quiz) and place (across the book), where one right option competes with the others; "all/none of the above" is flagged anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from minebook.core.errors import ContentError, Problem

from .model import Quiz
from .safe_markdown import plain_text

ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.IGNORECASE)
# The quiz itself says "Correct." or "Not quite." before any feedback or explanation: a text that starts by saying
# it again reads "Correct. Correct. ..." (and after "Show answer", "Answer shown. Correct. ...").
VERDICT = re.compile(r"^\s*(correct|right|wrong|incorrect|not quite|well done|exactly)\s*[.!:]", re.IGNORECASE)


def longest_is_right(quiz: Quiz) -> list[str]:
    """Ids of single-choice questions whose right option is strictly longer than every other option."""
    found = []
    for q in quiz.questions:
        if q.type != "single":
            continue
        right = q.correct_options[0]
        lengths = [len(plain_text(o.text)) for o in q.options]
        if all(lengths[right] > n for i, n in enumerate(lengths) if i != right):
            found.append(q.id)
    return found


def cue_warnings(quiz: Quiz) -> list[Problem]:
    """Every cue in one quiz, worded for the instructor who wrote it."""
    warnings: list[Problem] = []
    singles = [q for q in quiz.questions if q.type == "single"]
    longest = longest_is_right(quiz)
    if singles and len(longest) > len(singles) / 2:
        warnings.append(Problem(
            quiz.path, f"{len(longest)} of {len(singles)} single-choice questions", "options",
            "the right option to be the longest in at most half of them",
            f"it is the longest in: {', '.join(longest)}",
            "Students learn to pick the longest option. Write the wrong options as carefully as the right one."))
    for q in quiz.questions:
        said = [("explanation", q.explanation), *((f"feedback ({k})", t) for k, t in q.kind.feedback(q).items())]
        for field, text in said:
            if text and (verdict := VERDICT.match(plain_text(text))):
                warnings.append(Problem(quiz.path, f"line {q.line}, question '{q.id}'", field,
                                        "the reason, without a verdict first",
                                        f"it starts with '{verdict.group(0).strip()}'",
                                        "The quiz already says whether the answer is right; readers would see it twice."))
        for o in getattr(q.data, "options", ()):
            if ABOVE.search(o.text):
                warnings.append(Problem(quiz.path, f"line {q.line}, question '{q.id}'", "options",
                                        "options that stand on their own", f"'{o.text}'",
                                        "Options are shown in mixed order, and such options are easy to guess."))
    return warnings


def place_warning(quizzes: list[Quiz], where: Path) -> list[Problem]:
    """The right option shown in the same place in more than half of the book's single-choice questions (a
    student answering every quiz would notice; one quiz has too few questions to tell a pattern from chance)."""
    places = Counter(q_.display_order(q).index(q.correct_options[0]) + 1 for q_ in quizzes for q in q_.questions
                     if q.type == "single")
    total = sum(places.values())
    if total < 6:
        return []
    place, count = places.most_common(1)[0]
    if count <= total / 2:
        return []
    return [Problem(where, f"{count} of {total} single-choice questions of the book", "options",
                    "the right option in different places", f"it is shown as option {place} in {count} of them",
                    "The order is made from each option's wording: rewording an option moves it.")]


def check_cues(folder: Path, load: Callable[[Path], Quiz]) -> list[Problem]:
    """Cue warnings for every quiz file that loads with `load` (a file with mistakes is reported by the check
    itself)."""
    quizzes: list[Quiz] = []
    for path in sorted(folder.glob("*.quiz.yml")):
        try:
            quizzes.append(load(path))
        except ContentError:
            continue
    return [w for quiz in quizzes for w in cue_warnings(quiz)] + place_warning(quizzes, folder)
