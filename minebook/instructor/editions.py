"""Building an edition or a subset of chapters: the orchestrator behind `minebook build` (`make book`, `make student`,
`make instructor`, `make subset`). Editions are described in minebook/core/edition.py."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from minebook.core.edition import EDITIONS, ENV, INSTRUCTOR_ONLY_PREFIX
from minebook.core.errors import ContentError, Problem
from minebook.core.language import ENV as LANG_ENV
from minebook.core.language import LANGUAGES, SOURCE_LANGUAGE, language_config
from minebook.core.paths import book_root

# ---- building an edition or a subset ------------------------------------------------------------------------


def chapter_entries(toc: dict) -> list[str]:
    """Every file under chapters/ in a table of contents, in reading order (parsed by sphinx_external_toc)."""
    from sphinx_external_toc.parsing import parse_toc_data

    return [name for name in parse_toc_data(toc) if name.startswith("chapters/")]


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


@dataclass
class Job:
    """One language of one edition, ready to build: the Jupyter Book command and where its pages go."""

    cmd: list[str]
    env: dict[str, str]
    root: Path
    edition: str
    lang: str
    target: Path  # where readers find the pages
    built: Path  # where Jupyter Book writes them (the same folder when in place)
    in_place: bool
    pages_key: Path
    pages: str
    lock: Any = None
    proc: subprocess.Popen | None = None
    log: Path | None = None  # where a build run beside another keeps its messages until they are shown

    def what(self) -> str:
        """What an interruption leaves, for the one line printed on Ctrl+C."""
        return (f"the pages in {self.target} may be incomplete" if self.in_place else
                f"the previous {self.edition} edition in {self.target} is unchanged")

    def start(self, log: Path | None = None) -> None:
        """Start the build in its own session (see run_interruptibly); with `log`, its messages are kept there."""
        self.log = log
        if log is None:
            self.proc = subprocess.Popen(self.cmd, cwd=self.root, env=self.env, start_new_session=True)
            return
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
            self.proc = subprocess.Popen(self.cmd, cwd=self.root, env=self.env, start_new_session=True,
                                         stdout=out, stderr=err)

    def show_log(self) -> None:
        """Print the messages of a build that ran beside another, after the other's (never interleaved)."""
        if self.log is None:
            return
        for suffix, stream in ((".out", sys.stdout), (".err", sys.stderr)):
            kept = self.log.with_suffix(suffix)
            if kept.is_file():
                stream.write(kept.read_text(encoding="utf-8", errors="replace"))
                stream.flush()

    def finish(self, code: int) -> int:
        """Publish a successful build aside (two renames), or say the previous edition was kept; free the lock."""
        try:
            if code == 0 and not self.in_place:
                publish(self.built, self.target)
                self.pages_key.write_text(self.pages, encoding="utf-8")
            elif code not in (0, 130) and not self.in_place and self.target.is_dir():
                print(f"The build failed, so the previous {self.edition} edition in {self.target} was kept.",
                      file=sys.stderr)
            return code
        finally:
            self.close()

    def close(self) -> None:
        if self.lock is not None:
            self.lock.close()
            self.lock = None


def prepare(edition: str, chapters: list[str] | None = None, out: Path | None = None, strict: bool = True,
            quiet: bool = False, lang: str = SOURCE_LANGUAGE) -> Job:
    """Everything `build` does before Jupyter Book runs: the command, the subset's table of contents, the
    language's configuration, the lock of the output folder (BuildBusy when another build holds it)."""
    from minebook.sphinx.buildlock import acquire

    if edition not in EDITIONS:
        raise ContentError([Problem("--edition", "the command line", "--edition", f"one of {', '.join(EDITIONS)}", f"'{edition}'")])
    root = book_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    if lang not in LANGUAGES:
        raise ContentError([Problem("--lang", "the command line", "--lang", f"one of {', '.join(LANGUAGES)}", f"'{lang}'")])
    out = (out or output_dir(root, edition, chapters)).resolve()
    translated = lang != SOURCE_LANGUAGE
    if translated:  # built aside, published inside the English edition's folder
        published = html_dir(out) / LANGUAGES[lang]["prefix"].strip("/") if out != root.resolve() else \
            root / "_build" / "html" / LANGUAGES[lang]["prefix"].strip("/")
        out = root / "_build" / f"{edition}{'-subset' if chapters else ''}-{lang}"
    in_place = out == root.resolve()  # the whole default book: what `make book` builds, into _build/html
    lock = None if in_place else acquire(out, f"the {edition} edition")  # in place, the Sphinx extension locks
    try:
        work = root.resolve() if in_place else work_dir(out)
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root)]
        if not in_place:
            cmd += ["--path-output", str(work)]
        if translated:
            out.mkdir(parents=True, exist_ok=True)
            cmd += ["--config", str(write_language_config(root, out, lang))]
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
        target = published if translated else html_dir(out)
        built = html_dir(work)
        pages_key = out / ".minebook-pages"  # which pages the published edition holds (its chapters, edition, language)
        pages = yaml.safe_dump({"toc": subset_toc(toc, chapters, edition) if chapters or edition == "student" else toc,
                                "edition": edition, "lang": lang}, sort_keys=True)
        if not in_place and built.is_dir():
            shutil.rmtree(built)
        if not in_place and target.is_dir() and pages_key.is_file() and pages_key.read_text(encoding="utf-8") == pages:
            # The same pages as last time: start from them (times kept), so Sphinx rewrites only what changed, as
            # it does in place; a different chapter list starts empty, so a chapter left out does not linger.
            shutil.copytree(target, built, symlinks=True)
        env = {**os.environ, ENV: edition, LANG_ENV: lang, "MINEBOOK_ROOT": str(root)}
    except BaseException:
        if lock is not None:
            lock.close()
        raise
    return Job(cmd, env, root, edition, lang, target, built, in_place, pages_key, pages, lock)


