"""The set-up cell at the top of every chapter, so a chapter notebook also runs when opened alone.

Colab opens one notebook from GitHub with no repository files beside it, and a reader may download one
chapter's .ipynb from the book. The cell then fetches what is missing (the helper package and the data)
as an archive of the repository and says so in one line. Inside the book (``make lab``, Binder, a clone)
it finds the package and the data and prints nothing.

The repository URL and branch are written into the cell from ``_config.yml`` (``repository: url/branch``),
the one place they are set, which also drives the launch buttons. This module renders the cell and puts it
into a MyST chapter idempotently; a test checks that every chapter holds exactly the cell rendered from
the current ``_config.yml``. ``MINEBOOK_REPO_URL`` overrides the repository at run time (tests point it at
an archive served on 127.0.0.1).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

MARKER = "# Set-up: finds the book's helper package and data"
TAG = "remove-input"

# The cell's code. Kept short on purpose: readers of a downloaded notebook see it (the book hides it).
# {repo} and {branch} come from _config.yml. The archive URL is GitHub's: REPO/archive/refs/heads/BRANCH.tar.gz.
CELL_TEMPLATE = '''\
{marker}; when this notebook runs alone (Colab, a download), fetches them.
def _setup(repo="{repo}", branch="{branch}"):
    import importlib, os, pathlib, subprocess, sys, tarfile, tempfile, urllib.request
    try:
        from minebook.core.paths import book_root
        book_root()  # raises when the book's folder is not found
        return  # inside the book: nothing to do, say nothing
    except (ImportError, FileNotFoundError):
        pass
    cwd = pathlib.Path.cwd()
    root = next((d for d in [cwd, *cwd.parents] if (d / "_toc.yml").is_file() and (d / "minebook").is_dir()), None)
    source = root
    if root is None:
        source = f"{{os.environ.get('MINEBOOK_REPO_URL', repo).rstrip('/')}}/archive/refs/heads/{{branch}}.tar.gz"
        folder = pathlib.Path(tempfile.mkdtemp(prefix="minebook-"))
        with urllib.request.urlopen(source) as response, tarfile.open(fileobj=response, mode="r|gz") as tar:
            tar.extractall(folder, **({{"filter": "data"}} if hasattr(tarfile, "data_filter") else {{}}))
        root = next(folder.iterdir())
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-build-isolation", str(root)]  # + pybtex if missing
    done = subprocess.run(pip, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"Could not install the book's helper package from {{root}}:\\n{{done.stderr}}")
    importlib.invalidate_caches()
    os.environ["MINEBOOK_ROOT"] = str(root)
    print(f"Set-up: installed the book's helper package and data from {{source}}.")


_setup()'''

# A MyST code cell whose first line is MARKER, with its options block (:tags: ...).
CELL_RE = re.compile(r"```\{code-cell\}[^\n]*\n(?::[^\n]*\n)*\n?" + re.escape(MARKER) + r".*?\n```\n\n?", re.DOTALL)
TITLE_RE = re.compile(r"^# .*\n", re.MULTILINE)


def repository(root: Path) -> tuple[str, str]:
    """The repository URL and branch from ``_config.yml``: the one setting launch buttons and the cell share."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    repo = config.get("repository") or {}
    url, branch = repo.get("url"), repo.get("branch", "main")
    if not url:
        raise ValueError(f"{root / '_config.yml'}: field 'repository: url' is needed (the book's GitHub repository)")
    return str(url).rstrip("/"), str(branch)


def cell_source(root: Path) -> str:
    """The cell's code for this book."""
    url, branch = repository(root)
    return CELL_TEMPLATE.format(marker=MARKER, repo=url, branch=branch)


def myst_cell(root: Path) -> str:
    """The cell as MyST Markdown, as it sits in a chapter."""
    return f"```{{code-cell}} ipython3\n:tags: [{TAG}]\n\n{cell_source(root)}\n```\n\n"


def with_setup_cell(text: str, root: Path) -> str:
    """The chapter with the current set-up cell right after its title (replacing an older one if present)."""
    cell = myst_cell(root)
    if CELL_RE.search(text):
        return CELL_RE.sub(lambda _: cell, text, count=1)
    title = TITLE_RE.search(text)
    if title is None:
        raise ValueError("the chapter has no '# Title' line to put the set-up cell under")
    return text[: title.end()] + "\n" + cell + text[title.end() :].lstrip("\n")
