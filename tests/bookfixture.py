"""A tiny throw-away book, so loader tests never touch the real content."""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The front matter that makes a Markdown file a MyST notebook (jupytext), for chapters written by tests.
# A small book whose quizzes show their static HTML (as the real book does), for build tests.
QUIZ_BOOK_CONFIG = """\
title: mini
only_build_toc_files: true
execute:
  execute_notebooks: cache
sphinx:
  extra_extensions: [minebook.sphinx.extension]
  config:
    nb_mime_priority_overrides:
      - ["html", "application/vnd.jupyter.widget-view+json", 35]
"""

MYST_HEADER = """\
---
jupytext:
  text_representation: {extension: .md, format_name: myst, format_version: 0.13}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
"""

BIB = """\
@misc{good,
  title = {A good source},
  organization = {Some Monitor},
  year = {2024},
  url = {https://example.org/good},
  urldate = {2026-11-25},
}
@misc{other,
  title = {Another source},
  author = {Doe, Jane},
  year = {2023},
  url = {https://example.org/other},
  urldate = {2026-11-25},
}
"""

DATAPACKAGE = """\
name: mini
resources:
  - name: things
    path: things.csv
    title: Things
    refers_to: Figures as published in 2024.
    sources:
      - {key: good, title: A good source, path: "https://example.org/good"}
      - {key: other, title: Another source, path: "https://example.org/other"}
    schema:
      primaryKey: [name]
      fields:
        - name: name
          type: string
        - name: count
          type: integer
          constraints: {required: true, minimum: 0}
        - name: share
          type: number
        - name: kind
          type: string
          constraints: {required: true, enum: [a, b]}
        - name: flag
          type: boolean
          constraints: {required: true}
        - name: source
          type: string
          cites: references.bib
          constraints: {required: true}
"""

TABLE_CSV = """\
name,count,share,kind,flag,source
alpha,312,0.5,a,true,good
beta,26,,b,false,good; other
"""


class MiniBook:
    """A book folder with one table, one quiz and one chapter; tests overwrite files to break them."""

    TABLE_CSV, DATAPACKAGE, QUIZ, BIB = TABLE_CSV, DATAPACKAGE, "", BIB

    def __init__(self, root: Path):
        self.root = root
        self.write("_config.yml", "title: mini\nrepository:\n  url: https://github.com/example-school/mines\n  branch: main\n")
        self.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n")
        self.write("intro.md", "# Intro\n")
        self.write("references.bib", BIB)
        self.write("data/datapackage.yaml", DATAPACKAGE)
        self.write("data/things.csv", TABLE_CSV)
        self.write("chapters/one.md", "# One\n\n```{code-cell}\nmb.quiz(\"one\")\n```\n")
        self.write("chapters/one.quiz.yml", QUIZ)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


QUIZ = """\
title: Mini quiz
questions:
  - id: pick
    type: single
    prompt: Pick alpha.
    options:
      - text: alpha
        correct: true
        feedback: Yes.
      - text: beta
    explanation: Alpha is right.
    source: good
  - id: count
    type: numeric
    prompt: How many?
    answer: {table: things, column: count, where: {name: alpha}}
    unit: mines
    explanation: 312.
    source: good
  - id: tf
    type: truefalse
    prompt: True?
    answer: true
    explanation: Yes.
    source: other
  - id: several
    type: multiple
    prompt: Pick a and c.
    options: [{text: a, correct: true}, {text: b}, {text: c, correct: true}]
    explanation: a and c.
    source: good
  - id: order
    type: ordering
    prompt: Order.
    items: [one, two, three]
    explanation: 1 2 3.
    source: good
  - id: sort
    type: classify
    prompt: Sort.
    categories: [Finding, Allegation]
    items: [{text: x, category: Finding}, {text: y, category: Allegation}]
    explanation: x finding, y allegation.
    source: good
"""


MiniBook.QUIZ = QUIZ
