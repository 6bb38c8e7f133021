"""Quiz exports for learning platforms: Moodle GIFT and IMS QTI 1.2 (Canvas "QTI .zip" import; Blackboard).

Written by hand (a few dozen lines each) rather than with a library: both formats are small, and the tests
parse every exported file back and compare it with the quiz files.

What each format can and cannot express is stated once, in LIMITS, and printed by `minebook export` and in
the head of every exported file, so an instructor is never surprised after an import.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path

from minebook.core.config import book_title
from minebook.core.errors import ContentError, Problem
from minebook.quiz.model import Question, Quiz
from minebook.quiz.safe_markdown import inline_html, markdown_text

FORMATS = ("gift", "qti")

LIMITS = {
    "gift": [
        "single -> multiple choice (one right answer), with option feedback.",
        "multiple -> multiple choice with several right answers: each right option earns an equal share, "
        "each wrong option takes an equal share off.",
        "truefalse -> true/false, with the feedback for a right and a wrong answer.",
        "numeric -> numerical with the same tolerance or range. GIFT has no units: the unit is added to the prompt "
        "('Give your answer in ...').",
        "classify -> matching: each statement is matched to its category.",
        "ordering -> NOT expressible: GIFT has no ordering question. Exported as matching: each item is matched to "
        "its position ('Position 1', 'Position 2', ...).",
        "Per-item feedback is not expressible in matching questions; explanations become general feedback.",
    ],
    "qti": [
        "single -> multiple_choice_question, with option feedback.",
        "multiple -> multiple_answers_question (all right options and no wrong one earn the point).",
        "truefalse -> true_false_question.",
        "numeric -> numerical_question (an exact answer with a margin, or a range). QTI 1.2 has no units: the unit "
        "is added to the prompt.",
        "classify -> matching_question: each statement is matched to its category.",
        "ordering -> NOT expressible for Canvas or Blackboard imports (their QTI 1.2 readers have no ordering "
        "question). Exported as matching_question: each item is matched to its position.",
    ],
}


# ---- shared -------------------------------------------------------------------------------------------------


def prompt_text(q: Question) -> str:
    """The prompt as exported: numeric questions say their unit, since neither format has one."""
    if q.type == "numeric" and q.unit:
        return f"{q.prompt} Give your answer in {q.unit}."
    return q.prompt


def number(x: float) -> str:
    """1250 not 1250.0, 0.1 not 0.1000000001, never an exponent: what both formats and every LMS can read."""
    text = format(Decimal(repr(float(x))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def position(p: int) -> str:
    return f"Position {p}"


def explanation_text(quiz: Quiz, q: Question) -> str:
    cites = []
    for key in q.sources:
        s = quiz.sources.get(key)
        cites.append(f"{s.title} ({s.url})" if s is not None and s.url else (s.title if s is not None else key))
    return f"{q.explanation} Source: {'; '.join(cites)}."


def pairs(q: Question) -> list[tuple[str, str]]:
    """ordering and classify as matching: (left, right) in file order."""
    if q.type == "ordering":
        return [(item, position(i + 1)) for i, item in enumerate(q.items)]
    return [(item, q.categories[c]) for item, c in zip(q.items, q.item_categories)]


# ---- GIFT ---------------------------------------------------------------------------------------------------

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Quiz text as GIFT [markdown]: made inert Markdown first (raw HTML and javascript: links are shown as typed,
    never passed to Moodle's renderer), then GIFT's special characters escaped and line breaks written as \\n."""
    out = "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in markdown_text(text))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def weight(x: float) -> str:
    """A Moodle grade percentage: 33.33333, 50, -25 (Moodle matches it to its list of allowed grades)."""
    text = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def gift_question(quiz: Quiz, q: Question) -> str:
    head = f"::{q.id}::[markdown]{gift_escape(prompt_text(q))}"
    general = f"####{gift_escape(explanation_text(quiz, q))}"
    lines: list[str] = []
    if q.type == "single":
        for o in q.options:
            fb = f"#{gift_escape(o.feedback)}" if o.feedback else ""
            lines.append(f"{'=' if o.correct else '~'}{gift_escape(o.text)}{fb}")
    elif q.type == "multiple":
        right = sum(o.correct for o in q.options)
        wrong = len(q.options) - right
        for o in q.options:
            w = 100 / right if o.correct else -100 / wrong
            fb = f"#{gift_escape(o.feedback)}" if o.feedback else ""
            lines.append(f"~%{weight(w)}%{gift_escape(o.text)}{fb}")
    elif q.type == "truefalse":
        right_fb = q.feedback_true if q.answer else q.feedback_false
        wrong_fb = q.feedback_false if q.answer else q.feedback_true
        tf = "TRUE" if q.answer else "FALSE"
        fbs = f"#{gift_escape(wrong_fb)}#{gift_escape(right_fb)}" if (right_fb or wrong_fb) else ""
        lines.append(tf + fbs)
    elif q.type == "numeric":
        if q.range:
            lines.append(f"#{number(q.range[0])}..{number(q.range[1])}")
        else:
            lines.append(f"#{number(q.answer)}:{number(q.tolerance)}")
    else:
        for left, right in pairs(q):
            if "->" in left or "->" in right:
                raise ContentError([Problem(quiz.path, f"line {q.line}, question '{q.id}'", "items",
                                            "text without '->' (GIFT matching questions cannot hold it)",
                                            f"'{left if '->' in left else right}'", "Write → instead.")])
            lines.append(f"={gift_escape(left)} -> {gift_escape(right)}")
    body = "\n".join(f"    {line}" for line in lines)
    return f"// {q.type} question, from {quiz.path.name} line {q.line}\n{head} {{\n{body}\n    {general}\n}}\n"


