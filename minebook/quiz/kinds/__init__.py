"""Question kinds as plug-ins: one module per kind, registered here by name.

A kind module defines `KIND`, an instance of `base.Kind` holding everything particular to that kind: the fields
it reads from a quiz file and their checks, how an answer is judged, what each form shows (static page, student
form, Markdown and answer key, worksheet, live widget), and how GIFT and QTI express it. Its share of the page
script is the block of minebook/static/quiz.js marked with its name. A new kind is a new module here plus its
name below; tests/conformance/cases.yml must hold cases for it (a test fails otherwise).
"""

from __future__ import annotations

from importlib import import_module

from .base import Kind

# The order in which kinds are listed to instructors (in error messages and in what an export can express).
NAMES = ("single", "multiple", "truefalse", "numeric", "ordering", "classify")

KINDS: dict[str, Kind] = {name: import_module(f"{__name__}.{name}").KIND for name in NAMES}

__all__ = ["KINDS", "NAMES", "Kind"]
