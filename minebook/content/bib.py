"""Read references.bib, so that every source key in a table or quiz can be checked before the build."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pybtex.database import BibliographyData, parse_file
from pybtex.scanner import PybtexError

from minebook.core.config import bib_files
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import book_root
from minebook.core.yamlsrc import bad_text

_HTTP = re.compile(r"https?://[^\s/?#\\]+[^\s\\]*", re.IGNORECASE)


def http_url(url: str) -> bool:
    """True for an absolute http(s) address with a host and no spaces or control characters: the only links
    content may give readers (javascript:, data: and the like would run or smuggle script)."""
    return bool(_HTTP.fullmatch(url)) and bad_text(url) is None

REQUIRED = {
    "title": ("title",),
    "author or publisher": ("author", "organization", "publisher", "institution", "howpublished"),
    "date": ("year", "date"),
    "url": ("url",),
}


@dataclass(frozen=True)
class Source:
    """What a caption or an answer key needs to name a source in a sentence."""

    key: str
    title: str
    who: str
    year: str
    url: str
    note: str
    date: str = ""  # "2025-12-01", "2025-12" or "2025": as precise as the entry says, for "evidence as of"
    series: str = ""  # e.g. "Landmine Monitor": a yearly report, so an older edition can be found stale
    edition: str = ""  # the edition of that series this entry is (or reports on), e.g. "2025"
    accessed: str = ""  # the day the page at `url` was read, as readers see it: "25 November 2026" (urldate)

    def short(self) -> str:
        """'Human Rights Watch (2023)': the form used in chart captions."""
        return f"{self.who} ({self.year})" if self.year else self.who


# Per process: path -> (the file's bytes, its entries). A chapter asks for the bibliography once per table and
# per quiz (a dozen times); parsing ~200 entries with pybtex each time cost a chapter about half a second.
# Keyed on the bytes, not the mtime, so an edit within the file system's clock tick is never missed.
_PARSED: dict[Path, tuple[bytes, dict[str, Source]]] = {}
# The merged result for one list of files and their contents, so callers get the very same dict each time
# (data.load_table's own cache recognises it by identity).
_MERGED: dict[tuple[tuple[Path, bytes], ...], dict[str, Source]] = {}


def load_bibliography(paths: list[Path] | None = None) -> dict[str, Source]:
    """All entries of the book's .bib files, checked for the fields every entry must have, keys unique.

    Parsed once per process and file content; the returned mapping is shared, so treat it as read-only.
    """
    files = list(paths or bib_files())
    state = tuple((path, _read_bytes(path)) for path in files)
    if state in _MERGED:
        return _MERGED[state]
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    where: dict[str, Path] = {}
    for path, data in state:
        try:
            found = _load_one_cached(path, data)
        except ContentError as err:
            problems += err.problems
            continue
        for key, source in found.items():
            if key in where:
                problems.append(Problem(path, f"line {_line_of_key(path.read_text(encoding='utf-8'), key)}", key,
                                        "each key in one .bib file only", f"it in {where[key].name} too"))
            where[key] = path
            sources[key] = source
    if problems:
        raise ContentError(problems)
    _MERGED.clear()  # keep only the latest state: an edited file must not pin old versions in memory
    _MERGED[state] = sources
    return sources


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or b"" when it is missing (then _load_one reports it)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _load_one_cached(path: Path, data: bytes) -> dict[str, Source]:
    """`_load_one`, skipped when this file's bytes were parsed before (errors are never cached)."""
    hit = _PARSED.get(path)
    if hit is not None and hit[0] == data and data:
        return hit[1]
    found = _load_one(path)
    _PARSED[path] = (data, found)
    return found


# path -> (the file's text, pybtex's reading of it): the check, the tables' sources and the author-year labels
# each parsed every .bib file, three times in a chapter's rebuild (issue 13). Keyed on the text, as above.
_DATABASES: dict[Path, tuple[str, BibliographyData]] = {}


