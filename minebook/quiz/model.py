"""Quiz files: load, validate and hold questions. One source for the live, static and printable forms."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minebook.content.bib import Source, load_bibliography, split_keys
from minebook.content.data import lookup
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import chapters_dir
from minebook.core.yamlsrc import Lines, line_of, load_yaml

TYPES = ("single", "multiple", "truefalse", "numeric", "ordering", "classify")
QUIZ_KEYS = {"title", "intro", "shuffle", "questions"}
COMMON = {"id", "type", "prompt", "explanation", "source", "shuffle", "instructor_note"}
TYPE_KEYS = {
    "single": {"options"},
    "multiple": {"options"},
    "truefalse": {"answer", "feedback_true", "feedback_false"},
    "numeric": {"answer", "tolerance", "range", "unit"},
    "ordering": {"items"},
    "classify": {"categories", "items"},
}
OPTION_KEYS = {"text", "correct", "feedback"}
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
# {TABLE.COLUMN[KEY=VALUE]} in any text: that value from data/, so typed numbers never go stale.
DATA_REF = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:\[([a-z][a-z0-9_]*)=([^\]]+)\])?\}")
ANSWER_REF = "{answer}"


def format_number(value: float, unit: str = "") -> str:
    """312.0 -> '312', 1250 -> '1,250', 0.5 -> '0.5'; with the unit when given."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    """One question. Indices (options, items, categories) always refer to the order in the quiz file."""

    id: str
    type: str
    prompt: str
    explanation: str
    sources: tuple[str, ...]
    options: tuple[Option, ...] = ()
    answer: Any = None  # truefalse: bool; numeric: float
    answer_from: str = ""  # numeric: "table.column where ..." when drawn from data/
    tolerance: float = 0.0
    range: tuple[float, float] | None = None
    unit: str = ""
    items: tuple[str, ...] = ()  # ordering: in the correct order; classify: the statements
    categories: tuple[str, ...] = ()
    item_categories: tuple[int, ...] = ()  # classify: the right category index of each item
    feedback_true: str = ""
    feedback_false: str = ""
    shuffle: bool = True
    instructor_note: str = ""
    line: int = 0

    @property
    def correct_options(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


@dataclass
class Quiz:
    """A loaded quiz file. Display it in a notebook by leaving it as the last line of a cell."""

    id: str
    title: str
    questions: list[Question]
    path: Path
    intro: str = ""
    sources: dict[str, Source] = field(default_factory=dict)

    def keys(self, q: Question) -> list[str]:
        """An opaque key for each option or item, in file order, made from its own text alone.

        Forms name their inputs by these keys instead of by position in the file, so nothing a reader sees
        (a value, an id, an attribute) depends on which answer is right or where the file lists it.
        """
        texts = [o.text for o in q.options] if q.type in ("single", "multiple") else list(q.items)
        return [_key(self.id, q.id, t) for t in texts]

    def display_order(self, q: Question) -> list[int]:
        """Options and items in an order made from their texts alone (sorted by their keys).

        The order is the same in every build and every front end, and it depends neither on the order of the
        quiz file nor on which answer is right, so it cannot give the answer away. (Were an ordering question
        ever drawn already solved, the loader reports it rather than re-drawing: a re-draw would tell anyone
        who can repeat the first draw that it was the answer.)
        """
        n = len(q.options) if q.type in ("single", "multiple") else len(q.items)
        if q.type in ("truefalse", "numeric") or (not q.shuffle and q.type != "ordering"):
            return list(range(n))
        keys = self.keys(q)
        return sorted(range(n), key=lambda i: (keys[i], i))


def _key(quiz_id: str, qid: str, text: str) -> str:
    """'k' and 10 hex digits of a hash of the quiz, the question and the text."""
    return "k" + hashlib.sha256(f"{quiz_id}\x00{qid}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()[:10]


def quiz_path(name: str) -> Path:
    p = Path(name)
    if p.suffix in (".yml", ".yaml") or p.is_file():
        return p
    return chapters_dir() / f"{name}.quiz.yml"


def load_quiz(name: str | Path, sources: dict[str, Source] | None = None) -> Quiz:
    """Load `chapters/NAME.quiz.yml` (or a path), raising ContentError listing every mistake."""
    path = quiz_path(str(name))
    if not path.is_file():
        known = ", ".join(sorted(p.name.removesuffix(".quiz.yml") for p in chapters_dir().glob("*.quiz.yml")))
        raise ContentError([Problem(path, "the file", "quiz", "a quiz file", f"no such file (quizzes: {known or 'none'})")])
    sources = load_bibliography() if sources is None else sources
    raw, lines = load_yaml(path)
    return _Builder(path, lines, sources).quiz(raw)


class Said(str):
    """A description of what was found (not a value from the file), shown without quotes."""


class _Builder:
    """Turns the raw YAML into a Quiz, collecting every problem instead of stopping at the first."""

    def __init__(self, path: Path, lines: Lines, sources: dict[str, Source]):
        self.path, self.lines, self.sources = path, lines, sources
        self.problems: list[Problem] = []

    def bad(self, at: tuple, qid: str | None, fieldname: str, expected: str, found: Any, hint: str = "") -> None:
        """Record a problem; `found` is quoted when it is a value from the file, shown as is when a Said."""
        where = f"line {line_of(self.lines, at)}" + (f", question '{qid}'" if qid else "")
        shown = str(found) if isinstance(found, Said) else _show(found)
        self.problems.append(Problem(self.path, where, fieldname, expected, shown, hint))

    def quiz(self, raw: Any) -> Quiz:
        quiz_id = self.path.name.removesuffix(".quiz.yml").removesuffix(".yml")
        if not isinstance(raw, dict):
            raise ContentError([Problem(self.path, "line 1", "quiz", "a mapping with 'title' and 'questions'", _show(raw))])
        for key in raw:
            if key not in QUIZ_KEYS:
                self.bad((key,), None, key, f"one of {', '.join(sorted(QUIZ_KEYS))}", key, "Check the spelling.")
        title = self.text(raw, ("title",), None, "title")
        intro = self.text(raw, ("intro",), None, "intro", required=False)
        shuffle = raw.get("shuffle", True)
        if not isinstance(shuffle, bool):
            self.bad(("shuffle",), None, "shuffle", "true or false", shuffle)
        qs_raw = raw.get("questions")
        questions: list[Question] = []
        if not isinstance(qs_raw, list) or not qs_raw:
            self.bad(("questions",), None, "questions", "a list of at least one question", qs_raw)
            qs_raw = []
        seen: dict[str, int] = {}
        for i, q in enumerate(qs_raw):
            question = self.question(q, ("questions", i), shuffle is not False)
            if question is None:
                continue
            if question.id in seen:
                self.bad(("questions", i, "id"), question.id, "id", "an id used by no other question", Said(f"'{question.id}', already used on line {seen[question.id]}"))
            seen[question.id] = question.line
            questions.append(question)
        if self.problems:
            raise ContentError(self.problems)
        return Quiz(quiz_id, title, questions, self.path, intro, self.sources)

    def text(self, raw: dict, at: tuple, qid: str | None, name: str, required: bool = True) -> str:
        value = raw.get(at[-1])
        if value is None:
            if required:
                self.bad(at, qid, name, "a line of text", "nothing")
            return ""
        if isinstance(value, bool):
            self.bad(at, qid, name, "text", Said(f"{value!r} (YAML reads true and false without quotes as yes/no answers)"), 'Put the text in quotes, e.g. "true".')
            return ""
        if isinstance(value, (int, float)):
            return str(value)
        if not isinstance(value, str) or (required and not value.strip()):
            self.bad(at, qid, name, "a line of text", value)
            return ""
        return DATA_REF.sub(lambda m: self._data_value(m, at, qid, name), value.strip())

    def _data_value(self, match: re.Match, at: tuple, qid: str | None, name: str) -> str:
        """Replace {TABLE.COLUMN[KEY=VALUE]} by that value, or report what is wrong with the reference."""
        table, column, key, want = match.groups()
        where = {key: want} if key else {}
        try:
            value = lookup(table, column, where)
        except ContentError:
            self.bad(at, qid, name, f"a value from data/{table}.csv", Said("none: that table has a problem, listed above"))
            return match.group(0)
        except (KeyError, LookupError) as err:
            self.bad(at, qid, name, f"{{TABLE.COLUMN[KEY=VALUE]}} naming one value in data/{table}.csv: {err.args[0]}", match.group(0))
            return match.group(0)
        return format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)

    def question(self, q: Any, at: tuple, shuffle_default: bool) -> Question | None:
        if not isinstance(q, dict):
            self.bad(at, None, "question", "a question with id, type, prompt, explanation and source", q)
            return None
        qid = q.get("id")
        if not isinstance(qid, str) or not ID_RE.fullmatch(qid):
            self.bad((*at, "id"), None, "id", "an id of lower-case letters, digits and '-', e.g. 'pfm-count'", qid)
            qid = f"#{at[-1] + 1}"
        qtype = q.get("type")
        if qtype not in TYPES:
            self.bad((*at, "type"), qid, "type", f"one of {', '.join(TYPES)}", qtype)
            return None
        allowed = COMMON | TYPE_KEYS[qtype]
        for key in q:
            if key not in allowed:
                self.bad((*at, key), qid, key, f"one of {', '.join(sorted(allowed))} for a {qtype} question", key, "Check the spelling, or the question's type.")
        prompt = self.text(q, (*at, "prompt"), qid, "prompt")
        explanation = self.text(q, (*at, "explanation"), qid, "explanation")
        sources = tuple(split_keys(q.get("source") or ""))
        if not sources:
            self.bad((*at, "source"), qid, "source", "a references.bib key naming where the explanation comes from", q.get("source"))
        for key in sources:
            if key not in self.sources:
                self.bad((*at, "source"), qid, "source", "a key of an entry in references.bib", key, "Add the entry to references.bib, or fix the key.")
        shuffle = q.get("shuffle", shuffle_default)
        if not isinstance(shuffle, bool):
            self.bad((*at, "shuffle"), qid, "shuffle", "true or false", shuffle)
            shuffle = True
        common = dict(
            id=qid, type=qtype, prompt=prompt, explanation=explanation, sources=sources, shuffle=shuffle,
            instructor_note=self.text(q, (*at, "instructor_note"), qid, "instructor_note", required=False),
            line=line_of(self.lines, at),
        )
        question = getattr(self, f"_{qtype}")(q, at, qid, common)
        texts = [question.prompt, question.explanation, question.feedback_true, question.feedback_false, *question.items,
                 *(o.text for o in question.options), *(o.feedback for o in question.options)]
        if any(ANSWER_REF in t for t in texts):
            self.bad(at, qid, ANSWER_REF, "{answer} only in the explanation of a numeric question",
                     Said("it elsewhere"), "Elsewhere use {TABLE.COLUMN[KEY=VALUE]} to show a number from data/.")
        return question

    def _options(self, q: dict, at: tuple, qid: str) -> tuple[Option, ...]:
        raw = q.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            self.bad((*at, "options"), qid, "options", "a list of at least 2 options", raw)
            return ()
        options = []
        for i, o in enumerate(raw):
            oat = (*at, "options", i)
            if isinstance(o, str):
                o = {"text": o}
            if not isinstance(o, dict):
                self.bad(oat, qid, f"options[{i + 1}]", "an option with text (and correct: true if right)", o)
                continue
            for key in o:
                if key not in OPTION_KEYS:
                    self.bad((*oat, key), qid, f"options[{i + 1}].{key}", f"one of {', '.join(sorted(OPTION_KEYS))}", key)
            correct = o.get("correct", False)
            if not isinstance(correct, bool):
                self.bad((*oat, "correct"), qid, f"options[{i + 1}].correct", "true or false", correct)
                correct = False
            options.append(Option(
                self.text(o, (*oat, "text"), qid, f"options[{i + 1}].text"),
                correct,
                self.text(o, (*oat, "feedback"), qid, f"options[{i + 1}].feedback", required=False),
            ))
        texts = [o.text for o in options]
        for dup in {t for t in texts if t and texts.count(t) > 1}:
            self.bad((*at, "options"), qid, "options", "options that differ from each other", Said(f"'{dup}' twice"))
        return tuple(options)

    def _single(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        options = self._options(q, at, qid)
        n = sum(o.correct for o in options)
        if options and n != 1:
            self.bad((*at, "options"), qid, "options", "exactly one option with 'correct: true'", Said(n), "Use type: multiple for several right answers.")
        return Question(options=options, **common)

    def _multiple(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        options = self._options(q, at, qid)
        if options and not any(o.correct for o in options):
            self.bad((*at, "options"), qid, "options", "at least one option with 'correct: true'", Said("none"))
        return Question(options=options, **common)

    def _truefalse(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        answer = q.get("answer")
        if not isinstance(answer, bool):
            self.bad((*at, "answer"), qid, "answer", "true or false", answer)
        return Question(
            answer=answer,
            feedback_true=self.text(q, (*at, "feedback_true"), qid, "feedback_true", required=False),
            feedback_false=self.text(q, (*at, "feedback_false"), qid, "feedback_false", required=False),
            **common,
        )

    def _numeric(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        raw = q.get("answer")
        answer: float | None = None
        answer_from = ""
        if isinstance(raw, dict):
            answer, answer_from = self._answer_from_table(raw, (*at, "answer"), qid)
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
            answer = float(raw)
        else:
            self.bad((*at, "answer"), qid, "answer", "a number, or {table:, column:, where:} naming a value in data/", raw)
        tolerance = q.get("tolerance", 0)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or tolerance < 0:
            self.bad((*at, "tolerance"), qid, "tolerance", "a number of 0 or more", tolerance)
            tolerance = 0
        rng = q.get("range")
        if rng is not None:
            ok = isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in rng) and rng[0] <= rng[1]
            if not ok:
                self.bad((*at, "range"), qid, "range", "[low, high] with low <= high", rng)
                rng = None
            elif answer is not None and not rng[0] <= answer <= rng[1]:
                self.bad((*at, "range"), qid, "range", f"a range that contains the answer {answer:g}", rng)
        unit = q.get("unit", "")
        if not isinstance(unit, str):
            self.bad((*at, "unit"), qid, "unit", "text such as 'km²' or 'mines'", unit)
            unit = ""
        if answer is not None and ANSWER_REF in common["explanation"]:
            common["explanation"] = common["explanation"].replace(ANSWER_REF, format_number(answer, unit))
        return Question(answer=answer, answer_from=answer_from, tolerance=float(tolerance),
                        range=(float(rng[0]), float(rng[1])) if rng else None, unit=unit, **common)

    def _answer_from_table(self, raw: dict, at: tuple, qid: str) -> tuple[float | None, str]:
        table, column, where = raw.get("table"), raw.get("column"), raw.get("where", {})
        if not isinstance(table, str) or not isinstance(column, str) or not isinstance(where, dict) or set(raw) - {"table", "column", "where"}:
            self.bad(at, qid, "answer", "{table: NAME, column: NAME, where: {column: value}}", raw)
            return None, ""
        try:
            value = lookup(table, column, where)
        except ContentError as err:
            if err.problems and "no such file" in err.problems[0].found:
                self.bad(at, qid, "answer.table", f"a table in data/ ({err.problems[0].found})", table)
            else:
                self.bad(at, qid, "answer.table", f"a number from data/{table}.csv", Said("none: that table has a problem, listed above"))
            return None, ""
        except (KeyError, LookupError) as err:
            self.bad(at, qid, "answer", f"a value in data/{table}.csv: {err.args[0]}", raw)
            return None, ""
        if value is None or isinstance(value, (bool, str)) or not isinstance(value, (int, float)):
            self.bad(at, qid, "answer", f"a number in data/{table}.csv column '{column}'", value)
            return None, ""
        desc = ", ".join(f"{k} = {v}" for k, v in where.items())
        return float(value), f"data/{table}.csv, column {column}" + (f", row where {desc}" if desc else "")

    def _items(self, q: dict, at: tuple, qid: str, minimum: int) -> list[Any]:
        raw = q.get("items")
        if not isinstance(raw, list) or len(raw) < minimum:
            self.bad((*at, "items"), qid, "items", f"a list of at least {minimum} items", raw)
            return []
        return raw

    def _ordering(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        items = []
        for i, item in enumerate(self._items(q, at, qid, 2)):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                self.bad((*at, "items", i), qid, f"items[{i + 1}]", "a line of text", item)
            else:
                items.append(str(item).strip())
        for dup in {t for t in items if items.count(t) > 1}:
            self.bad((*at, "items"), qid, "items", "items that differ from each other", Said(f"'{dup}' twice"))
        quiz_id = self.path.name.removesuffix(".quiz.yml").removesuffix(".yml")
        if len(items) > 1 and sorted(items, key=lambda t: _key(quiz_id, qid, t)) == items:
            self.bad((*at, "items"), qid, "items", "items that a reader does not see already in the right order",
                     Said("the order the book shows them in (made from their wording) is the answer"),
                     "Change the wording of any item a little, or the question's id, and run check again.")
        return Question(items=tuple(items), **common)

    def _classify(self, q: dict, at: tuple, qid: str, common: dict) -> Question:
        cats = q.get("categories")
        if not isinstance(cats, list) or len(cats) < 2 or not all(isinstance(c, str) and c.strip() for c in cats):
            self.bad((*at, "categories"), qid, "categories", "a list of at least 2 category names", cats)
            cats = []
        cats = [c.strip() for c in cats]
        for dup in sorted({c for c in cats if cats.count(c) > 1}):
            self.bad((*at, "categories"), qid, "categories", "categories that differ from each other", Said(f"'{dup}' twice"),
                     "A student could not tell the two apart: rename or remove one.")
        items, item_cats = [], []
        for i, item in enumerate(self._items(q, at, qid, 2)):
            iat = (*at, "items", i)
            if not isinstance(item, dict) or "text" not in item or "category" not in item or set(item) - {"text", "category"}:
                self.bad(iat, qid, f"items[{i + 1}]", "an item with 'text' and 'category'", item)
                continue
            text = self.text(item, (*iat, "text"), qid, f"items[{i + 1}].text")
            cat = item.get("category")
            cat = cat.strip() if isinstance(cat, str) else cat  # categories are compared as the reader sees them
            if cat not in cats:
                self.bad((*iat, "category"), qid, f"items[{i + 1}].category", f"one of the categories: {', '.join(cats)}", cat)
                continue
            items.append(text)
            item_cats.append(cats.index(cat))
        for dup in sorted({t for t in items if items.count(t) > 1}):
            self.bad((*at, "items"), qid, "items", "statements that differ from each other", Said(f"'{dup}' twice"),
                     "The same statement under two categories cannot be answered right; keep it once.")
        return Question(items=tuple(items), categories=tuple(cats), item_categories=tuple(item_cats), **common)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def check_all() -> list[Problem]:
    """Every problem in every quiz file, for `minebook check`."""
    problems: list[Problem] = []
    try:
        sources = load_bibliography()
    except ContentError as err:
        return list(err.problems)
    for path in sorted(chapters_dir().glob("*.quiz.yml")):
        try:
            load_quiz(path, sources)
        except ContentError as err:
            problems.extend(err.problems)
    return problems
