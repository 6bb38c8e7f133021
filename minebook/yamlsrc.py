"""Read YAML while remembering the line of every value, so errors can say "line 12"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

Lines = dict[tuple, int]
# libyaml's parser, when PyYAML was built with it: ten times faster than the pure-Python one, and the tree it
# builds is the same. The pure-Python parser still reads any file libyaml rejects, so error messages keep
# PyYAML's own words (which PLAIN below translates). Texts where the two parsers are known to differ go to the
# pure-Python one directly: Tabs (libyaml accepts `key:<Tab>value`), the Unicode line breaks NEL, LS and PS, and
# characters PyYAML refuses. So a file never passes here yet fails in `minebook check`, or the other way round.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
_SLOW_ONLY = re.compile("[\t\x85\u2028\u2029]")


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Return the YAML content and a map from each value's path (a tuple of keys/indices) to its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(path, "the file", "encoding", "UTF-8 text", f"bytes that are not UTF-8 ({err.reason})")]) from None
    try:
        node = _compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the file"
        problem = getattr(err, "problem", None) or str(err)
        found, hint = plain_yaml_problem(problem)
        raise ContentError(
            [Problem(path, where, "layout", "lines of 'name: value' indented with spaces", found, hint)]
        ) from None
    lines: Lines = {}
    if node is None:
        return None, lines
    return _convert(node, (), lines, path, yaml.SafeLoader("")), lines


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: libyaml's when it accepts the text, else PyYAML's (which raises its own error)."""
    if _FAST_LOADER is not None and not _SLOW_ONLY.search(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # whatever libyaml refuses, the reference parser decides and explains
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


# The YAML parser's own words, and what they mean for someone editing a quiz or a table description.
PLAIN = [
    ("mapping values are not allowed", "a colon followed by a space inside a text, or a line indented further than "
     "the line above it", 'Put a text containing ": " in double quotes, e.g. prompt: "Read this: then answer."; '
     "otherwise line the name up with the names above it."),
    ("'\\t'", "a Tab character", "Indent with spaces only."),
    ("expected <block end>", "a line indented differently from the lines around it, or a text that starts with a quote "
     "but does not end with it", "Use the same number of spaces as the other lines of the entry; put a text that "
     "starts with a quote entirely in double quotes."),
    ("could not find expected ':'", "a line that is not 'name: value'",
     "A text that runs over several lines needs its later lines indented more than its name."),
    ("found undefined alias", "a text starting with * or &", "Put the whole text in double quotes."),
    ("found unexpected end of stream", "a quote that is opened but never closed", "Close the quote, or remove it."),
]


def plain_yaml_problem(problem: str) -> tuple[str, str]:
    """Say what the parser found in plain words, with how to fix it."""
    for needle, found, hint in PLAIN:
        if needle in problem:
            return found, hint
    return problem.removeprefix("found ").strip(), "Check the indentation, colons and quotes on this line."


def _convert(node: yaml.Node, at: tuple, lines: Lines, path: Path, loader: yaml.SafeLoader) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in out:
                raise ContentError(
                    [Problem(path, f"line {key_node.start_mark.line + 1}", str(key), "each key once", "it twice")]
                )
            out[key] = _convert(value_node, (*at, key), lines, path, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*at, i), lines, path, loader) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)  # one loader per file: making one per value was slow


def line_of(lines: Lines, at: tuple) -> int:
    """The line of the value at `at`, or of its nearest parent that has one."""
    while at and at not in lines:
        at = at[:-1]
    return lines.get(at, 1)
