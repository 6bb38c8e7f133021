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
    """Editors read the schema, the loader reads each kind's module: they must name the same kinds and fields."""
    from minebook.quiz.kinds import KINDS
    from minebook.quiz.model import COMMON

    assert SCHEMA["$defs"]["common"]["properties"]["type"]["enum"] == list(KINDS)
    branches = {b["properties"]["type"]["const"]: set(b["propertyNames"]["enum"]) for b in SCHEMA["$defs"]["question"]["oneOf"]}
    assert branches == {name: COMMON | kind.fields for name, kind in KINDS.items()}
