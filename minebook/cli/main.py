"""The command line: `minebook check` validates everything an instructor can edit, before any build."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from minebook.content import data
from minebook.content.checks import check_everything, passed_before
from minebook.content.quizzes import load_quiz
from minebook.core.errors import ContentError
from minebook.core.language import ENV as LANG_ENV
from minebook.core.language import LANGUAGES, available_languages
from minebook.core.paths import book_root
from minebook.quiz.cues import check_cues
from minebook.sphinx.buildlock import BuildBusy


def cmd_check(args: argparse.Namespace) -> int:
    root = book_root()
    # Before a build, the checks of tables, quizzes and sources are skipped when the same inputs passed before
    # (the build checks them again itself); `make check` checks everything, always.
    reuse = getattr(args, "reuse", False)
    unchanged = reuse and passed_before()  # tables, quizzes and sources as they were when they last passed
    problems = check_everything(reuse=reuse)
    if problems:
        print(f"Found {len(problems)} problem(s) in the book's content ({root}):\n", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        print("\nFix these, then run the check again: make check", file=sys.stderr)
        return 1
    n_tables = len(data.table_names())
    n_quizzes = len(list((root / "chapters").glob("*.quiz.yml")))
    print(f"All good: {n_tables} tables, {n_quizzes} quiz files, the bibliography and _toc.yml are valid.")
    warnings = [] if unchanged else check_cues(root / "chapters", load_quiz)  # said already when they changed
    if warnings:
        print(f"\n{len(warnings)} warning(s): the book builds, but a student could guess these answers:")
        for w in warnings:
            print(f"  - {w}")
    return _check_translations(getattr(args, "lang", None))


def _check_translations(lang: str | None) -> int:
    """With --lang: every message of that language's catalogs that is not translated or is out of date."""
    if not lang or lang == "en":
        return 0
    from minebook.content.quizzes import check_language
    from minebook.content.translations import missing

    wrong = check_language(lang)  # translations the book in that language cannot use (a look-up lost)
    if wrong:
        print(f"\n{len(wrong)} translation(s) to fix for the {LANGUAGES[lang]['name']} book:", file=sys.stderr)
        for p in wrong:
            print(f"  - {p}", file=sys.stderr)
        return 1
    from minebook.content.numberforms import changed

    todo = missing(lang)
    forms = changed(lang)  # a table's number changed: the noun after it may need another form
    if not todo and not forms:
        print(f"Every message is translated into {LANGUAGES[lang]['name']} and up to date.")
        return 0
    if todo:
        print(f"\n{len(todo)} message(s) to translate or update for the {LANGUAGES[lang]['name']} book "
              f"(after an English edit, run `make translations` first):", file=sys.stderr)
        for m in todo:
            print(f"  - {m}", file=sys.stderr)
    if forms:
        print(f"\n{len(forms)} number(s) from the tables now take another form in {LANGUAGES[lang]['name']}; check "
              "the word after each:", file=sys.stderr)
        for f in forms:
            print(f"  - {f}", file=sys.stderr)
    return 1


def drop_obsolete(folder: Path) -> None:
    """English that no longer exists leaves its old entry at the end of a catalog (`#~`): removed, so a translator
    sees only what the book shows."""
    from babel.messages.pofile import read_po, write_po

    for path in folder.rglob("*.po"):
        with path.open("rb") as fh:
            catalog = read_po(fh)
        if catalog.obsolete:
            with path.open("wb") as fh:
                write_po(fh, catalog, width=0, ignore_obsolete=True)


def cmd_translations(args: argparse.Namespace) -> int:
    """Update the catalogs from the English (see minebook/content/translations.py)."""
    import subprocess

    from minebook.content.translations import write_templates

    root = book_root()
    # Built aside, with its own environment and execution cache: a gettext environment in the book's own
    # _build would make the next `make book` refuse it ("incompatible with the selected builder").
    work = root / "_build" / "translations"
    pot_dir = work / "_build" / "gettext"
    bindir = Path(sys.executable).parent
    print("Collecting the English messages (Sphinx's gettext builder, about a minute)...")
    # The instructor edition: its pages hold everything a reader of any edition sees (the notes for instructors too).
    env = {**os.environ, "MINEBOOK_EDITION": "instructor", "MINEBOOK_LANG": "en"}
    code = subprocess.call([str(bindir / "jupyter-book"), "build", str(root), "--path-output", str(work),
                            "--builder", "custom", "--custom-builder", "gettext", "-q"], cwd=root, env=env)
    if code != 0:
        return code
    write_templates(pot_dir)
    langs = [args.lang] if args.lang else [lang for lang in available_languages() if lang != "en"]
    for lang in langs:
        code = subprocess.call([str(bindir / "sphinx-intl"), "update", "-p", str(pot_dir), "-d", "locales",
                                "-l", lang, "-w", "0"], cwd=root)
        if code != 0:
            return code
        drop_obsolete(root / "locales" / lang)
        from minebook.content.numberforms import record

        # The translations as they stand are taken as checked: the form each number from a table takes is recorded,
        # so a later change of the table that changes the form is named (minebook/content/numberforms.py).
        record(lang)
    return _check_translations(langs[0]) if len(langs) == 1 else 0


