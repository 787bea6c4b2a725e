"""Reading the calculator's fields as typed: each one parsed in the reader's language and checked against its
:class:`~margin_view.form.schema.Range`; the leverage's ceiling from the tier bracket of the resulting size.

>>> reading = read_fields({**DEFAULTS, "entry": "50,000", "leverage": "abc"})
>>> reading.parsed["entry"], reading.errors
(Decimal('50000'), {'leverage': 'Enter a number, like 50000 or 0.5.'})
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from calc import LIMITS, ScenarioError, TierTable, engine_context, load_profile

from ..text.catalogue import section
from ..text.parse import form_text, parse_number
from .schema import CUSTOM, FORM, SYMBOL_TEXT, Form, listed_symbol

__all__ = ["MAX_AMOUNT", "Reading", "field_errors", "form_defaults", "in_form", "leverage_ceiling", "max_leverage",
           "read_fields", "read_number", "symbol_table", "tier_table"]

#: A number as links and page blocks write it: an optional minus, digits, an optional point and decimals.
_PLAIN: Final = re.compile(r"-?\d+(?:\.\d+)?")


def in_form(values: Mapping[str, str], locale: str, form: Form = FORM) -> dict[str, str]:
    """*values* written canonically (``0.5``: the defaults, a page's initial inputs, a link) as the form of
    *locale* shows them (``0,5``), so that it reads them back; a text that is not a plain number stays as it is.

    >>> in_form({"rate": "0.5", "side": "long", "entry": "50,000"}, "nl")
    {'rate': '0,5', 'side': 'long', 'entry': '50,000'}
    """
    return {name: form_text(text, locale) if name not in form.choices and name not in _symbols(form)
            and _PLAIN.fullmatch(text) else text for name, text in values.items()}


@functools.cache
def _symbols(form: Form) -> frozenset[str]:
    """The fields of *form* typed as a symbol, not a number."""
    return frozenset(name for name, field in form.by_name.items() if field.control == "symbol")


@functools.cache
def form_defaults(locale: str, form: Form = FORM) -> Mapping[str, str]:
    """A form's defaults as the form of *locale* shows them (read on every request: worked out once)."""
    return MappingProxyType(in_form(form.defaults, locale, form))


#: Prices, margins and balances above this are not trades anyone places; they only risk absurd output.
MAX_AMOUNT: Final = Decimal("1e12")
#: Which form message a typed number's error kind gets (any other kind: "not_a_number").
_NUMBER_MESSAGES: Final = {"too_large": "too_large", "too_long": "too_large", "empty": "required"}


@dataclass(frozen=True, slots=True)
class Reading:
    """The form's fields once read: values that parsed, a message per field at fault, a "read as" note per field."""

    parsed: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def tier_table(preset: str, rate: Decimal) -> TierTable:
    """The maintenance schedule a preset names; ``custom`` is one flat rate (a fraction)."""
    return TierTable.flat(rate) if preset == CUSTOM else TierTable.load(preset)


@functools.lru_cache(maxsize=64)
def max_leverage(table: TierTable, margin: Decimal, entry: Decimal) -> int:
    """Highest whole leverage the bracket of the resulting size allows: ``L ≤ max_leverage(bracket(margin × L))``
    (a table of size brackets, OKX's, takes the size ``margin × L ÷ entry``).

    The bracket depends on the size and the size on the leverage, so walk down from the table's highest. Cached:
    every request asks it twice, and a slider drag asks it for the same margin and table each time (the walk is
    a tenth of a move's work in the browser's pure-Python decimal).
    """
    with engine_context():
        top = int(max(tier.max_leverage for tier in table.tiers))
        for candidate in range(top, 1, -1):
            notional = margin * candidate
            if table.bracket_of(notional / entry, notional).max_leverage >= candidate:
                return candidate
    return 1


def read_number(name: str, text: str, locale: str) -> tuple[Decimal, bool]:
    """Field *name*'s text as a number (and whether it had to be normalised), within the form's reach."""
    value, normalised = parse_number(text, locale, (name,))
    if abs(value) > MAX_AMOUNT:
        raise ScenarioError((name,), "too_large", text)
    return value, normalised


def read_fields(values: Mapping[str, str], locale: str = "en", form: Form = FORM) -> Reading:
    """Parse each field on its own (every field of *form* must be in *values*), then check each number against its
    field's range."""
    messages = section(locale, "errors")
    reading = Reading()
    for name in form.fields:
        text = values[name]
        if name in form.choices:
            if text in form.choices[name]:
                reading.parsed[name] = text
            else:
                reading.errors[name] = messages["choice"]
            continue
        if name in _symbols(form):  # a symbol: trimmed and in capitals, letters and digits only
            symbol = text.strip().upper()
            if SYMBOL_TEXT.fullmatch(symbol):
                reading.parsed[name] = symbol
            else:
                reading.errors[name] = messages["symbol"]
            continue
        try:
            value, normalised = read_number(name, text, locale)
        except ScenarioError as error:
            reading.errors[name] = messages[_NUMBER_MESSAGES.get(error.kind, "not_a_number")]
            continue
        reading.parsed[name] = value
        if normalised:
            reading.notes[name] = messages["normalised"].format(value=form_text(value, locale))
    # Leverage's ceiling depends on the size, which depends on the margin and the tier preset.
    ceiling = Decimal(leverage_ceiling(reading.parsed) or int(LIMITS.flat_max_leverage))
    for name, read in list(reading.parsed.items()):
        if not isinstance(read, Decimal):
            continue
        limits = form.by_name[name].range
        top = ceiling if limits.tiers_cap else limits.high
        if not limits.holds(read, top):
            reading.errors[name] = messages[limits.message].format(max=top)
            reading.notes.pop(name, None)
            del reading.parsed[name]
    return reading


def field_errors(values: Mapping[str, str], locale: str = "en", form: Form = FORM) -> dict[str, str]:
    """Every field's own error, whether or not the current choices use the field (a page author's initial
    inputs must all be valid, since the reader may switch to a mode that shows them)."""
    return read_fields({**form.defaults, **values}, locale, form).errors


def symbol_table(exchange: str, symbol: str) -> TierTable | None:
    """The chosen exchange's table for *symbol* (bundled, or from its data); None when it lists none, or its data is
    not here (in the browser: not fetched yet) or unreadable."""
    try:
        table = load_profile(exchange).table_for(symbol)
    except ScenarioError:
        return None
    return None if table is None or table.contract == "inverse" else table  # the symbol field is for linear trades


def _table_or_none(parsed: Mapping[str, object]) -> TierTable | None:
    if listed_symbol(parsed):
        return symbol_table(str(parsed["exchange"]), str(parsed["symbol"]))
    preset, rate = parsed.get("preset"), parsed.get("rate")
    if preset == CUSTOM:
        if not isinstance(rate, Decimal) or not 0 < rate < 100:
            return None
        with engine_context():
            return tier_table(CUSTOM, rate / 100)
    return tier_table(preset, Decimal(0)) if isinstance(preset, str) else None


def leverage_ceiling(parsed: Mapping[str, object]) -> int | None:
    """The leverage slider's maximum for the margin and tiers read so far; None while either is unreadable."""
    table = _table_or_none(parsed)
    margin, entry = parsed.get("margin"), parsed.get("entry")
    if table is None or not isinstance(margin, Decimal) or not isinstance(entry, Decimal) or entry <= 0:
        return None
    return max_leverage(table, margin if margin > 0 else Decimal(1), entry)


