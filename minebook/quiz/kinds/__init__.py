"""Question kinds as plug-ins: one module per kind in this folder, found and registered by name.

A kind module defines `KIND`, an instance of `base.Kind` holding everything particular to that kind: the fields
it reads from a quiz file and their checks, how an answer is judged, what each form shows (static page, student
form, Markdown and answer key, worksheet, live widget), and how GIFT and QTI express it. Its share of the page
script is its entry in the `K` table of minebook/static/quiz.js. A new kind is a new module here (and its
entry there, and its fields in minebook/quiz.schema.json); tests/conformance/cases.yml must hold cases for
it: a test fails otherwise.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from .base import Kind

# The order instructors know the first kinds in (error messages, the guide); kinds added later follow by name.
FIRST = ("single", "multiple", "truefalse", "numeric", "ordering", "classify")


def _discover() -> dict[str, Kind]:
    names = sorted((m.name for m in pkgutil.iter_modules(__path__)), key=lambda n: (FIRST.index(n) if n in FIRST else len(FIRST), n))
    modules = (import_module(f"{__name__}.{name}") for name in names)
    return {m.KIND.name: m.KIND for m in modules if isinstance(getattr(m, "KIND", None), Kind)}


KINDS: dict[str, Kind] = _discover()
NAMES = tuple(KINDS)

__all__ = ["FIRST", "KINDS", "NAMES", "Kind"]
