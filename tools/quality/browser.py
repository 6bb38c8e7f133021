"""The browser harness: serve the built book, open its pages in Chromium recording what goes wrong, run axe.

One copy serves both the browser tests (``tests/browser/helpers.py`` re-exports
these names, and ``conftest.py`` wraps them in fixtures) and ``make audit`` (``python -m tools.quality audit``)
/ ``make benchmark`` (``python -m tools.quality benchmark``), so the audit a maintainer runs by hand and the tests
CI runs can never disagree. Needs the test tools (``playwright``, and axe-core
from ``npm ci --prefix tests``); the book's build never imports this module.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route, WebSocketRoute
from playwright.sync_api import Error as PlaywrightError

# This harness runs from a checkout of the book (it is not part of the installed package):
# the repository and its tests/node_modules are two folders up.
REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DIR = REPO_ROOT / "tests"
DEFAULT_HTML_DIR = REPO_ROOT / "_build" / "html"
AXE_JS = TESTS_DIR / "node_modules" / "axe-core" / "axe.min.js"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

# Flags for Debian's Chromium in a container: no sandbox (we run as root),
# no GPU, and none of the background traffic (updates, sync, QUIC probes)
# that would show up as requests to other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Schemes that never touch the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-error"})

THEMES = ("light", "dark")

# The type of the ``open_page`` fixture: open_page(path, theme=None) -> Page.
OpenPage = Callable[..., Page]


@dataclass(frozen=True)
class Allowed:
    """One entry of an allow-list: what is tolerated and the written reason why."""

    what: str  # console: substring of the message; axe: "rule-id" or "rule-id @ selector part"
    reason: str


# Console messages we tolerate (substring match). EMPTY on purpose: the
# theme noise (duplicate THEBE_JS_URL, "invalid theme mode", ...) is fixed at
# the source by minebook/sphinx/theme_fixes.py. Add an entry only with a reason and
# an issue link; every run prints this list.
KNOWN_CONSOLE_NOISE: tuple[Allowed, ...] = ()

# axe violations we tolerate. EMPTY on purpose: the theme's `region` and
# `label-content-name-mismatch` findings are fixed by the _templates/
# overrides and minebook/sphinx/theme_fixes.py. Same rules as above.
AXE_ALLOWED: tuple[Allowed, ...] = ()


def html_dir() -> Path:
    """The built book: ``$MINEBOOK_HTML_DIR`` or ``_build/html`` of the repository."""
    return Path(os.environ.get("MINEBOOK_HTML_DIR") or DEFAULT_HTML_DIR).resolve()


def chromium_path() -> str:
    """The browser binary: ``$MINEBOOK_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    return os.environ.get("MINEBOOK_CHROMIUM") or DEFAULT_CHROMIUM


def all_pages(built_book: Path) -> list[str]:
    """Every HTML page of the book, as URL paths relative to its root.

    Folders starting with ``_`` (``_static``, ``_sources``, ``_images``...) hold
    assets, not pages. ``genindex.html`` and ``search.html`` are included: they
    are pages readers reach from the theme, so they must pass too.
    Jupyter Book's ``index.html`` is a one-line ``<meta http-equiv="Refresh">``
    stub with nothing to audit (the browser leaves it at once, for a page that
    is audited itself); such stubs are listed by :func:`redirect_pages`.
    """
    pages = []
    for path in sorted(built_book.rglob("*.html")):
        rel = path.relative_to(built_book)
        if any(part.startswith("_") for part in rel.parts[:-1]) or redirect_target(path):
            continue
        pages.append(rel.as_posix())
    return pages


_REFRESH = re.compile(
    r"""^\s*<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*0\s*;\s*url=([^"']+)["']\s*/?>\s*$""",
    re.IGNORECASE,
)


def redirect_target(path: Path) -> str | None:
    """The target URL if ``path`` is only a meta-refresh redirect stub, else None."""
    if path.stat().st_size > 512:
        return None
    match = _REFRESH.match(path.read_text(encoding="utf-8", errors="replace"))
    return match.group(1) if match else None


