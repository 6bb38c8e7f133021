"""Launch buttons and downloads: how a chapter leaves the book to be run.

* Launch buttons (Binder, JupyterHub, Colab) are shown only when ``repository:`` in ``_config.yml`` names a real
  repository; with the template's placeholder the built book shows none (:func:`use_published_notebook`).
* The download menu of each notebook page offers ``downloads/PAGE.zip``: the notebook with a set-up cell, the
  data tables, the bibliography, its quiz and the helper package, so it runs without a clone and offline
  (:func:`chapter_zip`; the student edition keeps the plain .ipynb, because a quiz file holds the answers).

The Colab button opens a real .ipynb: a generated copy of each notebook page on its own branch.

The chapters are MyST Markdown notebooks. sphinx-book-theme links Colab to the page's source
(``.../blob/main/chapters/NAME.md``), which Colab cannot open: it opens only .ipynb files from GitHub. So:

* ``minebook notebooks OUT_DIR`` writes one .ipynb per page that has launch buttons, converted from the
  page's source with jupytext, without outputs, starting with the set-up cell (``minebook/sphinx/bootstrap.py``)
  rendered from ``repository:`` in ``_config.yml``, so it runs alone in Colab. The deploy workflow
  (``.github/workflows/deploy.yml``) publishes OUT_DIR as the branch ``minebook_notebooks_branch``.
  The build's own .ipynb download is not reused: it carries the outputs and widget state of the build.
* :func:`setup_launch` points each page's Colab button at ``.../blob/<notebooks branch>/<page>.ipynb``.
  Binder and JupyterHub keep their links: they clone the repository, where jupytext opens the .md.
* ``minebook check-repository --expect URL``: the deploy workflow stops early, with instructions an
  instructor can follow, when ``repository: url`` still names the placeholder or another repository.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from minebook.content.notebook_text import translate_markdown, translations
from minebook.core.config import book_config
from minebook.core.language import LOCALES_DIR, SOURCE_LANGUAGE, current_language, language_config, ui

BRANCH_SETTING = "minebook_notebooks_branch"
DEFAULT_BRANCH = "notebooks"
README_TITLE = "# Notebooks for Colab (generated)"
# After sphinx-book-theme's add_launch_buttons (html-page-context, priority 501) has built the buttons.
PRIORITY = 600


# ---- settings from _config.yml ----------------------------------------------------------------------


def _config(root: Path) -> dict:
    return book_config(root)


def notebooks_branch(root: Path | None = None) -> str:
    """The branch the notebooks are published on: ``sphinx: config: minebook_notebooks_branch`` in _config.yml."""
    from minebook.core.paths import book_root

    sphinx_config = (_config(root or book_root()).get("sphinx") or {}).get("config") or {}
    return str(sphinx_config.get(BRANCH_SETTING) or DEFAULT_BRANCH)


def path_to_book(root: Path) -> str:
    """``repository: path_to_book``: where the book sits inside its repository ("" at the top)."""
    return str((_config(root).get("repository") or {}).get("path_to_book") or "").strip("/")


# ---- the Colab button -------------------------------------------------------------------------------


def colab_url(colab: str, org: str, repo: str, branch: str, book_path: str, docname: str) -> str:
    """``COLAB/github/ORG/REPO/blob/BRANCH/[PATH_TO_BOOK/]DOCNAME.ipynb``."""
    prefix = f"{book_path.strip('/')}/" if book_path.strip("/") else ""
    return f"{colab.rstrip('/')}/github/{org}/{repo}/blob/{branch}/{prefix}{docname}.ipynb"


def use_published_notebook(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Show launch buttons only for a real repository, and point the Colab button at the published .ipynb.

    With the template's placeholder (``github.com/OWNER/...``) or an example host, sphinx-book-theme would still
    make Binder, JupyterHub and Colab buttons leading nowhere: the whole group is removed. A JupyterHub left at
    an example address (``jupyterhub.example.org``) is removed on its own.
    """
    from minebook.sphinx.bootstrap import is_placeholder_host, real_repository

    options = app.config["html_theme_options"]
    launch = options.get("launch_buttons") or {}
    groups = context.get("header_buttons", [])
    if real_repository(Path(app.srcdir)) is None:
        groups[:] = [g for g in groups if g.get("label") != "launch-buttons"]
        return
    for group in groups:
        if group.get("label") == "launch-buttons":
            group["buttons"] = [b for b in group.get("buttons", []) if not is_placeholder_host(b.get("url", ""))]
    groups[:] = [g for g in groups if g.get("label") != "launch-buttons" or g.get("buttons")]
    colab = launch.get("colab_url", "")
    if not colab:
        return
    from sphinx_book_theme.header_buttons import get_repo_parts

    parts = get_repo_parts(context)
    if not parts:
        return
    _provider_url, org, repo, _provider = parts
    for group in groups:
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("text") == "Colab":
                branch = app.config[BRANCH_SETTING]
                button["url"] = colab_url(colab, org, repo, branch, options.get("path_to_docs", ""), pagename)


