"""One exception type for every content mistake, worded for an instructor who has never seen Python."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One mistake in a content file: where it is, what was expected and what was found."""

    file: Path | str
    where: str  # "line 12, question 'pfm-count'" or "row 4 (line 5)" or "column 'year'"
    field: str
    expected: str
    found: str
    hint: str = ""

    def __str__(self) -> str:
        text = (
            f"{_relative(self.file)}: {self.where}: field '{self.field}': "
            f"expected {self.expected}, found {self.found}."
        )
        return f"{text} {self.hint}".rstrip()


class ContentError(Exception):
    """Raised when a data table, quiz file, bibliography or table of contents is wrong.

    It carries every problem found, so an instructor can fix them all in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _relative(path: Path | str) -> str:
    """Show paths relative to the current folder when possible: shorter, and clickable in editors."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
