"""Quizzes: one object, three forms (live widget, static HTML+JS, printable Markdown)."""

from .checking import Verdict, check, correct_response, parse_number, rules
from .model import Option, Question, Quiz, check_all, load_quiz

__all__ = ["Option", "Question", "Quiz", "Verdict", "check", "check_all", "correct_response", "load_quiz", "parse_number", "rules"]
