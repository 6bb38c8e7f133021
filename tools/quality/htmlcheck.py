"""Offline checks of the built HTML: links, anchors, images, citations, alt text, title, description, icon.

No browser and no network: every check reads the files Sphinx wrote, so it is
fast (well under a second for the book) and runs anywhere. Links to other hosts
are not fetched (the book must work offline; whether a news site still serves an
article is not a property of the build); they are only counted.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.quality.browser import all_pages, redirect_pages


@dataclass(frozen=True)
class Problem:
    """One failed check: which page, which check, what exactly (element, URL)."""

    page: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: [{self.check}] {self.detail}"


@dataclass
class ParsedPage:
    """What the checks need from one page."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) of a/link/script/img/source...
    images: list[tuple[str, str | None]] = field(default_factory=list)  # (src, alt or None)
    title: str = ""
    description: str | None = None
    has_icon: bool = False
    errors: list[str] = field(default_factory=list)  # docutils "problematic" / "system-message" markup


# Attributes that make the browser (or a reader's click) load another file.
_URL_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
# docutils writes these for an unresolved reference or citation that -W did not stop (e.g. -W dropped).
_ERROR_CLASSES = {"problematic", "system-message"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_title = False
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        page = self.page
        if tag == "svg":
            self._in_svg += 1
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                page.ids.add(a[key] or "")
        if (attr := _URL_ATTRS.get(tag)) and a.get(attr):
            page.links.append((tag, a[attr] or ""))
        if tag == "img":
            page.images.append((a.get("src") or "", a.get("alt")))
        if tag == "title" and not self._in_svg:
            self._in_title = True
        if tag == "meta" and (a.get("name") or "").lower() == "description":
            page.description = a.get("content") or ""
        if tag == "link" and "icon" in (a.get("rel") or "").lower().split():
            page.has_icon = True
        classes = set((a.get("class") or "").split())
        if classes & _ERROR_CLASSES:
            page.errors.append(f"<{tag} class=\"{a.get('class')}\">")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "svg" and self._in_svg:
            self._in_svg -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser.page.title = " ".join(parser.page.title.split())
    return parser.page


def _resolve(page: str, url: str) -> tuple[str, str] | None:
    """(file path relative to the book root, fragment) for a link inside the book; None for other hosts."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # http(s), mailto, data: ... not a file of the book
    path = unquote(parts.path)
    target = page if not path else posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, unquote(parts.fragment)


def check_book(html_dir: Path) -> tuple[list[Problem], dict[str, int]]:
    """Run every offline check over the built book; return the problems and counts for the report."""
    pages = all_pages(html_dir)
    parsed = {page: parse(html_dir / page) for page in pages}
    problems: list[Problem] = []
    counts = {"pages": len(pages), "links": 0, "anchors": 0, "images": 0, "external links (not fetched)": 0}
    id_cache: dict[str, set[str]] = {p: info.ids for p, info in parsed.items()}

    def ids_of(target: str) -> set[str]:
        if target not in id_cache:
            id_cache[target] = parse(html_dir / target).ids
        return id_cache[target]

    titles: dict[str, list[str]] = {}
    for page, info in parsed.items():
        for tag, url in info.links:
            resolved = _resolve(page, url)
            if resolved is None:
                counts["external links (not fetched)"] += tag == "a"
                continue
            target, fragment = resolved
            counts["links"] += 1
            file = html_dir / target
            if not file.is_file():
                problems.append(Problem(page, "broken link" if tag == "a" else f"missing file ({tag})", url))
                continue
            if fragment and target.endswith(".html"):
                counts["anchors"] += 1
                if fragment not in ids_of(target):
                    problems.append(Problem(page, "broken anchor", f"{url} (no id {fragment!r} in {target})"))
        for src, alt in info.images:
            counts["images"] += 1
            if alt is None or not alt.strip():
                problems.append(Problem(page, "image without alt text", src[:80]))
        if not info.title:
            problems.append(Problem(page, "no title", "<title> is missing or empty"))
        titles.setdefault(info.title, []).append(page)
        if not (info.description or "").strip():
            problems.append(Problem(page, "no description", '<meta name="description"> is missing or empty'))
        if not info.has_icon:
            problems.append(Problem(page, "no icon", 'no <link rel="icon">: browsers then ask for /favicon.ico (404)'))
        for error in info.errors:
            problems.append(Problem(page, "unresolved reference or citation", error))
    for title, same in titles.items():
        if title and len(same) > 1:
            problems.append(Problem(same[0], "duplicate title", f"{title!r} is also the title of {', '.join(same[1:])}"))
    for stub, target in redirect_pages(html_dir).items():
        resolved = _resolve(stub, target)
        if resolved is None or not (html_dir / resolved[0]).is_file():
            problems.append(Problem(stub, "broken redirect", target))
    return problems, counts