def _checked(reuse: bool = False) -> bool:
    """Run the check first, so a command that reads quizzes reports every content mistake, not the first."""
    return cmd_check(argparse.Namespace(reuse=reuse)) == 0


def _say_written(paths: list[Path], what: str) -> None:
    root = book_root()
    print(f"{what}:")
    for p in paths:
        try:
            shown = p.resolve().relative_to(root.resolve())
        except ValueError:
            shown = p
        print(f"  {shown}")


def _out(args: argparse.Namespace, default: str) -> Path:
    """The output folder; a translation's outputs go beside the English ones, in a folder named by the language."""
    lang = getattr(args, "lang", None)
    if args.out:
        return Path(args.out)
    folder = book_root() / "_build" / default
    return folder / lang if lang and lang != "en" else folder


def cmd_build(args: argparse.Namespace) -> int:
    from minebook.instructor.editions import build_languages

    if not _checked(reuse=True):
        return 1
    chapters = _split(args.chapters)
    langs = [args.lang] if args.lang else available_languages()  # English first: translations go inside it
    html: Path | None = None
    label = f"The {args.edition} edition" + (f" ({', '.join(chapters)})" if chapters else "")
    results = build_languages(args.edition, langs, chapters, Path(args.out) if args.out else None,
                              strict=not args.no_strict)
    for lang, (code, built) in zip(langs, results):
        if code != 0:
            return code
        html = html or (built if lang == "en" else built.parent)  # a translation is served with its English
        print(f"\n{label} in {LANGUAGES[lang]['name']} is in {built}: open {built / 'index.html'}")
    print(f"Preview it with: python3 -m http.server 8000 --bind 127.0.0.1 --directory {html}")
    print("  then open http://127.0.0.1:8000/ (stop it with Ctrl+C)")
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    from minebook.instructor.keys import book_quizzes, write_keys

    if not _checked():
        return 1
    _say_written(write_keys(book_quizzes(args.chapters), _out(args, "keys")), "Answer keys written")
    return 0


def cmd_worksheets(args: argparse.Namespace) -> int:
    from minebook.instructor.keys import book_quizzes, write_worksheets

    if not _checked():
        return 1
    written, note = write_worksheets(book_quizzes(args.chapters), _out(args, "worksheets"), pdf=not args.no_pdf,
                                     paper=args.paper)
    _say_written(written, "Worksheets written (.worksheet: for students; .worksheet-key: with answers)")
    print(note)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from minebook.instructor.export import FORMATS, write_exports
    from minebook.instructor.keys import book_quizzes

    if not _checked():
        return 1
    formats = tuple(FORMATS) if args.format == "all" else (args.format,)
    _say_written(write_exports(book_quizzes(args.chapters), _out(args, "exports"), formats), "Exports written")
    for fmt in formats:
        print(f"\n{FORMATS[fmt].LABEL}: how each question type is exported")
        for line in FORMATS[fmt].LIMITS:
            print(f"  - {line}")
    return 0


def cmd_new_chapter(args: argparse.Namespace) -> int:
    from minebook.instructor.scaffold import ScaffoldRefused, new_chapter

    args.name = " ".join(args.name) if isinstance(args.name, list) else args.name
    try:
        written = new_chapter(args.name, args.title, args.after, args.source)
    except ScaffoldRefused as err:  # a bad or taken NAME: one line, nothing written
        print(err, file=sys.stderr)
        return 1
    _say_written(written, f"New chapter '{args.name}'")
    print(f"\nNext: write the chapter in chapters/{args.name}.md and its questions in chapters/{args.name}.quiz.yml,\n"
          "add it to the chapter list on the front page (intro.md), which is written by hand,\n"
          "then run: make check, then make book")
    return 0 if _checked() else 1


def _split(values: list[str] | None) -> list[str] | None:
    """--chapters a b, --chapters a,b and --chapters "a, b" all mean the same."""
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()] or None




def cmd_notebooks(args: argparse.Namespace) -> int:
    """Write the .ipynb the Colab buttons open (the deploy workflow publishes them on their own branch)."""
    from minebook.sphinx.launch import notebooks_branch, write_notebooks

    try:
        written = write_notebooks(Path(args.out), book_root())
    except FileExistsError as err:
        print(err, file=sys.stderr)
        return 1
    _say_written(written, f"{len(written)} notebook(s) for Colab, for the branch '{notebooks_branch()}'")
    return 0


def cmd_check_repository(args: argparse.Namespace) -> int:
    """Stop a deploy whose `repository: url` in _config.yml is the placeholder or another repository."""
    from minebook.sphinx.launch import repository_problem

    problem = repository_problem(book_root(), args.expect)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print("The repository address in _config.yml is right.")
    return 0