def redirect_pages(built_book: Path) -> dict[str, str]:
    """Redirect stubs of the book (``index.html`` -> first chapter) and their targets."""
    stubs = {}
    for path in sorted(built_book.rglob("*.html")):
        rel = path.relative_to(built_book)
        if any(part.startswith("_") for part in rel.parts[:-1]):
            continue
        if (target := redirect_target(path)) is not None:
            stubs[rel.as_posix()] = target
    return stubs


def search_term(built_book: Path) -> str | None:
    """A word the book's search finds on the most pages (``$MINEBOOK_SEARCH_TERM`` wins).

    Taken from Sphinx's ``searchindex.js`` so the search-results check needs
    no knowledge of the book's text.
    """
    if term := os.environ.get("MINEBOOK_SEARCH_TERM"):
        return term
    index_file = built_book / "searchindex.js"
    if not index_file.is_file():
        return None
    text = index_file.read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    counts = {
        term: len(docs) if isinstance(docs, list) else 1
        for term, docs in index.get("terms", {}).items()
        if term.isalpha() and len(term) >= 4
    }
    if not counts:
        return None
    return min(counts, key=lambda term: (-counts[term], term))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output clean."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Sends text files gzip-compressed to a client that accepts it, as GitHub Pages does (issue 14: Lighthouse
    measured the book uncompressed, so its mobile figures were not what readers get)."""

    COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".ipynb", ".md")

    def do_GET(self) -> None:
        import gzip
        import os

        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(self.COMPRESSED)
                or not os.path.isfile(path)):
            super().do_GET()
            return
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (random free port); yield the base URL.

    ``compress``: gzip text files for clients that accept it, as GitHub Pages serves the book.
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Every http(s)/ws(s) URL except this machine's; data:, blob: and about:
# URLs never reach the network (nor the router).
_NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/)")


def is_local(url: str) -> bool:
    """True if loading ``url`` stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


_LOAD_FAILED = "Failed to load resource:"


def _is_known_noise(text: str) -> bool:
    return any(entry.what in text for entry in KNOWN_CONSOLE_NOISE)


_FINISH_ANIMATIONS = """timeout => Promise.race([
  Promise.all(document.getAnimations()
    .filter(a => Number.isFinite(a.effect?.getComputedTiming().endTime))
    .map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, timeout)),
]).then(() => true)"""


