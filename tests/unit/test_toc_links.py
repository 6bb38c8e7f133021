"""`make check` finds links to pages left out of the book, and only links: a link written as code is an example."""

from __future__ import annotations

from minebook.core.toc import check_toc, without_code


def test_links_in_code_are_examples_not_links():
    page = ("Real {doc}`x <chapters/gone>` and [y](chapters/gone.md).\n"
            "Example: ``{doc}`z <chapters/gone>` `` and ``[w](chapters/gone.md)``.\n"
            "```text\n[v](chapters/gone.md)\n```\n"
            "```{admonition} Kept\nSee {doc}`u <chapters/gone>`.\n```\n")
    kept = without_code(page)
    assert kept.count("\n") == page.count("\n")  # lines stay where they were, for the messages
    assert kept.count("chapters/gone") == 3  # the two real links and the one in the admonition


def test_the_check_names_a_real_link_and_not_an_example(minibook):
    minibook.write("intro.md", "# Intro\n\nSee ``[the old chapter](chapters/gone.md)`` as an example.\n\n"
                   "Read [the old chapter](chapters/gone.md).\n")
    minibook.write("chapters/gone.md", "# Gone\n")
    problems = [p for p in check_toc() if p.field == "link"]
    assert [p.where for p in problems] == ["line 5"], problems