# ---- the chapter's download: everything it needs, in one .zip ------------------------------------------------

DOWNLOADS = "downloads"  # OUTDIR/downloads/DOCNAME.zip
QUIZ_CALL = re.compile(r"""quiz\(\s*["']([A-Za-z0-9_-]+)["']""")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: two builds write the same bytes


def zip_files(root: Path, source: Path) -> dict[str, Path]:
    """Name inside the folder -> file in the book, for what a notebook page needs to run alone:
    the helper package, every data table, the bibliography (and its short names), the page's quizzes, the
    book's settings (the package finds its folder by them) and the pins."""
    from minebook.core.config import bib_files

    def tree(folder: str) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in sorted((root / folder).rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}

    files = {**tree("minebook"), **tree("data"), **tree("references")}
    for bib in bib_files(root):
        if bib.is_file() and bib.resolve().is_relative_to(root.resolve()):
            files[bib.resolve().relative_to(root.resolve()).as_posix()] = bib
    quizzes = list(dict.fromkeys(QUIZ_CALL.findall(source.read_text(encoding="utf-8"))))
    for name in quizzes:
        quiz = root / "chapters" / f"{name}.quiz.yml"
        if quiz.is_file():
            files[f"chapters/{name}.quiz.yml"] = quiz
    for name in ("_config.yml", "_toc.yml", "requirements.txt", "LICENSE", "LICENSE-CONTENT.md"):
        if (root / name).is_file():
            files[name] = root / name
    lang = current_language()
    if lang != SOURCE_LANGUAGE:  # the catalogs the chapter's quiz, tables and charts speak from (the prose is
        # translated in the notebook itself): so a translator's edit of another page leaves this zip as it was
        folder = f"{LOCALES_DIR}/{lang}/LC_MESSAGES"
        for domain in ("ui", "data", "charts", *(f"quizzes/{name}" for name in quizzes)):
            if (root / folder / f"{domain}.po").is_file():
                files[f"{folder}/{domain}.po"] = root / folder / f"{domain}.po"
    return files


def download_readme(title: str, stem: str) -> str:
    return ui("""# {title}

This folder is one chapter of the book, ready to run on your computer: the notebook `{stem}.ipynb`,
the data tables it reads (`data/`), the sources it cites (`references*.bib`), its quiz (`chapters/`) and the
book's small helper package (`minebook/`). Nothing is fetched from the internet.

1. Open `{stem}.ipynb` in JupyterLab, Jupyter Notebook or VS Code, from inside this folder.
2. Run all cells. The first cell finds the files here. If your Python lacks a package the chapter needs,
   it says in one line what to install (the book's exact versions are in `requirements.txt`).
3. Your quiz score, after the quiz cell has run: `quiz.score` (and `quiz.total`, `quiz.answers`).
""", "download README").format(title=title, stem=stem)


