"""Builds that are safe to run twice and to interrupt.

- One build at a time per output folder: a second `make book` (or `make student`) in the same folder stops at
  once with one sentence, instead of failing half-way with an execution-cache error.
- Ctrl+C prints one line instead of a long traceback from inside the notebook runner.

The lock is an OS file lock (`flock`), so it is released whenever the process ends, even when killed: a
stale lock file never blocks the next build.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not guarded (the book is built on Linux and macOS)
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".minebook-build.lock"
INTERRUPTED = "\nStopped (Ctrl+C): the build was interrupted; {what}. Run the same command again to finish it."


class BuildBusy(Exception):
    """Another build holds the lock of this output folder."""


def acquire(folder: Path, what: str) -> IO[str] | None:
    """Hold the build lock of `folder` until the returned file is closed (or the process ends).

    Raises BuildBusy, with a sentence for the command line, when another build holds it.
    """
    if fcntl is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / LOCK_NAME, "a+", encoding="utf-8")  # held open for the whole build
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise BuildBusy(
            f"Another build of {what} is running in this folder{f' (process {holder})' if holder else ''}: "
            "wait for it to finish, then run the command again. Nothing was changed.") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def exit_quietly_on_ctrl_c(what: str) -> None:
    """In a build process: Ctrl+C prints one line and exits with status 130 (no traceback).

    The notebook kernels run in their own sessions and stop by themselves when the build process is gone.
    """
    def stop(signum: int, frame: Any) -> None:
        print(INTERRUPTED.format(what=what), file=sys.stderr, flush=True)
        os._exit(130)

    try:
        signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread (e.g. a build started by a test runner's worker): leave it alone
        pass


def guard_sphinx_build(app: Any, config: Any) -> None:
    """Sphinx `config-inited`, first of all handlers: take the output folder's lock, make Ctrl+C short."""
    folder = Path(app.outdir).parent
    try:
        app.minebook_build_lock = acquire(folder, "the book")
    except BuildBusy as err:
        print(str(err), file=sys.stderr)
        raise SystemExit(1) from None
    if "pytest" not in sys.modules:  # an in-process test build keeps pytest's own Ctrl+C handling
        exit_quietly_on_ctrl_c(f"the pages in {app.outdir} may be incomplete")
