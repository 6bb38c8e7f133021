"""Sphinx hooks of the editions: instructor notes added to chapter pages, the `edition_*` tag, and links to pages
left out of a build shown as plain text. Which edition is built comes from minebook.core.edition."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from minebook.core.edition import EDITIONS, ENV, NOTES_DIR, NOTES_LABEL, current_edition
from minebook.core.errors import ContentError

# ---- instructor notes in the page ---------------------------------------------------------------------------

FENCE = re.compile(r"^(`{3,}|~{3,})")


def notes_file(root: Path, docname: str) -> Path | None:
    """`instructors/<stem>.md` for a chapter `chapters/<stem>`; None for pages that are not chapters."""
    if not docname.startswith("chapters/"):
        return None
    return root / NOTES_DIR / f"{Path(docname).name}.md"


def demote_headings(text: str) -> str:
    """Notes files start their sections at `##` (readable on their own); inside a chapter they sit one level lower."""
    out, fence = [], ""
    for line in text.splitlines():
        m = FENCE.match(line.lstrip())
        if m and (not fence or (m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence))):
            fence = "" if fence else m.group(1)
        if not fence and re.match(r"#{1,5} ", line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def strip_title(text: str) -> str:
    """Drop the notes file's own `# title` line: the chapter page gives the section its heading."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip()


def with_notes(source: str, notes: str, stem: str) -> str:
    """The chapter's MyST source with a pointer under its title and the notes as a last section."""
    label = NOTES_LABEL.format(stem=stem)
    pointer = (
        "\n```{admonition} Instructor edition\n:class: note\n\n"
        f"Teaching notes for this chapter (a plan for a 50-minute class, discussion prompts, common misconceptions, "
        f"and notes on teaching a sensitive topic) are at the end of the page: {{ref}}`{label}`. "
        "Quiz answers and explanations are shown under each question.\n```\n"
    )
    lines = source.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # jupytext front matter
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    for i in range(start, len(lines)):
        if lines[i].startswith("# "):
            lines.insert(i + 1, pointer)
            break
    section = f"\n\n({label})=\n## Instructor notes\n\n{demote_headings(strip_title(notes))}\n"
    return "\n".join(lines).rstrip() + section


def add_instructor_notes(app: Any, docname: str, source: list[str]) -> None:
    """Sphinx `source-read`: in the instructor edition, add the chapter's notes file to the page.

    The notes file is recorded as a dependency, so editing it rebuilds that page (and only that page).
    """
    if current_edition() != "instructor":
        return
    path = notes_file(Path(app.srcdir), docname)
    if path is None or not path.is_file():
        return
    app.env.note_dependency(str(path))
    source[0] = with_notes(source[0], path.read_text(encoding="utf-8"), Path(docname).name)


def edition_for_build() -> str:
    """The edition a Sphinx build was asked for; an unknown name stops the build with one line, no traceback.

    Jupyter Book turns any exception raised inside Sphinx (Sphinx's own `ConfigError` included) into an error
    of its own with a Python traceback, so the message is printed here and the build exits with status 1.
    """
    try:
        return current_edition()
    except ContentError:
        raw = os.environ.get(ENV, "").strip()
        message = (f"{ENV}={raw} is not an edition of the book: use one of {', '.join(EDITIONS)} "
                   "(or: make student, make instructor).")
        print(message, file=sys.stderr)
        raise SystemExit(1) from None


def add_edition_tag(app: Any, config: Any) -> None:
    """Tag the build (`edition_student`, ...) so a page may also use `{only} edition_instructor` blocks,
    and hand the edition to the kernels that execute the chapters (they inherit the environment)."""
    edition = edition_for_build()
    os.environ[ENV] = edition
    app.tags.add(f"edition_{edition}")
    if edition == "student":
        # Pages under instructors/ (the guide) may be listed in _toc.yml; the student edition leaves them out.
        # The warning that the TOC names an excluded page is expected here; a TOC entry naming a missing file
        # is still caught, by `minebook check` before the build starts.
        config.exclude_patterns = [*config.exclude_patterns, f"{NOTES_DIR}/**"]
        config.suppress_warnings = [*config.suppress_warnings, "toc.excluded", "etoc.ref"]


def link_text_for_missing_chapter(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Sphinx `missing-reference`: a `{doc}` link to a page that exists but is left out of this build
    (a subset of chapters, or the student edition) becomes plain text instead of a broken-link warning.
    A link to a page that does not exist at all still warns."""
    if node.get("reftype") != "doc":
        return None
    target = node.get("reftarget", "")
    base = Path(env.doc2path(node.get("refdoc", ""), False)).parent if node.get("refdoc") else Path()
    candidate = target.lstrip("/") if target.startswith("/") else (base / target).as_posix()
    candidate = os.path.normpath(candidate)
    root = Path(app.srcdir)
    for suffix in (".md", ".ipynb", ".rst"):
        page = root / f"{candidate}{suffix}"
        if page.is_file():
            if node.get("refexplicit"):
                return contnode
            from docutils import nodes

            return nodes.inline(text=page_title(page) or target)
    return None


def page_title(page: Path) -> str:
    """The first `# heading` of a Markdown page: what a `{doc}` link without a title would have shown."""
    if page.suffix != ".md":
        return ""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


class LeftOutPageLinks(SphinxPostTransform):
    """A Markdown link (`[words](chapters/x.md)`) to a page that exists but is left out of this build (a subset
    of chapters, the student edition) becomes its words, as `{doc}` links do above. MyST's own resolver (priority
    9) would warn "Unknown source document", which stops a strict build; a link to a page that does not exist at
    all is left to it and still warns."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        from docutils import nodes
        from sphinx import addnodes

        root = Path(self.app.srcdir)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain") != "doc":
                continue
            target = str(node.get("reftarget", ""))
            if not target or target in self.env.all_docs:
                continue
            page = next((root / f"{target}{s}" for s in (".md", ".ipynb", ".rst") if (root / f"{target}{s}").is_file()), None)
            if page is None:
                continue
            words = node[0].deepcopy() if node.get("refexplicit") and len(node) else nodes.inline(text=page_title(page) or target)
            node.replace_self(words)


def setup_editions(app: Any) -> None:
    # Before every other config-inited handler (priority 500), so an unknown edition is reported first.
    app.connect("config-inited", add_edition_tag, priority=100)
    app.connect("source-read", add_instructor_notes)
    app.connect("missing-reference", link_text_for_missing_chapter)
    app.add_post_transform(LeftOutPageLinks)
