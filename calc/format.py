"""Display strings for results: money, prices, percentages, leverage, quantities, risk labels.

Formatting is kept apart from arithmetic: results stay full-precision decimal strings, and this
module is the one place where they are rounded — each rounding names its quantum and uses
``ROUND_HALF_EVEN`` (banker's rounding), never the ambient context. Locale data is a few
separators and words (:data:`LOCALES`), not a locale database, so the build and the browser print
the same text.

>>> money("45180.72289156626506024096385542169")
'$45,180.72'
>>> money("-1000", "nl"), money("0.001", signed=True)
('−$ 1.000,00', '+$0.00')
>>> percent("0.0963855421686746987951807228915662"), leverage("12.50"), quantity("0.2")
('9.64%', '12.5x', '0.2 BTC')
>>> price(None)
'Cannot be liquidated'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation, localcontext
from types import MappingProxyType
from typing import Any, Final

from .errors import NumberFormatError
from .numbers import MAX_ADJUSTED, MAX_TEXT
from .strings import languages, strings

__all__ = [
    "LOCALES",
    "MINUS",
    "Locale",
    "format_result",
    "leverage",
    "money",
    "parse_number",
    "percent",
    "price",
    "quantity",
    "risk_label",
]

#: U+2212 MINUS SIGN: typographically a minus, not a hyphen.
MINUS: Final = "\u2212"

#: Wide enough that quantizing any result (at most ~100 digits left of the point) never rounds
#: twice; rounding itself is always explicit in :func:`_fixed`.
_DISPLAY: Final = Context(prec=400, rounding=ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999, traps=[InvalidOperation])


@dataclass(frozen=True, slots=True)
class Locale:
    """Separators, the currency pattern (``{}`` is the number) and the words results need."""

    code: str
    group: str
    decimal: str
    currency: str
    words: Mapping[str, str]


def _load_locale(code: str) -> Locale:
    """A language's separators and words, from its file in ``calc/locales/`` (all interface text lives there)."""
    data = strings(code)
    numbers = data["numbers"]
    return Locale(
        code=code,
        group=numbers["group"],
        decimal=numbers["decimal"],
        currency=numbers["currency"],
        words=MappingProxyType(dict(data["words"])),
    )


#: Every language with a strings file; a new language is a new JSON file, not code.
LOCALES: Final[Mapping[str, Locale]] = MappingProxyType({code: _load_locale(code) for code in languages()})


Number = Decimal | int | str


def _locale(code: str) -> Locale:
    try:
        return LOCALES[code]
    except KeyError:
        raise ValueError(f"unknown locale {code!r}; known: {', '.join(LOCALES)}") from None


