"""The calculator's fields: their names, defaults and choices, and reading each one as typed.

Every field is also a URL query parameter, so a link restores exactly what the reader saw. The choices come from
the engine's own lists (modes, sides, conventions, packaged tier tables), so the form offers exactly what
:mod:`calc` accepts. Each field is read on its own here; how the fields become a scenario is
:mod:`margin_view.form.scenario`'s job.

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

from calc import CHOICES as SCENARIO_CHOICES
from calc import LIMITS, ScenarioError, TierTable, engine_context, flat_table, load_table

from ..text.parse import form_text, parse_number
from ..text.catalogue import section

__all__ = [
    "CHOICES",
    "DEFAULTS",
    "FIELDS",
    "MAX_WICK_PERCENT",
    "SLIDERS",
    "Reading",
    "field_errors",
    "form_defaults",
    "in_form",
    "COINS",
    "COIN_ROWS",
    "INVERSE_PRESETS",
    "NO_EXCHANGE",
    "TABLE_PRESETS",
    "leverage_ceiling",
    "max_leverage",
    "read_fields",
    "read_number",
    "relevant",
    "tier_table",
    "traded_coins",
]

#: Every field of the form, in the order links list them. Sliders are views of ``leverage`` and ``price``.
FIELDS: Final = (
    "mode", "side", "contract", "entry", "margin", "balance", "leverage", "added", "price", "exchange", "preset", "rate",
    "convention", "fee", "second", "second_side", "second_entry", "second_price", "second_margin", "second_leverage",
    "coin", "coin_amount", "coin_price", "coin_haircut", "coin2", "coin2_amount", "coin2_price", "coin2_haircut",
    "wick",
)
#: The rows of coins held as cross margin: each a coin choice and its amount, price and haircut fields.
COIN_ROWS: Final = ("coin", "coin2")
SLIDERS: Final = ("leverage_slider", "price_slider")

#: The original guide page's trade: long, entry 50,000, margin 1,000, 10x, a 5,000 wallet, Binance's tiers.
DEFAULTS: Final[Mapping[str, str]] = {
    "mode": "both", "side": "long", "entry": "50000", "margin": "1000", "balance": "5000", "leverage": "10",
    "added": "0", "price": "50000", "exchange": "none", "preset": "binance-btcusdt", "rate": "0.5",
    "convention": "liquidation",
    "fee": "0", "second": "none", "second_side": "long", "second_entry": "3000", "second_price": "3000",
    "second_margin": "500", "second_leverage": "10", "wick": "150", "contract": "linear",
    "coin": "none", "coin_amount": "0.1", "coin_price": "3000", "coin_haircut": "0",
    "coin2": "none", "coin2_amount": "0.1", "coin2_price": "3000", "coin2_haircut": "0",
}

#: The custom preset is one flat rate, typed in percent.
CUSTOM: Final = "custom"
#: The packaged tables the form offers, for its BTCUSDT (linear) or BTCUSD (inverse) position: the site's default
#: first.
TABLE_PRESETS: Final = tuple(name for name in SCENARIO_CHOICES["tiers"] if load_table(name).symbol == "BTCUSDT")
INVERSE_PRESETS: Final = tuple(name for name in SCENARIO_CHOICES["tiers"] if load_table(name).symbol == "BTCUSD")
#: The coins a reader may hold as cross margin besides the wallet.
COINS: Final = ("BTC", "ETH", "BNB", "SOL", "USDC")
#: No exchange profile: the settings below the choice are the reader's own.
NO_EXCHANGE: Final = "none"
CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "mode": ("both", *SCENARIO_CHOICES["mode"]),
    "side": SCENARIO_CHOICES["side"],
    "second_side": SCENARIO_CHOICES["side"],
    "exchange": (NO_EXCHANGE, *SCENARIO_CHOICES["exchange"]),
    "preset": (*TABLE_PRESETS, *INVERSE_PRESETS, CUSTOM),
    "contract": SCENARIO_CHOICES["contract"],
    "coin": ("none", *COINS),
    "coin2": ("none", *COINS),
    "convention": SCENARIO_CHOICES["maintenance_price"],
    "second": ("none", "hedge", "other"),
}

#: A number as links and page blocks write it: an optional minus, digits, an optional point and decimals.
_PLAIN: Final = re.compile(r"-?\d+(?:\.\d+)?")


def in_form(values: Mapping[str, str], locale: str) -> dict[str, str]:
    """*values* written canonically (``0.5``: the defaults, a page's initial inputs, a link) as the form of
    *locale* shows them (``0,5``), so that it reads them back; a text that is not a plain number stays as it is.

    >>> in_form({"rate": "0.5", "side": "long", "entry": "50,000"}, "nl")
    {'rate': '0,5', 'side': 'long', 'entry': '50,000'}
    """
    return {name: form_text(text, locale) if name not in CHOICES and _PLAIN.fullmatch(text) else text
            for name, text in values.items()}


@functools.cache
def form_defaults(locale: str) -> Mapping[str, str]:
    """:data:`DEFAULTS` as the form of *locale* shows them (read on every request: worked out once)."""
    return MappingProxyType(in_form(DEFAULTS, locale))


#: Prices, margins and balances above this are not trades anyone places; they only risk absurd output.
MAX_AMOUNT: Final = Decimal("1e12")
#: Rates are typed in percent.
MAX_FEE_PERCENT: Final = Decimal(5)
#: The wick explainer's depth, in percent of the way to the liquidation price (calc.wick.DEPTH_MAX).
MAX_WICK_PERCENT: Final = LIMITS.wick_depth_max * 100
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
    return flat_table(rate) if preset == CUSTOM else load_table(preset)


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


def _out_of_range(name: str, value: Decimal, ceiling: int, messages: Mapping[str, str]) -> str | None:
    """The message for a number outside its field's range, or None."""
    if name == "fee":
        return None if 0 <= value <= MAX_FEE_PERCENT else messages["fee_range"]
    if name == "rate":
        return None if 0 < value < 100 else messages["rate_range"]
    if name in ("added", "balance"):  # a cross account may hold coins alone (an empty wallet)
        return None if value >= 0 else messages["non_negative"]
    if name == "wick":
        return None if 0 <= value <= MAX_WICK_PERCENT else messages["wick_range"]
    if name.endswith("_haircut"):
        return None if 0 <= value < 100 else messages["haircut_range"]
    if name in ("leverage", "second_leverage"):
        return None if 1 <= value <= ceiling else messages["leverage_range"].format(max=ceiling)
    return None if value > 0 else messages["positive"]


def read_fields(values: Mapping[str, str], locale: str = "en") -> Reading:
    """Parse each field on its own (every field of :data:`FIELDS` must be in *values*)."""
    messages = section(locale, "errors")
    reading = Reading()
    for name in FIELDS:
        text = values[name]
        if name in CHOICES:
            if text in CHOICES[name]:
                reading.parsed[name] = text
            else:
                reading.errors[name] = messages["choice"]
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
    ceiling = leverage_ceiling(reading.parsed) or int(LIMITS.flat_max_leverage)
    for name, read in list(reading.parsed.items()):
        if not isinstance(read, Decimal):
            continue
        problem = _out_of_range(name, read, ceiling if name == "leverage" else int(LIMITS.flat_max_leverage), messages)
        if problem:
            reading.errors[name] = problem
            reading.notes.pop(name, None)
            del reading.parsed[name]
    return reading


def field_errors(values: Mapping[str, str], locale: str = "en") -> dict[str, str]:
    """Every field's own error, whether or not the current choices use the field (a page author's initial
    inputs must all be valid, since the reader may switch to a mode that shows them)."""
    return read_fields({**DEFAULTS, **values}, locale).errors


def _table_or_none(parsed: Mapping[str, object]) -> TierTable | None:
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


def relevant(name: str, parsed: Mapping[str, object]) -> bool:
    """Whether a field matters for the current choices (an error in a hidden field must not block)."""
    mode = parsed.get("mode", DEFAULTS["mode"])
    second = parsed.get("second", DEFAULTS["second"])
    if name == "balance":
        return mode != "isolated"
    if name == "added":
        return mode != "cross"
    if name == "rate":
        return parsed.get("preset") == CUSTOM
    if name.startswith("second_"):
        if mode == "isolated" or second == "none":
            return False
        return name in ("second_margin", "second_leverage") or second == "other"
    if name in ("second", *COIN_ROWS):
        return mode != "isolated"
    if name.startswith("coin"):
        row = name.partition("_")[0]
        coin = parsed.get(row, DEFAULTS[row])
        if mode == "isolated" or coin == "none":
            return False
        # A coin the positions trade is priced at their mark.
        return not name.endswith("_price") or coin not in traded_coins(parsed)
    return True


def traded_coins(parsed: Mapping[str, object]) -> frozenset[str]:
    """The coins the form's positions trade: BTC, and ETH with a second ETHUSDT position."""
    other = parsed.get("second", DEFAULTS["second"]) == "other" and parsed.get("mode", DEFAULTS["mode"]) != "isolated"
    return frozenset({"BTC", "ETH"} if other else {"BTC"})