def parse_bib(path: Path, text: str | None = None) -> BibliographyData:
    """pybtex's reading of one .bib file (``text``: its content, when the caller has just read it), once per
    process and file content. Shared by its callers: treat it as read-only."""
    text = path.read_text(encoding="utf-8") if text is None else text
    hit = _DATABASES.get(path)
    if hit is not None and hit[0] == text:
        return hit[1]
    db = parse_file(str(path), bib_format="bibtex")
    _DATABASES[path] = (text, db)
    return db


def _load_one(path: Path) -> dict[str, Source]:
    if not path.is_file():
        raise ContentError([Problem(path, "the file", "references.bib", "a bibliography file", "no such file")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([Problem(path, "the file", "encoding", "UTF-8 text", f"bytes that are not UTF-8 ({err.reason})")]) from None
    try:
        db = parse_bib(path, text)
    except PybtexError as err:
        raise ContentError([Problem(path, "the file", "BibTeX syntax", "valid BibTeX entries", str(err))]) from None
    except Exception as err:  # pybtex has a few plain exceptions for odd input; still a content mistake
        raise ContentError([Problem(path, "the file", "BibTeX syntax", "valid BibTeX entries",
                                    f"text pybtex cannot read ({type(err).__name__}: {err})")]) from None
    from minebook.content.citestyle import reader_date  # not at the top: citestyle reads labels through this module

    problems: list[Problem] = latex_markup_problems(path, text, db)
    sources: dict[str, Source] = {}
    for key, entry in db.entries.items():
        line = _line_of_key(text, key)
        for label, names in REQUIRED.items():
            if not any(entry.fields.get(n) or entry.persons.get(n) for n in names):
                problems.append(
                    Problem(path, f"line {line}, entry '{key}'", label, f"one of {', '.join(names)}", "none")
                )
        for name, value in entry.fields.items():
            problem = bad_text(str(value))
            if problem:
                problems.append(Problem(path, f"line {line}, entry '{key}'", name, "text without control characters", problem,
                                        "Retype the field, or delete the invisible character (often pasted with it)."))
        url = str(entry.fields.get("url", "")).strip()
        if url and not http_url(url):
            problems.append(Problem(path, f"line {line}, entry '{key}'", "url", "a web address starting with http:// or https://",
                                    repr(url), "Only web links are allowed: a reader clicks them."))
            url = ""
        who = entry.fields.get("organization") or entry.fields.get("publisher") or entry.fields.get("institution")
        if not who and entry.persons.get("author"):
            who = " ".join(entry.persons["author"][0].last_names)
        sources[key] = Source(
            key=key,
            title=_clean(entry.fields.get("title", "")),
            who=_clean(who or entry.fields.get("howpublished", "")),
            year=entry.fields.get("year", entry.fields.get("date", ""))[:4],
            url=url,
            note=_clean(entry.fields.get("note", "")),
            date=_entry_date(entry.fields),
            series=_clean(entry.fields.get("series", "")),
            edition=_clean(entry.fields.get("edition", "")),
            accessed=reader_date(str(entry.fields.get("urldate", ""))) if url else "",
        )
        if bool(sources[key].series) != bool(sources[key].edition):
            problems.append(Problem(path, f"line {line}, entry '{key}'", "series and edition",
                                    "both (series = {Landmine Monitor}, edition = {2025}) or neither",
                                    "only one of them"))
    if problems:
        raise ContentError(problems)
    return sources


MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _entry_date(fields: Any) -> str:
    """The entry's date as ISO text, as precise as it is given: `date`, else `year` and `month`."""
    if re.match(r"\d{4}(-\d{2}){0,2}$", fields.get("date", "").strip()):
        return fields["date"].strip()
    year = fields.get("year", "").strip()[:4]
    if not re.match(r"\d{4}$", year):
        return ""
    month = MONTHS.get(fields.get("month", "").strip().lower()[:3])
    return f"{year}-{month:02d}" if month else year


def split_keys(value: str) -> list[str]:
    """'a; b' -> ['a', 'b']: tables and quizzes may name several sources."""
    return [k.strip() for k in str(value).split(";") if k.strip()]


def _clean(value: str) -> str:
    """BibTeX text as a reader sees it: no braces, `\\&` -> `&`, `---` -> em dash, `--` -> en dash.

    The em dash goes first: replacing `--` first would turn `Landmines---a` into `Landmines–-a`.
    """
    text = re.sub(r"[{}]", "", value).replace("\\&", "&")
    return text.replace("---", "\u2014").replace("--", "\u2013")


# Fields that are addresses or codes, never prose: '--' or '%' in them is part of the address.
NOT_PROSE = ("url", "doi", "eprint", "urldate", "urlkind")
# LaTeX markup in a field's text. Fields are plain Unicode text (every place that shows a source shows the text as
# written, and no LaTeX is there to read it): ``Ombudsman'' and Oekra{\"i}ne reached readers as typed.
_LATEX = re.compile(r"""
    (?P<command>\{\\(?:[A-Za-z]+(?:\{[^{}]*\})?|[^A-Za-z\s](?:\{[^{}]*\}|[A-Za-z])?)\}  # {\"i} {\k{e}} {\l}
               |\\(?:[A-Za-z]+(?:\{[^{}]*\})?|[^A-Za-z\s](?:\{[^{}]*\}|[A-Za-z])?))   # \"i \'e \& \textendash
  | (?P<double>``[^`']*(?:'(?!')[^`']*)*'')     # ``quoted''
  | (?P<single>`[^`']*(?:'(?=\w)[^`']*)*')      # `quoted' (an apostrophe followed by a letter stays inside)
  | (?P<quote>``|`|''|,,)                        # a quotation mark of either kind left over; ,, is „
  | (?P<dash>-{2,3})                             # -- en dash, --- em dash
  | (?P<tie>~)                                   # a non-breaking space
""", re.VERBOSE)
PLAIN_EXPECTED = "plain Unicode text: write “ ” ‘ ’ and letters such as ï directly"


def plain_unicode(value: str) -> str:
    """What LaTeX markup in a field means, written in Unicode: ``a'' -> “a”, `a' -> ‘a’, Oekra{\\"i}ne -> Oekraïne,
    -- -> –, \\& -> &. Used to tell the person who typed it what to write instead."""
    import codecs

    import latexcodec  # noqa: F401  (registers the "ulatex" codec; pybtex reads fields with it too)

    def one(match: re.Match[str]) -> str:
        kind, piece = match.lastgroup, match.group(0)
        if kind == "double":
            return "\u201c" + plain_unicode(piece[2:-2]) + "\u201d"
        if kind == "single":
            return "\u2018" + plain_unicode(piece[1:-1]) + "\u2019"
        if kind == "quote":
            return {"``": "\u201c", "`": "\u2018", "''": "\u201d", ",,": "\u201e"}[piece]
        if kind == "dash":
            return "\u2014" if piece == "---" else "\u2013"
        if kind == "tie":
            return "\u00a0"
        decoded = codecs.decode(piece, "ulatex")
        return decoded.replace("{", "").replace("}", "") if len(decoded.strip("{}")) == 1 else decoded

    return _LATEX.sub(one, value)


def latex_markup(value: str) -> tuple[str, str] | None:
    """(found, hint) when a field's text holds LaTeX markup; None when it is plain text. ``found`` quotes the
    markup as written; the hint gives each word as it should be written."""
    pieces: list[tuple[str, str]] = []
    for match in _LATEX.finditer(value):
        # the whole word around the markup, so the hint reads "Oekraïne", not "ï"
        start = match.start() - len(re.search(r"[\w{}\\'\"]*$", value[:match.start()]).group(0))
        end = match.end() + len(re.match(r"[\w{}\\'\"]*", value[match.end():]).group(0))
        if match.lastgroup in ("double", "single", "dash", "tie", "quote"):
            start, end = match.start(), match.end()
        written = value[start:end]
        while written.startswith("{") and written.count("{") > written.count("}"):  # a title's own braces
            written = written[1:]
        while written.endswith("}") and written.count("}") > written.count("{"):
            written = written[:-1]
        if written not in (p[0] for p in pieces):
            pieces.append((written, plain_unicode(written)))
    if not pieces:
        return None
    found = "LaTeX markup: " + "; ".join(w for w, _ in pieces[:4]) + ("; ..." if len(pieces) > 4 else "")
    hint = "Write " + "; ".join(f"{new.strip() or 'a space'} for {old}" for old, new in pieces[:4]) + "."
    return found, hint


def latex_markup_problems(path: Path, text: str | None = None, db: BibliographyData | None = None) -> list[Problem]:
    """One problem for each field of each entry (names too) that holds LaTeX markup (`latex_markup`)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    db = parse_bib(path, text) if db is None else db
    problems: list[Problem] = []
    for key, entry in db.entries.items():
        fields = [(n, str(v)) for n, v in entry.fields.items() if n.lower() not in NOT_PROSE]
        fields += [(role, " and ".join(str(p) for p in people)) for role, people in entry.persons.items()]
        for name, value in fields:
            bad = latex_markup(value)
            if bad:
                problems.append(Problem(path, f"line {_line_of_field(text, key, name)}, entry '{key}'", name,
                                        PLAIN_EXPECTED, bad[0], bad[1]))
    return sorted(problems, key=lambda p: int(p.where.split(",")[0].split()[1]))


def _line_of_field(text: str, key: str, name: str) -> int:
    """The line where ``name = ...`` is written in entry ``key`` (the entry's own line if not found)."""
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    if not match:
        return 1
    end = text.find("\n@", match.end())
    body = text[match.end():end if end >= 0 else len(text)]
    found = re.search(r"^\s*" + re.escape(name) + r"\s*=", body, re.IGNORECASE | re.MULTILINE)
    at = match.end() + found.start() + len(found.group(0)) - len(found.group(0).lstrip()) if found else match.start()
    return text.count("\n", 0, at) + 1


def _line_of_key(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


_LABELS: dict[tuple[tuple[Path, bytes], ...], dict[str, str]] = {}


def cite_labels(paths: list[Path] | None = None) -> dict[str, str]:
    """key -> the author–year label the bibliography prints ("Human Rights Watch 2023a"), for captions and tables.

    Readers never see a bibliography key: anything that names a source shows this label (issue 14).
    """
    from minebook.content.citestyle import labels

    files = list(paths or bib_files())
    state = tuple((path, _read_bytes(path)) for path in files)
    if state not in _LABELS:
        load_bibliography(files)  # the entries' problems are reported in words before pybtex sees them
        _LABELS.clear()
        _LABELS[state] = labels(files)
    return _LABELS[state]


def cite_link(key: str, label: str) -> str:
    """A link to the entry in the bibliography; the book's extension points it at the right page."""
    from minebook.content.citestyle import anchor

    return (f'<a class="mb-cite" data-mb-cite="{html.escape(key)}" '
            f'href="../bibliography.html#{anchor(key)}">{html.escape(label)}</a>')


def _copy_hosts(root: Path) -> dict[str, str]:
    """references/copy-hosts.yml: sites that publish copies of other publishers' pages (data, not code)."""
    import yaml

    path = root / "references" / "copy-hosts.yml"
    if not path.is_file():
        return {}
    return {str(k).lower(): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


def check_source_links(paths: list[Path] | None = None, root: Path | None = None) -> list[Problem]:
    """Issue 14: every address is the publisher's page, an archived copy with its access date, or a copy that
    says so. A link to a known mirror, reprint site or aggregator needs `urlkind`, so readers are told."""
    from urllib.parse import urlparse

    from minebook.content.citestyle import URL_KINDS

    root = root or book_root()
    hosts = _copy_hosts(root)
    problems: list[Problem] = []
    for path in list(paths or bib_files()):
        text = path.read_text(encoding="utf-8")
        for key, entry in parse_bib(path, text).entries.items():
            where = f"line {_line_of_key(text, key)}, entry '{key}'"
            url = entry.fields.get("url", "")
            kind = entry.fields.get("urlkind", "").strip().lower()
            if url and not re.match(r"https?://\S+$", url):
                problems.append(Problem(path, where, "url", "a web address starting with http:// or https://", repr(url)))
                continue
            if kind and kind not in URL_KINDS:
                problems.append(Problem(path, where, "urlkind", f"one of {', '.join(URL_KINDS)}", repr(kind)))
            host = urlparse(url).netloc.lower()
            copy = hosts.get(host)
            if copy and kind not in ("mirror", "reprint", "aggregator"):
                problems.append(Problem(
                    path, where, "urlkind", f"urlkind = {{{copy}}}: {host} publishes copies of other sites' pages "
                    "(references/copy-hosts.yml)", repr(kind) if kind else "none",
                    hint="Link the publisher's own page or an archived copy of it if one exists; otherwise say "
                         "what the link is, so readers are told it is not the publisher's site."))
            if url:
                problem = check_urldate(entry.fields.get("urldate"), _entry_date(entry.fields))
                if problem:
                    hint = URLDATE_HINT if problem[1] == "no urldate" else URLDATE_FIX
                    problems.append(Problem(path, where, "urldate", *problem, hint=hint))
    return problems


URLDATE_EXPECTED = "the day the page at the url was read, written year-month-day (for example 2026-11-25)"
URLDATE_HINT = ("Add a line such as 'urldate = {2026-11-25},' under the url: readers see it as "
                "\"Accessed 25 November 2026.\" Give the day you (or the project) actually read that page; "
                "see data/README.md, \"Access dates\".")
URLDATE_FIX = ("Write the day you (or the project) actually read that page as year-month-day, for example "
               "'urldate = {2026-11-25},' (readers see \"Accessed 25 November 2026.\"); see data/README.md, "
               "\"Access dates\".")


def check_urldate(value: str | None, published: str = "") -> tuple[str, str] | None:
    """(expected, found) when an entry's access date is missing, not a real YYYY-MM-DD day, later than today
    anywhere in the world, or earlier than the page's own date; None when it is right.

    Why: readers are told "Accessed ..." beside every link (issue 14, EDITORIAL.md); a date that cannot be true
    is worse than none."""
    if value is None or not str(value).strip():
        return URLDATE_EXPECTED, "no urldate"
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return URLDATE_EXPECTED, f"{text!r}, which is not written year-month-day"
    try:
        read = date.fromisoformat(text)
    except ValueError:
        return URLDATE_EXPECTED, f"{text!r}, a day that does not exist"
    # The latest calendar day anywhere on Earth (UTC+14): an instructor east of Greenwich is never told "future".
    latest = (datetime.now(timezone.utc) + timedelta(hours=14)).date()
    if read > latest:
        return f"{URLDATE_EXPECTED}, not later than today", f"{text}, a date in the future"
    published = published.strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", published) and text[:len(published)] < published:
        return (f"{URLDATE_EXPECTED}, not earlier than the page's own date ({published})",
                f"{text}, before the page was published")
    return None


_CITE_ROLE = re.compile(r"\{(?:cite|footcite|eval)(?::\w+)?\}`[^`]*`")  # eval: {eval}`mb.cite("key")`
_CODE_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1\s*$", re.DOTALL | re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def check_no_raw_keys(pages: list[Path], paths: list[Path] | None = None, keys: set[str] | None = None) -> list[Problem]:
    """Issue 14: readers see author–year labels, never a bibliography key: a key written in a page's prose
    (outside a {cite} role and code) would be shown as a raw string such as `unicef2023minesafety`.

    ``keys``: the bibliography's keys when the caller knows them (saves parsing the .bib files again)."""
    keys = set(load_bibliography(paths)) if keys is None else keys
    pattern = re.compile(r"(?<![\w/#.-])(" + "|".join(sorted(map(re.escape, keys), key=len, reverse=True)) + r")(?![\w-])")
    problems: list[Problem] = []
    for page in pages:
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731 (keep line numbers)
        prose = _CITE_ROLE.sub(blank, _CODE_FENCE.sub(blank, _FRONT_MATTER.sub(blank, text)))
        for match in pattern.finditer(prose):
            line = prose.count("\n", 0, match.start()) + 1
            problems.append(Problem(page, f"line {line}", "text", "a {cite:p}`key` or {cite:t}`key` citation, "
                                    "which readers see as an author–year label", f"the raw key {match.group(1)!r}"))
    return problems
