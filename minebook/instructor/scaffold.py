"""`minebook new-chapter NAME`: a new chapter from a template, so adding one needs no copying by hand.

It writes the chapter notebook (`chapters/NAME.md`), its quiz (`chapters/NAME.quiz.yml`, one example question
that passes the check), its instructor notes (`instructors/NAME.md`) and adds `- file: chapters/NAME` to
_toc.yml after the last chapter (or after the chapter named with --after), keeping the file's comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from minebook.content.bib import load_bibliography
from minebook.core.errors import ContentError, Problem
from minebook.core.paths import book_root
from minebook.core.yamlsrc import bad_text

NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
ENTRY_RE = re.compile(r"^(?P<indent>\s*)- file: chapters/(?P<name>[^\s#]+)\s*(#.*)?$")

CHAPTER = '''\
---
jupytext:
  text_representation: {{extension: .md, format_name: myst, format_version: 0.13}}
kernelspec: {{display_name: Python 3, language: python, name: python3}}
---

# {title}

```{{admonition}} In this chapter
:class: tip

By the end of this chapter you should be able to:

- (write two to four things a student will be able to do).

Time to read: about 20 minutes, plus 10 minutes for the quiz.
```

```{{code-cell}} ipython3
:tags: [remove-input]

import minebook as mb
```

## First section

Write the chapter here. Every number comes from a table in `data/` (see `data/README.md`), written in the text as
`{{eval}}` followed by `mb.n("TABLE.COLUMN[KEY=VALUE]")` in backticks (chapters/README.md shows how), so the text
follows the table. Every claim cites a source in `references.bib`, like this {{eval}}`mb.cite("{source}")`.

## Check your understanding

In a notebook the quiz cell is `quiz = mb.quiz("{name}")`, and after answering, a new cell with `quiz.score` gives your score (out of `quiz.total`; your answers are in `quiz.answers`).

```{{code-cell}} ipython3
:tags: [remove-input]

quiz = mb.quiz("{name}")
quiz
```
'''

QUIZ = '''\
# yaml-language-server: $schema=../minebook/quiz.schema.json
# The quiz of the chapter "{title}". See chapters/README.md for every question type.
title: {quiz_title}
# No number of questions here: the intro would go stale when a question is added or removed.
# How answers are checked is said by each form itself (book, student form, notebook, worksheet): not here.
intro: Questions on the chapter.
questions:
  - id: example
    type: single
    prompt: Replace this example question. Which file holds this chapter's questions?
    options:
      - text: "chapters/{name}.quiz.yml"
        correct: true
        feedback: Yes. Each chapter's quiz lives next to the chapter.
      - text: "_toc.yml"
        feedback: "_toc.yml lists the chapters; it holds no questions."
      - text: "data/datapackage.yaml, which describes every table of the book and names its sources"
        feedback: That file describes the tables in data/; questions are kept with their chapter.
    explanation: A chapter shows its quiz with one line, mb.quiz("{name}"), which reads this file.
    source: {source}   # a key of references.bib: change it to the source of your explanation
'''

NOTES = '''\
# Instructor notes: {title}

These notes appear only in the instructor edition (`minebook build --edition instructor`).

## A 50-minute class

| minutes | what | how |
|---|---|---|
| 0-5 | Opening question | (a question students answer in one sentence) |
| 5-20 | Core ideas | (the two or three ideas of the chapter) |
| 20-35 | Activity | (pairs or small groups, with the chapter's charts or tables) |
| 35-45 | Quiz | (the chapter's quiz, on paper or in the book) |
| 45-50 | Wrap-up | (what students take away; the safety message) |

## Discussion prompts

- (open questions with more than one defensible answer)

## Common misconceptions

- (what students often believe, and what the evidence says)

## Teaching a sensitive topic

- Some students may have family in Ukraine or Russia. Discuss evidence and sources, not nationalities.
- No graphic images or descriptions. Let students step out without having to explain why.
- End with the risk-education message: if you see something that might be a mine, stop, do not touch it, go
  back the way you came, mark the place if you can do so safely, and report it.
'''


# Characters that mean something to MyST in a heading: markup (* _ ` [ ] < > &), roles and substitutions
# ({ } — "{{ 7*7 }}" became "49"), dollar math, and the backslash itself. Each is written with a backslash,
# so the title reads exactly as typed (CommonMark's backslash escape) and nothing in it runs.
MYST_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&$~|!#^])")


def myst_text(text: str) -> str:
    """Text for a MyST Markdown line that shows exactly as typed: HTML and templating in it stay text."""
    return MYST_SPECIAL.sub(r"\\\1", text)


def unescape_myst(text: str) -> str:
    """The title as typed, from a heading line written with `myst_text` (or by hand with backslash escapes)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


