"""The extractors of the book's non-prose texts (registered in translations.EXTRACTORS): quiz files and the
interface strings of the book's code.

* `quiz_catalogs`: one template per chapters/<name>.quiz.yml, domain `quizzes/<name>`: every text a reader sees
  (minebook/quiz/i18n.py says which, and how the loader puts the translations back), msgctxt
  `<question id>.<field>[.<n>]`, location `chapters/<name>.quiz.yml:<line>`.
* `ui_catalog`: domain `ui`, every string the package's code writes through `ui(...)`, `ui_n(...)` (with a plural)
  or marks with `N_(...)` / `NC_(context, ...)` (a table of words translated when used), found by Babel's Python extractor, which
  reads the source without running it.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from minebook.core.paths import book_root, chapters_dir
from minebook.core.yamlsrc import line_of, load_yaml
from minebook.quiz.i18n import domain, text_fields

PROJECT = "minebook"
# Babel keyword specs, by number of arguments: ui(msgid[, context[, lang]]), ui_n(singular, plural, n[, lang]), N_(msgid),
# NC_(context, msgid)
KEYWORDS = {"ui": {1: (1,), 2: ((2, "c"), 1), 3: ((2, "c"), 1)}, "ui_n": (1, 2), "N_": None, "NC_": ((1, "c"), 2)}


def _template() -> Catalog:
    return Catalog(project=PROJECT, fuzzy=False, header_comment="# English messages of the book (template).")


def quiz_catalogs() -> dict[str, Catalog]:
    """{'quizzes/<name>': the English of chapters/<name>.quiz.yml} for every quiz file."""
    root = book_root()
    out: dict[str, Catalog] = {}
    for path in sorted(chapters_dir().glob("*.quiz.yml")):
        raw, lines = load_yaml(path)
        rel = path.relative_to(root).as_posix()
        cat = _template()
        for f in text_fields(raw):
            cat.add(f.text, locations=[(rel, line_of(lines, f.at))], context=f.context)
        out[domain(path.name.removesuffix(".quiz.yml"))] = cat
    return out


def ui_catalog() -> dict[str, Catalog]:
    """{'ui': every interface string of the package}, found in its Python source by Babel."""
    from babel.messages.extract import extract_from_dir

    package = Path(__file__).resolve().parents[1]
    cat = _template()
    found = extract_from_dir(str(package), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        cat.add(message, locations=[(f"minebook/{Path(filename).as_posix()}", lineno)], auto_comments=comments,
                context=context)
    return {"ui": cat}

