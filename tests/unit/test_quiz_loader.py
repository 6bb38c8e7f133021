"""An instructor who breaks a quiz file gets the file, the line, the question id, the field, expected and found."""

from __future__ import annotations

import pytest
from bookfixture import MiniBook

from minebook.content.quizzes import load_quiz
from minebook.core.errors import ContentError

QUIZ = MiniBook.QUIZ


def test_good_quiz_loads_every_type_and_draws_numeric_answers_from_data(minibook):
    quiz = load_quiz("one")
    assert [q.type for q in quiz.questions] == ["single", "numeric", "truefalse", "multiple", "ordering", "classify"]
    numeric = quiz.questions[1]
    assert numeric.answer == 312 and "data/things.csv" in numeric.answer_from


def test_numeric_answer_follows_a_change_in_the_table(minibook):
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "400"))
    assert load_quiz("one").questions[1].answer == 400


# (what the instructor did, replacement (old, new) in the quiz text, fragments the message must contain)
BROKEN_QUIZZES = [
    ("misspelled a question type", ("type: single", "type: singel"),
     ["one.quiz.yml", "line 4", "question 'pick'", "'type'", "one of single, multiple", "'singel'"]),
    ("marked no option correct", ("        correct: true\n        feedback: Yes.", "        feedback: Yes."),
     ["line 7", "question 'pick'", "'options'", "exactly one option", "found 0"]),
    ("marked two options correct in a single-choice question", ("      - text: beta", "      - text: beta\n        correct: true"),
     ["question 'pick'", "exactly one option", "found 2", "type: multiple"]),
    ("gave only one option", ("      - text: beta\n", ""),
     ["question 'pick'", "'options'", "at least 2 options"]),
    ("forgot the explanation", ("    explanation: Alpha is right.\n", ""),
     ["question 'pick'", "'explanation'", "a line of text", "nothing"]),
    ("named a source missing from references.bib", ("    source: other", "    source: hrw2099"),
     ["question 'tf'", "'source'", "references.bib", "'hrw2099'"]),
    ("forgot the source", ("    explanation: Yes.\n    source: other\n", "    explanation: Yes.\n"),
     ["question 'tf'", "'source'", "a references.bib key"]),
    ("wrote a true/false answer as text", ("    answer: true", "    answer: \"yes please\""),
     ["question 'tf'", "'answer'", "true or false", "'yes please'"]),
    ("reused a question id", ("  - id: tf", "  - id: pick"),
     ["question 'pick'", "'id'", "used by no other question", "already used on line 3"]),
    ("used spaces in an id", ("  - id: tf", "  - id: True False"),
     ["'id'", "lower-case letters", "'True False'"]),
    ("pointed a numeric answer at a missing table", ("table: things", "table: thingz"),
     ["question 'count'", "'answer.table'", "'thingz'"]),
    ("pointed a numeric answer at a missing row", ("where: {name: alpha}", "where: {name: gamma}"),
     ["question 'count'", "'answer'", "exactly one row", "found 0"]),
    ("gave a numeric answer as text", ("answer: {table: things, column: count, where: {name: alpha}}", "answer: three hundred"),
     ["question 'count'", "'answer'", "a number", "'three hundred'"]),
    ("gave a range that excludes the answer", ("    unit: mines", "    unit: mines\n    range: [1, 10]"),
     ["question 'count'", "'range'", "contains the answer 312"]),
    ("gave a negative tolerance", ("    unit: mines", "    unit: mines\n    tolerance: -1"),
     ["question 'count'", "'tolerance'", "0 or more", "-1"]),
    ("classified an item into a category that does not exist", ("category: Allegation}", "category: Rumour}"),
     ["question 'sort'", "'items[2].category'", "Finding, Allegation", "'Rumour'"]),
    ("repeated an ordering item", ("items: [one, two, three]", "items: [one, two, two]"),
     ["question 'order'", "'items'", "differ", "'two' twice"]),
    ("misspelled a field", ("    prompt: Pick alpha.", "    promt: Pick alpha."),
     ["line 5", "question 'pick'", "'promt'", "Check the spelling"]),
    # YAML 1.2: an unquoted `no` is text (as the author meant); only true/false are read as yes/no answers.
    ("wrote an unquoted 'false' as option text", ("      - text: beta", "      - text: false"),
     ["question 'pick'", "'options[2].text'", "text", "YAML reads true and false", "quotes"]),
    ("gave an ordering question a single item", ("items: [one, two, three]", "items: [one]"),
     ["question 'order'", "'items'", "at least 2 items"]),
    ("broke the YAML", ("    prompt: Pick alpha.", "    prompt: Pick: alpha: [."),
     ["one.quiz.yml", "line 5", "'layout'", "a colon followed by a space", "double quotes"]),
    ("left out the questions", (QUIZ[QUIZ.index("questions:"):], "questions: []\n"),
     ["'questions'", "at least one question"]),
]


@pytest.mark.parametrize(("what", "change", "fragments"), BROKEN_QUIZZES, ids=[b[0] for b in BROKEN_QUIZZES])
def test_broken_quiz_is_reported_with_file_line_question_field(minibook, what, change, fragments):
    old, new = change
    assert old in QUIZ, f"test setup: {old!r} not in the mini quiz"
    minibook.write("chapters/one.quiz.yml", QUIZ.replace(old, new, 1))
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    message = str(info.value)
    assert "one.quiz.yml" in message
    for fragment in fragments:
        assert fragment in message, f"{what}: {fragment!r} not in message:\n{message}"


def test_every_problem_in_a_quiz_is_reported_at_once(minibook):
    broken = QUIZ.replace("type: single", "type: singel").replace("    source: other", "    source: nope")
    minibook.write("chapters/one.quiz.yml", broken)
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    assert len(info.value.problems) == 2


