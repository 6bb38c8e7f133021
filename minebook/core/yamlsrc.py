"""Read YAML while remembering the line of every value, so errors can say "line 12".

Content files come from anyone (a colleague's quiz, a pasted description), so they are read safely and
predictably, whatever PyYAML's defaults would do:

- YAML 1.2 core schema rules for plain values: `010` is 10 (not 8), `1:30` is text (not 90), `yes`/`no`/`on`
  are text, dates stay text. Only true/false, null, decimal numbers, 0x/0o integers and .inf/.nan are special.
- No anchors (&), aliases (*) or tags (!): content has no use for them, and aliases make "billion laughs" bombs
  and endless loops. Keys are plain names, never lists or mappings.
- Limits: at most MAX_BYTES per file and MAX_DEPTH levels of nesting.
- Numbers are finite (no .inf / .nan); text is valid Unicode without control characters (tab and line breaks
  allowed), so it prints, exports to XML and renders everywhere.

Each refusal is a ContentError naming the file and line, never a traceback.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from minebook.core.errors import ContentError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_INT = 2**53  # beyond this a number loses digits as a float (and the float of 10**400 is an error)
# Text no output can carry: C0 controls except tab and line feed, DEL, C1 controls, lone surrogates and the two
# non-characters XML forbids. (CR is folded into LF by the YAML reader; a stray one in a CSV cell is refused.)
BAD_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_text(value: str) -> str | None:
    """A plain description of the first character no output can carry, or None when the text is fine."""
    m = BAD_TEXT.search(value)
    if m is None:
        return None
    ch = m.group(0)
    kind = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else "a control character"
    return f"{kind} (U+{ord(ch):04X}) at character {m.start() + 1}"


class Resolver12(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: which plain (unquoted) values are booleans, numbers or null; everything else is text."""


Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
Resolver12.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Constructor12(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor with YAML 1.2's readings of booleans and integers."""

    def construct_yaml_bool(self, node: yaml.Node) -> bool:
        return self.construct_scalar(node).lower() == "true"

    def construct_yaml_int(self, node: yaml.Node) -> int:
        text = self.construct_scalar(node)
        if text[:2] in ("0o", "0x"):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)  # "010" is ten: YAML 1.2 has no octal without 0o


_Constructor12.add_constructor("tag:yaml.org,2002:bool", _Constructor12.construct_yaml_bool)
_Constructor12.add_constructor("tag:yaml.org,2002:int", _Constructor12.construct_yaml_int)


class SafeLoader12(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                   _Constructor12, Resolver12):
    """The pure-Python reader with YAML 1.2 rules."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor12.__init__(self)
        Resolver12.__init__(self)


_CLoader12: Any = None
if getattr(yaml, "CParser", None) is not None:
    class _CLoader12(yaml.CParser, _Constructor12, Resolver12):  # type: ignore[no-redef]
        """libyaml's parser with the same YAML 1.2 rules."""

        def __init__(self, stream: str) -> None:
            yaml.CParser.__init__(self, stream)
            _Constructor12.__init__(self)
            Resolver12.__init__(self)

# Tags a node may carry once the YAML 1.2 rules resolved it; anything else was written in the file (`!x`, `!!set`).
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}

Lines = dict[tuple, int]
# libyaml's parser, when PyYAML was built with it: ten times faster than the pure-Python one, and the tree it
# builds is the same. The pure-Python parser still reads any file libyaml rejects, so error messages keep
# PyYAML's own words (which PLAIN below translates). Texts where the two parsers are known to differ go to the
# pure-Python one directly: Tabs (libyaml accepts `key:<Tab>value`), the Unicode line breaks NEL, LS and PS, and
# characters PyYAML refuses. So a file never passes here yet fails in `minebook check`, or the other way round.
_FAST_LOADER: Any = _CLoader12
_SLOW_ONLY = re.compile("[\t\x85\u2028\u2029]")


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Return the YAML content and a map from each value's path (a tuple of keys/indices) to its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(path, "the file", "encoding", "UTF-8 text", f"bytes that are not UTF-8 ({err.reason})")]) from None
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ContentError([Problem(path, "the file", "size", f"at most {MAX_BYTES // 1000:,} KB of text",
                                    f"{len(text.encode('utf-8', 'surrogatepass')) // 1000:,} KB",
                                    "Split it, or move long data into a table in data/.")])
    depth = _flow_depth(text)
    if depth > MAX_DEPTH:
        raise ContentError([Problem(path, "the file", "nesting", f"at most {MAX_DEPTH} levels of [ ] or {{ }}",
                                    f"{depth} levels", "Write lists and entries one per line instead.")])
    try:
        node = _compose(text)
    except RecursionError:
        raise ContentError([Problem(path, "the file", "nesting", f"at most {MAX_DEPTH} levels of indentation",
                                    "far more", "Flatten the file.")]) from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        raise ContentError([Problem(path, f"line {line}", "text", "text without control characters",
                                    f"a control character (U+{err.character if isinstance(err.character, int) else ord(err.character):04X})",
                                    "Retype the text, or delete the invisible character (often pasted with it).")]) from None
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
    try:
        return _convert(node, (), lines, path, SafeLoader12(""), set()), lines
    except _AliasFound:
        raise ContentError([Problem(path, f"line {_first_alias_line(text)}", "*alias",
                                    "each value written out (no & anchors or * aliases)",
                                    "a * alias repeating a value written elsewhere",
                                    "Copy the value where it is needed; a text starting with * or & needs double quotes.")]) from None


