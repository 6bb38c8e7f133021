"""The live form, driven like a student in JupyterLab would, but headless: set answers, press buttons, read the score."""

from __future__ import annotations

from minebook.content.quizzes import load_quiz
from minebook.quiz.markdown import render_markdown
from minebook.quiz.view import QuizView


def test_wrong_then_right_answer_updates_feedback_and_score(minibook):
    view = QuizView(load_quiz("one"))
    pick = view["pick"]
    pick.response = 1  # "beta", the wrong option (file order)
    pick.check_button.click()
    assert "Not quite" in pick.feedback.value
    assert "Alpha is right." not in pick.feedback.value and "Source:" not in pick.feedback.value  # not yet earned
    assert view.score == 0
    pick.response = 0
    pick.check_button.click()
    assert "Correct." in pick.feedback.value and "Yes." in pick.feedback.value  # option feedback
    assert "Alpha is right." in pick.feedback.value  # the explanation
    # the source named as on the book's pages (quiz/formatting.py cite_html): authors, year, linked title
    assert ('Source: Some Monitor (2024), <a href="https://example.org/good" rel="noopener"><cite>A good source</cite></a>'
            in pick.feedback.value)
    assert view.score == 1
    assert "Score: 1 of 6" in view.widget.score_label.value


def test_every_question_type_can_be_answered_right_through_its_widgets(minibook):
    view = QuizView(load_quiz("one"))
    inputs = {qw.q.id: qw for qw in view.widget.questions}
    inputs["pick"].inputs[0].value = 0
    inputs["count"].inputs[0].value = "312 mines"
    inputs["tf"].inputs[0].value = True
    for box, i in zip(inputs["several"].inputs, inputs["several"].order):
        box.value = i in (0, 2)
    for dd, i in zip(inputs["order"].inputs, inputs["order"].order):
        dd.value = i + 1
    for dd, i in zip(inputs["sort"].inputs, inputs["sort"].order):
        dd.value = [0, 1][i]
    for qw in view.widget.questions:
        qw.check_button.click()
        assert "Correct." in qw.feedback.value, (qw.q.id, qw.feedback.value)
    assert view.score == 6
    assert view.answers["count"] == "312 mines"


def test_unanswered_and_unreadable_answers_are_explained_not_scored(minibook):
    view = QuizView(load_quiz("one"))
    view["pick"].check_button.click()
    assert "Choose an answer first." in view["pick"].feedback.value
    view["count"].inputs[0].value = "about three hundred"
    view["count"].check_button.click()
    assert "Type a number such as 1,250." in view["count"].feedback.value
    assert view.score == 0


def test_show_answer_fills_in_the_right_answer_and_try_again_clears_it(minibook):
    view = QuizView(load_quiz("one"))
    order = view["order"]
    order.show_button.click()
    assert order.response == [1, 2, 3]
    assert "answer is shown" in order.feedback.value
    assert view.score == 0  # shown is not scored
    order.retry_button.click()
    assert order.response == [None, None, None] and order.feedback.value == ""


def test_mimebundle_carries_widget_static_html_and_printable_forms(minibook):
    bundle = QuizView(load_quiz("one"))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="mb-quiz"' in bundle["text/html"]
    assert bundle["text/markdown"].startswith("**Mini quiz**")


def test_printable_form_has_no_answers_unless_asked(minibook):
    quiz = load_quiz("one")
    student = render_markdown(quiz)
    key = render_markdown(quiz, show_answers=True)
    assert "Alpha is right." not in student and "*Answer:*" not in student
    assert "*Answer:* alpha" in key and "*Answer:* 312 mines" in key
    assert "*Answer:* one → two → three" in key


def test_quiz_can_be_shown_twice_in_one_session(minibook):
    import minebook as mb

    assert mb.quiz("one").quiz.id == "one"
    assert mb.quiz("one").quiz.id == "one"  # a second call once failed: the subpackage shadowed the function


def test_a_wrong_number_is_called_too_high_or_too_low_and_never_given(minibook):
    view = QuizView(load_quiz("one"))
    count = view["count"]
    for typed, word in (("400", "too high"), ("7", "too low")):
        count.response = typed
        count.check_button.click()
        assert word in count.feedback.value and "312" not in count.feedback.value, count.feedback.value
        assert "Why:" not in count.feedback.value
    count.response = "312"
    count.check_button.click()
    assert "Correct." in count.feedback.value and "Why:" in count.feedback.value


def test_the_widget_says_where_answers_are_checked(minibook):
    header = QuizView(load_quiz("one")).widget.box.children[0].value
    assert "checked here in the notebook" in header and "browser" not in header


def test_text_answer_in_the_live_widget_wrong_then_a_listed_variant(tmp_path):
    """A typed answer: a wrong one gets no explanation and no accepted answer; another spelling the author listed
    (in another case, with extra spaces) is right; Show answer types the first accepted answer."""
    from test_quiz_html import EVERY_TYPE, make_quiz

    view = QuizView(make_quiz(tmp_path, "every-type", EVERY_TYPE))
    city = view["city"]
    city.check_button.click()
    assert "Type an answer first." in city.feedback.value and view.score == 0
    city.response = "Kyiv"
    city.check_button.click()
    said = city.feedback.value
    assert "Not quite" in said and "Lopan meets" not in said and "Source:" not in said
    assert not any(v.lower() in said.lower() for v in ("Kharkiv", "Харків", "Kharkov"))
    city.response = "  ХАРКІВ "
    city.check_button.click()
    assert "Correct." in city.feedback.value and "Lopan meets" in city.feedback.value and view.score == 1
    city.retry_button.click()
    assert city.response == "" and view.score == 0
    city.show_button.click()
    assert city.response == "Kharkiv"
