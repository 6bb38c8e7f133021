"""IMS QTI 1.2 (Canvas "QTI .zip" import; Blackboard): an assessment with one section per quiz, in a .zip with
its manifest. Each kind fills its items through `QtiWriter` (quiz/kinds/)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from minebook.core.language import N_, ui
from minebook.quiz.kinds import KINDS
from minebook.quiz.model import Question, Quiz
from minebook.quiz.safe_markdown import inline_html

from .common import explanation_text, limits, number, prompt_text

NAME, LABEL = "qti", "QTI 1.2 (Canvas, Blackboard)"
HELP = "qti (QTI 1.2 .zip)"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_TYPES = {name: kind.qti_type for name, kind in KINDS.items()}
LIMITS = limits(NAME)
HEAD = N_("Exported by `minebook export qti` from the landmines book (content CC BY 4.0).")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _mat(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


class QtiWriter:
    """What a kind's `qti` hook writes with: the item's presentation and its scoring."""

    def __init__(self, pres: ET.Element, proc: ET.Element, feedbacks: list[tuple[str, str]]):
        self.pres, self.proc, self.feedbacks = pres, proc, feedbacks

    def _score(self) -> tuple[ET.Element, ET.Element]:
        cond = _sub(self.proc, "respcondition", **{"continue": "No"})
        return cond, _sub(cond, "conditionvar")

    def choices(self, choices: list[tuple[str, str, bool, str]], *, multiple: bool) -> None:
        """Options to choose (ident, label html, right, feedback): all right and no wrong one earn the point."""
        lid = _sub(self.pres, "response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single")
        render = _sub(lid, "render_choice")
        for ident, html, _right, _fb in choices:
            _mat(_sub(render, "response_label", ident=ident), html)
        for ident, _html, _right, fb in choices:
            if fb:
                cond = _sub(self.proc, "respcondition", **{"continue": "Yes"})
                _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
                _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
                self.feedbacks.append((f"{ident}_fb", inline_html(fb)))
        cond, var = self._score()
        if multiple:
            both = _sub(var, "and")
            for ident, _html, right, _fb in choices:
                _sub(both if right else _sub(both, "not"), "varequal", ident, respident="response1")
        else:
            right_ident = next(ident for ident, _h, right, _f in choices if right)
            _sub(var, "varequal", right_ident, respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")

    def number(self, exact: float | None, low: float, high: float) -> None:
        """A number: `exact` (when given) or anything from low to high earns the point."""
        fib = _sub(_sub(self.pres, "response_str", ident="response1", rcardinality="Single"), "render_fib", fibtype="Decimal")
        _sub(fib, "response_label", ident="answer1")
        cond, var = self._score()
        either = _sub(var, "or")
        if exact is not None:
            _sub(either, "varequal", number(exact), respident="response1")
        span = _sub(either, "and")
        _sub(span, "vargte", number(low), respident="response1")
        _sub(span, "varlte", number(high), respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")

    def texts(self, accepted: list[str], *, case_sensitive: bool = False) -> None:
        """A typed text: any of `accepted` earns the point (as the LMS compares: it may ignore case, no more)."""
        fib = _sub(_sub(self.pres, "response_str", ident="response1", rcardinality="Single"), "render_fib", fibtype="String")
        _sub(fib, "response_label", ident="answer1")
        cond, var = self._score()
        either = _sub(var, "or") if len(accepted) > 1 else var
        for text in accepted:
            attrs = {"respident": "response1"} | ({"case": "Yes"} if case_sensitive else {})
            _sub(either, "varequal", text, **attrs)
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")

    def matching(self, pairs: list[tuple[str, str]]) -> None:
        """Each left text matched to one of the right texts; each earns its share."""
        answers = list(dict.fromkeys(right for _l, right in pairs))
        share = number(round(100 / len(pairs), 4))
        for i, (left, right) in enumerate(pairs):
            lid = _sub(self.pres, "response_lid", ident=f"response_{i}")
            _mat(lid, inline_html(left))
            render = _sub(lid, "render_choice")
            for k, answer in enumerate(answers):
                _sub(_sub(_sub(render, "response_label", ident=f"m{k}"), "material"), "mattext", answer, texttype="text/plain")
            cond = _sub(self.proc, "respcondition")
            _sub(_sub(cond, "conditionvar"), "varequal", f"m{answers.index(right)}", respident=f"response_{i}")
            _sub(cond, "setvar", share, varname="SCORE", action="Add")


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
    q.kind.qti(q, QtiWriter(pres, proc, feedbacks))
    for ident, html in feedbacks:
        _mat(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html)
    return item


def to_qti(quizzes: list[Quiz], title: str) -> bytes:
    """A QTI 1.2 assessment: one section per quiz. XML bytes, UTF-8."""
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    root.append(ET.Comment(" " + ui(HEAD) + " " + " ".join(limits(NAME)).replace("--", "-") + " "))
    assessment = _sub(root, "assessment", ident=_ident(quizzes), title=title)
    for quiz in quizzes:
        section = _sub(assessment, "section", ident=f"section-{quiz.id}", title=quiz.title)
        for q in quiz.questions:
            section.append(qti_item(quiz, q))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def _ident(quizzes: list[Quiz]) -> str:
    return quizzes[0].id if len(quizzes) == 1 else "landmines-book"


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


def write(name: str, group: list[Quiz], title: str, out: Path) -> Path:
    path = out / f"{name}.qti.zip"
    path.write_bytes(qti_package(to_qti(group, title), _ident(group)))
    return path
