"""A chapter's Markdown in another language, for the notebooks a student downloads from a translated page.

Sphinx translates the book's pages while it builds them, from the page's catalog; a downloaded notebook is the
chapter's source, which Sphinx never rewrites. This applies the same catalog to the source: each paragraph, heading,
list item, table cell and admonition title is looked up by the text Sphinx extracted for it (the source with its
lines joined by spaces), and replaced by its translation. Structure (fences, options, code cells) is kept; a block
with no current translation stays English, as it would in the book.
"""

from __future__ import annotations

import re

from minebook.core.language import catalog

_HEADING = re.compile(r"^(#{1,6}\s+)(.*?)(\s*)$")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)]|:)\s+)(.*)$")  # list items and definitions (deflist)
_FENCE = re.compile(r"^(\s*(?:`{3,}|:{3,})\{[\w:-]+\}\s*)(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_TABLE = re.compile(r"^\s*\|")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_CODE = re.compile(r"^\s*(`{3,}|~{3,})(?:[\w+-]*|\{(?:code-block|code|sourcecode)\}.*)\s*$")
_CLOSE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*$")


def translations(domain: str, lang: str) -> dict[str, str]:
    """English text -> its current translation, for one page's catalog."""
    return {e.msgid: e.translation for (ctx, _), e in catalog(domain, lang).items()
            if ctx is None and e.translation and not e.fuzzy}


_VALUE_THEN_STOP = re.compile(r"(\{eval\}`([^`]*)`)\.(?=\s|$)")


def one_full_stop(text: str) -> str:
    """A value that ends in an abbreviation's full stop (a Ukrainian date, «2026 р.») at the end of a sentence keeps
    one stop, as the book's pages do (minebook/sphinx/evalrole.py): JupyterLab shows the role's text and then the
    sentence's own stop, so the stop is dropped here when the value, as it reads now, ends with one."""
    from minebook.content.numbers import NumberError, evaluate

    def keep(m: re.Match) -> str:
        try:
            value = evaluate(m.group(2))
        except (NumberError, KeyError, LookupError, ValueError, FileNotFoundError):
            return m.group(0)
        return m.group(1) if re.search(r"\w\.$", value) else m.group(0)

    return _VALUE_THEN_STOP.sub(keep, text)


def translate_markdown(text: str, table: dict[str, str]) -> str:
    """`text` (one Markdown cell of a MyST notebook) with every block that has a translation replaced."""
    if not table:
        return text
    out: list[str] = []
    original: list[str] = []  # the open block's lines as written
    content: list[str] = []  # ... and its text, as Sphinx extracted it
    prefix = ""

    def flush() -> None:
        joined = " ".join(c.strip() for c in content)
        if original:
            out.extend([prefix + one_full_stop(table[joined])] if joined in table else original)
        original.clear()
        content.clear()

    def tr(s: str) -> str:
        return table.get(s.strip(), s.strip())

    directives: list[str] = []  # the fences of the open directives ({admonition}, {note}), innermost last
    code_fence = ""  # inside ```python ... ``` (or a {code-block}): code, never translated
    for line in text.split("\n"):
        if code_fence:
            out.append(line)
            if line.strip() == code_fence:
                code_fence = ""
            continue
        if directives and line.strip() == directives[-1]:  # the end of an admonition or another directive
            flush()
            out.append(line)
            directives.pop()
        elif m := _CODE.match(line):
            flush()
            out.append(line)
            code_fence = m.group(1)
        elif not line.strip() or _CLOSE.match(line) or _OPTION.match(line) or re.match(r"^\s*\(.*\)=\s*$", line):
            flush()
            out.append(line)
        elif m := _FENCE.match(line):
            flush()
            directives.append(re.match(r"\s*([`:]+)", line).group(1))
            out.append(m.group(1) + tr(m.group(2)) if m.group(2).strip() else line)
        elif m := _HEADING.match(line):
            flush()
            out.append(m.group(1) + tr(m.group(2)) + m.group(3))
        elif _TABLE.match(line):
            flush()
            cells = line.split("|")
            out.append(line if _RULE.match(line) else "|".join(c if not c.strip() else f" {tr(c)} " for c in cells))
        elif m := _ITEM.match(line):
            flush()
            prefix = m.group(1)
            original.append(line)
            content.append(m.group(2))
        else:
            if not original:
                prefix = line[: len(line) - len(line.lstrip())]
            original.append(line)
            content.append(line)
    flush()
    return "\n".join(out)