class ScaffoldRefused(ContentError):
    """A NAME that is taken or not allowed: one plain sentence for the command line, nothing written."""

    def __init__(self, message: str):
        super().__init__([Problem("new-chapter", "the command line", "NAME", "", "", message)])
        self.message = message

    def __str__(self) -> str:
        return self.message


def new_chapter(name: str, title: str, after: str | None = None, source: str | None = None) -> list[Path]:
    """Write the three files and the TOC entry; refuse to overwrite anything. Returns the files written."""
    root = book_root()
    if not NAME_RE.fullmatch(name):
        raise ScaffoldRefused(
            f"'{name}' cannot be a chapter NAME: use only lower-case letters, digits and '-' (no spaces or capitals), "
            "starting with a letter or digit, e.g. mine-risk-education; nothing was written.")
    title = " ".join(title.split()) if isinstance(title, str) else ""
    problem = bad_text(title)
    if not title or problem or len(title) > 200:
        found = problem or ("nothing" if not title else f"{len(title)} characters")
        raise ScaffoldRefused(f"The chapter TITLE must be one line of text of at most 200 characters, without control "
                              f"characters; found {found}. Nothing was written.")
    files = {
        root / "chapters" / f"{name}.md": CHAPTER,
        root / "chapters" / f"{name}.quiz.yml": QUIZ,
        root / "instructors" / f"{name}.md": NOTES,
    }
    existing = [p for p in files if p.exists()]
    if existing:
        shown = existing[0].relative_to(root).as_posix()
        raise ScaffoldRefused(f"{shown} already exists: choose another NAME; nothing was written.")
    if source is None:
        keys = sorted(load_bibliography())
        source = "apmbc1997" if "apmbc1997" in keys else (keys[0] if keys else "")
    toc = root / "_toc.yml"
    lines = toc.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = [(i, m) for i, line in enumerate(lines) if (m := ENTRY_RE.match(line.rstrip("\n")))]
    if not entries:
        raise ContentError([Problem(toc, "chapters", "file", "at least one '- file: chapters/...' entry to add the chapter after",
                                    "none", "Add the line '- file: chapters/" + name + "' by hand.")])
    if after:
        after = after.removeprefix("chapters/").removesuffix(".md")
        match = [(i, m) for i, m in entries if m.group("name") == after]
        if not match:
            known = ", ".join(m.group("name") for _, m in entries)
            raise ContentError([Problem(toc, "chapters", "--after", f"a chapter in _toc.yml ({known})", f"'{after}'")])
        at, m = match[0]
    else:
        at, m = entries[-1]
    fill = {"name": name, "title": myst_text(title), "quiz_title": json.dumps(f"Check your understanding: {title}", ensure_ascii=False), "source": source}
    texts = {path: template.format(**fill) for path, template in files.items()}
    written = []
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    lines.insert(at + 1, f"{m.group('indent')}- file: chapters/{name}\n")
    toc.write_text("".join(lines), encoding="utf-8")
    written.append(toc)
    return written
