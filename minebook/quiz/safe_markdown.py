"""A tiny, safe subset of inline Markdown for text from quiz files (and anything else an editor types).

Quiz files are edited by people who are not web developers, and they may be pasted from anywhere, so every
string is treated as untrusted: it is escaped first, and only these forms become markup:

    *em* or _em_     **strong**     `code`     [text](https://…)   (http, https and mailto links only)

Anything else, HTML included, is shown exactly as typed. All three quiz forms use these functions, so a
string looks the same in the widget, the static page and the answer key. Markdown outputs (answer keys, GIFT)
use `markdown_text`, which keeps the same subset and makes everything else inert for any Markdown renderer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

__all__ = ["inline_html", "link_html", "markdown_text", "plain_text", "safe_url"]

_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# [text](url): the URL may hold one level of balanced parentheses (Wikipedia style).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_EM_STAR = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.DOTALL)
# Underscores only at word edges, so snake_case_names stay as typed.
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.DOTALL)
_SCHEMES = ("http", "https", "mailto")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str) -> str | None:
    """The URL if its scheme is http, https or mailto (so it cannot run script), else None.

    Control characters and spaces are refused outright: browsers strip some of them inside schemes
    ("java\\nscript:"), which is how filters are usually fooled.
    """
    if not isinstance(url, str) or not url or _CONTROL.search(url):
        return None
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() not in _SCHEMES or not rest:
        return None
    if scheme.lower() != "mailto" and not rest.startswith("//"):
        return None
    return url


def link_html(text_html: str, url: str) -> str:
    """An external link around already-safe HTML, or just that HTML if the URL is not allowed."""
    ok = safe_url(url)
    if ok is None:
        return text_html
    return f'<a href="{html.escape(ok, quote=True)}" rel="noopener">{text_html}</a>'


def _pieces(text: str, url_ok: Callable[[str], bool]) -> Iterator[tuple[str, str, str]]:
    """The text in order as ("code", code, ""), ("link", label, url) and ("text", words, "") pieces: the one
    reading of the subset that the HTML and the Markdown writers share, so both see the same links and code."""
    pos = 0
    for m in _CODE.finditer(text):
        yield from _link_pieces(text[pos : m.start()], url_ok)
        yield "code", m.group(2), ""
        pos = m.end()
    yield from _link_pieces(text[pos:], url_ok)


def _link_pieces(text: str, url_ok: Callable[[str], bool]) -> Iterator[tuple[str, str, str]]:
    pos = 0
    for m in _LINK.finditer(text):
        if not url_ok(m.group(2)):
            continue  # left as text, made inert with its surroundings by the writer
        yield "text", text[pos : m.start()], ""
        yield "link", m.group(1), m.group(2)
        pos = m.end()
    yield "text", text[pos:], ""


def inline_html(text: str) -> str:
    """Escape ``text`` completely, then turn the allowed Markdown subset into HTML.

    The result is safe to place in element content and, since quotes are escaped too, in attributes.
    """
    out: list[str] = []
    for kind, a, url in _pieces(text or "", lambda u: safe_url(u) is not None):
        if kind == "code":
            out.append(f"<code>{html.escape(a.strip(' ') or a, quote=True)}</code>")
        elif kind == "link":
            out.append(link_html(_emphasis(a), url))
        else:
            out.append(_emphasis(a))
    return "".join(out)


def _emphasis(text: str) -> str:
    s = html.escape(text, quote=True)  # '*' and '_' survive escaping, so the patterns still apply
    s = _STRONG.sub(r"<strong>\1</strong>", s)
    s = _EM_STAR.sub(r"<em>\1</em>", s)
    return _EM_UNDER.sub(r"<em>\1</em>", s)


def plain_text(text: str) -> str:
    """The words a reader sees, without Markdown markers: for attributes, <option> labels and plain text.

    Not escaped: escape it for the place it goes (``html.escape``).
    """
    if not text:
        return ""
    s = _LINK.sub(lambda m: m.group(1), text)
    s = _CODE.sub(lambda m: m.group(2), s)
    s = _STRONG.sub(r"\1", s)
    s = _EM_STAR.sub(r"\1", s)
    return _EM_UNDER.sub(r"\1", s)


# An "&" or "<" is escaped only where a Markdown renderer could read an entity, a tag, a comment or an autolink.
_ENTITY_AHEAD = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_TAG_AHEAD = re.compile(r"<[A-Za-z/!?]")
_MD_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "\\": "\\\\", "`": "\\`"}


def _md_escape(text: str) -> str:
    """Text a Markdown renderer shows as typed: no HTML (tags, comments, entities), no links or images.

    `<` and `&` become entities, so raw HTML, autolinks (<javascript:...>) and entities are shown, not run;
    brackets and backslashes are escaped, so no [link](...), ![image](...) or [ref]: definition can form;
    stray backticks are escaped, so they cannot open a code span that swallows the escaping around it.
    """
    out = []
    for i, ch in enumerate(text):
        if ch == "&" and not _ENTITY_AHEAD.match(text, i):
            out.append(ch)  # "Humanity & Inclusion": an "&" that starts no entity is shown as typed, kept readable
        elif ch == "<" and not _TAG_AHEAD.match(text, i):
            out.append(ch)  # "fewer than < 5": no tag, comment or autolink can start here
        else:
            out.append(_MD_SPECIAL.get(ch, ch))
    return "".join(out)


def markdown_text(text: str) -> str:
    """``text`` as safe Markdown: the allowed subset kept (emphasis, code, http/https/mailto links), the rest inert.

    For Markdown files other programs render (answer keys, GIFT's [markdown] format): what `inline_html` does
    for HTML. Code spans are kept as typed, since Markdown never reads HTML or links inside them.
    """
    out: list[str] = []
    for kind, a, url in _pieces(text or "", lambda u: safe_url(u) is not None and "<" not in u and ">" not in u):
        if kind == "code":
            # Kept as a code span only when nothing in it needs escaping: renderers pair backticks in ways a
            # pattern cannot mirror exactly, so anything else is written as escaped text instead.
            out.append(f"`{a}`" if not any(ch in _MD_SPECIAL for ch in a) else _md_escape(a))
        elif kind == "link":
            if out and out[-1].endswith("!"):
                out[-1] = out[-1][:-1] + "\\!"  # "![...](...)" would load an image from another host
            out.append(f"[{_md_escape(a)}]({url})")
        else:
            out.append(_md_escape(a))
    return "".join(out)
