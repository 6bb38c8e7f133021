"""The quiz engine: one object, every form (live widget, static HTML+JS, printable Markdown, worksheets).

It knows no book: the caller hands in sources and table look-ups (this book's binding: minebook.content.quizzes).
Each kind of question is a plug-in under kinds/.
"""

from .checking import Verdict, check, correct_response, parse_number, rules
from .kinds import KINDS
from .kinds.choice import Option
from .model import Question, Quiz, load_quiz

__all__ = ["KINDS", "Option", "Question", "Quiz", "Verdict", "check", "correct_response", "load_quiz", "parse_number", "rules"]
