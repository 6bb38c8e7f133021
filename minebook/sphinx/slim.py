"""Lighter pages: keep only the theme's CSS rules and icon glyphs the book can use (issue 6).

pydata-sphinx-theme 0.17.1 sends every page one stylesheet of 397 KB (all of
Bootstrap 5, the theme, and Font Awesome's class for each of its ~2,000 icons)
and Font Awesome's solid web font of 156 KB for the dozen icons the theme
draws. That is most of what a reader downloads. Once the book is written,
this module

* removes from the theme's stylesheets each rule whose selectors all need a
  class that appears nowhere in the book: not in any page's ``class``
  attribute, and not as a word in any script the book ships (the theme's
  scripts add classes such as ``show`` or ``bs-tooltip-auto``; a word ending
  in ``-`` in a script counts as a prefix, for classes a script builds from
  parts). A rule is kept whole, with all its selectors, if any one of them can
  match, so nothing that applies today stops applying;
* cuts Font Awesome's web fonts down to the characters that the remaining
  stylesheets draw with ``content:``.

Only stylesheets linked with the theme's fixed ``?digest=`` are rewritten:
Sphinx derives other links' ``?v=`` from the file's content, and a changed
file would change every page of the next rebuild. Running it twice gives the
same files, so a rebuild that rewrites no page leaves them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# Theme stylesheets (relative to _static) that are linked with a fixed ?digest=.
THEME_STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css")
# Font Awesome web fonts shipped by pydata-sphinx-theme.
ICON_FONTS = "vendor/fontawesome/webfonts/*.woff2"

_CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*["']([^"'?#]+)""", re.I)
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_CSS_STRING = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")


@dataclass
class ClassUse:
    """Class names a page or script can put on an element."""

    names: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def add_words(self, text: str) -> None:
        for word in _WORD.findall(text):
            self.names.add(word)
            if word.endswith("-"):
                self.prefixes.add(word)

    def can_use(self, name: str) -> bool:
        return name in self.names or any(name.startswith(p) for p in self.prefixes)


def class_use(outdir: Path) -> ClassUse:
    """Every class the built book's pages name, and every word in the scripts they load.

    Only scripts a page loads count: the theme also ships ``fontawesome.js``,
    which no page of the book loads (see ``_templates/static/webpack-macros.html``).
    """
    use = ClassUse()
    scripts: set[Path] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for match in _CLASS_ATTR.finditer(html):
            use.names.update((match.group(1) or match.group(2) or match.group(3) or "").split())
        for attributes, body in _SCRIPT.findall(html):
            use.add_words(body)
            src = _SRC.search(attributes)
            if src and "://" not in src.group(1):
                scripts.add((page.parent / src.group(1)).resolve())
    for script in sorted(scripts):
        if script.is_file():
            use.add_words(script.read_text(encoding="utf-8", errors="replace"))
    return use


def _strip_nested(selector: str) -> str:
    """Drop ``(...)``, ``[...]`` and quoted parts: :not(.x), [class*=col-] never require a class."""
    out: list[str] = []
    depth = 0
    quote = ""
    for char in selector:
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def selector_can_match(selector: str, use: ClassUse) -> bool:
    """False only when the selector needs a class the book never uses."""
    if "\\" in selector:
        return True  # escaped class names: keep rather than guess
    return all(use.can_use(name) for name in _SELECTOR_CLASS.findall(_strip_nested(selector)))


def _slim_rules(rules: Iterable, use: ClassUse) -> str:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            if any(selector_can_match(s, use) for s in _split_selectors(prelude)):
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif rule.type == "at-rule":
            head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}"
            if rule.content is None:
                out.append(f"{head};")
            elif rule.lower_at_keyword in ("media", "supports", "container", "layer", "document"):
                inner = _slim_rules(
                    tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), use
                )
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:  # @font-face, @keyframes, @page...: kept as they are
                out.append(f"{head}{{{tinycss2.serialize(rule.content).strip()}}}")
    return "".join(out)


