"""Answer keys and printable worksheets, per chapter and for the whole book, from the quiz files.

Outputs (all generated, never edited by hand; `_build/` is not committed):

    _build/keys/<chapter>.key.md  .key.html     the chapter's answer key (answers, explanations, sources)
    _build/keys/book.key.md       book.key.html every chapter's key in book order
    _build/worksheets/<chapter>.worksheet.html  .worksheet.pdf        what students get: no answer anywhere
    _build/worksheets/<chapter>.worksheet-key.html  .worksheet-key.pdf  the same sheet with the key filled in

PDFs are printed by headless Chromium when it is installed (/usr/bin/chromium, or MINEBOOK_CHROMIUM);
without it the HTML sheets print from any browser (File > Print) with the same layout.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from minebook.content.bib import http_url
from minebook.content.quizzes import load_quiz
from minebook.core.config import book_config
from minebook.core.language import translate, ui
from minebook.core.paths import book_root
from minebook.core.toc import toc_files
from minebook.instructor.scaffold import unescape_myst
from minebook.quiz import words
from minebook.quiz.formatting import accessed, full_stop
from minebook.quiz.markdown import answer_text, question_lines
from minebook.quiz.model import Quiz
from minebook.quiz.safe_markdown import markdown_text
from minebook.quiz.sheet import classroom_intro, standalone_page, worksheet_body


def credit() -> str:
    """The licence line on every worksheet and key, with the title and author from _config.yml."""
    config = book_config()
    title = html.escape(str(config.get("title") or ui("The book")))
    author = html.escape(str(config.get("author") or ui("its authors")))
    licence = '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
    return ui("From <em>{title}</em>, by {author}, {licence}.").format(title=title, author=author, licence=licence)


def book_quizzes(chapters: Iterable[str] | None = None) -> list[Quiz]:
    """The quizzes of the chosen chapters (default: every chapter in _toc.yml, in book order)."""
    root = book_root()
    if chapters:
        names = [c.strip().removeprefix("chapters/").removesuffix(".md").removesuffix(".quiz.yml") for c in chapters]
    else:
        names = [Path(f).name for f, _ in toc_files(root)[0] if f.startswith("chapters/")]
        names = [n for n in names if (root / "chapters" / f"{n}.quiz.yml").is_file()]
    return [load_quiz(n) for n in names]


def chapter_title(quiz: Quiz) -> str:
    """The chapter's first `# heading`, so a key says which chapter it belongs to."""
    page = quiz.path.parent / f"{quiz.id}.md"
    if page.is_file():
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):  # in a translated book, as the page's own catalog translates it
                return unescape_myst(translate(f"chapters/{quiz.id}", line[2:].strip()))
    return quiz.id


def cite_markdown(quiz: Quiz, key: str) -> str:
    """A source by its title (a link when it has a URL), as the HTML key cites it; the bib key if unknown."""
    s = quiz.sources.get(key)
    if s is None:
        return markdown_text(key)
    title = f"*{markdown_text(s.title or key)}*"
    return f"[{title}]({s.url}){markdown_text(accessed(s))}" if http_url(s.url) else title


