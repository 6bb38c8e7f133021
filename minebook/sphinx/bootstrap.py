"""The set-up cell at the top of a notebook that runs outside the book: a downloaded chapter, or Colab.

The chapters themselves carry no set-up code (inside the book, ``make lab`` and Binder, the package is
installed). The cell is added where a notebook leaves the book:

* the chapter's download (``minebook/sphinx/launch.py``: a .zip with the notebook, the data tables, the bibliography,
  the chapter's quiz and the ``minebook`` package): the cell finds those files beside the notebook, makes the
  package importable from there and says nothing. It never reaches any other site.
* the notebooks published for Colab (only when ``repository:`` in ``_config.yml`` names a real repository):
  there the cell fetches the repository's archive and says so in one line.

Where a package the chapter needs is missing, the cell stops with one line naming what to install (the exact
version from requirements.txt), shown without a traceback (IPython's ``_render_traceback_``), so "Run All" stops
there instead of failing later. ``MINEBOOK_REPO_URL`` overrides the repository at run time (tests point it at an
archive served on 127.0.0.1).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from minebook.core.config import book_config

MARKER = "# Set-up: finds the book's helper package and data"
TAG = "remove-input"
PLACEHOLDER_OWNERS = ("OWNER", "YOUR-ACCOUNT", "USERNAME", "ORG")
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
# Python module -> the distribution that provides it: what the helper package imports when a chapter runs.
# The versions come from requirements.txt (the book's pins), so the cell names exactly what the book uses.
RUNTIME_MODULES = {"pandas": "pandas", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets", "yaml": "PyYAML",
                   "pybtex": "pybtex", "docutils": "docutils"}

# The cell's code, short on purpose: readers of a download see it (the book never shows it).
CELL_TEMPLATE = '''\
{marker} beside this notebook (a downloaded chapter) or in the book's repository.
def _setup(repo="{repo}", branch="{branch}", needs={needs}):
    import importlib, os, pathlib, subprocess, sys, tarfile, tempfile, urllib.request

    class Stop(Exception):  # shown as its one line, without a traceback, and "Run All" stops here
        def _render_traceback_(self):
            return [str(self)]

    here, repo = pathlib.Path.cwd(), os.environ.get("MINEBOOK_REPO_URL", repo)
    root = next((d for d in [here, *here.parents] if (d / "_toc.yml").is_file() and (d / "minebook").is_dir()), None)
    if root is None and not repo:
        raise Stop("This notebook needs the files that come with it: download the chapter's .zip from the book, "
                   "unzip it and open the notebook inside the folder.")
    source = root
    if root is None:  # Colab: fetch the book's repository (the helper package and the data)
        source = f"{{repo.rstrip('/')}}/archive/refs/heads/{{branch}}.tar.gz"
        folder = pathlib.Path(tempfile.mkdtemp(prefix="minebook-"))
        with urllib.request.urlopen(source) as response, tarfile.open(fileobj=response, mode="r|gz") as tar:
            tar.extractall(folder, **({{"filter": "data"}} if hasattr(tarfile, "data_filter") else {{}}))
        root = next(folder.iterdir())
        pip = [sys.executable, "-m", "pip", "install", "-q", "--no-build-isolation", str(root)]
        if subprocess.run(pip, capture_output=True).returncode:
            raise Stop(f"Could not install the book's helper package from {{root}}: run `pip install {{root}}`.")
    missing = []
    for module, pin in needs.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(pin)
    if missing:
        raise Stop(f"This chapter needs {{', '.join(missing)}}: run `pip install {{' '.join(missing)}}`, then restart "
                   "the kernel and run all cells again.")
    sys.path.insert(0, str(root))
    os.environ["MINEBOOK_ROOT"] = str(root)
    importlib.invalidate_caches()
    if source != root:
        print(f"Set-up: installed the book's helper package and data from {{source}}.")


_setup()'''

# A MyST code cell whose first line is MARKER, with its options block (:tags: ...).
CELL_RE = re.compile(r"```\{code-cell\}[^\n]*\n(?::[^\n]*\n)*\n?" + re.escape(MARKER) + r".*?\n```\n\n?", re.DOTALL)


def repository(root: Path) -> tuple[str, str]:
    """The repository URL and branch from ``_config.yml``: the one setting launch buttons and the cell share."""
    repo = book_config(root).get("repository") or {}
    url, branch = repo.get("url"), repo.get("branch", "main")
    if not url:
        raise ValueError(f"{root / '_config.yml'}: field 'repository: url' is needed (the book's GitHub repository)")
    return str(url).rstrip("/"), str(branch)


def is_placeholder_host(url: str) -> bool:
    """An example address (example.org and the like), never a real site."""
    host = (urlparse(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS)


def is_real_repository(url: str) -> bool:
    """A repository a reader can open: an http(s) address with an owner and a name, not the template's
    placeholder (``github.com/OWNER/...``) and not an example host."""
    parsed = urlparse(url.strip())
    parts = [p for p in parsed.path.split("/") if p]
    return (parsed.scheme in ("http", "https") and bool(parsed.hostname) and not is_placeholder_host(url)
            and len(parts) >= 2 and parts[0].upper() not in PLACEHOLDER_OWNERS)


def real_repository(root: Path) -> tuple[str, str] | None:
    """``repository()`` when it names a real repository, else None (launch buttons and fetching stay off)."""
    try:
        url, branch = repository(root)
    except ValueError:
        return None
    return (url, branch) if is_real_repository(url) else None


def pins(root: Path) -> dict[str, str]:
    """Module -> ``name==version`` for the packages a chapter imports, from the book's requirements.txt."""
    found = {}
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines() if (root / "requirements.txt").is_file() else []
    for line in lines:
        name, sep, version = line.split("#", 1)[0].strip().partition("==")
        if sep:
            found[re.sub(r"[-_.]+", "-", name).lower()] = f"{name}=={version}"
    return {module: found.get(dist.lower(), dist) for module, dist in RUNTIME_MODULES.items()}


def cell_source(root: Path) -> str:
    """The cell's code for this book: fetching only from a real repository, dependencies pinned as the book's."""
    try:
        url, branch = repository(root)
    except ValueError:  # no repository set: nothing to fetch from
        url, branch = "", "main"
    url = url if is_real_repository(url) else ""
    return CELL_TEMPLATE.format(marker=MARKER, repo=url, branch=branch, needs=repr(pins(root)))


def without_setup_cell(text: str) -> str:
    """A MyST chapter without the set-up cell that chapters used to carry (the cell now goes only into downloads)."""
    return CELL_RE.sub("", text, count=1)