def slim_stylesheet(css: str, use: ClassUse) -> str:
    """The stylesheet without the rules that can match nothing in the book."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _slim_rules(rules, use) + "\n"


def drawn_characters(css: str) -> set[int]:
    """Code points in a stylesheet's strings: icons are characters drawn with ``content:"\\f05a"``.

    Every string counts, because the theme also keeps icons in custom properties
    (``--pst-icon-admonition-note:"\\f05a"``) that ``content:var(...)`` reads.
    """
    points: set[int] = set()
    for match in _CSS_STRING.finditer(css):
        text = match.group(1) if match.group(1) is not None else match.group(2)
        decoded = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)
        points.update(ord(c) for c in decoded)
    return points


def subset_font(path: Path, points: set[int]) -> bool:
    """Cut a web font down to ``points`` (plus what it needs for them); False if it already is."""
    import logging as std_logging

    from fontTools import subset

    # fontTools reports every glyph table it subsets at INFO: 75 lines per build that hid a real warning (issue 12).
    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)  # no build date inside: two builds give the same file
    present = set(font.getBestCmap())
    wanted = present & points
    if present <= wanted:
        return False
    options = subset.Options()
    options.flavor = font.flavor or "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(path, reorderTables=False)
    return True


@dataclass
class SlimReport:
    """What :func:`slim_book` changed, in bytes, for the build log and the benchmark."""

    files: list[tuple[str, int, int]] = field(default_factory=list)

    def line(self) -> str:
        before = sum(b for _, b, _ in self.files)
        after = sum(a for _, _, a in self.files)
        return f"theme CSS and icon fonts cut to what the book uses: {before:,} -> {after:,} bytes"


class SlimCache:
    """Earlier results of the slimming, by a hash of everything each one reads (issue 13: rebuild time).

    Sphinx copies the theme's original stylesheets and fonts over the slimmed ones on every build, and parsing
    the 400 KB stylesheet and subsetting the fonts again took about a second of each prose-edit rebuild. A result
    is reused only for the same input bytes, the same classes and characters in use and the same code (this
    module, tinycss2, fontTools); files no build asked
    for are removed, so the folder holds one build's worth. ``folder=None`` keeps nothing (always recomputes).
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, kind: str, *parts: bytes) -> tuple[str, bytes | None]:
        import hashlib

        digest = hashlib.sha256(kind.encode() + _code_version())
        for part in parts:
            digest.update(hashlib.sha256(part).digest())
        name = f"{kind}-{digest.hexdigest()[:32]}"
        self.used.add(name)
        path = self.folder / name if self.folder else None
        return name, (path.read_bytes() if path and path.is_file() else None)

    def put(self, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{name}.partial"
        partial.write_bytes(data)
        partial.replace(self.folder / name)  # whole or not at all: a stopped build never leaves half a file

    def forget_unused(self) -> None:
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink()


def _code_version() -> bytes:
    """This module's code and the versions of tinycss2 and fontTools: a change to any of them slims anew."""
    from importlib.metadata import version

    return Path(__file__).read_bytes() + f"{version('tinycss2')} {version('fonttools')}".encode()


def _use_fingerprint(use: ClassUse) -> bytes:
    return ("\n".join(sorted(use.names)) + "\0" + "\n".join(sorted(use.prefixes))).encode()


def slim_book(outdir: Path, cache_dir: Path | None = None) -> SlimReport:
    """Slim the theme stylesheets and icon fonts of a built book in place (reusing results kept in ``cache_dir``)."""
    static = outdir / "_static"
    report = SlimReport()
    cache = SlimCache(cache_dir)
    use = class_use(outdir)
    use_print = _use_fingerprint(use)
    kept_css: list[str] = []
    for name in THEME_STYLESHEETS:
        path = static / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        before = raw.decode("utf-8")
        key, kept = cache.get("css", raw, use_print)
        if kept is None:
            after = slim_stylesheet(before, use)
            cache.put(key, after.encode("utf-8"))
        else:
            after = kept.decode("utf-8")
        if after != before:
            path.write_text(after, encoding="utf-8")
        kept_css.append(after)
        report.files.append((name, len(raw), len(after.encode())))
    for css in static.rglob("*.css"):
        if css.relative_to(static).as_posix() not in THEME_STYLESHEETS:
            kept_css.append(css.read_text(encoding="utf-8", errors="replace"))
    points = set().union(*(drawn_characters(css) for css in kept_css)) if kept_css else set()
    wanted = ",".join(map(str, sorted(points))).encode()
    for font in sorted(static.glob(ICON_FONTS)):
        raw = font.read_bytes()
        key, kept = cache.get("font", raw, wanted)
        if kept is None:
            subset_font(font, points)
            cache.put(key, font.read_bytes())
        elif kept != raw:
            font.write_bytes(kept)
        report.files.append((font.relative_to(static).as_posix(), len(raw), font.stat().st_size))
    cache.forget_unused()
    return report


def _slim_after_build(app: Sphinx, exception: Exception | None) -> None:
    """Slim the written book, once every page and static file is in place."""
    if exception is None and app.builder.format == "html":
        logger.info(slim_book(Path(app.outdir), Path(app.outdir).parent / ".minebook-cache" / "slim").line())


def setup_slim(app: Sphinx) -> None:
    """Register with Sphinx; called from the book's extension ``setup``."""
    app.connect("build-finished", _slim_after_build, priority=900)
