"""A quiz file in another language: every text a reader sees, as gettext messages, and the file's texts replaced
by their translations before the quiz is built.

One walk over a quiz file (`text_fields`) names every reader-visible text: the quiz's title and intro, and each
question's prompt, explanation, instructor note and its kind's texts (options and their feedback, the feedback
for true and false, items, categories, accepted answers, a number's unit). The extractor writes each as one
message of domain `quizzes/<quiz>` (msgctxt `<question id>.<field>[.<n>]`, n counting from 1, location the quiz
file's line); the loader, in a language other than English, puts each translation in its place in the raw file
before the engine builds it, so every form (page, widget, student form, keys, worksheets, exports) shows it.

What never changes: ids, answers, numbers, sources, and the look-ups `{TABLE.COLUMN[KEY=VALUE]}` and
`{answer}` (the engine fills them in after translation, the Ukrainian way). A translation must keep every
look-up and citation marker of its English: anything else is a mistake naming the catalog, its line, the
question and the field. An untranslated or fuzzy message falls back to the English.

Accepted answers (type: text): a translator gives the Ukrainian variants of each English one in its msgstr,
separated by " | " (e.g. msgid "Ottawa", msgstr "Оттава | Оттаві"). In a translated book the question accepts
the translated variants (the first is the answer shown) and also the English ones: a reader who answers with
the English name knows the answer too.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minebook.core.errors import ContentError, Problem
from minebook.core.language import SOURCE_LANGUAGE, catalog, catalog_path
from minebook.core.paths import book_root
from minebook.core.yamlsrc import Lines, line_of

# What a translation must keep, as many times as the English has it: look-ups ({table.column[key=value]},
# {answer}) and citation markers ([@key], {cite:p}`key`).
MARKER = re.compile(r"\{[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?(?:\[[^\]]*\])?\}|\[@[^\]]+\]|\{cite[^}]*\}`[^`]*`")
VARIANTS = " | "  # between the translated variants of one accepted answer


@dataclass(frozen=True)
class TextField:
    """One reader-visible text of a quiz file: where it is (a path into the YAML), its msgctxt and its English."""

    at: tuple
    context: str
    text: str
    qid: str = ""
    field: str = ""


def domain(quiz_id: str) -> str:
    """The catalog of one quiz file: `quizzes/mine-types` for chapters/mine-types.quiz.yml."""
    return f"quizzes/{quiz_id}"


def _text(value: Any) -> str | None:
    """A text as the engine shows it (numbers as written, trimmed); None for anything that is not a text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None


def text_fields(raw: Any) -> list[TextField]:
    """Every reader-visible text of a raw quiz file, in file order (structure as the schema promises; anything
    else is skipped: the loader reports it)."""
    out: list[TextField] = []
    if not isinstance(raw, dict):
        return out

    def add(at: tuple, context: str, value: Any, qid: str = "", field: str = "") -> None:
        text = _text(value)
        if text is not None:
            out.append(TextField(at, context, text, qid, field or context))

    for name in ("title", "intro"):
        add((name,), name, raw.get(name))
    questions = raw.get("questions")
    for i, q in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(q, dict) or not isinstance(q.get("id"), str):
            continue
        qid, at = q["id"], ("questions", i)

        def here(name: str, value: Any, path: tuple, n: int | None = None, field: str = "",
                 qid: str = qid, at: tuple = at) -> None:
            add((*at, *path), f"{qid}.{name}" + (f".{n}" if n else ""), value, qid,
                field or (f"{name}[{n}]" if n else name))

        here("prompt", q.get("prompt"), ("prompt",))
        for n, o in enumerate(q.get("options") if isinstance(q.get("options"), list) else [], 1):
            if isinstance(o, dict):
                here("option", o.get("text"), ("options", n - 1, "text"), n, f"options[{n}].text")
                here("option_feedback", o.get("feedback"), ("options", n - 1, "feedback"), n, f"options[{n}].feedback")
            else:
                here("option", o, ("options", n - 1), n, f"options[{n}]")
        for name in ("feedback_true", "feedback_false"):
            here(name, q.get(name), (name,))
        for n, c in enumerate(q.get("categories") if isinstance(q.get("categories"), list) else [], 1):
            here("category", c, ("categories", n - 1), n, f"categories[{n}]")
        for n, item in enumerate(q.get("items") if isinstance(q.get("items"), list) else [], 1):
            if isinstance(item, dict):
                here("item", item.get("text"), ("items", n - 1, "text"), n, f"items[{n}].text")
            else:
                here("item", item, ("items", n - 1), n, f"items[{n}]")
        for n, a in enumerate(q.get("accept") if isinstance(q.get("accept"), list) else [], 1):
            here("accept", a, ("accept", n - 1), n, f"accept[{n}]")
        here("unit", q.get("unit"), ("unit",))
        here("explanation", q.get("explanation"), ("explanation",))
        here("instructor_note", q.get("instructor_note"), ("instructor_note",))
    return out