def build(edition: str, chapters: list[str] | None = None, out: Path | None = None, strict: bool = True,
          quiet: bool = False, lang: str = SOURCE_LANGUAGE) -> tuple[int, Path]:
    """Build one edition (optionally a subset of chapters) with Jupyter Book; return its exit code and HTML folder.

    The subset is made by writing a filtered copy of _toc.yml into the output folder, so no file of the book
    is edited. An edition in its own folder is built aside (`OUT/_work`, starting without old pages, so a
    chapter left out does not linger) and swapped in only when the build succeeds: a failed or interrupted
    build leaves the previous edition in place. One build at a time per folder (BuildBusy otherwise).

    A translation (`lang` other than English) is built aside in `_build/<edition>-<lang>` with its own copy of
    `_config.yml` (the language set) and its own execution cache (its charts and quizzes speak the language), and
    published under the English edition's pages, in `<lang>/` (so `_build/html/uk/` for the default book).
    """
    return build_languages(edition, [lang], chapters, out, strict, quiet)[0]


def build_languages(edition: str, langs: list[str], chapters: list[str] | None = None, out: Path | None = None,
                    strict: bool = True, quiet: bool = False) -> list[tuple[int, Path]]:
    """Build one edition in several languages at once (each as `build` does); return each one's code and folder.

    The languages share nothing while they build (each its own Sphinx, notebooks and caches), so they run side by
    side, one per processor core: the English and Ukrainian book take about as long as the slower of the two
    instead of the sum. The first language's messages are shown as they come; each other language's after it, so
    the two never interleave. A translation is published only after the first language succeeded (it goes inside
    the English pages); when that one fails, the others are stopped and their previous pages kept.
    """
    jobs: list[Job] = []
    try:
        for lang in langs:
            jobs.append(prepare(edition, chapters, out, strict, quiet, lang))
    except BaseException:
        for job in jobs:
            job.close()
        raise
    first, others = jobs[0], jobs[1:]
    first.start()
    for job in others:
        job.start(job.pages_key.parent / "build")
    results: list[tuple[int, Path]] = []
    try:
        code = wait_interruptibly(first.proc, jobs)
        results.append((first.finish(code), first.target))
        for job in others:
            if code != 0:  # the first failed or was stopped: the others would be published into a broken book
                stop(job.proc)
                job.close()
                if code != 130:
                    print(f"The build in {LANGUAGES[first.lang]['name']} failed, so the build in "
                          f"{LANGUAGES[job.lang]['name']} was stopped; the pages in {job.target} were left as they were.",
                          file=sys.stderr)
                results.append((code, job.target))
                continue
            print(f"\nThe build in {LANGUAGES[job.lang]['name']} ran beside it; its messages:", flush=True)
            own = wait_interruptibly(job.proc, [job])
            job.show_log()
            results.append((job.finish(own), job.target))
    finally:
        for job in jobs:
            if job.proc is not None and job.proc.poll() is None:
                stop(job.proc)
            job.close()
    return results


def wait_interruptibly(proc: subprocess.Popen | None, jobs: list[Job]) -> int:
    """Wait for `proc`; on Ctrl+C stop every job's build at once, say so in one line and return 130."""
    assert proc is not None
    return _wait_or_stop(proc, [job.proc for job in jobs if job.proc is not None], [job.what() for job in jobs])


def _wait_or_stop(proc: subprocess.Popen, family: list[subprocess.Popen], what: list[str]) -> int:
    """The build runs in its own session, so Ctrl+C reaches only this process: left to the build, it arrives in the
    middle of the notebook runner, which answers with pages of traceback. The builds are stopped with SIGKILL
    (nothing half-published: editions are swapped in only after a build succeeds); their notebook kernels, in
    sessions of their own, are stopped with them."""
    try:
        return proc.wait()
    except KeyboardInterrupt:
        for each in family:
            stop(each)
        from minebook.sphinx.buildlock import INTERRUPTED

        print(INTERRUPTED.format(what="; ".join(what)), file=sys.stderr, flush=True)
        return 130


def stop(proc: subprocess.Popen | None) -> None:
    """Kill a build and its notebook kernels (which run in sessions of their own), and wait for them."""
    if proc is None or proc.poll() is not None:
        return
    import psutil

    try:  # the kernels too (own sessions): else they print their goodbye after the Ctrl+C line
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


def write_language_config(root: Path, out: Path, lang: str) -> Path:
    """A copy of `_config.yml` for a translation (minebook.core.language.language_config): Sphinx reads the language
    before it loads any extension, so it cannot be switched later by a hook; a copy (like the subset's copy of
    `_toc.yml`) leaves the book's files untouched."""
    path = out / "_config.yml"
    path.write_text("# Written by `minebook build --lang`; edit the book's own _config.yml instead.\n"
                    + yaml.safe_dump(language_config(lang, root), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


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