def test_missing_quiz_file_lists_the_quizzes_that_exist(minibook):
    with pytest.raises(ContentError) as info:
        load_quiz("two")
    assert "two.quiz.yml" in str(info.value) and "quizzes: one" in str(info.value)


def test_display_order_is_deterministic_and_never_shows_an_ordering_solved(minibook):
    quiz = load_quiz("one")
    again = load_quiz("one")
    for q, q2 in zip(quiz.questions, again.questions):
        assert quiz.display_order(q) == again.display_order(q2)
    order_q = next(q for q in quiz.questions if q.type == "ordering")
    assert quiz.display_order(order_q) != [0, 1, 2]


def test_numbers_in_quiz_text_follow_the_table(minibook):
    """{answer} and {TABLE.COLUMN[KEY=VALUE]} put the value from data/ into explanations and feedback."""
    quiz = MiniBook.QUIZ.replace("    explanation: 312.", "    explanation: It is {answer}.").replace(
        "        feedback: Yes.", "        feedback: Yes, beta has {things.count[name=beta]}.")
    minibook.write("chapters/one.quiz.yml", quiz)
    minibook.write("data/things.csv", MiniBook.TABLE_CSV.replace("312", "1312").replace("beta,26", "beta,2600"))
    questions = {q.id: q for q in load_quiz("one").questions}
    assert questions["count"].explanation == "It is 1,312 mines."
    assert questions["pick"].options[0].feedback == "Yes, beta has 2,600."


def test_a_reference_to_a_missing_row_is_reported(minibook):
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("        feedback: Yes.", "        feedback: Yes, {things.count[name=gamma]}."))
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    message = str(info.value)
    assert "question 'pick'" in message and "options[1].feedback" in message and "exactly one row" in message


LAYOUT_MISTAKES = [
    ("a tab used to indent", ("    prompt: Pick alpha.", "\tprompt: Pick alpha."), "a Tab character"),
    ("a line indented too far", ("    prompt: Pick alpha.", "      prompt: Pick alpha."), "indented further"),
    ("a text starting with a quote that is not closed at its end", ("    prompt: Pick alpha.", "    prompt: 'Pick' alpha."), "starts with a quote"),
]


@pytest.mark.parametrize(("what", "change", "said"), LAYOUT_MISTAKES, ids=[m[0] for m in LAYOUT_MISTAKES])
def test_layout_mistakes_are_explained_in_plain_words(minibook, what, change, said):
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace(*change, 1))
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    message = str(info.value)
    assert "one.quiz.yml: line" in message and said in message, message
    assert "found found" not in message and "<block" not in message


def test_answer_placeholder_outside_a_numeric_explanation_is_reported(minibook):
    minibook.write("chapters/one.quiz.yml", MiniBook.QUIZ.replace("        feedback: Yes.", "        feedback: Yes, {answer}."))
    with pytest.raises(ContentError) as info:
        load_quiz("one")
    assert "question 'pick'" in str(info.value) and "only in the explanation of a numeric question" in str(info.value)


TEXT_QUIZ = """\
title: Text answers
questions:
  - id: city
    type: text
    prompt: Which city is the second largest in Ukraine?
    accept: [Kharkiv, Харків, Kharkov]
    normalise: [apostrophes, hyphens]
    explanation: Kharkiv.
    source: good
"""


def test_text_question_loads_its_accepted_variants_and_rules(minibook):
    minibook.write("chapters/words.quiz.yml", TEXT_QUIZ)
    q = load_quiz("words").questions[0]
    assert (q.type, q.accept, q.case_sensitive, q.normalise) == ("text", ("Kharkiv", "Харків", "Kharkov"), False,
                                                                   ("apostrophes", "hyphens"))


@pytest.mark.parametrize(("what", "change", "fragments"), [
    ("gave no accepted answer", ("accept: [Kharkiv, Харків, Kharkov]", "accept: []"),
     ["words.quiz.yml", "line 6", "question 'city'", "'accept'", "a list of the answers to accept", "found []"]),
    ("gave one answer as plain text", ("accept: [Kharkiv, Харків, Kharkov]", "accept: Kharkiv"),
     ["question 'city'", "'accept'", "a list of the answers to accept", "'Kharkiv'"]),
    ("left a variant empty", ("accept: [Kharkiv, Харків, Kharkov]", "accept: [Kharkiv, '']"),
     ["line 6", "question 'city'", "'accept[2]'", "a line of text", "''"]),
    ("listed a variant twice up to case", ("accept: [Kharkiv, Харків, Kharkov]", "accept: [Kharkiv, ' KHARKIV']"),
     ["question 'city'", "'accept'", "variants that differ once case, spacing", "'kharkiv' twice"]),
    ("misspelled a normalise rule", ("normalise: [apostrophes, hyphens]", "normalise: [apostrophe]"),
     ["line 7", "question 'city'", "'normalise'", "apostrophes, hyphens, punctuation", "['apostrophe']"]),
    ("wrote case_sensitive as text", ("    normalise: [apostrophes, hyphens]", "    case_sensitive: \"yes\""),
     ["question 'city'", "'case_sensitive'", "true or false", "'yes'"]),
    ("gave a text question options", ("    normalise: [apostrophes, hyphens]", "    options: [a, b]"),
     ["question 'city'", "'options'", "one of accept, case_sensitive", "for a text question"]),
])
def test_broken_text_question_is_reported_with_file_line_question_field(minibook, what, change, fragments):
    minibook.write("chapters/words.quiz.yml", TEXT_QUIZ.replace(*change, 1))
    with pytest.raises(ContentError) as err:
        load_quiz("words")
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, f"{what}: {fragment!r} not in {message!r}"
