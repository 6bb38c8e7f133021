"""Quiz files: load, validate and hold questions. One source for the live, static and printable forms.

The engine knows nothing of any book's folders, tables or bibliography: the caller hands in the sources a
question may cite (a mapping of key to entry) and, when questions use `{TABLE.COLUMN[KEY=VALUE]}` or numeric
answers drawn from a table, a look-up function. What each kind of question holds, and how it is read, lives
in its own module under `kinds/`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from minebook.core.errors import ContentError, Problem
from minebook.core.yamlsrc import Lines, line_of, load_yaml

from .formatting import ANSWER_REF, format_number

# lookup(table, column, where) -> the one value; raises ContentError (the table is wrong), KeyError or
# LookupError (the reference is wrong), as the book's data module does.
Lookup = Callable[[str, str, dict], Any]
QUIZ_KEYS = {"title", "intro", "shuffle", "questions"}
COMMON = {"id", "type", "prompt", "explanation", "source", "shuffle", "instructor_note"}
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
# {TABLE.COLUMN[KEY=VALUE]} in any text: that value from the caller's tables, so typed numbers never go stale.
DATA_REF = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:\[([a-z][a-z0-9_]*)=([^\]]+)\])?\}")


@dataclass(frozen=True)
class Question:
    """One question: what every kind has, and `data`, what its kind holds (see kinds/). Indices (options, items,
    categories) always refer to the order in the quiz file. `q.options` and the like read `q.data`."""

    id: str
    type: str
    prompt: str
    explanation: str
    sources: tuple[str, ...]
    data: Any = None
    shuffle: bool = True
    instructor_note: str = ""
    line: int = 0

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "data":
            raise AttributeError(name)
        return getattr(self.data, name)

    def changed(self, **changes: Any) -> Question:
        """A copy with some fields changed, common or of its kind (tests build variants this way)."""
        own = {k: v for k, v in changes.items() if k in self.__dataclass_fields__}
        kind = {k: v for k, v in changes.items() if k not in own}
        return replace(self, **own, **({"data": replace(self.data, **kind)} if kind else {}))

    @property
    def kind(self) -> Any:
        from .kinds import KINDS

        return KINDS[self.type]


@dataclass
class Quiz:
    """A loaded quiz file. Display it in a notebook by leaving it as the last line of a cell."""

    id: str
    title: str
    questions: list[Question]
    path: Path
    intro: str = ""
    sources: Mapping[str, Any] = field(default_factory=dict)

    def keys(self, q: Question) -> list[str]:
        """An opaque key for each option or item, in file order, made from its own text alone.

        Forms name their inputs by these keys instead of by position in the file, so nothing a reader sees
        (a value, an id, an attribute) depends on which answer is right or where the file lists it.
        """
        return [_key(self.id, q.id, t) for t in q.kind.parts(q)]

    def display_order(self, q: Question) -> list[int]:
        """Options and items in an order made from their texts alone (sorted by their keys).

        The order is the same in every build and every front end, and it depends neither on the order of the
        quiz file nor on which answer is right, so it cannot give the answer away. (Were an ordering question
        ever drawn already solved, the loader reports it rather than re-drawing: a re-draw would tell anyone
        who can repeat the first draw that it was the answer.)
        """
        n = len(q.kind.parts(q))
        if not q.kind.shuffled(q):
            return list(range(n))
        keys = self.keys(q)
        return sorted(range(n), key=lambda i: (keys[i], i))


def _key(quiz_id: str, qid: str, text: str) -> str:
    """'k' and 10 hex digits of a hash of the quiz, the question and the text."""
    return "k" + hashlib.sha256(f"{quiz_id}\x00{qid}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()[:10]


def load_quiz(path: str | Path, sources: Mapping[str, Any], lookup: Lookup | None = None) -> Quiz:
    """Load one quiz file, raising ContentError listing every mistake.

    sources: the entries a question's `source` may name (key -> an object with title, who, year, url, short()).
    lookup: resolves `{TABLE.COLUMN[KEY=VALUE]}` and table-drawn answers; without it they are reported.
    """
    path = Path(path)
    raw, lines = load_yaml(path)
    return Builder(path, lines, sources, lookup).quiz(raw)


def split_keys(value: str) -> list[str]:
    """'a; b' -> ['a', 'b']: a question may name several sources."""
    return [k.strip() for k in str(value).split(";") if k.strip()]


class Said(str):
    """A description of what was found (not a value from the file), shown without quotes."""


class Builder:
    """Turns the raw YAML into a Quiz, collecting every problem instead of stopping at the first. Kinds read
    their own fields through it (`bad`, `text`, `items`, `lookup`)."""

    def __init__(self, path: Path, lines: Lines, sources: Mapping[str, Any], lookup: Lookup | None = None):
        self.path, self.lines, self.sources, self.lookup = path, lines, sources, lookup
        self.quiz_id = path.name.removesuffix(".quiz.yml").removesuffix(".yml")
        self.problems: list[Problem] = []

    def bad(self, at: tuple, qid: str | None, fieldname: str, expected: str, found: Any, hint: str = "") -> None:
        """Record a problem; `found` is quoted when it is a value from the file, shown as is when a Said."""
        where = f"line {line_of(self.lines, at)}" + (f", question '{qid}'" if qid else "")
        shown = str(found) if isinstance(found, Said) else show(found)
        self.problems.append(Problem(self.path, where, fieldname, expected, shown, hint))

    def quiz(self, raw: Any) -> Quiz:
        if not isinstance(raw, dict):
            raise ContentError([Problem(self.path, "line 1", "quiz", "a mapping with 'title' and 'questions'", show(raw))])
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
        return Quiz(self.quiz_id, title, questions, self.path, intro, self.sources)

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
        if self.lookup is None:
            self.bad(at, qid, name, "text without {TABLE.COLUMN[KEY=VALUE]} (no tables were given to look it up in)", match.group(0))
            return match.group(0)
        try:
            value = self.lookup(table, column, where)
        except ContentError:
            self.bad(at, qid, name, f"a value from data/{table}.csv", Said("none: that table has a problem, listed above"))
            return match.group(0)
        except (KeyError, LookupError) as err:
            self.bad(at, qid, name, f"{{TABLE.COLUMN[KEY=VALUE]}} naming one value in data/{table}.csv: {err.args[0]}", match.group(0))
            return match.group(0)
        return format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)

    def question(self, q: Any, at: tuple, shuffle_default: bool) -> Question | None:
        from .kinds import KINDS

        if not isinstance(q, dict):
            self.bad(at, None, "question", "a question with id, type, prompt, explanation and source", q)
            return None
        qid = q.get("id")
        if not isinstance(qid, str) or not ID_RE.fullmatch(qid):
            self.bad((*at, "id"), None, "id", "an id of lower-case letters, digits and '-', e.g. 'pfm-count'", qid)
            qid = f"#{at[-1] + 1}"
        qtype = q.get("type")
        if qtype not in KINDS:
            self.bad((*at, "type"), qid, "type", f"one of {', '.join(KINDS)}", qtype)
            return None
        kind = KINDS[qtype]
        allowed = COMMON | kind.fields
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
        note = self.text(q, (*at, "instructor_note"), qid, "instructor_note", required=False)
        data = kind.parse(self, q, at, qid)
        explanation = kind.explain(data, explanation)
        question = Question(qid, qtype, prompt, explanation, sources, data, shuffle, note, line_of(self.lines, at))
        if any(ANSWER_REF in t for t in (question.prompt, question.explanation, *kind.texts(question))):
            self.bad(at, qid, ANSWER_REF, "{answer} only in the explanation of a numeric question",
                     Said("it elsewhere"), "Elsewhere use {TABLE.COLUMN[KEY=VALUE]} to show a number from data/.")
        return question

    def items(self, q: dict, at: tuple, qid: str, minimum: int) -> list[Any]:
        raw = q.get("items")
        if not isinstance(raw, list) or len(raw) < minimum:
            self.bad((*at, "items"), qid, "items", f"a list of at least {minimum} items", raw)
            return []
        return raw

    def unique(self, at: tuple, qid: str, name: str, texts: list[str], expected: str, hint: str = "") -> None:
        """Report each text given twice (a reader could not tell the two apart)."""
        for dup in sorted({t for t in texts if t and texts.count(t) > 1}):
            self.bad(at, qid, name, expected, Said(f"'{dup}' twice"), hint)


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)