def chapter_zip(root: Path, docname: str, source: Path, title: str) -> bytes:
    """The download of one notebook page: a folder NAME/ with NAME.ipynb (set-up cell first, no outputs) and
    everything from :func:`zip_files`; the same bytes for the same sources."""
    import io
    import zipfile

    import nbformat

    stem = Path(docname).name
    notebook = published_notebook(source, docname, root)
    lang = current_language()
    if lang != SOURCE_LANGUAGE:  # the prose as the translated page shows it, from the same catalog
        table = translations(docname, lang)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = translate_markdown(cell.source, table)
    entries = {f"{stem}.ipynb": nbformat.writes(notebook).encode("utf-8"),
               "README.md": download_readme(title, stem).encode("utf-8")}
    entries.update({name: path.read_bytes() for name, path in zip_files(root, source).items()})
    if lang != SOURCE_LANGUAGE:  # settings that say the language, so the notebook runs in it without set-up
        entries["_config.yml"] = yaml.safe_dump(language_config(lang, root), sort_keys=False, allow_unicode=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{stem}/{name}", date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def makes_downloads() -> bool:
    """The student edition carries no answers, and a quiz file holds them: it keeps the plain .ipynb download."""
    from minebook.core.edition import checks_answers

    return checks_answers()


def download_button(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The download menu of a notebook page offers the chapter's .zip instead of a lone .ipynb (which cannot run
    without the package and the data)."""
    if not context.get("ipynb_source") or not makes_downloads():
        return
    url = context["pathto"](f"{DOWNLOADS}/{pagename}.zip", 1)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for i, button in enumerate(group.get("buttons", [])):
            if button.get("label") == "download-notebook-button":
                group["buttons"][i] = {
                    "type": "link", "url": url, "text": ui(".zip (notebook + data)", "download button"),
                    "icon": "fas fa-file-zipper",
                    "tooltip": ui("Download this chapter to run it: notebook, data, sources and helper package",
                                  "download button"),
                    "label": "download-chapter-button",
                }


def zip_inputs_key(root: Path, docname: str, source: Path, title: str, hashes: dict[Path, bytes] | None = None) -> str:
    """A hash of everything :func:`chapter_zip` reads: the page and its title, every file it packs (the package's
    own code among them, so a changed set-up cell or converter counts), and the versions of jupytext and nbformat
    that turn the page into a notebook. ``hashes``: each file's hash, shared by the pages of one build."""
    import hashlib
    from importlib.metadata import version

    hashes = {} if hashes is None else hashes

    def file_hash(path: Path) -> bytes:
        if path not in hashes:
            hashes[path] = hashlib.sha256(path.read_bytes()).digest()
        return hashes[path]

    digest = hashlib.sha256(f"{docname}\0{title}\0{version('jupytext')}\0{version('nbformat')}\0".encode())
    digest.update(hashlib.sha256(source.read_bytes()).digest())
    for name, path in sorted(zip_files(root, source).items()):
        digest.update(name.encode() + b"\0" + file_hash(path))
    lang = current_language()
    page_catalog = root / LOCALES_DIR / lang / "LC_MESSAGES" / f"{docname}.po"
    if lang != SOURCE_LANGUAGE and page_catalog.is_file():  # the notebook's prose is translated from it
        digest.update(b"prose\0" + file_hash(page_catalog))
    return digest.hexdigest()


def write_downloads(app: Any, exception: Exception | None) -> None:
    """Write OUTDIR/downloads/DOCNAME.zip for every notebook page of this build.

    Issue 13 (rebuild time): a zip whose inputs are unchanged since it was written (the hash of
    :func:`zip_inputs_key`, kept with the zip's own hash under ``_build/.minebook-cache/downloads``) is left as
    it is; converting and compressing five chapters took half a second of every prose-edit rebuild.
    """
    if exception is not None or app.builder.format != "html" or not makes_downloads():
        return
    import hashlib

    root = Path(app.srcdir)
    titles = app.env.titles
    kept = Path(app.outdir).parent / ".minebook-cache" / "downloads"
    hashes: dict[Path, bytes] = {}
    for docname, source in notebook_pages(root, kept / "pages.json"):
        if docname not in app.env.found_docs:
            continue
        title = titles[docname].astext() if docname in titles else Path(docname).name
        target = Path(app.outdir) / DOWNLOADS / f"{docname}.zip"
        stamp = kept / f"{docname}.key"
        inputs = zip_inputs_key(root, docname, source, title, hashes)
        if (target.is_file() and stamp.is_file()
                and stamp.read_text() == f"{inputs} {hashlib.sha256(target.read_bytes()).hexdigest()}"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        data = chapter_zip(root, docname, source, title)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(f"{inputs} {hashlib.sha256(data).hexdigest()}")


def setup_launch(app: Any) -> None:
    """Register ``minebook_notebooks_branch`` and the handlers (call from the book's Sphinx extension)."""
    app.add_config_value(BRANCH_SETTING, DEFAULT_BRANCH, "html", str)
    app.connect("html-page-context", use_published_notebook, priority=PRIORITY)
    app.connect("html-page-context", download_button, priority=PRIORITY)
    app.connect("build-finished", write_downloads)


# ---- the published notebooks -------------------------------------------------------------------------


def _source(root: Path, name: str) -> Path | None:
    stem = name.removesuffix(".md").removesuffix(".ipynb")
    return next((p for p in (root / f"{stem}.md", root / f"{stem}.ipynb") if p.is_file()), None)


def notebook_pages(root: Path, memo: Path | None = None) -> list[tuple[str, Path]]:
    """(docname, source) of every page in _toc.yml that is a notebook, i.e. every page with launch buttons.

    sphinx-book-theme adds them where the page's metadata has a kernelspec (a jupytext header or an .ipynb).
    ``memo``: a JSON file of earlier answers, by a hash of each page's bytes and jupytext's version (a build
    asks for every page; reading them all with jupytext took a third of a second of each rebuild).
    """
    import hashlib
    import json
    from importlib.metadata import version

    from minebook.core.toc import toc_files

    try:
        known = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    answers: dict[str, list] = {}
    pages = []
    for name, _line in toc_files(root)[0]:
        path = _source(root, name)
        if path is None:
            continue
        docname = path.relative_to(root).with_suffix("").as_posix()
        state = hashlib.sha256(path.read_bytes() + version("jupytext").encode()).hexdigest()
        hit = known.get(docname)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == state:
            is_notebook = bool(hit[1])
        else:
            import jupytext

            is_notebook = "kernelspec" in jupytext.read(path).metadata
        answers[docname] = [state, is_notebook]
        if is_notebook:
            pages.append((docname, path))
    if memo is not None and answers != known:
        memo.parent.mkdir(parents=True, exist_ok=True)
        partial = memo.with_name(memo.name + ".partial")
        partial.write_text(json.dumps(answers, sort_keys=True), encoding="utf-8")
        partial.replace(memo)  # whole or not at all
    return pages


def published_notebook(path: Path, docname: str, root: Path) -> Any:
    """The page as a plain .ipynb: no outputs, the current set-up cell first, stable cell ids."""
    import jupytext
    import nbformat

    from minebook.sphinx.bootstrap import MARKER, TAG, cell_source
    from minebook.sphinx.stable_output import stable_cell_id

    nb = jupytext.read(path)
    # Folded in JupyterLab (source_hidden): a reader sees the chapter first, the set-up's one line only if needed.
    setup = nbformat.v4.new_code_cell(cell_source(root), metadata={"tags": [TAG], "jupyter": {"source_hidden": True}})
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if code and nb.cells[code[0]].source.startswith(MARKER):  # a page that still carries an older cell
        nb.cells[code[0]] = setup
    else:  # before the first code cell, so it runs first
        nb.cells.insert(code[0] if code else len(nb.cells), setup)
    for i, cell in enumerate(nb.cells):
        cell.id = stable_cell_id(docname, i)  # the same file for the same source, as the build's downloads
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata = {"kernelspec": nb.metadata["kernelspec"], "language_info": {"name": "python"}}
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def readme(root: Path, written: list[str], branch: str) -> str:
    from minebook.sphinx.bootstrap import repository

    url, source_branch = repository(root)
    listing = "\n".join(f"- `{name}`" for name in written)
    return f"""{README_TITLE}

This branch, `{branch}`, is generated by the deploy workflow (`.github/workflows/deploy.yml`, `minebook notebooks`)
from the book's sources on the branch `{source_branch}` of
{url}.
Every deploy replaces it: do not edit here, edit the chapters on `{source_branch}`.

The Colab button of each page of the book opens the page's notebook from here. Each notebook has no
outputs and starts with a set-up cell that fetches the book's helper package and data from the repository.

{listing}
"""


def write_notebooks(out: Path, root: Path) -> list[Path]:
    """Write ``OUT/[PATH_TO_BOOK/]DOCNAME.ipynb`` for every notebook page and ``OUT/README.md``.

    OUT must be empty or an earlier output of this command (whose notebooks are then removed first).
    """
    import nbformat

    if out.is_dir() and any(out.iterdir()):
        previous = out / "README.md"
        if not (previous.is_file() and previous.read_text(encoding="utf-8").startswith(README_TITLE)):
            raise FileExistsError(f"{out} is not empty and was not written by `minebook notebooks`: "
                                  "give an empty or new folder")
        for old in out.rglob("*.ipynb"):
            old.unlink()
    prefix = Path(path_to_book(root))
    written = []
    for docname, source in notebook_pages(root):
        target = out / prefix / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(published_notebook(source, docname, root), target)
        written.append(target)
    names = [p.relative_to(out).as_posix() for p in written]
    (out / "README.md").write_text(readme(root, names, notebooks_branch(root)), encoding="utf-8")
    return written


# ---- the repository setting, before a deploy -----------------------------------------------------------


def _normalized(url: str) -> str:
    return url.strip().rstrip("/").removesuffix(".git").lower()


def repository_problem(root: Path, expect: str | None) -> str | None:
    """Why ``repository: url`` in _config.yml is not this book's repository, in words for an instructor; or None."""
    from minebook.sphinx.bootstrap import is_real_repository, repository

    config = root / "_config.yml"
    try:
        url, _branch = repository(root)
    except ValueError:
        url = ""
    placeholder = bool(url) and not is_real_repository(url)
    if url and not placeholder and (expect is None or _normalized(url) == _normalized(expect)):
        return None
    wanted = expect.rstrip("/") if expect else "https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY"
    if not url:
        found = "has no repository address"
    elif placeholder:
        found = f"still has the example address {url}"
    else:
        found = f"names the repository {url}"
    return (
        f"The book's settings file, {config.name}, {found},\n"
        + (f"but this book is published from {wanted}.\n" if expect else "")
        + "The Binder, JupyterHub and Colab buttons and the set-up cell of every notebook use that address,\n"
        "so they would open the wrong repository.\n\n"
        f"To fix it: open {config.name} (on GitHub: click the file, then the pencil icon to edit it),\n"
        "find these lines near the top and change the address to the one below:\n\n"
        "    repository:\n"
        f"      url: {wanted}\n\n"
        "Then save (commit) the change. The book is published again by itself."
    )
