"""``make audit`` (``python -m tools.quality audit``): every quality check over the built book, one table, non-zero exit on any failure.

The checks (each in its own module; the test suite runs the same code):

* in Chromium, every page in the light and the dark theme (:mod:`tools.quality.browser`):
  no request to another host, no resource that fails to load, no console error,
  no axe-core violation;
* offline, over the HTML files (:mod:`tools.quality.htmlcheck`): internal links,
  anchors, images and citations resolve; every image has alt text; every page
  has a title, a description and an icon;
* Lighthouse on a few representative pages (:mod:`tools.quality.lighthouse`);
* a second clean build in another folder gives identical files (:mod:`tools.quality.reproducible`).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.quality import htmlcheck, lighthouse, reproducible


@dataclass
class PageResult:
    """What one page showed in one theme."""

    page: str
    theme: str
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.external or self.failed or self.console or self.violations)


def browser_checks(html_dir: Path) -> list[PageResult]:
    """Load every page in both themes; record external requests, failed loads, console errors, axe violations."""
    from playwright.sync_api import sync_playwright

    from tools.quality.browser import CHROMIUM_ARGS, THEMES, all_pages, chromium_path, open_book_page, run_axe, serve

    results = []
    with serve(html_dir) as base_url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            for page_path in all_pages(html_dir):
                for theme in THEMES:
                    page = open_book_page(chromium, base_url, page_path, theme)
                    result = PageResult(page_path, theme, violations=run_axe(page))
                    result.external = list(page.external_requests)  # type: ignore[attr-defined]
                    result.failed = list(page.failed_requests)  # type: ignore[attr-defined]
                    result.console = list(page.console_errors)  # type: ignore[attr-defined]
                    page.context.close()
                    results.append(result)
        finally:
            chromium.close()
    return results


def default_lighthouse_pages(html_dir: Path) -> list[str]:
    """The front page and the first chapter: the two kinds of page (prose; notebook with charts and a quiz)."""
    from tools.quality.browser import all_pages

    pages = all_pages(html_dir)
    chosen = [p for p in ("intro.html",) if p in pages]
    chosen += [p for p in pages if p.startswith("chapters/")][:1]
    return chosen or pages[:1]


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (readable in a terminal, pasteable into the README)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def run(
    html_dir: Path,
    book: Path,
    *,
    browser: bool = True,
    lighthouse_pages: list[str] | None = None,
    rebuild: bool = True,
    mobile_lighthouse: bool = True,
    mobile_runs: int = 1,
) -> int:
    """Run the audit, print the report; return 0 if every check passed, else 1."""
    failures: list[str] = []
    started = time.monotonic()
    if not html_dir.is_dir() or not any(html_dir.glob("*.html")):
        print(f"No built book at {html_dir}: run `make book` first.", file=sys.stderr)
        return 1

    print(f"Audit of {html_dir}\n")
    problems, counts = htmlcheck.check_book(html_dir)
    print("## Offline checks (links, anchors, images, citations, alt text, title, description, icon)\n")
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f": {len(problems)} problem(s)")
    for problem in problems:
        print(f"  - {problem}")
    failures += [str(p) for p in problems]

    if browser:
        print("\n## In Chromium, every page, light and dark theme\n")
        results = browser_checks(html_dir)
        rows = [
            [r.page, r.theme, len(r.external), len(r.failed), len(r.console), len(r.violations), "ok" if r.ok else "FAIL"]
            for r in results
        ]
        print(_table(["page", "theme", "other hosts", "failed loads", "console errors", "axe rules broken", ""], rows))
        for r in results:
            where = f"{r.page} ({r.theme})"
            failures += [f"{where}: request to another host: {u}" for u in r.external]
            failures += [f"{where}: failed to load: {u}" for u in r.failed]
            failures += [f"{where}: {c}" for c in r.console]
            for v in r.violations:
                shown = ", ".join(v["targets"][:3]) + (f" and {len(v['targets']) - 3} more" if len(v["targets"]) > 3 else "")
                failures.append(f"{where}: axe {v['id']} ({v['impact']}): {v['help']}, at {shown}")

    if lighthouse_pages is None:
        lighthouse_pages = default_lighthouse_pages(html_dir)
    if lighthouse_pages:
        print(f"\n## Lighthouse 12.2.3 (desktop preset, simulated throttling); minimum scores {lighthouse.THRESHOLDS}\n")
        missing = lighthouse.available()
        if missing:
            failures.append(f"Lighthouse cannot run: {missing}")
            print(f"cannot run: {missing}")
        else:
            from tools.quality.browser import serve

            rows = []
            with serve(html_dir) as base_url:
                for page in lighthouse_pages:
                    try:
                        result = lighthouse.run(base_url, page)
                    except (RuntimeError, OSError) as error:
                        failures.append(f"{page}: {error}")
                        rows.append([page, "-", "-", "-", "-", "FAIL"])
                        continue
                    low = result.below_threshold()
                    failures += [f"{page}: Lighthouse {item}" for item in low]
                    rows.append([page, *(result.scores[c] for c in lighthouse.CATEGORIES), "FAIL" if low else "ok"])
            print(_table(["page", *lighthouse.CATEGORIES, ""], rows))

    if mobile_lighthouse and not lighthouse.available():
        from tools.quality.browser import all_pages, serve

        goals = lighthouse.MOBILE_GOALS
        print(f"\n## Lighthouse 12.2.3 on a phone (default mobile settings), every page, served gzip-compressed as "
              f"GitHub Pages does; goals: performance >= {goals['performance']}, LCP <= {goals['lcp_ms'] / 1000:.1f} s, "
              f"total blocking time <= {goals['tbt_ms']} ms; median of {mobile_runs} run(s) a page\n")
        rows = []
        with serve(html_dir, compress=True) as base_url:
            for page in all_pages(html_dir):
                try:
                    result = lighthouse.median([lighthouse.run(base_url, page, mobile=True) for _ in range(mobile_runs)])
                except (RuntimeError, OSError) as error:
                    failures.append(f"{page} (mobile): {error}")
                    rows.append([page, "-", "-", "-", "-", "-", "FAIL"])
                    continue
                m = result.metrics or {}
                low = result.below_mobile_goals() + result.below_threshold()
                failures += [f"{page} (mobile): Lighthouse {item}" for item in low]
                rows.append([page, result.scores["performance"], f"{m.get('lcp_ms', 0) / 1000:.1f} s",
                             f"{m.get('tbt_ms', 0):.0f} ms", f"{m.get('dom_elements', 0):,.0f}",
                             f"{m.get('bytes', 0) / 1024:,.0f} KB", "FAIL" if low else "ok"])
        print(_table(["page", "performance", "LCP", "total blocking time", "DOM elements", "transferred", ""], rows))

    if rebuild:
        print("\n## Reproducible build (a second clean build in another folder, compared file by file)\n")
        comparison = reproducible.check(book, html_dir)
        if comparison.identical:
            print("identical (every file but `.buildinfo`; notebook downloads compared without their outputs, see tools/quality/reproducible.py)")
        for name, diff in comparison.differing.items():
            failures.append(f"{name}: differs between two builds")
            print(f"- {name} differs:\n" + "\n".join(f"    {line}" for line in diff.splitlines()))
        for name in comparison.only_first:
            failures.append(f"{name}: only in the first build")
        for name in comparison.only_second:
            failures.append(f"{name}: only in the second build")

    elapsed = time.monotonic() - started
    if failures:
        print(f"\nAUDIT FAILED: {len(failures)} problem(s) ({elapsed:.0f} s):", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print(f"\nAudit passed ({elapsed:.0f} s).")
    return 0
