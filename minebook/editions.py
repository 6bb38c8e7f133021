"""Editions of the book: one source, three builds, chosen by one option (`MINEBOOK_EDITION`).

| edition      | quizzes                                   | answers                 | instructor notes |
|--------------|-------------------------------------------|-------------------------|------------------|
| `default`    | check themselves in the browser           | behind "Show answer"    | none             |
| `student`    | a form to fill in; nothing is checked     | nowhere (not in a page, | none             |
|              | ("your teacher will go through them")     | a source or any JSON)   |                  |
| `instructor` | check themselves, answers shown inline    | inline, with sources    | inline           |

Everything an edition changes lives here, so the quiz view, the Sphinx extension and the command line agree.
Instructor notes are content, not code: one Markdown file per chapter, `instructors/<chapter>.md`, added to the
chapter page only in the instructor edition (the chapter file itself never changes).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem
from .paths import book_root

ENV = "MINEBOOK_EDITION"
EDITIONS = ("default", "student", "instructor")
NOTES_DIR = "instructors"
NOTES_LABEL = "instructor-notes-{stem}"
# The "For instructors" guide and anything else under instructors/ is left out of the student edition.
INSTRUCTOR_ONLY_PREFIX = f"{NOTES_DIR}/"


def current_edition() -> str:
    """The edition being built, from the environment; an unknown name is a content mistake, not a traceback."""
    raw = os.environ.get(ENV, "").strip().lower() or "default"
    if raw not in EDITIONS:
        raise ContentError([Problem(ENV, "the environment variable", ENV, f"one of {', '.join(EDITIONS)}", f"'{raw}'")])
    return raw


def shows_answers(edition: str | None = None) -> bool:
    """Answers, explanations and per-question notes are printed inline only for the instructor."""
    return (edition or current_edition()) == "instructor"


def checks_answers(edition: str | None = None) -> bool:
    """The student edition carries no answer, so it cannot check one: its quizzes are forms to fill in."""
    return (edition or current_edition()) != "student"


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


def setup_editions(app: Any) -> None:
    # Before every other config-inited handler (priority 500), so an unknown edition is reported first.
    app.connect("config-inited", add_edition_tag, priority=100)
    app.connect("source-read", add_instructor_notes)
    app.connect("missing-reference", link_text_for_missing_chapter)


# ---- building an edition or a subset ------------------------------------------------------------------------


def chapter_entries(toc: dict) -> list[str]:
    """Every `file:` under chapters/ in _toc.yml, in order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str) and node["file"].startswith("chapters/"):
                found.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(toc)
    return found


def normalise_chapter(name: str) -> str:
    """`mine-types`, `chapters/mine-types` and `chapters/mine-types.md` all name the same chapter."""
    name = name.strip().removesuffix(".md").removesuffix(".ipynb").removesuffix(".quiz.yml")
    return name if name.startswith("chapters/") else f"chapters/{name}"


def subset_toc(toc: dict, chapters: list[str] | None, edition: str) -> dict:
    """A copy of the table of contents keeping only `chapters` (in the order given) and, for students,
    leaving out the instructor pages. Appendices and the front page stay."""
    listed = chapter_entries(toc)
    wanted: list[str] | None = None
    if chapters:
        wanted = [normalise_chapter(c) for c in chapters]
        unknown = [w for w in wanted if w not in listed]
        if unknown:
            known = ", ".join(x.removeprefix("chapters/") for x in listed)
            raise ContentError([Problem("_toc.yml", "chapters", "--chapters", f"chapters listed in _toc.yml ({known})",
                                        ", ".join(u.removeprefix("chapters/") for u in unknown))])

    def keep(entry: Any) -> bool:
        file = entry.get("file", "") if isinstance(entry, dict) else ""
        if edition == "student" and file.startswith(INSTRUCTOR_ONLY_PREFIX):
            return False
        return not (wanted is not None and file.startswith("chapters/") and file not in wanted)

    def prune(node: Any) -> Any:
        if isinstance(node, list):
            kept = [prune(c) for c in node if keep(c)]
            return [k for k in kept if not (isinstance(k, dict) and "chapters" in k and not k["chapters"] and "file" not in k)]
        if isinstance(node, dict):
            out = {k: prune(v) if k in ("parts", "chapters", "sections") else v for k, v in node.items()}
            if wanted is not None and isinstance(out.get("chapters"), list) and any(
                isinstance(c, dict) and str(c.get("file", "")).startswith("chapters/") for c in out["chapters"]
            ):
                by_file = {c["file"]: c for c in out["chapters"] if isinstance(c, dict) and "file" in c}
                others = [c for c in out["chapters"] if not str(c.get("file", "")).startswith("chapters/")]
                out["chapters"] = [by_file[w] for w in wanted if w in by_file] + others
            return out
        return node

    return prune(toc)


