"""The command line: `minebook check` validates everything an instructor can edit, before any build."""

from __future__ import annotations

import argparse
import sys

from . import data
from .bib import load_bibliography
from .errors import ContentError, Problem
from .paths import book_root
from .quiz import model as quiz_model
from .toc import check_toc


def check_everything() -> list[Problem]:
    """Every problem in the bibliography, tables, quiz files and table of contents."""
    try:
        load_bibliography()
    except ContentError as err:
        return list(err.problems)
    problems: list[Problem] = []
    problems += data.check_all()
    problems += quiz_model.check_all()
    try:
        problems += check_toc()
    except ContentError as err:
        problems += err.problems
    return problems


def cmd_check(_: argparse.Namespace) -> int:
    root = book_root()
    problems = check_everything()
    if problems:
        print(f"Found {len(problems)} problem(s) in the book's content ({root}):\n", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        print("\nFix these, then run the check again: make check", file=sys.stderr)
        return 1
    n_tables = len(data.table_names())
    n_quizzes = len(list((root / "chapters").glob("*.quiz.yml")))
    print(f"All good: {n_tables} tables, {n_quizzes} quiz files, the bibliography and _toc.yml are valid.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="minebook", description="Tools for the landmines book.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate tables, quizzes, bibliography and table of contents").set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ContentError as err:  # a content mistake is never a traceback
        print(f"Problem in the book's content:\n  - {err}", file=sys.stderr)
        return 1
    except FileNotFoundError as err:
        print(str(err), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
