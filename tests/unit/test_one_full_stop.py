"""A Ukrainian date ends in an abbreviation («2026 р.»): at the end of a sentence it gets one full stop, not two
(seen on the Ukrainian pages and chart descriptions as "20 лютого 2026 р..")."""

from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from minebook.content.charts import one_full_stop
from minebook.sphinx.evalrole import OneFullStop


def paragraph_after(*parts: nodes.Node) -> str:
    document = new_document("test", get_default_settings(Parser))
    document += nodes.paragraph("", "", *parts)
    OneFullStop(document).run()
    return document.astext()


def test_a_date_ending_a_sentence_keeps_one_full_stop() -> None:
    said = paragraph_after(nodes.Text("Вихід набрав чинності "), nodes.Text("20 лютого 2026\u202fр."), nodes.Text(". Далі"))
    assert said == "Вихід набрав чинності 20 лютого 2026\u202fр. Далі"


def test_other_full_stops_are_left_alone() -> None:
    assert paragraph_after(nodes.Text("In 2026"), nodes.Text(". Then")) == "In 2026. Then"  # no abbreviation
    assert paragraph_after(nodes.Text("р."), nodes.Text("...")) == "р...."  # an ellipsis is kept
    code = nodes.literal("", "x.")
    assert paragraph_after(code, nodes.Text(". Next")) == "x.. Next"  # code is what it is


def test_chart_descriptions_keep_one_full_stop() -> None:
    assert one_full_stop("станом на 17 квітня 2023\u202fр..") == "станом на 17 квітня 2023\u202fр."
    assert one_full_stop("Далі буде...") == "Далі буде..."