class _AliasFound(Exception):
    """A node met twice while converting: an alias (the caller finds its line)."""


def _first_alias_line(text: str) -> int:
    """The line of the first * alias: the events are read one by one, so nothing is expanded."""
    try:
        for event in yaml.parse(text, Loader=SafeLoader12):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return 1


def _flow_depth(text: str) -> int:
    """How deep [ ] and { } nest, counted roughly (brackets in quotes count too): enough to refuse a bomb
    before a parser recurses into it."""
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: libyaml's when it accepts the text, else PyYAML's (which raises its own error)."""
    if _FAST_LOADER is not None and not _SLOW_ONLY.search(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # whatever libyaml refuses, the reference parser decides and explains
            pass
    return yaml.compose(text, Loader=SafeLoader12)


# The YAML parser's own words, and what they mean for someone editing a quiz or a table description.
PLAIN = [
    ("found character that cannot start any token", "a character YAML cannot start a value with (such as @, ` or %)",
     "Put the whole text in double quotes."),
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


def _refuse(path: Path, node: yaml.Node, field: str, expected: str, found: str, hint: str) -> ContentError:
    return ContentError([Problem(path, f"line {node.start_mark.line + 1}", field, expected, found, hint)])


def _convert(node: yaml.Node, at: tuple, lines: Lines, path: Path, loader: Any, seen: set[int]) -> Any:
    """The value of `node`, checked: no node twice (an alias), no tags, plain keys, finite numbers, clean text."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _AliasFound
    seen.add(id(node))
    if len(at) > MAX_DEPTH:
        raise _refuse(path, node, "nesting", f"at most {MAX_DEPTH} levels", "deeper nesting", "Flatten the file.")
    if node.tag not in PLAIN_TAGS:
        raise _refuse(path, node, "tag", "plain values (no ! tags)", repr(node.tag.replace("tag:yaml.org,2002:", "!!")),
                      "Remove the tag; put a text starting with ! in double quotes.")
    lines[at] = line
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in PLAIN_TAGS:
                raise _refuse(path, key_node, "name", "a plain name before the colon",
                              "a list, a mapping or a tagged value used as a name",
                              "Names are single words such as prompt: or title:; a line starting with ? is not needed.")
            key = key_node.value
            if id(key_node) in seen:
                raise _AliasFound
            problem = bad_text(key)
            if problem:
                raise _refuse(path, key_node, "name", "a name in plain letters", problem, "Retype the name.")
            if key in out:
                raise ContentError(
                    [Problem(path, f"line {key_node.start_mark.line + 1}", str(key), "each key once", "it twice")]
                )
            out[key] = _convert(value_node, (*at, key), lines, path, loader, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*at, i), lines, path, loader, seen) for i, child in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)  # one loader per file: making one per value was slow
    except (ValueError, yaml.YAMLError) as err:
        raise _refuse(path, node, str(at[-1]) if at else "value", "a value YAML can read", repr(node.value),
                      str(err)) from None
    field = str(at[-1]) if at else "value"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise _refuse(path, node, field, f"a number of at most {len(str(MAX_INT))} digits", repr(node.value)[:40] + "…",
                      "Check the number; put a text in quotes.")
    if isinstance(value, float) and not math.isfinite(value):
        raise _refuse(path, node, field, "a finite number", repr(node.value),
                      "Write the number itself; put a text in quotes.")
    if isinstance(value, str):
        problem = bad_text(value)
        if problem:
            raise _refuse(path, node, field, "text without control characters", problem,
                          "Retype the text, or delete the invisible character (often pasted with it).")
    return value


def line_of(lines: Lines, at: tuple) -> int:
    """The line of the value at `at`, or of its nearest parent that has one."""
    while at and at not in lines:
        at = at[:-1]
    return lines.get(at, 1)
