"""Number, citation and wording helpers shared by every form and every kind, written once."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from html import escape
from typing import Any, Protocol

from minebook.core.language import SOURCE_LANGUAGE, babel_locale, current_language, format_decimal, ui

from .safe_markdown import link_html

ANSWER_REF = "{answer}"


class Cited(Protocol):
    """What the engine reads of a source (the book hands in its bibliography entries)."""

    title: str
    who: str
    year: str
    url: str

    def short(self) -> str: ...


def translated() -> bool:
    """Whether the book is built in another language than English (numbers are then written its way)."""
    return current_language() != SOURCE_LANGUAGE


def decimal_comma() -> bool:
    """Whether readers of the book's language write decimals with a comma (Ukrainian: 2,5; 12 000), so typed
    answers are read that way (Unicode CLDR's decimal sign of the language)."""
    if not translated():
        return False
    from babel.numbers import get_decimal_symbol

    from minebook.core.language import babel_locale

    return get_decimal_symbol(babel_locale()) == ","


def format_number(value: float, unit: str = "") -> str:
    """312.0 -> '312', 1250 -> '1,250', 0.5 -> '0.5'; with the unit when given (in Ukrainian: 1 250, 0,5)."""
    if translated():
        text = format_decimal(value, 0 if float(value).is_integer() else None)
    else:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    return f"{text} {unit}".strip()


def format_million(value: float) -> str:
    """3300000 -> '3.3 million' (Ukrainian: '3,3 млн'), to two decimals at most: how sources round stockpiles."""
    return ui("{number} million").format(number=grouped(round(value / 1_000_000, 2)))


def short_number(x: float) -> str:
    """1250 -> '1,250', 0.1 -> '0.1', 3364889 -> '3,364,889' (every digit up to six decimals, never an exponent
    such as 3.36489e+06), the language's way (1 250; 0,1)."""
    from babel.numbers import format_decimal as cldr

    return cldr(Decimal(plain_number(x)), format="#,##0.######", locale=babel_locale())


def plain_number(x: float) -> str:
    """A number as a reader would type it and every LMS reads it: no exponent, no needless '.0'."""
    text = format(Decimal(repr(float(x))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped(x: float) -> str:
    """1,250,000 for big numbers, but 2005 for a year."""
    x = float(f"{x:.12g}")  # 1250 - 50.000000001 noise from tolerance arithmetic
    plain = plain_number(x)
    if translated():  # 12 500 and 2,5; a year stays 2005
        return plain.replace(".", format_decimal(0.5)[1]) if abs(x) < 10000 else format_decimal(x)
    if abs(x) < 10000:
        return plain
    whole, _, frac = plain.lstrip("-").partition(".")
    return ("-" if plain.startswith("-") else "") + f"{int(whole):,}" + (f".{frac}" if frac else "")


def cite_html(sources: Mapping[str, Any], key: str, *, who: bool = True) -> str:
    """A source as every HTML form names it: authors, then the linked title; the bare key if unknown."""
    s = sources.get(key)
    if s is None:
        return escape(key)
    head = escape(s.short()) + ", " if who and s.who else ""
    return head + link_html(f"<cite>{escape(s.title or key)}</cite>", s.url)


def cite_text(sources: Mapping[str, Any], key: str) -> str:
    """A source in plain text (exports): 'Title (https://..., accessed 25 November 2026)': a printed address says
    when it was read, as in the book's bibliography."""
    s = sources.get(key)
    if s is None:
        return key
    return f"{s.title} ({s.url}{accessed(s)})" if s.url else s.title


def full_stop(text: str) -> str:
    """`text` ending with one full stop: a source list can end with a date that has its own ("2026 р.")."""
    return text if text.endswith((".", "!", "?")) else text + "."


def accessed(source: Any) -> str:
    """', accessed 25 November 2026' for a source with an access date (`accessed`, already in words), else ''."""
    day = str(getattr(source, "accessed", "") or "")
    return ui(", accessed {date}", "source address").format(date=day) if day else ""
