"""Labels several forms write inside their markup, marked once for the `ui` catalog (Babel's extractor does not
read inside f-strings): a form shows `ui(words.SOURCE)`."""

from __future__ import annotations

from minebook.core.language import N_

ANSWER = N_("Answer:")
THE_ANSWER = N_("The answer:")
WHY = N_("Why:")
SOURCE = N_("Source:")
NOTE = N_("Instructor note:")
NAME = N_("Name")
CLASS = N_("Class")
NAME_LINE = N_("Name:")
CLASS_LINE = N_("Class:")
DATE_LINE = N_("Date:")
CLEAR_YES = N_("Yes, clear them")
WRITE_ONE = N_("Write one of: {categories}.")
CATEGORIES = N_("Categories: {categories}")
CHOOSE = N_("Choose…")
CORRECT_ANSWER_IS = N_("correct answer: {answer}")
YOUR_ANSWER = N_("Your answer")
