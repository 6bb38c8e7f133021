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
from minebook.core.language import SOURCE_LANGUAGE, current_language
from minebook.core.yamlsrc import Lines, line_of, load_yaml

from . import schema
from .formatting import ANSWER_REF, format_million, format_number
from .i18n import translate_raw

# lookup(table, column, where) -> the one value; raises ContentError (the table is wrong), KeyError or
# LookupError (the reference is wrong), as the book's data module does.
Lookup = Callable[[str, str, dict], Any]
# The schema's pattern for an id: a message names a question by its id only when the id is valid.
ID_RE = re.compile(schema.schema()["$defs"]["question"]["properties"]["id"]["pattern"])
# {TABLE.COLUMN[KEY=VALUE]} in any text: that value from the caller's tables, so typed numbers never go stale.
# {TABLE.COLUMN[KEY=VALUE]}, or {TABLE.COLUMN[KEY=VALUE]|million} for a number written as "3.3 million".
DATA_REF = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:\[([a-z][a-z0-9_]*)=([^\]|]+)\])?(?:\|([^}]*))?\}")
DATA_FORMS = ("million",)


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
    # In a translated quiz, the English texts of its parts: keys and the order shown are made from them, so the
    # book shows options in the same order in every language (and a translation cannot put items in order).
    key_texts: tuple[str, ...] = ()

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
        return [_key(self.id, q.id, t) for t in (q.key_texts or q.kind.parts(q))]

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
    quiz = Builder(path, lines, sources, lookup).quiz(raw)
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return quiz
    # The book's language: its texts from the catalog (quizzes/<quiz>.po), checked and built like the English;
    # each question keeps the English texts of its parts for its keys and the order it is shown in.
    translated = translate_raw(raw, lines, path, quiz.id, lang)
    if translated is raw:
        return quiz
    english = {q.id: tuple(q.kind.parts(q)) for q in quiz.questions}
    built = Builder(path, lines, sources, lookup, translated=True).quiz(translated)
    built.questions = [replace(q, key_texts=english.get(q.id, ())) for q in built.questions]
    return built


def split_keys(value: str) -> list[str]:
    """'a; b' -> ['a', 'b']: a question may name several sources."""
    return [k.strip() for k in str(value).split(";") if k.strip()]


class NoSuchTable(LookupError):
    """What a look-up raises for a table that does not exist (its argument says which tables there are), so the
    engine can name the table as the mistake without knowing how the caller stores its tables."""


class Said(str):
    """A description of what was found (not a value from the file), shown without quotes."""