def key_markdown(quiz: Quiz, heading: str = "#") -> str:
    """The answer key in Markdown: what the HTML key shows, for pasting into notes or an LMS.

    Like the HTML key and the worksheets, it leaves out the intro's sentences about checking answers in the
    browser (they are addressed to students reading the online book) and names each source by its title.
    """
    md = markdown_text  # every text from the quiz file: raw HTML and javascript: links typed there stay inert
    out = [f"{heading} " + ui("Answer key: {chapter}").format(chapter=md(chapter_title(quiz))), "", f"**{md(quiz.title)}**", ""]
    if classroom_intro(quiz.intro):
        out += [md(classroom_intro(quiz.intro)), ""]
    for n, q in enumerate(quiz.questions, start=1):
        out += [f"{n}. {md(q.prompt)}", ""]
        out += [f"   {line}" for line in question_lines(quiz, q, True)]
        out += ["", f"   *{ui(words.ANSWER)}* {md(answer_text(q))}", f"   *{ui(words.WHY)}* {md(q.explanation)}",
                f"   *{ui(words.SOURCE)}* {full_stop('; '.join(cite_markdown(quiz, k) for k in q.sources))}"]
        if q.instructor_note:
            out += [f"   *{ui(words.NOTE)}* {md(q.instructor_note)}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_keys(quizzes: list[Quiz], out: Path) -> list[Path]:
    """Per-chapter and whole-book answer keys, as Markdown and HTML."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for quiz in quizzes:
        md = out / f"{quiz.id}.key.md"
        md.write_text(key_markdown(quiz), encoding="utf-8")
        page = out / f"{quiz.id}.key.html"
        title = ui("Answer key: {chapter}").format(chapter=chapter_title(quiz))
        page.write_text(standalone_page(title, f"<h1>{_esc(title)}</h1>\n" + worksheet_body(quiz, answers=True), credit=credit()),
                        encoding="utf-8")
        written += [md, page]
    if len(quizzes) > 1:
        book_md = out / "book.key.md"
        whole = ui("Answer key: the whole book")
        book_md.write_text(f"# {whole}\n\n" + "\n".join(key_markdown(q, "##") for q in quizzes), encoding="utf-8")
        sections = "\n".join(f"<section><h2>{_esc(chapter_title(q))}</h2>\n{worksheet_body(q, answers=True, heading='h3')}</section>"
                             for q in quizzes)
        book_html = out / "book.key.html"
        book_html.write_text(standalone_page(whole, f"<h1>{_esc(whole)}</h1>\n{sections}",
                                             credit=credit()), encoding="utf-8")
        written += [book_md, book_html]
    return written


def worksheet_page(quiz: Quiz, *, answers: bool) -> str:
    title = (ui("Answer key: {chapter}") if answers else ui("Worksheet: {chapter}")).format(chapter=chapter_title(quiz))
    head = f"<h1>{_esc(title)}</h1>"
    if not answers:
        head += f'<div class="meta"><span>{ui(words.NAME_LINE)}</span><span>{ui(words.CLASS_LINE)}</span><span>{ui(words.DATE_LINE)}</span></div>'
    return standalone_page(title, head + "\n" + worksheet_body(quiz, answers=answers), credit=credit())


def find_chromium() -> str | None:
    """Chromium or Chrome for printing PDFs: MINEBOOK_CHROMIUM, then the usual names on PATH."""
    env = os.environ.get("MINEBOOK_CHROMIUM")
    if env and Path(env).is_file():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, pdf: Path, chromium: str) -> bool:
    """Print one HTML file to PDF with headless Chromium (its own throw-away profile; no header or footer)."""
    with tempfile.TemporaryDirectory(prefix="minebook-chromium-") as profile:
        cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", f"--user-data-dir={profile}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return pdf.is_file() and pdf.stat().st_size > 0


# Paper sizes for worksheets (CSS @page size, which the browser's print dialog and Chromium's PDF follow):
# A4, as schools in Ukraine and most of the world print; US Letter on request.
PAPER = {"a4": "A4", "letter": "letter"}


def on_paper(page_html: str, paper: str) -> str:
    """The page printed on `paper` (added to its own style, so the sheet stays one self-contained file)."""
    return page_html.replace("</style></head>", f" @page {{ size: {PAPER[paper]}; }}</style></head>", 1)


def write_worksheets(quizzes: list[Quiz], out: Path, pdf: bool = True, paper: str = "a4") -> tuple[list[Path], str]:
    """Each chapter's worksheet and its answer-key version, as HTML and (where Chromium exists) PDF, on `paper`.

    Returns the files written and a sentence about PDFs for the command line to print.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    chromium = find_chromium() if pdf else None
    for quiz in quizzes:
        for answers, suffix in ((False, "worksheet"), (True, "worksheet-key")):
            page = out / f"{quiz.id}.{suffix}.html"
            page.write_text(on_paper(worksheet_page(quiz, answers=answers), paper), encoding="utf-8")
            written.append(page)
            if chromium:
                target = page.with_suffix(".pdf")
                if print_pdf(page, target, chromium):
                    written.append(target)
    if not pdf:
        note = "PDFs not asked for (--no-pdf)."
    elif chromium:
        note = f"PDFs printed with {chromium}."
    else:
        note = ("No Chromium found, so no PDFs: open a .worksheet.html file in a browser and print it (File > Print), "
                "or install Chromium (Debian/Ubuntu: apt-get install chromium) or set MINEBOOK_CHROMIUM.")
    return written, note


def _esc(text: str) -> str:
    from minebook.quiz.safe_markdown import inline_html

    return inline_html(text)
