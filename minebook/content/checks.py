"""Every check of the content an instructor edits, in one call: `minebook check` and the Sphinx extension (which
stops a build before any notebook runs) both use it, so they never disagree."""

from __future__ import annotations

from minebook.content import data, quizzes
from minebook.content.bib import load_bibliography
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import book_root
from minebook.core.toc import check_toc


def check_everything() -> list[Problem]:
    """Every problem in the bibliography, tables, quiz files and table of contents."""
    try:
        load_bibliography()
    except ContentError as err:
        return list(err.problems)
    problems: list[Problem] = []
    problems += data.check_all()
    problems += data.stale_editions()
    problems += quizzes.check_all()
    problems += _check_sources_shown_to_readers()
    try:
        problems += check_toc()
    except ContentError as err:
        problems += err.problems
    else:
        from minebook.content.titles import check_headings

        problems += check_headings()
    return problems


def _check_sources_shown_to_readers() -> list[Problem]:
    """Issue 14: source links say what they are; no page shows a bibliography key instead of its label."""
    from minebook.content.bib import check_no_raw_keys, check_source_links

    root = book_root()
    pages = [*root.glob("*.md"), *root.glob("chapters/*.md"), *root.glob("appendices/*.md"), *root.glob("instructors/*.md")]
    pages = [p for p in pages if p.name != "README.md"]
    return check_source_links(root=root) + check_no_raw_keys(pages)
