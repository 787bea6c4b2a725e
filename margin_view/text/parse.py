"""Numbers as people type them: ``$50,000``, ``50 000``, ``45.180,72`` (Dutch), read exactly.

The reading rules follow the locale's separators from :mod:`margin_view.text.format`, so whatever the page prints in
a language, it also reads back; :func:`form_text` writes a number into a field the way that language reads it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from typing import Final

from calc import LIMITS, ScenarioError, plain

from .format import DISPLAY, MINUS, Locale, locale_of

__all__ = ["form_text", "parse_number"]

# Typed numbers: an optional sign, an optional "$", digits with group separators, one decimal
# separator, an optional exponent. Spaces (incl. no-break and thin spaces) may group digits.
_SPACES: Final = re.compile(r"[\s\u00a0\u2009\u202f]+")
_HEAD: Final = re.compile(rf"([+\-{MINUS}]?)\s*(\$?)\s*([+\-{MINUS}]?)\s*(.*)", re.DOTALL)


def _whole_digits(whole: str, loc: Locale, text: str, path: tuple[str | int, ...]) -> str:
    """The digits before the decimal separator, their group separators (or spaces) checked and removed."""
    spaced = _SPACES.split(whole)
    if len(spaced) > 1 and loc.group in whole:
        raise ScenarioError(path, "mixed_separators", text)
    groups = spaced if len(spaced) > 1 else whole.split(loc.group)
    if not all(g.isdigit() and g.isascii() for g in groups) and whole:
        raise ScenarioError(path, "not_a_number", text)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise ScenarioError(path, "bad_grouping", text, decimal=loc.decimal)
    return "".join(groups) or "0"


def parse_number(text: str, locale: str = "en", path: tuple[str | int, ...] = ()) -> tuple[Decimal, bool]:
    """Read a number a person typed: ``"$50,000" → (Decimal('50000'), True)``.

    Strips spaces, no-break and thin spaces and a leading ``$``; accepts the locale's group
    separator (``50,000`` in English, ``50.000`` in Dutch) or spaces (``50 000``) between groups
    of three digits, the locale's decimal separator, a leading ``+``, ``-`` or ``−``, and an
    exponent (``1e3``). Returns the value and whether anything had to be normalised (so a form
    can rewrite the field). Raises :class:`~calc.errors.ScenarioError` at *path* otherwise, its kind saying why
    (``empty``, ``not_a_number``, ``mixed_separators``, ``bad_grouping``, ``too_large``, ``too_small``, …).

    >>> parse_number("50000")
    (Decimal('50000'), False)
    >>> parse_number("$ 45.180,72", "nl"), parse_number("50,5", "nl")
    ((Decimal('45180.72'), True), (Decimal('50.5'), False))
    >>> try:
    ...     parse_number("1e309", path=("entry",))
    ... except ScenarioError as error:
    ...     print(error.where, error.kind)
    entry too_large
    """
    loc = locale_of(locale)
    if not isinstance(text, str):
        raise ScenarioError(path, "not_text", text)
    if len(text) > LIMITS.text_length:
        raise ScenarioError(path, "too_long", text, maximum=LIMITS.text_length)
    body = text.strip()
    if not body:
        raise ScenarioError(path, "empty", text)
    # One optional sign, before or after one optional "$": "-$5" and "$-5" are both minus five.
    head = _HEAD.fullmatch(body)
    assert head is not None  # every group is optional
    before, _, after, body = head.groups()
    if (before and after) or not body:
        raise ScenarioError(path, "not_a_number", text)
    sign = "-" if (before or after) in ("-", MINUS) else ""
    mantissa, exponent = body, ""
    match = re.fullmatch(r"(.*?)([eE][+-]?\d+)", body)
    if match:
        mantissa, exponent = match.group(1), match.group(2)
    whole, sep, frac = mantissa.partition(loc.decimal)
    if not re.fullmatch(r"\d*", frac) or (not whole and not frac):
        raise ScenarioError(path, "not_a_number", text)
    canonical = f"{sign}{_whole_digits(whole, loc, text, path)}{'.' + frac if sep else ''}{exponent}"
    try:
        with localcontext(DISPLAY):
            value = Decimal(canonical)
    except InvalidOperation:  # an exponent too large for Decimal to hold at all
        raise ScenarioError(path, "too_large" if "-" not in exponent else "too_small", text) from None
    if value and value.adjusted() > LIMITS.exponent:
        raise ScenarioError(path, "too_large", text)
    if value and value.adjusted() < -LIMITS.exponent:
        raise ScenarioError(path, "too_small", text)
    # Normalised: the text is not what the form of this locale would write ("50,5" is as a Dutch form writes it).
    return value, canonical.replace(".", loc.decimal) != text


def form_text(value: Decimal | str, locale: str, *, as_given: bool = False) -> str:
    """A number as the form of *locale* shows it in a field: not grouped, with the locale's decimal separator;
    trailing zeros dropped, unless *as_given* keeps the digits the value was written with (a link's ``17220.90``).

    What the form fills in for the reader (a default, an exchange's fee, a converted margin, a link's value) is
    read back by :func:`parse_number` in the same locale, so it must be written the way that locale reads it.

    >>> form_text(Decimal("0.0550"), "nl"), form_text("50000", "nl"), form_text(Decimal("-2.50"), "en", as_given=True)
    ('0,055', '50000', '-2.50')
    """
    number = Decimal(value)
    return (format(number, "f") if as_given else plain(number)).replace(".", locale_of(locale).decimal)
