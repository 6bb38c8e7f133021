"""``make benchmark`` (``python -m tools.quality benchmark``): build and page figures of this book beside Jupyter Book's own template book.

Both books are built in the same run, on the same machine, with the same
command (``jupyter-book build . -n -W --keep-going``), from copies in a
temporary folder (the repository's ``_build`` is never touched). The template
is what ``jupyter-book create`` writes, unchanged, so the figures say what this
book costs compared with the stock Jupyter Book 1 experience.

Measured:

* clean build time (everything executed: no ``_build``, no execution cache);
* rebuild time after a prose edit, of the front page and of the first chapter: wall time, and the CPU time
  (user + system) of the build's processes, which other work on a shared machine inflates far less;
* the same for every translation (issue 16): its clean build (``minebook build --lang LANG``, after the English one;
  its notebooks are executed again, in the language), both languages from nothing as ``make book`` builds them
  (``minebook build``: the languages side by side, one per core), and its rebuild
  after a translator's edit of the front page's and the chapter's catalogs (a sentence added to one translation);
* execution time of each notebook (myst-nb's own "Executed notebook in" log lines);
* bytes per page load, by type (HTML, scripts, styles, images, fonts, other):
  the response bodies Chromium received for one fresh load of the page
  (uncompressed, as Python's file server sends them), via Playwright;
* the quiz script and style: bytes and requests per page;
* the time until every quiz on a page is set up (``data-mb-ready`` on each
  ``.mb-quiz``), from the end of HTML parsing and relative to the load event.

The goals printed beside the figures come from issue 6; they guide the work
and are never timed tests (timings vary ±30 % on a shared 2-core machine).
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.quality.reproducible import _SKIP

BUILD_FLAGS = ("-n", "-W", "--keep-going")
_EXECUTED = re.compile(r"^(?P<path>\S+): Executed notebook in (?P<seconds>[\d.]+) seconds", re.MULTILINE)
# A paragraph any reader could have written; appended, timed, then removed.
PROSE_EDIT = "\n\nA sentence added by the benchmark to time a rebuild after a prose edit.\n"
# The same, for a translator: appended to the first translated paragraph of a page's catalog.
TRANSLATION_EDIT = {"uk": " Речення, додане, щоб виміряти час перебудови після правки перекладу."}
# Playwright resource types -> the benchmark's columns.
_KINDS = {"document": "HTML", "script": "scripts", "stylesheet": "styles", "image": "images", "font": "fonts"}
KINDS = ("HTML", "scripts", "styles", "images", "fonts", "other")
_CHART_DATA = re.compile(rb'<img src="(data:image/[^"]+)"')

# Set up before the page's scripts run: note when every quiz has data-mb-ready.
_QUIZ_CLOCK = """
(() => {
  const mark = () => {
    const quizzes = document.querySelectorAll(".mb-quiz");
    if (quizzes.length && [...quizzes].every(q => q.dataset.mbReady)) {
      window.__mbAllReady = window.__mbAllReady || performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-mb-ready"]});
})();
"""
_QUIZ_TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {quizzes: document.querySelectorAll(".mb-quiz").length,
          ready: document.querySelectorAll(".mb-quiz[data-mb-ready]").length,
          allReady: window.__mbAllReady || null, domInteractive: nav.domInteractive, loadEventStart: nav.loadEventStart};
}"""


@dataclass
class PageWeight:
    """One fresh load of one page: bytes by kind, quiz assets, quiz readiness."""

    page: str
    bytes: dict[str, int] = field(default_factory=dict)
    chart_bytes: int = 0  # chart images inlined in the HTML as data: URIs
    quiz_bytes: int = 0
    quiz_requests: int = 0
    gzip_bytes: int = 0  # the same files gzip-compressed, as GitHub Pages sends them (issue 14)
    quizzes: int = 0
    ready_after_parse_ms: float | None = None
    ready_minus_load_ms: float | None = None

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


@dataclass
class BookFigures:
    """Everything measured for one book."""

    name: str
    clean_build: float = 0.0
    front_edit: float = 0.0
    chapter_edit: float = 0.0
    front_edit_cpu: float = 0.0  # user + system seconds of the build's processes
    chapter_edit_cpu: float = 0.0
    executions: dict[str, float] = field(default_factory=dict)
    pages: dict[str, PageWeight] = field(default_factory=dict)
    front_page: str = ""
    chapter_pages: list[str] = field(default_factory=list)
    translations: dict[str, TranslationFigures] = field(default_factory=dict)


@dataclass
class TranslationFigures:
    """One translation's build, built after the English one as `make book` does."""

    lang: str
    clean_build: float = 0.0
    front_edit: float = 0.0
    chapter_edit: float = 0.0
    front_edit_cpu: float = 0.0
    chapter_edit_cpu: float = 0.0
    together: float = 0.0  # `minebook build`: both languages from nothing, side by side (as `make book`)
    together_cpu: float = 0.0


def _cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _build(book: Path) -> tuple[float, str, float]:
    """Build ``book``: wall seconds, the log, and the CPU seconds (user + system) of the build's processes."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    cpu_before = _cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run(
        [str(jupyter_book), "build", ".", *BUILD_FLAGS], cwd=book, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    cpu = _cpu_of_children() - cpu_before
    if result.returncode != 0:
        raise RuntimeError(f"build of {book} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed, result.stdout + result.stderr, cpu


def _build_translation(book: Path, lang: str | None) -> tuple[float, float]:
    """`minebook build --lang LANG` of ``book`` (the English book must be built), or with None `minebook build`:
    every language, side by side, as `make book` builds them. Wall and CPU seconds."""
    minebook = Path(sys.executable).parent / "minebook"
    cpu_before = _cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run([str(minebook), "build", *(["--lang", lang] if lang else [])], cwd=book,
                            capture_output=True, text=True, check=False, env={**os.environ, "MINEBOOK_ROOT": str(book)})
    elapsed = time.perf_counter() - started
    cpu = _cpu_of_children() - cpu_before
    if result.returncode != 0:
        raise RuntimeError(f"{lang or 'every language'} build of {book} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed, cpu


def _timed_translation_edit(book: Path, lang: str, doc: str) -> tuple[float, float]:
    """Add a sentence to the first translated paragraph of ``doc``'s catalog, time the rebuild, restore it."""
    from babel.messages.pofile import read_po, write_po

    catalog_file = book / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"
    original = catalog_file.read_bytes()
    with catalog_file.open("rb") as fh:
        catalog = read_po(fh)
    message = next(m for m in catalog if m.id and isinstance(m.string, str) and len(m.string) > 80)
    message.string += TRANSLATION_EDIT[lang]
    with catalog_file.open("wb") as fh:
        write_po(fh, catalog, width=0)
    try:
        elapsed, cpu = _build_translation(book, lang)
    finally:
        catalog_file.write_bytes(original)
    _build_translation(book, lang)
    return elapsed, cpu


def measure_translation(book: Path, lang: str, chapter_for_edit: str) -> TranslationFigures:
    """Clean build of a translation (its aside folder removed) and the two translator's-edit rebuilds."""
    figures = TranslationFigures(lang)
    for aside in book.glob(f"_build/*-{lang}"):
        shutil.rmtree(aside)
    shutil.rmtree(book / "_build" / "html" / lang, ignore_errors=True)
    figures.clean_build, _ = _build_translation(book, lang)
    root, _ = _toc_pages(book)
    figures.front_edit, figures.front_edit_cpu = _timed_translation_edit(book, lang, root)
    figures.chapter_edit, figures.chapter_edit_cpu = _timed_translation_edit(book, lang, chapter_for_edit)
    shutil.rmtree(book / "_build")  # last: `make book` from nothing, every language at once
    figures.together, figures.together_cpu = _build_translation(book, None)
    return figures


def _timed_edit(book: Path, source: Path) -> tuple[float, float]:
    """Append a prose paragraph to ``source``, time the rebuild (wall and CPU seconds), restore the file (and
    rebuild it back)."""
    original = source.read_text(encoding="utf-8")
    source.write_text(original + PROSE_EDIT, encoding="utf-8")
    try:
        elapsed, _, cpu = _build(book)
    finally:
        source.write_text(original, encoding="utf-8")
    _build(book)
    return elapsed, cpu


def _toc_pages(book: Path) -> tuple[str, list[str]]:
    """The root document and the chapter documents of a jb-book ``_toc.yml`` (without suffixes)."""
    import yaml

    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"] for part in toc.get("parts", [toc]) for c in part.get("chapters", []) if "file" in c]
    return toc["root"], chapters


def _source(book: Path, doc: str) -> Path:
    return next(p for p in (book / f"{doc}.md", book / f"{doc}.ipynb") if p.is_file())


def measure_build(figures: BookFigures, book: Path, chapter_for_edit: str) -> None:
    """Clean build, executions, and the two prose-edit rebuilds of ``book`` (a scratch copy)."""
    shutil.rmtree(book / "_build", ignore_errors=True)
    figures.clean_build, log, _ = _build(book)
    for match in _EXECUTED.finditer(log):
        name = Path(match["path"]).resolve().relative_to(book.resolve()).with_suffix("").as_posix()
        figures.executions[name] = float(match["seconds"])
    root, _ = _toc_pages(book)
    figures.front_edit, figures.front_edit_cpu = _timed_edit(book, _source(book, root))
    figures.chapter_edit, figures.chapter_edit_cpu = _timed_edit(book, _source(book, chapter_for_edit))


def measure_pages(figures: BookFigures, html_dir: Path, pages: list[str]) -> None:
    """Load each page once in a fresh browser context and weigh what it loaded."""
    from playwright.sync_api import Response, sync_playwright

    from tools.quality.browser import _NOT_LOCAL, CHROMIUM_ARGS, chromium_path, serve

    with serve(html_dir) as base_url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                weight = PageWeight(path, dict.fromkeys(KINDS, 0))
                responses: list[Response] = []
                record = responses.append  # bound now: ruff B023, and one list per page
                context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                context.add_init_script(_QUIZ_CLOCK)
                context.on("response", lambda response, record=record: record(response))
                # Requests to other hosts are blocked, as in the audit: a page is weighed as an offline reader gets it.
                context.route(_NOT_LOCAL, lambda route: route.abort("blockedbyclient"))
                page = context.new_page()
                page.goto(base_url + path, wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.wait_for_timeout(300)  # late requests (search index, icons)
                for response in responses:
                    try:
                        body = response.body()
                    except Exception:  # redirects and aborted loads have no body
                        continue
                    kind = _KINDS.get(response.request.resource_type, "other")
                    weight.bytes[kind] += len(body)
                    compressible = re.search(r"\.(html|css|js|svg|json)(\?|$)", response.url.split("#")[0])
                    weight.gzip_bytes += len(gzip.compress(body, mtime=0)) if compressible else len(body)
                    if re.search(r"/_images/mb-chart-[0-9a-f]+\.svg$", response.url):
                        weight.chart_bytes += len(body)  # charts are files since issue 14 (lazy: below the fold, not loaded)
                    if re.search(r"/quiz\.(js|css)(\?|$)", response.url):
                        weight.quiz_bytes += len(body)
                        weight.quiz_requests += 1
                    elif re.search(r"/_static/minebook-css-[0-9a-f]+\.css$", response.url):
                        # quiz.css travels inside the page's one stylesheet (minebook/sphinx/pagespeed.py)
                        section = re.search(rb"/\* _static/quiz\.css \*/\n(.*?)(?=\n/\* _static/|\Z)", body, re.S)
                        weight.quiz_bytes += len(section.group(1)) if section else 0
                    if kind == "HTML":
                        weight.chart_bytes += sum(len(m) for m in _CHART_DATA.findall(body))
                times: dict[str, Any] = page.evaluate(_QUIZ_TIMES)
                weight.quizzes = times["quizzes"]
                if times["quizzes"] and times["allReady"] is not None:
                    weight.ready_after_parse_ms = times["allReady"] - times["domInteractive"]
                    weight.ready_minus_load_ms = times["allReady"] - times["loadEventStart"]
                context.close()
                figures.pages[path] = weight
        finally:
            chromium.close()


def _edit(wall: float, cpu: float) -> str:
    return f"{wall:.1f} s; CPU {cpu:.1f} s"


def _kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB" if n < 1_000_000 else f"{n / 1_000_000:.2f} MB"


def _breakdown(w: PageWeight) -> str:
    return f"{_kb(w.total)} (" + ", ".join(f"{k} {_kb(w.bytes[k])}" for k in KINDS if w.bytes[k]) + ")"


def report(ours: BookFigures, template: BookFigures, machine: str) -> str:
    """The benchmark table (Markdown), goals beside the figures."""
    from tools.quality.audit import _table

    front, tfront = ours.pages[ours.front_page], template.pages[template.front_page]
    chapters = [ours.pages[p] for p in ours.chapter_pages]
    heaviest = max(chapters, key=lambda w: w.total - w.chart_bytes)
    tchapter = template.pages[template.chapter_pages[0]]
    slowest = max(ours.executions.items(), key=lambda kv: kv[1])
    tslowest = max(template.executions.items(), key=lambda kv: kv[1])
    quiz_pages = [w for w in chapters if w.quizzes]
    ready = [w.ready_after_parse_ms for w in quiz_pages if w.ready_after_parse_ms is not None]
    after_load = [w.ready_minus_load_ms for w in quiz_pages if w.ready_minus_load_ms is not None]
    third = tchapter.total / 3
    rows = [
        ["clean build, whole book, executing notebooks", f"{ours.clean_build:.1f} s", f"{template.clean_build:.1f} s", "< 60 s on 2 cores"],
        ["rebuild after a prose edit of the front page (wall; CPU of the build)", _edit(ours.front_edit, ours.front_edit_cpu),
         _edit(template.front_edit, template.front_edit_cpu), "< 5 s"],
        [f"rebuild after a prose edit of a chapter ({ours.chapter_pages[0]} / {template.chapter_pages[0]}) (wall; CPU of the build)",
         _edit(ours.chapter_edit, ours.chapter_edit_cpu), _edit(template.chapter_edit, template.chapter_edit_cpu), "< 5 s"],
        ["execution, slowest notebook", f"{slowest[1]:.2f} s ({slowest[0]})", f"{tslowest[1]:.2f} s ({tslowest[0]})", "< 4 s each"],
        ["execution, all notebooks", f"{sum(ours.executions.values()):.1f} s ({len(ours.executions)})",
         f"{sum(template.executions.values()):.1f} s ({len(template.executions)})", ""],
        ["front page load", _breakdown(front), _breakdown(tfront), ""],
        [f"chapter page load, heaviest ({heaviest.page} / {tchapter.page})", _breakdown(heaviest), _breakdown(tchapter), ""],
        ["chapter page load, charts aside (heaviest)", _kb(heaviest.total - heaviest.chart_bytes), _kb(tchapter.total),
         f"≤ 1/3 of the template's = {_kb(third)}"],
        ["quiz script + style per chapter page (quiz.js + quiz.css, the style inside the page's one stylesheet)", f"{max(w.quiz_bytes for w in chapters):,} bytes in "
         f"{max(w.quiz_requests for w in chapters)} requests", "–", "< 10 KB, sent once per page"],
        ["every quiz ready, after HTML parsed (max over chapters)", f"{max(ready):.1f} ms" if ready else "–", "–", ""],
        ["every quiz ready, relative to the load event (max)", f"{max(after_load):+.1f} ms" if after_load else "–", "–",
         "within 20 ms of load"],
    ]
    for lang, t in ours.translations.items():
        rows[1:1] = [[f"clean build, the {lang} book alone (`minebook build --lang {lang}`, after the English)",
                      f"{t.clean_build:.1f} s", "–", ""],
                     [f"clean build, both languages one after the other (English + {lang})",
                      f"{ours.clean_build + t.clean_build:.1f} s", "–", ""],
                     ["clean build, both languages as `make book` builds them (`minebook build`: side by side, "
                      "check included) (wall; CPU of the build)", _edit(t.together, t.together_cpu), "–", "< 60 s on 2 cores"]]
        rows += [[f"{lang}: rebuild after a translator's edit of the front page's catalog (wall; CPU of the build)",
                  _edit(t.front_edit, t.front_edit_cpu), "–", "< 5 s"],
                 [f"{lang}: rebuild after a translator's edit of the chapter's catalog ({ours.chapter_pages[0]})",
                  _edit(t.chapter_edit, t.chapter_edit_cpu), "–", "< 5 s"]]
    lines = [f"Benchmark, {machine}\n", _table(["measure", "this book", "template book", "goal"], rows), ""]
    lines.append("Execution per notebook: this book: " + ", ".join(f"{k} {v:.2f} s" for k, v in ours.executions.items()))
    lines.append("; template: " + ", ".join(f"{k} {v:.2f} s" for k, v in template.executions.items()) + "\n")
    detail = [
        [f"{book.name}: {w.page}", *(_kb(w.bytes[k]) for k in KINDS), _kb(w.total), _kb(w.gzip_bytes),
         _kb(w.chart_bytes) if w.chart_bytes else "",
         str(w.quizzes or ""), f"{w.ready_minus_load_ms:+.1f} ms" if w.ready_minus_load_ms is not None else ""]
        for book in (ours, template)
        for w in book.pages.values()
    ]
    lines.append(_table(["page", *KINDS, "total", "gzip-compressed", "of which charts", "quizzes", "ready vs load"], detail))
    return "\n".join(lines)


def mobile_lighthouse(html_dir: Path, pages: list[str]) -> str:
    """Issue 14: Lighthouse's default mobile settings, the book served gzip-compressed as GitHub Pages does."""
    from tools.quality import lighthouse
    from tools.quality.audit import _table
    from tools.quality.browser import serve

    if missing := lighthouse.available():
        return f"Lighthouse on a phone: cannot run ({missing})"
    goals = lighthouse.MOBILE_GOALS
    rows = []
    with serve(html_dir, compress=True) as base_url:
        for page in pages:
            r = lighthouse.run(base_url, page, mobile=True)
            m = r.metrics or {}
            rows.append([page, r.scores["performance"], f"{m.get('lcp_ms', 0) / 1000:.1f} s", f"{m.get('tbt_ms', 0):.0f} ms",
                         f"{m.get('dom_elements', 0):,.0f}", "no" if r.below_mobile_goals() else "yes"])
    return (f"Lighthouse 12.2.3 on a phone (default mobile settings), served gzip-compressed; goals: performance >= "
            f"{goals['performance']}, LCP <= {goals['lcp_ms'] / 1000:.1f} s, total blocking time <= {goals['tbt_ms']} ms\n\n"
            + _table(["page", "performance", "LCP", "total blocking time", "DOM elements", "goals met"], rows))


def machine_line() -> str:
    import platform

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average at the end {load} (1, 5, 15 min)")


def run(book: Path, *, runs: int = 1) -> int:
    """Build both books in a temporary folder, measure, print the table. ``runs`` > 1 reports medians of timings."""
    with tempfile.TemporaryDirectory(prefix="minebook-benchmark-") as tmp:
        ours_src, tmpl_src = Path(tmp) / "book", Path(tmp) / "template"
        shutil.copytree(book, ours_src, ignore=_SKIP)
        jupyter_book = Path(sys.executable).parent / "jupyter-book"
        subprocess.run([str(jupyter_book), "create", str(tmpl_src)], check=True, capture_output=True)
        results = []
        for name, src in (("this book", ours_src), ("template", tmpl_src)):
            root, chapters = _toc_pages(src)
            per_run = []
            for _ in range(runs):
                figures = BookFigures(name)
                measure_build(figures, src, chapters[0])
                per_run.append(figures)
            figures = per_run[-1]
            for attr in ("clean_build", "front_edit", "chapter_edit", "front_edit_cpu", "chapter_edit_cpu"):
                setattr(figures, attr, statistics.median(getattr(f, attr) for f in per_run))
            if name == "this book":
                from minebook.core.language import SOURCE_LANGUAGE, available_languages

                for lang in (code for code in available_languages() if code != SOURCE_LANGUAGE):
                    figures.translations[lang] = measure_translation(src, lang, chapters[0])
                    print(f"measured {name} in {lang}: clean build {figures.translations[lang].clean_build:.1f} s",
                          file=sys.stderr)
            figures.executions = {k: statistics.median(f.executions.get(k, 0.0) for f in per_run) for k in figures.executions}
            figures.front_page = f"{root}.html"
            figures.chapter_pages = [f"{c}.html" for c in chapters]
            measure_pages(figures, src / "_build" / "html", [figures.front_page, *figures.chapter_pages])
            if name == "this book":
                phone = mobile_lighthouse(src / "_build" / "html",
                                          [figures.front_page, *(p for p in figures.chapter_pages if p.startswith("chapters/"))])
            results.append(figures)
            print(f"measured {name}: clean build {figures.clean_build:.1f} s", file=sys.stderr)
    print(report(results[0], results[1], machine_line()))
    print("\n" + phone)
    from tools.quality.readability import report as reading_report

    root, chapters = _toc_pages(book)
    print("\n" + reading_report(book, [root, *(c for c in chapters if c.startswith("chapters/"))]))
    return 0