def to_gift(quizzes: list[Quiz]) -> str:
    """One GIFT file: a category per quiz, then its questions, separated by blank lines."""
    out = ["// Exported by `minebook export gift` from the landmines book (content CC BY 4.0).",
           "// What GIFT can and cannot express:"]
    out += [f"//   {line}" for line in LIMITS["gift"]]
    out.append("")
    for quiz in quizzes:
        out.append(f"$CATEGORY: Landmines book/{quiz.id}\n")
        out += [gift_question(quiz, q) for q in quiz.questions]
    return "\n".join(out)


# ---- QTI 1.2 ------------------------------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "numeric": "numerical_question",
    "ordering": "matching_question",
    "classify": "matching_question",
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _mat(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    _mat(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html)


def qti_item(quiz: Quiz, q: Question) -> ET.Element:
    item = ET.Element("item", ident=f"{quiz.id}-{q.id}", title=q.id)
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", QTI_TYPES[q.type]), ("points_possible", "1")):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    pres = _sub(item, "presentation")
    _mat(pres, inline_html(prompt_text(q)))
    proc = _sub(item, "resprocessing")
    _sub(_sub(proc, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(proc, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    feedbacks: list[tuple[str, str]] = [("general_fb", inline_html(explanation_text(quiz, q)))]

    if q.type in ("single", "multiple", "truefalse"):
        if q.type == "truefalse":
            choices = [("true", "True", q.answer is True, q.feedback_true), ("false", "False", q.answer is False, q.feedback_false)]
        else:
            choices = [(f"o{i}", inline_html(o.text), o.correct, o.feedback) for i, o in enumerate(q.options)]
        lid = _sub(pres, "response_lid", ident="response1", rcardinality="Multiple" if q.type == "multiple" else "Single")
        render = _sub(lid, "render_choice")
        for ident, html, _right, _fb in choices:
            _mat(_sub(render, "response_label", ident=ident), html)
        for ident, _html, _right, fb in choices:
            if fb:
                cond = _sub(proc, "respcondition", **{"continue": "Yes"})
                _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
                _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
                feedbacks.append((f"{ident}_fb", inline_html(fb)))
        cond = _sub(proc, "respcondition", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        if q.type == "multiple":
            both = _sub(var, "and")
            for ident, _html, right, _fb in choices:
                if right:
                    _sub(both, "varequal", ident, respident="response1")
                else:
                    _sub(_sub(both, "not"), "varequal", ident, respident="response1")
        else:
            right_ident = next(ident for ident, _h, right, _f in choices if right)
            _sub(var, "varequal", right_ident, respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    elif q.type == "numeric":
        fib = _sub(_sub(pres, "response_str", ident="response1", rcardinality="Single"), "render_fib", fibtype="Decimal")
        _sub(fib, "response_label", ident="answer1")
        cond = _sub(proc, "respcondition", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        low, high = q.range if q.range else (q.answer - q.tolerance, q.answer + q.tolerance)
        either = _sub(var, "or")
        if not q.range:
            _sub(either, "varequal", number(q.answer), respident="response1")
        span = _sub(either, "and")
        _sub(span, "vargte", number(low), respident="response1")
        _sub(span, "varlte", number(high), respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:
        matches = pairs(q)
        answers = list(dict.fromkeys(right for _l, right in matches))
        share = number(round(100 / len(matches), 4))
        for i, (left, right) in enumerate(matches):
            lid = _sub(pres, "response_lid", ident=f"response_{i}")
            _mat(lid, inline_html(left))
            render = _sub(lid, "render_choice")
            for k, answer in enumerate(answers):
                _sub(_sub(_sub(render, "response_label", ident=f"m{k}"), "material"), "mattext", answer, texttype="text/plain")
            cond = _sub(proc, "respcondition")
            _sub(_sub(cond, "conditionvar"), "varequal", f"m{answers.index(right)}", respident=f"response_{i}")
            _sub(cond, "setvar", share, varname="SCORE", action="Add")
    for ident, html in feedbacks:
        _feedback(item, ident, html)
    return item


def to_qti(quizzes: list[Quiz], title: str) -> bytes:
    """A QTI 1.2 assessment: one section per quiz. XML bytes, UTF-8."""
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    root.append(ET.Comment(" Exported by `minebook export qti` from the landmines book (content CC BY 4.0). "
                           + " ".join(LIMITS["qti"]).replace("--", "-") + " "))
    ident = quizzes[0].id if len(quizzes) == 1 else "landmines-book"
    assessment = _sub(root, "assessment", ident=ident, title=title)
    for quiz in quizzes:
        section = _sub(assessment, "section", ident=f"section-{quiz.id}", title=quiz.title)
        for q in quiz.questions:
            section.append(qti_item(quiz, q))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}-manifest" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
  <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="{ident}" type="imsqti_xmlv1p2" href="{href}"><file href="{href}"/></resource>
  </resources>
</manifest>
"""


def qti_package(xml: bytes, ident: str) -> bytes:
    """The .zip an LMS imports: imsmanifest.xml and the assessment. Fixed timestamps: same input, same bytes."""
    href = f"{ident}/{ident}.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("imsmanifest.xml", MANIFEST.format(ident=ident, href=href).encode()), (href, xml)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


def write_exports(quizzes: list[Quiz], out: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Per chapter and, for several chapters, one file for the whole book, in each format."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    groups = [(q.id, [q], q.title) for q in quizzes]
    if len(quizzes) > 1:
        groups.append(("book", quizzes, f"{book_title()}: all quizzes"))
    for name, group, title in groups:
        if "gift" in formats:
            path = out / f"{name}.gift.txt"
            path.write_text(to_gift(group), encoding="utf-8")
            written.append(path)
        if "qti" in formats:
            xml = to_qti(group, title)
            ident = group[0].id if len(group) == 1 else "landmines-book"
            path = out / f"{name}.qti.zip"
            path.write_bytes(qti_package(xml, ident))
            written.append(path)
    return written
