"""The published JSON Schema (for editors) agrees with the loader: every real quiz passes, broken ones fail."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bookfixture import MiniBook
from test_quiz_loader import BROKEN_QUIZZES

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "minebook" / "quiz.schema.json").read_text(encoding="utf-8"))
QUIZZES = [*sorted((ROOT / "chapters").glob("*.quiz.yml")), ROOT / "tests" / "conformance" / "questions.quiz.yml"]

# Mistakes only the loader can see: they need references.bib, data/ or counting correct options.
NEEDS_THE_BOOK = {
    "marked no option correct", "marked two options correct in a single-choice question",
    "named a source missing from references.bib", "reused a question id", "pointed a numeric answer at a missing table",
    "pointed a numeric answer at a missing row", "gave a range that excludes the answer",
    "classified an item into a category that does not exist", "repeated an ordering item", "broke the YAML",
}


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", QUIZZES, ids=[p.name for p in QUIZZES])
def test_every_quiz_in_the_book_matches_the_schema(path: Path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize(("what", "change", "fragments"), [b for b in BROKEN_QUIZZES if b[0] not in NEEDS_THE_BOOK],
                         ids=[b[0] for b in BROKEN_QUIZZES if b[0] not in NEEDS_THE_BOOK])
def test_schema_rejects_what_the_loader_rejects(what, change, fragments):
    broken = yaml.safe_load(MiniBook.QUIZ.replace(*change, 1))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_the_schema_knows_every_kind_and_its_fields():
    """Editors read the schema, the loader registers a module per kind: they must name the same kinds, each kind
    one branch, and a kind's fields are the ones its branch declares (kinds read them from there)."""
    from minebook.quiz.kinds import KINDS
    from minebook.quiz.kinds.text import RULES

    question = SCHEMA["$defs"]["question"]
    assert question["properties"]["type"]["enum"] == list(KINDS)
    branches, node = [], question
    while "if" in node:  # the if/then/else chain that picks a question's kind by its type
        branches.append((node["if"]["properties"]["type"]["const"], node["then"]["$ref"]))
        node = node.get("else", {})
    assert [k for k, _ref in branches] == list(KINDS) == list(SCHEMA["$defs"]["kinds"])
    assert [ref for _k, ref in branches] == [f"#/$defs/kinds/{k}" for k in KINDS]
    assert {name: kind.fields for name, kind in KINDS.items()} == {
        name: set(SCHEMA["$defs"]["kinds"][name]["properties"]) for name in KINDS}
    assert all(kind.fields for kind in KINDS.values())
    assert SCHEMA["$defs"]["kinds"]["text"]["properties"]["normalise"]["items"]["enum"] == list(RULES)


@pytest.mark.parametrize(("change", "path", "keyword"), [
    (("options: [{text: a, correct: true}, {text: b}, {text: c, correct: true}]", "options: a, b, c"),
     ["questions", 3, "options"], "type"),
    (("    answer: true\n", ""), ["questions", 2], "required"),
    (("    unit: mines", "    unit: 3"), ["questions", 1, "unit"], "type"),
    (("items: [one, two, three]", "items: [one]"), ["questions", 4, "items"], "minItems"),
])
def test_schema_errors_point_at_the_field_not_at_the_whole_question(change, path, keyword):
    """One branch per kind (if/then/else), not oneOf: the error names the wrong field, not 'not valid under any
    of the given schemas' about the whole question; and no field of the kind is called unknown because it is wrong."""
    broken = yaml.safe_load(MiniBook.QUIZ.replace(*change, 1))
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [(path, keyword)]


def test_structural_mistakes_come_from_the_schema_in_instructor_words(minibook):
    """Every structural mistake of a file at once, sorted by line, each naming its field; never a traceback."""
    from minebook.content.quizzes import load_quiz
    from minebook.core.errors import ContentError

    broken = (MiniBook.QUIZ.replace("    unit: mines", "    unit: [mines]").replace("    prompt: Pick alpha.", "    promt: Pick alpha.")
              .replace("items: [one, two, three]", "items: [one, 2, {x: 1}]").replace("title: Mini quiz", "title: Mini quiz\nshufle: true"))
    minibook.write("chapters/one.quiz.yml", broken)
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    said = [str(p).split(": ", 1)[1] for p in info.value.problems]
    assert said == [
        "line 2: field 'shufle': expected one of intro, questions, shuffle, title, found 'shufle'. Check the spelling.",
        "line 4, question 'pick': field 'prompt': expected a line of text, found nothing. Add 'prompt:'.",
        "line 6, question 'pick': field 'promt': expected one of explanation, id, instructor_note, options, prompt, shuffle, "
        "source, type for a single question, found 'promt'. Check the spelling, or the question's type.",
        "line 18, question 'count': field 'unit': expected text such as 'km²' or 'mines', found ['mines'].",
        "line 36, question 'order': field 'items[3]': expected a line of text, found {'x': 1}.",
    ]


def test_each_missing_field_is_said_once(minibook):
    """jsonschema reports `required` once per missing field: before, each message came once for every one."""
    from minebook.content.quizzes import load_quiz
    from minebook.core.errors import ContentError

    minibook.write("chapters/one.quiz.yml", "title: T\nquestions:\n  - id: q\n    prompt: p\n")
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    said = [f"{p.field}: {p.found}" for p in info.value.problems]
    assert said == ["explanation: nothing", "source: nothing", "type: nothing"]
