"""Draw statements at random from the book's prose for an independent fact check.

Why: an editor who did not write a chapter checks a random sample of its statements against the sources
they cite. The draw must be reproducible (a fixed seed) so that anyone can re-draw the same sample and see
that nothing was hand-picked. The script reads the Markdown sources of every page listed in `_toc.yml`,
skips code cells, front matter, directive options, headings, tables, questions to the reader and the
instructors' software guide, splits the prose into
sentences, and prints N of them with their file, line and the citation keys nearby (in the sentence, or
else in the same paragraph, which is where this book puts them).

Usage (from the repository root):

    python tools/sample_statements.py                 # 35 statements, seed 2026
    python tools/sample_statements.py -n 40 --seed 7  # another draw
    python tools/sample_statements.py --format csv > sample.csv   # a sheet to fill in verdicts

Glued numbers appear as {glue:text}`name`: read their value on the built page (or in data/).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
SENTENCE_END = re.compile(r"([.!?][\"”’)]?)\s+(?=[A-Z\"“(*\[{])")
# Pages that state no facts about the subject: the software guide for instructors and the generated bibliography.
SKIP_PAGES = ("instructors/", "bibliography")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "No.", "St.", "Art.", "art.", "cf.", "vs.", "approx.")


@dataclass
class Statement:
    """One sentence of prose, where it is, and the sources cited with it."""

    file: str
    line: int
    text: str
    cites_in_sentence: list[str]
    cites_in_paragraph: list[str]


def toc_pages(root: Path) -> list[Path]:
    """Every page the book builds, in table-of-contents order (root first)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    pages = []
    for name in files:
        for suffix in (".md", ".ipynb", ""):
            path = root / f"{name}{suffix}"
            if path.is_file() and path.suffix == ".md" and not name.startswith(SKIP_PAGES):
                pages.append(path)
                break
    return pages


def prose_paragraphs(path: Path) -> list[tuple[list[int], str]]:
    """(line number of each joined line, text) of each prose paragraph, outside code cells and front matter."""
    lines = path.read_text(encoding="utf-8").splitlines()
    paragraphs: list[tuple[list[int], str]] = []
    current: list[str] = []
    numbers: list[int] = []
    fence: str | None = None
    in_front = bool(lines) and lines[0].strip() == "---"

    def flush() -> None:
        nonlocal current, numbers
        if current:
            paragraphs.append((numbers, " ".join(s.strip() for s in current)))
        current, numbers = [], []

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if in_front:
            if number > 1 and line.strip() == "---":
                in_front = False
            continue
        stripped = line.strip()
        match = re.match(r"^(`{3,}|:{3,})(\{[^}]+\})?(.*)$", stripped)
        if fence is None and match:
            directive = match.group(2) or ""
            flush()
            # Admonitions hold prose (learning goals, notes); code cells, figures and other blocks do not.
            fence = match.group(1) if "admonition" not in directive and "note" not in directive else None
            continue
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip("`:") == "":
                fence = None
            continue
        if stripped.startswith(("`", ":")) and stripped.strip("`:") == "":
            continue  # closing fence of an admonition
        if not stripped or (stripped.startswith(("#", "|", "<", "(", "+++")) and not stripped.startswith("((")):
            flush()
            continue
        if re.match(r"^:[a-z-]+:", stripped):
            continue  # directive option such as :class: note
        if re.match(r"^([-*]|\d+\.)\s", stripped):
            flush()  # each list item is a paragraph of its own
        numbers.append(number)
        current.append(stripped)
    flush()
    return paragraphs


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences without breaking at common abbreviations."""
    protected = text
    for i, abbreviation in enumerate(ABBREVIATIONS):
        protected = protected.replace(abbreviation, f"\x00{i}\x00")
    parts = SENTENCE_END.sub("\\1\x01", protected).split("\x01")
    restored = []
    for part in parts:
        for i, abbreviation in enumerate(ABBREVIATIONS):
            part = part.replace(f"\x00{i}\x00", abbreviation)
        restored.append(part.strip())
    return [p for p in restored if p]


def keys(text: str) -> list[str]:
    found: list[str] = []
    for group in CITE.findall(text):
        for key in group.split(","):
            key = key.strip()
            if key and key not in found:
                found.append(key)
    return found


def statements(root: Path) -> list[Statement]:
    """Every checkable sentence of the book: long enough to state something, not a bare list of sources."""
    found = []
    for path in toc_pages(root):
        relative = str(path.relative_to(root))
        for numbers, paragraph in prose_paragraphs(path):
            paragraph_keys = keys(paragraph)
            # Where each joined line starts in the paragraph's text, to give every sentence its own line number.
            starts = _line_starts(path, numbers)
            cursor = 0
            for sentence in split_sentences(re.sub(r"^([-*]|\d+\.)\s+", "", paragraph)):
                at = paragraph.find(sentence, cursor)
                cursor = max(cursor, at)
                line = numbers[max(0, bisect.bisect_right(starts, at) - 1)] if at >= 0 else numbers[0]
                plain = CITE.sub("", sentence).strip()
                if len(plain.split()) < 6 or plain.rstrip("*").endswith("?"):
                    continue  # too short to state a fact, or a question to the reader
                found.append(Statement(relative, line, sentence, keys(sentence), paragraph_keys))
    return found


def _line_starts(path: Path, numbers: list[int]) -> list[int]:
    """Offset in the joined paragraph text at which each of its source lines begins."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts, offset = [], 0
    for number in numbers:
        starts.append(offset)
        offset += len(lines[number - 1].strip()) + 1
    return starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=35, help="how many statements to draw (default 35)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--format", choices=["text", "csv"], default="text")
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's folder (default: this repository)")
    args = parser.parse_args(argv)
    population = statements(args.root)
    if args.n > len(population):
        print(f"Only {len(population)} statements in the book; asked for {args.n}.", file=sys.stderr)
        return 1
    sample = random.Random(args.seed).sample(population, args.n)
    sample.sort(key=lambda s: (s.file, s.line))
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["n", "file", "line", "statement", "cited_in_sentence", "cited_in_paragraph", "verdict", "note"])
        for i, s in enumerate(sample, start=1):
            writer.writerow([i, s.file, s.line, s.text, ";".join(s.cites_in_sentence), ";".join(s.cites_in_paragraph), "", ""])
        return 0
    print(f"# {args.n} statements drawn with seed {args.seed} from {len(population)} in the book\n")
    for i, s in enumerate(sample, start=1):
        cited = ", ".join(s.cites_in_sentence) or "(none in the sentence)"
        around = ", ".join(k for k in s.cites_in_paragraph if k not in s.cites_in_sentence)
        print(f"{i:>3}. {s.file}:{s.line}")
        print(f"     {s.text}")
        print(f"     cited: {cited}" + (f"; also in the paragraph: {around}" if around else ""))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