def open_book_page(
    browser: Browser,
    base_url: str,
    path: str,
    theme: str | None = None,
    *,
    settle_timeout: float = 5.0,
) -> Page:
    """Open ``path`` of the served book in a fresh context and record what goes wrong.

    The returned page carries lists that grow while the page lives:
    ``external_requests`` (URLs to other hosts, web sockets included; all of
    them are aborted, so nothing leaves the machine), ``failed_requests`` ("URL: reason", for
    network failures and HTTP status >= 400) and ``console_errors`` (console
    errors and uncaught exceptions, minus Chromium's "Failed to load
    resource" echoes of the two lists before).
    """
    if theme not in (None, *THEMES):
        raise ValueError(f"theme must be None, 'light' or 'dark', not {theme!r}")
    # The theme comes from the reader's system colour scheme, as on a first
    # visit (empty localStorage, theme mode "auto"); that first-visit path is
    # also the one that logs "invalid theme mode" when the mode is unset.
    context = browser.new_context(
        color_scheme=theme or "no-preference",  # type: ignore[arg-type]
        viewport={"width": 1280, "height": 900},
        service_workers="block",
    )
    page = context.new_page()
    external: list[str] = []
    failed: list[str] = []
    console: list[str] = []
    pending: set[Request] = set()

    def block(route: Route) -> None:
        external.append(route.request.url)
        route.abort("blockedbyclient")

    def block_socket(socket: WebSocketRoute) -> None:
        external.append(socket.url)
        socket.close()  # never connected to the server

    def on_failed(request: Request) -> None:
        pending.discard(request)
        # Blocked external requests are reported as external; a load already
        # reported with its HTTP status is often "aborted" afterwards too.
        if is_local(request.url) and not any(f.startswith(f"{request.url}: HTTP") for f in failed):
            failed.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.url}: HTTP {response.status}")

    def on_console(message: ConsoleMessage) -> None:
        # Chromium echoes every failed load as a console error; those are
        # reported (with the reason) by external_requests/failed_requests.
        if message.text.startswith(_LOAD_FAILED):
            return
        if message.type == "error" and not _is_known_noise(message.text):
            loc = message.location
            where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc else ""
            console.append(f"console.error: {message.text}{where}")

    def on_pageerror(error: Exception) -> None:
        text = str(error)
        if not _is_known_noise(text):
            console.append(f"uncaught exception: {text}")

    # Only requests to other hosts are intercepted (the pattern is matched in
    # the browser), so the book's own files load at full speed.
    context.route(_NOT_LOCAL, block)
    context.route_web_socket(_NOT_LOCAL, block_socket)
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    page.external_requests = external  # type: ignore[attr-defined]
    page.failed_requests = failed  # type: ignore[attr-defined]
    page.console_errors = console  # type: ignore[attr-defined]
    page.book_path = path  # type: ignore[attr-defined]
    page.theme = theme  # type: ignore[attr-defined]

    page.goto(base_url + path.lstrip("/"), wait_until="load")
    # "load" does not wait for web fonts or for requests scripts start late;
    # wait for those (a cheaper "networkidle", which always sleeps 500 ms).
    # A redirect (meta refresh) destroys the context: wait for the new page.
    for attempt in range(3):
        try:
            page.evaluate("document.fonts.ready.then(() => true)")
            break
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) or attempt == 2:
                raise
            page.wait_for_load_state("load")
    deadline = time.monotonic() + settle_timeout
    while pending and time.monotonic() < deadline:
        page.wait_for_timeout(25)
    # The theme switches colours with CSS transitions once its JS has set the
    # mode; axe's colour-contrast check must see the final colours.
    page.evaluate(_FINISH_ANIMATIONS, settle_timeout * 1000)
    if theme:
        actual = page.evaluate("document.documentElement.dataset.theme")
        if actual != theme:  # e.g. a fixed default_mode: force it so the theme is still audited
            page.evaluate("t => { document.documentElement.dataset.theme = t; }", theme)
    return page


_AXE_RUN = """async context => {
  const result = await axe.run(context || document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" ")),
    html: v.nodes.map(n => n.html),
  }));
}"""


def _allowed(violation: dict[str, Any], target: str) -> bool:
    for entry in AXE_ALLOWED:
        rule, _, part = entry.what.partition(" @ ")
        if violation["id"] == rule and part in target:
            return True
    return False


def run_axe(page: Page, context: str | dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core (the pinned npm copy in ``tests/node_modules``) on ``page``.

    ``context`` is an axe context (a CSS selector or ``{"include": ..., "exclude": ...}``);
    ``None`` audits the whole document. Returns the violations as dicts with
    ``id, impact, help, helpUrl, targets`` (CSS selectors of the failing
    elements; ``html`` holds their markup), minus ``AXE_ALLOWED`` entries.
    """
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing; run `npm ci --prefix tests` (make test does it)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, context)
    kept = []
    for violation in violations:
        pairs = [
            (t, h) for t, h in zip(violation["targets"], violation["html"], strict=True) if not _allowed(violation, t)
        ]
        if pairs:
            violation["targets"] = [t for t, _ in pairs]
            violation["html"] = [h for _, h in pairs]
            kept.append(violation)
    return kept


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per violated rule: rule, impact, help URL, each element."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for target, html in zip(v["targets"], v.get("html", v["targets"]), strict=False):
            snippet = " ".join(html.split())
            if len(snippet) > 160:
                snippet = snippet[:157] + "..."
            lines.append(f"    at {target}\n       {snippet}")
    return "\n".join(lines)


def allow_list_summary() -> list[str]:
    """Lines for the terminal summary, so any tolerated noise is always visible."""
    lines = []
    for title, entries in (
        ("known console noise filter", KNOWN_CONSOLE_NOISE),
        ("axe allow-list", AXE_ALLOWED),
    ):
        if not entries:
            lines.append(f"{title}: empty (nothing is filtered)")
            continue
        lines.append(f"{title}: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
        lines.extend(f"  - {e.what!r}: {e.reason}" for e in entries)
    return lines