def add_launch_commands(sub: argparse._SubParsersAction) -> None:
    """``notebooks`` and ``check-repository``: used by the deploy workflow (issue 5, the Colab button)."""
    p = sub.add_parser("notebooks", help="write one .ipynb per notebook page (no outputs, set-up cell first) for Colab",
                       description="Write OUT_DIR/PAGE.ipynb for every page with launch buttons, and a README.md. "
                                   "The deploy workflow publishes OUT_DIR as the notebooks branch the Colab buttons open.")
    p.add_argument("out", metavar="OUT_DIR", help="an empty or new folder (or an earlier output of this command)")
    p.set_defaults(func=cmd_notebooks)
    p = sub.add_parser("check-repository", help="fail with instructions if `repository: url` in _config.yml is not this repository")
    p.add_argument("--expect", metavar="URL", help="the repository the book is published from, e.g. https://github.com/me/book")
    p.set_defaults(func=cmd_check_repository)


def main(argv: list[str] | None = None) -> int:
    from minebook.core.edition import EDITIONS

    parser = argparse.ArgumentParser(prog="minebook", description="Tools for the landmines book.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate tables, quizzes, bibliography and table of contents")
    p.add_argument("--lang", choices=list(LANGUAGES), help="also list what is not translated into this language, or out of date")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("translations", help="update the translation catalogs (locales/) from the English, then list what to translate")
    p.add_argument("--lang", choices=list(LANGUAGES), help="only this language (default: every language under locales/)")
    p.set_defaults(func=cmd_translations)

    p = sub.add_parser("build", help="build an edition of the book, or a subset of its chapters",
                       description="Build the default, student or instructor edition, optionally of chosen chapters only. "
                                   "Nothing in the book is edited: a subset gets its own copy of _toc.yml.")
    p.add_argument("--edition", choices=EDITIONS, default="default",
                   help="default: self-checking quizzes; student: no answers anywhere; instructor: answers and notes inline")
    p.add_argument("--chapters", nargs="+", metavar="CHAPTER", help="only these chapters, in this order (e.g. mine-types human-cost)")
    p.add_argument("--out", help="output folder (default: _build/html for the whole default book, else _build/EDITION[-subset])")
    p.add_argument("--no-strict", action="store_true", help="do not fail on Sphinx warnings (the default is -n -W --keep-going)")
    p.add_argument("--lang", choices=list(LANGUAGES), help="only this language (default: English, then every translation)")
    p.set_defaults(func=cmd_build)

    for name, func, help_text, default in (
        ("keys", cmd_keys, "answer keys per chapter and for the whole book, as Markdown and HTML", "_build/keys"),
        ("worksheets", cmd_worksheets, "printable worksheets and their answer-key versions (HTML, and PDF with Chromium)", "_build/worksheets"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapters (default: every chapter in _toc.yml)")
        p.add_argument("--out", help=f"output folder (default: {default})")
        p.add_argument("--lang", choices=list(LANGUAGES), help="in this language (default: English); a translation "
                       f"goes to {default}/LANG")
        if name == "worksheets":
            p.add_argument("--no-pdf", action="store_true", help="HTML only, even when Chromium is installed")
            p.add_argument("--paper", choices=["a4", "letter"], default="a4", help="paper size (default: A4; letter: US Letter)")
        p.set_defaults(func=func)

    from minebook.instructor.export import FORMATS

    labels = ", ".join(m.LABEL for m in FORMATS.values())
    p = sub.add_parser("export", help=f"export quizzes for learning platforms: {labels}")
    p.add_argument("format", choices=[*FORMATS, "all"], help=", ".join(m.HELP for m in FORMATS.values()) + ", or all")
    p.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapters (default: every chapter in _toc.yml)")
    p.add_argument("--out", help="output folder (default: _build/exports)")
    p.add_argument("--lang", choices=list(LANGUAGES), help="in this language (default: English); a translation goes to _build/exports/LANG")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("new-chapter", help="add a chapter from the template: notebook, quiz file, instructor notes, TOC entry")
    # nargs="+": `make chapter NAME=Risk Education` passes two words; they are joined and refused with the rule.
    p.add_argument("name", nargs="+", help="file name without suffix: lower-case letters, digits and '-', e.g. mine-risk-education")
    p.add_argument("--title", required=True, help='the chapter title, e.g. "Mine risk education"')
    p.add_argument("--after", help="put it after this chapter in _toc.yml (default: after the last chapter)")
    p.add_argument("--source", help="references.bib key for the example question (default: the Convention)")
    p.set_defaults(func=cmd_new_chapter)
    add_launch_commands(sub)  # issue 5: the Colab button opens a published .ipynb
    args = parser.parse_args(argv)
    if args.command in ("keys", "worksheets", "export") and args.lang:
        os.environ[LANG_ENV] = args.lang  # the quizzes, keys, sheets and exports are read and written in it
    try:
        return args.func(args)
    except ContentError as err:  # a content mistake is never a traceback
        print(f"Problem in the book's content:\n  - {err}", file=sys.stderr)
        return 1
    except BuildBusy as err:
        print(err, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopped (Ctrl+C). Run the same command again to finish.", file=sys.stderr)
        return 130
    except FileNotFoundError as err:
        print(str(err), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