def markers(text: str) -> Counter:
    return Counter(MARKER.findall(text))


def _set(raw: Any, at: tuple, value: Any) -> None:
    for step in at[:-1]:
        raw = raw[step]
    raw[at[-1]] = value


def translate_raw(raw: Any, lines: Lines, path: Path, quiz_id: str, lang: str) -> Any:
    """A copy of the raw quiz file with every text in `lang` (English where the catalog has none), raising
    ContentError for every translation that lost or changed a look-up or citation marker."""
    if lang == SOURCE_LANGUAGE or not isinstance(raw, dict):
        return raw
    entries = catalog(domain(quiz_id), lang)
    if not entries:
        return raw
    try:
        po = catalog_path(domain(quiz_id), lang).relative_to(book_root()).as_posix()
    except ValueError:
        po = str(catalog_path(domain(quiz_id), lang))
    out = copy.deepcopy(raw)
    problems: list[Problem] = []
    categories: dict[tuple, dict[str, str]] = {}  # question path -> English category -> translated
    for f in text_fields(raw):
        entry = entries.get((f.context, f.text))
        if entry is None or entry.fuzzy or not entry.translation:
            continue
        text = entry.translation
        if markers(text) != markers(f.text):
            where = f"line {entry.line}, question '{f.qid}'" if f.qid else f"line {entry.line}"
            problems.append(Problem(po, f"{where} ({path.name} line {line_of(lines, f.at)})", f.field,
                                    "the same look-ups and citation markers as the English: " + _list(markers(f.text)),
                                    _list(markers(text)),
                                    "Copy each {...} look-up and citation marker from the msgid exactly, once each."))
            continue
        if len(f.at) == 4 and f.at[2] == "accept":
            continue  # accepted answers: gathered below, with the English variants
        _set(out, f.at, text)
        if len(f.at) == 4 and f.at[2] == "categories":
            categories.setdefault(f.at[:2], {})[f.text] = text
    for qat, names in categories.items():  # an item's category names one of the (now translated) categories
        for item in out[qat[0]][qat[1]].get("items") or []:
            if isinstance(item, dict) and isinstance(item.get("category"), str):
                item["category"] = names.get(item["category"].strip(), item["category"])
    if problems:
        raise ContentError(problems)
    _accept(raw, out, entries)
    return out


def _accept(raw: dict, out: dict, entries: dict) -> None:
    """Accepted answers in a translated book: the translated variants first (the first is shown as the answer),
    then the English ones, each once (compared as the text kind compares them)."""
    from .kinds.text import Accepted, normal

    for i, q in enumerate(raw.get("questions") or []):
        if not isinstance(q, dict) or not isinstance(q.get("accept"), list) or not isinstance(q.get("id"), str):
            continue
        rules = Accepted((), q.get("case_sensitive") is True,
                         tuple(r for r in q.get("normalise") or [] if isinstance(r, str)))
        translated: list[Any] = []
        for n, a in enumerate(q["accept"], 1):
            text = _text(a)
            entry = entries.get((f"{q['id']}.accept.{n}", text)) if text else None
            if entry is not None and not entry.fuzzy and entry.translation:
                translated += [v.strip() for v in entry.translation.split(VARIANTS.strip()) if v.strip()]
        if not translated:
            continue
        seen: set[str] = set()
        merged = []
        for v in [*translated, *q["accept"]]:
            key = normal(str(v), rules) if _text(v) else ""
            if key and key not in seen:
                seen.add(key)
                merged.append(v)
        out["questions"][i]["accept"] = merged


def _list(found: Counter) -> str:
    return ", ".join(f"{m} ×{n}" if n > 1 else m for m, n in sorted(found.items())) or "none"
