"""The structural rules of quiz files: minebook/quiz.schema.json, applied with jsonschema, worded for instructors.

The schema is the single source of what a quiz file may hold (fields, types, required fields, allowed values,
the id pattern, list lengths) and of each kind's fields: kinds read them from here (`kind_fields`). Each schema
error becomes one mistake naming the field, what was expected (the schema's `expected` wording) and what was
found. The loader (model.Builder and each kind's `parse`) then checks only what a schema cannot express.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "quiz.schema.json"
YAML_BOOL = "(YAML reads true and false without quotes as yes/no answers)"


class Mistake(NamedTuple):
    """One structural mistake: where (a path of keys and indices), the field's name, expected, found, hint."""

    at: tuple
    field: str
    expected: str
    found: Any  # a value from the file, or a description (str) when `said`
    hint: str = ""
    said: bool = False


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def validator() -> jsonschema.Draft202012Validator:
    """Built once: checking the schema and compiling its references costs more than validating a quiz."""
    jsonschema.Draft202012Validator.check_schema(schema())
    return jsonschema.Draft202012Validator(schema())


def common_fields() -> frozenset[str]:
    """The fields every question has (id, type, prompt, ...)."""
    return frozenset(schema()["$defs"]["question"]["properties"])


def kind_names() -> list[str]:
    return list(schema()["$defs"]["question"]["properties"]["type"]["enum"])


def kind_fields(name: str) -> frozenset[str]:
    """The fields a kind of question has besides the common ones, as the schema names them."""
    return frozenset(schema()["$defs"]["kinds"].get(name, {}).get("properties", {}))


def _resolve(node: Any) -> Any:
    """Follow local `$ref`s ("#/$defs/...") to the schema they name."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = schema()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _chain(schema_path: Any) -> list[tuple[int, dict]]:
    """The schemas an error's schema path passes through, each with how deep into the file it applies."""
    node: Any = schema()
    depth = 0
    chain = [(0, node)]
    steps = list(schema_path)
    i = 0
    while i < len(steps):
        step = steps[i]
        node = _resolve(node)
        if step == "$ref":
            i += 1
            continue
        if step in ("properties", "patternProperties") and i + 1 < len(steps):
            node, depth, i = node[step][steps[i + 1]], depth + 1, i + 2
        elif step in ("items", "additionalProperties", "unevaluatedProperties") and isinstance(node.get(step), dict):
            node, depth, i = node[step], depth + 1, i + 1
        elif step in ("allOf", "anyOf", "oneOf", "prefixItems") and i + 1 < len(steps):
            node, i = node[step][steps[i + 1]], i + 2
            depth += step == "prefixItems"
        elif step in ("if", "then", "else", "not") and isinstance(node.get(step), dict):
            node, i = node[step], i + 1
        else:
            break  # the failing keyword itself
        node = _resolve(node)
        chain.append((depth, node))
    return chain


def field_name(at: tuple) -> str:
    """('questions', 0, 'options', 1, 'text') -> 'options[2].text': how a question's field is named in messages."""
    rel = at[2:] if len(at) >= 2 and at[0] == "questions" else at
    if not rel:
        return "question" if at else "quiz"
    name = ""
    for part in rel:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _expected(node: dict) -> str:
    enum = node.get("enum") or (node.get("items") or {}).get("enum") or []
    return str(node["expected"]).replace("{enum}", ", ".join(map(str, enum)))


def _allowed(err: jsonschema.ValidationError, node: dict) -> tuple[set[str], str, str]:
    """The fields allowed where an unknown one was found, and how to say so."""
    if node is _resolve(schema()["$defs"]["question"]):
        qtype = err.instance.get("type")
        if qtype not in kind_names():
            return set(err.instance), "", ""  # the type is reported; which fields it allows is unknown
        return set(common_fields() | kind_fields(qtype)), f" for a {qtype} question", "Check the spelling, or the question's type."
    return set(node.get("properties", {})), "", "Check the spelling."


def mistakes(raw: Any) -> list[Mistake]:
    """Every structural mistake in a quiz file's content (as read from YAML), in no particular order."""
    found: dict[tuple, Mistake] = {}  # jsonschema reports `required` once per missing field; each is said once
    for err in validator().iter_errors(raw):
        for m in _words(err, raw):
            found.setdefault((m.at, m.field, m.expected), m)
    return list(found.values())


def _words(err: jsonschema.ValidationError, root: Any) -> Iterator[Mistake]:
    at = tuple(err.absolute_path)
    node = _resolve(err.schema)
    keyword = err.validator
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed, suffix, hint = _allowed(err, node)
        for key in sorted(set(err.instance) - allowed):
            yield Mistake((*at, key), field_name((*at, key)), f"one of {', '.join(sorted(allowed))}{suffix}", key, hint)
        return
    if keyword == "required":
        for key in sorted(set(node["required"]) - set(err.instance)):
            prop = _resolve(node.get("properties", {}).get(key, {}))
            yield Mistake((*at, key), field_name((*at, key)), _expected(prop) if "expected" in prop else "a value", "nothing",
                          f"Add '{key}:'.", said=True)
        return
    if keyword in ("anyOf", "oneOf") and err.context:
        # Report inside the one alternative the value is shaped like (a mapping given as the numeric answer is
        # checked as a table reference), else say what the alternatives together expect.
        branches = {e.relative_schema_path[0] for e in err.context if _fits(e, err)}
        if len(branches) == 1:
            for sub in err.context:
                if sub.relative_schema_path[0] in branches:
                    yield from _words(sub, root)
            return
    chain = _chain(err.absolute_schema_path)
    depth, unit = next(((d, s) for d, s in reversed(chain) if "expected" in s), (len(at), {"expected": err.message}))
    at = at[:depth] if depth < len(at) else at
    value = _value(root, at)
    if isinstance(value, bool) and unit.get("expected") in ("a line of text", "text"):
        yield Mistake(at, field_name(at), "text", f"{value!r} {YAML_BOOL}", 'Put the text in quotes, e.g. "true".', said=True)
        return
    yield Mistake(at, field_name(at), _expected(unit), value)


def _fits(sub: jsonschema.ValidationError, parent: jsonschema.ValidationError) -> bool:
    """Whether the alternative `sub` failed in is of the value's own type (so its complaint is the useful one)."""
    branch = _resolve(parent.schema[parent.validator][sub.relative_schema_path[0]])
    types = branch.get("type")
    if types is None:
        return False
    types = [types] if isinstance(types, str) else types
    return any(jsonschema.Draft202012Validator.TYPE_CHECKER.is_type(parent.instance, t) for t in types)


def _value(root: Any, at: tuple) -> Any:
    for part in at:
        root = root[part]
    return root
