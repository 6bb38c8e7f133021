"""The printable form: plain Markdown a teacher can print, paste or turn into a worksheet."""

from __future__ import annotations

import re

from .checking import correct_response
from .model import Question, Quiz

SELF_CHECK = re.compile(r"checked in your browser|page'?s? source|self-check", re.IGNORECASE)


def classroom_intro(intro: str) -> str:
    """The quiz intro without sentences about how answers are checked: each form (self-checking page, student
    form, notebook widget, paper) says that itself, and such a sentence is untrue in the others."""
    sentences = re.split(r"(?<=[.!?])\s+", intro.strip())
    return " ".join(s for s in sentences if s and not SELF_CHECK.search(s))


def render_markdown(quiz: Quiz, *, show_answers: bool = False) -> str:
    """Questions and options; answers and explanations only when `show_answers` (answer keys)."""
    out = [f"**{quiz.title}**", ""]
    if classroom_intro(quiz.intro):
        out += [classroom_intro(quiz.intro), ""]
    for n, q in enumerate(quiz.questions, start=1):
        out += [f"{n}. {q.prompt}", ""]
        out += [f"   {line}" for line in _body(quiz, q, show_answers)]
        if show_answers:
            out += ["", f"   *Answer:* {answer_text(q)}", f"   *Why:* {q.explanation} (source: {', '.join(q.sources)})"]
            if q.instructor_note:
                out += [f"   *Instructor note:* {q.instructor_note}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _body(quiz: Quiz, q: Question, show: bool) -> list[str]:
    order = quiz.display_order(q)
    if q.type == "single":
        return [f"- ( ) {q.options[i].text}" for i in order]
    if q.type == "multiple":
        return ["*Tick every correct answer.*", *(f"- [ ] {q.options[i].text}" for i in order)]
    if q.type == "truefalse":
        return ["- ( ) True", "- ( ) False"]
    if q.type == "numeric":
        return [f"Answer: ________ {q.unit}".rstrip()]
    if q.type == "ordering":
        return ["*Number them in order (1 = first).*", *(f"- ___ {q.items[i]}" for i in order)]
    return [f"*Write one of: {', '.join(q.categories)}.*", *(f"- {q.items[i]}: ________" for i in order)]


def answer_text(q: Question) -> str:
    """The right answer in words, for answer keys and 'show answer'."""
    right = correct_response(q)
    if q.type == "single":
        return q.options[right].text
    if q.type == "multiple":
        return "; ".join(q.options[i].text for i in right)
    if q.type == "truefalse":
        return "True" if right else "False"
    if q.type == "numeric":
        if q.range:
            return f"between {q.range[0]:,g} and {q.range[1]:,g} {q.unit}".rstrip()
        tol = f" (± {q.tolerance:,g})" if q.tolerance else ""
        return f"{q.answer:,g} {q.unit}{tol}".replace("  ", " ").rstrip()
    if q.type == "ordering":
        return " → ".join(q.items)
    return "; ".join(f"{item}: {q.categories[c]}" for item, c in zip(q.items, q.item_categories))