def _decimal(value: Number) -> Decimal:
    """A finite Decimal from a Decimal, an int or a result's decimal string."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number to format")
    if isinstance(value, (Decimal, int, str)):
        try:
            with localcontext(_DISPLAY):
                d = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a decimal number") from None
        if d.is_finite():
            return d
        raise ValueError(f"{value!r} is not a finite number")
    raise TypeError(f"cannot format {type(value).__name__} as a number")


def _fixed(value: Decimal, places: int, loc: Locale, *, trim: bool = False, keep: int = 0) -> tuple[bool, str]:
    """Round *value* to *places* decimals (ROUND_HALF_EVEN) and group it: ``(is_negative, text)``.

    With *trim*, trailing zeros are dropped down to *keep* decimals. A value that rounds to zero
    is never negative, so "−$0.00" cannot appear.
    """
    q = value.quantize(Decimal(1).scaleb(-places, context=_DISPLAY), rounding=ROUND_HALF_EVEN, context=_DISPLAY)
    negative = q < 0
    digits = format(q.copy_abs(), "f")
    whole, _, frac = digits.partition(".")
    if trim:
        frac = frac.rstrip("0")
        frac = frac + "0" * (keep - len(frac)) if len(frac) < keep else frac
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = loc.group.join(groups) + (loc.decimal + frac if frac else "")
    return negative, text


def _sign(negative: bool, signed: bool) -> str:
    return MINUS if negative else ("+" if signed else "")


def money(value: Number, locale: str = "en", *, signed: bool = False, places: int = 2) -> str:
    """US dollars to the cent (``places``), ROUND_HALF_EVEN: ``$45,180.72``, ``−$1,000.00``, ``+$0.00``.

    >>> money("1234.565"), money("1234.575"), money(-1000, signed=True)
    ('$1,234.56', '$1,234.58', '−$1,000.00')
    """
    loc = _locale(locale)
    negative, text = _fixed(_decimal(value), places, loc)
    return _sign(negative, signed) + loc.currency.format(text)


def price(value: Number | None, locale: str = "en") -> str:
    """A liquidation (or other) price as money; None is "Cannot be liquidated".

    >>> price("26316.89326451886"), price(None, "nl")
    ('$26,316.89', 'Kan niet worden geliquideerd')
    """
    if value is None:
        return _locale(locale).words["cannot_be_liquidated"]
    return money(value, locale)


def percent(fraction: Number, locale: str = "en", *, signed: bool = False, places: int = 2) -> str:
    """A fraction as a percentage: ``0.0964 → 9.64%``.

    >>> percent("-0.3169", signed=True), percent("0.5", "nl")
    ('−31.69%', '50,00%')
    """
    loc = _locale(locale)
    negative, text = _fixed(_decimal(fraction).scaleb(2, context=_DISPLAY), places, loc)
    return f"{_sign(negative, signed)}{text}%"


def _rate(fraction: Number, locale: str) -> str:
    """A small rate to up to 4 decimals of a percent, at least 2: ``0.0065 → 0.65%``, ``0.00055 → 0.055%``."""
    loc = _locale(locale)
    negative, text = _fixed(_decimal(fraction).scaleb(2, context=_DISPLAY), 4, loc, trim=True, keep=2)
    return f"{_sign(negative, False)}{text}%"


def leverage(value: Number, locale: str = "en") -> str:
    """Leverage to at most 2 decimals, trailing zeros trimmed: ``10x``, ``12.5x``, ``3.33x``.

    >>> leverage(10), leverage("12.50"), leverage("3.3333")
    ('10x', '12.5x', '3.33x')
    """
    loc = _locale(locale)
    negative, text = _fixed(_decimal(value), 2, loc, trim=True)
    return f"{_sign(negative, False)}{text}x"


def quantity(value: Number, locale: str = "en", symbol: str = "BTC") -> str:
    """A position size to at most 8 decimals (a satoshi), trimmed, with its unit: ``0.2 BTC``.

    >>> quantity("109.488", symbol="BTC"), quantity("1234.5", "nl", symbol="ETH")
    ('109.488 BTC', '1.234,5 ETH')
    """
    loc = _locale(locale)
    negative, text = _fixed(_decimal(value), 8, loc, trim=True)
    number = f"{_sign(negative, False)}{text}"
    return f"{number} {symbol}" if symbol else number


def risk_label(level: str, locale: str = "en") -> str:
    """The reader-facing name of a risk level: ``"high" → "High"``."""
    words = _locale(locale).words
    if level not in ("safe", "moderate", "high", "critical", "liquidated"):
        raise ValueError(f"unknown risk level {level!r}")
    return words[level]


_QUOTES: Final = ("USDT", "USDC", "USD", "BUSD", "PERP")


def _base_asset(symbol: str) -> str:
    """``BTCUSDT → BTC``: the unit a quantity is counted in."""
    for quote in _QUOTES:
        if symbol.endswith(quote) and len(symbol) > len(quote):
            return symbol[: -len(quote)]
    return symbol


def _maybe(fn_value: str | None, loc: Locale) -> str:
    return loc.words["none"] if fn_value is None else fn_value


def _position_text(row: Mapping[str, object], loc: Locale) -> dict[str, str]:
    code = loc.code
    words = loc.words
    out: dict[str, str] = {}
    for key, value in row.items():
        if key in ("symbol", "tiers"):
            text = str(value)
        elif key == "side":
            text = words[str(value)]
        elif key in ("entry_price", "mark_price", "liquidation_price"):
            text = price(None if value is None else _num(value), code)
        elif key == "bankruptcy_price":
            text = _maybe(None if value is None else money(_num(value), code), loc)
        elif key == "quantity":
            text = quantity(_num(value), code, _base_asset(str(row.get("symbol", ""))))
        elif key in ("notional", "entry_notional", "margin", "maintenance_margin", "max_loss"):
            text = money(_num(value), code)
        elif key == "leverage":
            text = leverage(_num(value), code)
        elif key == "maintenance_rate":
            text = _rate(_num(value), code)
        elif key == "unrealized_pnl":
            text = money(_num(value), code, signed=True)
        elif key == "roe":
            text = percent(_num(value), code, signed=True)
        elif key == "distance_to_liquidation":
            text = _maybe(None if value is None else percent(_num(value), code), loc)
        elif key == "gauge":
            text = percent(_num(value), code, places=0)
        elif key == "risk_level":
            text = risk_label(str(value), code)
        elif key == "liquidated":
            text = words["yes"] if value is True else words["no"]
        else:
            raise ValueError(f"format_result does not know the position key {key!r}")
        out[key] = text
    return out


def _account_text(account: Mapping[str, object], loc: Locale) -> dict[str, str]:
    code = loc.code
    out: dict[str, str] = {}
    for key, value in account.items():
        if key == "mode":
            text = loc.words[str(value)]
        elif key in ("wallet_balance", "total_margin", "margin_balance", "maintenance_margin"):
            text = _maybe(None if value is None else money(_num(value), code), loc)
        elif key == "unrealized_pnl":
            text = money(_num(value), code, signed=True)
        elif key == "margin_ratio":
            text = _maybe(None if value is None else percent(_num(value), code), loc)
        elif key == "liquidated":
            text = loc.words["yes"] if value is True else loc.words["no"]
        else:
            raise ValueError(f"format_result does not know the account key {key!r}")
        out[key] = text
    return out


def _table_text(table: Mapping[str, object], loc: Locale) -> str:
    code = loc.code
    name = str(table.get("name"))
    if name == "flat":
        amount = _num(table.get("amount", "0"))
        text = f"{loc.words['flat']} {_rate(_num(table.get('rate')), code)}"
        return text if not _decimal(amount) else f"{text} − {money(amount, code)}"
    if name == "custom":
        return loc.words["inline"]
    retrieved = table.get("retrieved")
    return f"{name} ({loc.words['retrieved']} {retrieved})" if retrieved else name


def _num(value: object) -> Number:
    if isinstance(value, (Decimal, int, str)) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a decimal string, got {value!r}")


def format_result(result: Mapping[str, Any], locale: str = "en") -> dict[str, Any]:
    """Display strings for every figure of :func:`calc.account.evaluate_data`'s output.

    Same shape as the input (``positions`` list, ``account`` and ``assumptions`` objects), every
    value a string; unknown keys raise ``ValueError`` so that a new result key cannot reach the
    page unformatted. Never produces "NaN", "None", "null" or "Infinity": missing values read
    "Cannot be liquidated" (a liquidation price) or "—".
    """
    loc = _locale(locale)
    positions = result["positions"]
    account = result["account"]
    assumptions = result["assumptions"]
    if not isinstance(positions, list) or not isinstance(account, Mapping) or not isinstance(assumptions, Mapping):
        raise TypeError("format_result expects the output of evaluate_data")
    tables = assumptions.get("tiers", [])
    convention = assumptions.get("maintenance_price")
    return {
        "positions": [_position_text(row, loc) for row in positions],
        "account": _account_text(account, loc),
        "assumptions": {
            "maintenance_price": loc.words["at_entry" if convention == "entry" else "at_liquidation"],
            "fee_rate": _rate(_num(assumptions.get("fee_rate", "0")), locale),
            "tiers": [_table_text(t, loc) for t in tables] if isinstance(tables, list) else [],
        },
    }


# Typed numbers: an optional sign, an optional "$", digits with group separators, one decimal
# separator, an optional exponent. Spaces (incl. no-break and thin spaces) may group digits.
_SPACES: Final = re.compile(r"[\s\u00a0\u2009\u202f]+")
_HEAD: Final = re.compile(rf"([+\-{MINUS}]?)\s*(\$?)\s*([+\-{MINUS}]?)\s*(.*)", re.DOTALL)


def parse_number(text: str, locale: str = "en") -> tuple[Decimal, bool]:
    """Read a number a person typed: ``"$50,000" → (Decimal('50000'), True)``.

    Strips spaces, no-break and thin spaces and a leading ``$``; accepts the locale's group
    separator (``50,000`` in English, ``50.000`` in Dutch) or spaces (``50 000``) between groups
    of three digits, the locale's decimal separator, a leading ``+``, ``-`` or ``−``, and an
    exponent (``1e3``). Returns the value and whether anything had to be normalised (so a form
    can rewrite the field). Raises :class:`~calc.errors.NumberFormatError` otherwise.

    >>> parse_number("50000")
    (Decimal('50000'), False)
    >>> parse_number("$ 45.180,72", "nl")
    (Decimal('45180.72'), True)
    >>> parse_number("1e309")
    Traceback (most recent call last):
    ...
    calc.errors.NumberFormatError: "1e309" is too large
    """
    loc = _locale(locale)
    if not isinstance(text, str):
        raise NumberFormatError(text, "not text")
    if len(text) > MAX_TEXT:
        raise NumberFormatError(text, "too long")
    body = text.strip()
    if not body:
        raise NumberFormatError(text, "empty")
    # One optional sign, before or after one optional "$": "-$5" and "$-5" are both minus five.
    head = _HEAD.fullmatch(body)
    assert head is not None  # every group is optional
    before, _, after, body = head.groups()
    if (before and after) or not body:
        raise NumberFormatError(text, "not a number")
    sign = "-" if (before or after) in ("-", MINUS) else ""
    mantissa, exponent = body, ""
    match = re.fullmatch(r"(.*?)([eE][+-]?\d+)", body)
    if match:
        mantissa, exponent = match.group(1), match.group(2)
    whole, sep, frac = mantissa.partition(loc.decimal)
    if not re.fullmatch(r"\d*", frac) or (not whole and not frac):
        raise NumberFormatError(text, "not a number")
    spaced = _SPACES.split(whole)
    if len(spaced) > 1 and loc.group in whole:
        raise NumberFormatError(text, "not a number (mixed group separators)")
    groups = spaced if len(spaced) > 1 else whole.split(loc.group)
    if not all(g.isdigit() and g.isascii() for g in groups) and whole:
        raise NumberFormatError(text, "not a number")
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise NumberFormatError(
            text, f"not a number (group digits in threes; the decimal separator is {loc.decimal!r})"
        )
    canonical = f"{sign}{''.join(groups) or '0'}{'.' + frac if sep else ''}{exponent}"
    try:
        with localcontext(_DISPLAY):
            value = Decimal(canonical)
    except InvalidOperation:  # an exponent too large for Decimal to hold at all
        raise NumberFormatError(text, "too large" if "-" not in exponent else "too small") from None
    if value and value.adjusted() > MAX_ADJUSTED:
        raise NumberFormatError(text, "too large")
    if value and value.adjusted() < -MAX_ADJUSTED:
        raise NumberFormatError(text, "too small")
    return value, canonical != text
