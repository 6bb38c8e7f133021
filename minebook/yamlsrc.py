"""Read YAML while remembering the line of every value, so errors can say "line 12"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

Lines = dict[tuple, int]


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Return the YAML content and a map from each value's path (a tuple of keys/indices) to its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(path, "the file", "encoding", "UTF-8 text", f"bytes that are not UTF-8 ({err.reason})")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the file"
        problem = getattr(err, "problem", None) or str(err)
        raise ContentError(
            [Problem(path, where, "YAML syntax", "valid YAML (check indentation, colons and quotes)", problem)]
        ) from None
    lines: Lines = {}
    if node is None:
        return None, lines
    return _convert(node, (), lines, path), lines


def _convert(node: yaml.Node, at: tuple, lines: Lines, path: Path) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in out:
                raise ContentError(
                    [Problem(path, f"line {key_node.start_mark.line + 1}", str(key), "each key once", "it twice")]
                )
            out[key] = _convert(value_node, (*at, key), lines, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*at, i), lines, path) for i, child in enumerate(node.value)]
    loader = yaml.SafeLoader("")
    return loader.construct_object(node, deep=True)


def line_of(lines: Lines, at: tuple) -> int:
    """The line of the value at `at`, or of its nearest parent that has one."""
    while at and at not in lines:
        at = at[:-1]
    return lines.get(at, 1)
