"""`python -m tools.quality audit|benchmark` (or `make audit` / `make benchmark`): measured quality of the book.

These run only from a checkout of the book with the test tools installed (Playwright, Lighthouse from tests/), so they
live here and not in the `minebook` package that students install.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from minebook.core.paths import book_root


def cmd_benchmark(args: argparse.Namespace) -> int:
    from tools.quality.benchmark import run

    return run(book_root(), runs=args.runs)


def cmd_audit(args: argparse.Namespace) -> int:
    from tools.quality.audit import run

    root = book_root()
    html = Path(args.html) if args.html else root / "_build" / "html"
    pages = [] if args.no_lighthouse else (args.lighthouse_page or None)
    return run(html.resolve(), root, browser=not args.no_browser, lighthouse_pages=pages, rebuild=not args.no_rebuild,
               mobile_lighthouse=not (args.no_lighthouse or args.no_mobile_lighthouse), mobile_runs=args.mobile_runs)

def add_quality_commands(sub: argparse._SubParsersAction) -> None:
    """``benchmark`` and ``audit``: their modules import Playwright, so only when run."""
    p = sub.add_parser("benchmark", help="build figures and page weights beside Jupyter Book's template book")
    p.add_argument("--runs", type=int, default=1, help="repeat the builds and report medians (default 1)")
    p.set_defaults(func=cmd_benchmark)
    p = sub.add_parser("audit", help="every page checked in Chromium, offline, by Lighthouse, and rebuilt identically")
    p.add_argument("--html", help="the built book to audit (default: _build/html)")
    p.add_argument("--no-browser", action="store_true", help="skip the Chromium checks of every page")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    p.add_argument("--no-mobile-lighthouse", action="store_true",
                   help="skip Lighthouse on a phone (every page, compressed serving; about 25 s a page)")
    p.add_argument("--mobile-runs", type=int, default=1, metavar="N",
                   help="Lighthouse on a phone N times a page and judge the medians (timings vary on a shared machine)")
    p.add_argument("--lighthouse-page", action="append", metavar="PAGE",
                   help="a page for Lighthouse, e.g. chapters/mine-types.html (repeatable; default: front page, first chapter)")
    p.add_argument("--no-rebuild", action="store_true", help="skip the second build that checks reproducibility")
    p.set_defaults(func=cmd_audit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.quality", description="Measured quality of the book.")
    sub = parser.add_subparsers(dest="command", required=True)
    add_quality_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