def output_dir(root: Path, edition: str, chapters: list[str] | None) -> Path:
    """Where an edition goes: `_build/html` for the whole default book (what `make book` builds),
    `_build/<edition>[-subset]` otherwise. Each has its own execution cache, so editions never mix."""
    if edition == "default" and not chapters:
        return root
    return root / "_build" / (edition + ("-subset" if chapters else ""))


def html_dir(out: Path) -> Path:
    return out / "_build" / "html"


def work_dir(out: Path) -> Path:
    """Where an edition is built before it is published to `html_dir(out)`, with its execution cache."""
    return out / "_work"


def build(edition: str, chapters: list[str] | None = None, out: Path | None = None, strict: bool = True,
          quiet: bool = False) -> tuple[int, Path]:
    """Build one edition (optionally a subset of chapters) with Jupyter Book; return its exit code and HTML folder.

    The subset is made by writing a filtered copy of _toc.yml into the output folder, so no file of the book
    is edited. An edition in its own folder is built aside (`OUT/_work`, starting without old pages, so a
    chapter left out does not linger) and swapped in only when the build succeeds: a failed or interrupted
    build leaves the previous edition in place. One build at a time per folder (BuildBusy otherwise).
    """
    from .buildlock import acquire

    if edition not in EDITIONS:
        raise ContentError([Problem("--edition", "the command line", "--edition", f"one of {', '.join(EDITIONS)}", f"'{edition}'")])
    root = book_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    out = (out or output_dir(root, edition, chapters)).resolve()
    in_place = out == root.resolve()  # the whole default book: what `make book` builds, into _build/html
    lock = None if in_place else acquire(out, f"the {edition} edition")  # in place, the Sphinx extension locks
    try:
        work = root.resolve() if in_place else work_dir(out)
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root)]
        if not in_place:
            cmd += ["--path-output", str(work)]
        if chapters or edition == "student":
            out.mkdir(parents=True, exist_ok=True)
            toc_path = out / "_toc.yml"
            toc_path.write_text("# Written by `minebook build`; edit the book's own _toc.yml instead.\n"
                                + yaml.safe_dump(subset_toc(toc, chapters, edition), sort_keys=False), encoding="utf-8")
            cmd += ["--toc", str(toc_path)]
        if strict:
            cmd += ["-n", "-W", "--keep-going"]
        if quiet:
            cmd += ["-q"]
        target = html_dir(out)
        built = html_dir(work)
        if not in_place and built.is_dir():
            shutil.rmtree(built)
        env = {**os.environ, ENV: edition, "MINEBOOK_ROOT": str(root)}
        code = run_interruptibly(cmd, root, env, f"the pages in {target} may be incomplete" if in_place else
                                 f"the previous {edition} edition in {target} is unchanged")
        if code == 0 and not in_place:
            publish(built, target)
        elif code not in (0, 130) and not in_place and target.is_dir():
            print(f"The build failed, so the previous {edition} edition in {target} was kept.", file=sys.stderr)
        return code, target
    finally:
        if lock is not None:
            lock.close()


def run_interruptibly(cmd: list[str], cwd: Path, env: dict[str, str], what: str) -> int:
    """Run the Jupyter Book build; on Ctrl+C stop it at once, say so in one line and return 130.

    The build runs in its own session, so Ctrl+C reaches only this process: left to the build, it arrives in the
    middle of the notebook runner, which answers with pages of traceback. The build is stopped with SIGKILL
    (nothing half-published: editions are swapped in only after a build succeeds); its notebook kernels, in
    sessions of their own, are stopped with it.
    """
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, start_new_session=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        import psutil

        try:  # the kernels too (own sessions): else they print their goodbye after the line below
            family = psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            family = []
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for child in family:
            try:
                child.kill()
            except psutil.Error:
                pass
        proc.wait()
        psutil.wait_procs(family, timeout=10)
        from .buildlock import INTERRUPTED

        print(INTERRUPTED.format(what=what), file=sys.stderr, flush=True)
        return 130


def publish(built: Path, target: Path) -> None:
    """Put a finished build in place of the published one with two renames, so readers of `target` never see
    a half-written edition (and a build that stops before this point leaves the old one)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)