class Builder:
    """Turns the raw YAML into a Quiz, collecting every problem instead of stopping at the first.

    First the schema (quiz.schema.json, see schema.py) checks the structure of the whole file; then the loader
    checks what a schema cannot express: sources that must exist in the bibliography, values looked up in
    tables, ids used twice, {answer} placement, and each kind's own consistency rules (its `parse`). A question
    whose structure is wrong is not checked further: its kind's rules assume the structure the schema promises.
    Kinds read their own fields through it (`bad`, `text`, `unique`, `lookup`)."""

    def __init__(self, path: Path, lines: Lines, sources: Mapping[str, Any], lookup: Lookup | None = None,
                 translated: bool = False):
        self.path, self.lines, self.sources, self.lookup = path, lines, sources, lookup
        self.translated = translated  # a translation of a file already built in English (its order checked there)
        self.quiz_id = path.name.removesuffix(".quiz.yml").removesuffix(".yml")
        self.problems: list[Problem] = []
        self._at_line: list[int] = []

    def bad(self, at: tuple, qid: str | None, fieldname: str, expected: str, found: Any, hint: str = "") -> None:
        """Record a problem; `found` is quoted when it is a value from the file, shown as is when a Said."""
        line = line_of(self.lines, at)
        where = f"line {line}" + (f", question '{qid}'" if qid else "")
        shown = str(found) if isinstance(found, Said) else show(found)
        self.problems.append(Problem(self.path, where, fieldname, expected, shown, hint))
        self._at_line.append(line)

    def quiz(self, raw: Any) -> Quiz:
        broken = self.structure(raw)
        if not isinstance(raw, dict):
            raise ContentError(self.problems)
        title = self.text(raw, ("title",), None, "title")
        intro = self.text(raw, ("intro",), None, "intro")
        shuffle = raw.get("shuffle") is not False
        questions: list[Question] = []
        seen: dict[str, int] = {}
        qs_raw = raw.get("questions")
        for i, q in enumerate(qs_raw if isinstance(qs_raw, list) else []):
            at = ("questions", i)
            qid = q.get("id") if isinstance(q, dict) else None
            # An id used twice: the schema checks each question alone, so it cannot see two of them.
            if isinstance(qid, str) and ID_RE.search(qid):
                if qid in seen:
                    self.bad((*at, "id"), qid, "id", "an id used by no other question", Said(f"'{qid}', already used on line {seen[qid]}"))
                seen.setdefault(qid, line_of(self.lines, at))
            question = self.question(q, at, shuffle, at in broken)
            if question is not None:
                questions.append(question)
        if self.problems:
            order = sorted(range(len(self.problems)), key=lambda n: self._at_line[n])
            raise ContentError([self.problems[n] for n in order])
        return Quiz(self.quiz_id, title, questions, self.path, intro, self.sources)

    def structure(self, raw: Any) -> set[tuple]:
        """Report every structural mistake (the schema's); return the questions that have one."""
        broken: set[tuple] = set()
        for m in schema.mistakes(raw):
            qat = m.at[:2] if len(m.at) >= 2 and m.at[0] == "questions" else None
            if qat is not None:
                broken.add(qat)
            self.bad(m.at, None if m.field == "id" or qat is None else qid_of(raw, qat), m.field, m.expected,
                     Said(m.found) if m.said else m.found, m.hint)
        return broken

    def text(self, raw: dict, at: tuple, qid: str | None, name: str) -> str:
        """A text field as shown (numbers as written, {TABLE.COLUMN[KEY=VALUE]} looked up); its type was checked
        by the schema, so anything else is ''."""
        value = raw.get(at[-1])
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return ""
        if not isinstance(value, str):
            return str(value)
        return DATA_REF.sub(lambda m: self._data_value(m, at, qid, name), value.strip())

    def _data_value(self, match: re.Match, at: tuple, qid: str | None, name: str) -> str:
        """Replace {TABLE.COLUMN[KEY=VALUE]} by that value, or report what is wrong with the reference (a look-up
        into the caller's tables: no schema can know them)."""
        table, column, key, want, form = match.groups()
        where = {key: want} if key else {}
        if form is not None and form not in DATA_FORMS:
            self.bad(at, qid, name, f"after | in {{TABLE.COLUMN[KEY=VALUE]|FORM}}, one of: {', '.join(DATA_FORMS)}",
                     match.group(0))
            return match.group(0)
        if self.lookup is None:
            self.bad(at, qid, name, "text without {TABLE.COLUMN[KEY=VALUE]} (no tables were given to look it up in)", match.group(0))
            return match.group(0)
        try:
            value = self.lookup(table, column, where)
        except NoSuchTable as err:
            self.bad(at, qid, name, f"a table in data/ ({err.args[0]})", table)
            return match.group(0)
        except ContentError:
            self.bad(at, qid, name, f"a value from data/{table}.csv", Said("none: that table has a problem, listed above"))
            return match.group(0)
        except (KeyError, LookupError) as err:
            self.bad(at, qid, name, f"{{TABLE.COLUMN[KEY=VALUE]}} naming one value in data/{table}.csv: {err.args[0]}", match.group(0))
            return match.group(0)
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if form == "million":
            if not is_number:
                self.bad(at, qid, name, "a number, to write in millions (|million)", Said(f"'{value}'"))
                return match.group(0)
            return format_million(value)
        return format_number(value) if is_number else str(value)

    def question(self, q: Any, at: tuple, shuffle_default: bool, broken: bool) -> Question | None:
        from .kinds import KINDS

        qtype = q.get("type") if isinstance(q, dict) else None
        if not isinstance(q, dict) or qtype not in KINDS:
            return None  # reported by the schema
        qid = q["id"] if isinstance(q.get("id"), str) and ID_RE.search(q["id"]) else f"#{at[-1] + 1}"
        prompt = self.text(q, (*at, "prompt"), qid, "prompt")
        explanation = self.text(q, (*at, "explanation"), qid, "explanation")
        # Sources must be keys of the caller's bibliography: a schema cannot know them.
        sources = tuple(split_keys(q["source"])) if isinstance(q.get("source"), str) else ()
        for key in sources:
            if key not in self.sources:
                self.bad((*at, "source"), qid, "source", "a key of an entry in references.bib", key, "Add the entry to references.bib, or fix the key.")
        shuffle = q["shuffle"] if isinstance(q.get("shuffle"), bool) else shuffle_default
        note = self.text(q, (*at, "instructor_note"), qid, "instructor_note")
        if broken:
            return None  # its kind's rules assume the structure the schema promises: fix that first
        kind = KINDS[qtype]
        reported = len(self.problems)
        data = kind.parse(self, q, at, qid)
        explanation = kind.explain(data, explanation)
        question = Question(qid, qtype, prompt, explanation, sources, data, shuffle, note, line_of(self.lines, at))
        # {answer} is filled in only in a numeric explanation: where a text may be is the schema's; which text
        # holds the placeholder, and whether the answer it stands for exists, is not.
        # An {answer} left in the explanation because the answer itself is wrong (already reported) is no second mistake.
        answer_failed = len(self.problems) > reported
        texts = (question.prompt, *kind.texts(question)) if answer_failed else (question.prompt, question.explanation, *kind.texts(question))
        if any(ANSWER_REF in t for t in texts):
            self.bad(at, qid, ANSWER_REF, "{answer} only in the explanation of a numeric question",
                     Said("it elsewhere"), "Elsewhere use {TABLE.COLUMN[KEY=VALUE]} to show a number from data/.")
        return question

    def unique(self, at: tuple, qid: str, name: str, texts: list[str], expected: str, hint: str = "") -> None:
        """Report each text given twice (a reader could not tell the two apart). A schema's uniqueItems compares
        values exactly; these are compared as the reader sees them (trimmed, and as each kind says)."""
        for dup in sorted({t for t in texts if t and texts.count(t) > 1}):
            self.bad(at, qid, name, expected, Said(f"'{dup}' twice"), hint)


def qid_of(raw: Any, qat: tuple) -> str:
    """The id a message names a question by: its own when it is a valid id, else '#N' (its place in the file)."""
    try:
        qid = raw[qat[0]][qat[1]].get("id")
    except (AttributeError, KeyError, IndexError, TypeError):
        qid = None
    return qid if isinstance(qid, str) and ID_RE.search(qid) else f"#{qat[1] + 1}"


def show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)
