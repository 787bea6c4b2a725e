"""Display strings for results: money, prices, percentages, leverage, quantities, distance bands.

Formatting is kept apart from arithmetic: results stay full-precision decimal strings in :mod:`calc`, and this
module is the one place where they are rounded — each rounding names its quantum and uses
``ROUND_HALF_EVEN`` (banker's rounding), never the ambient context. Locale data is a few
separators and words (:data:`LOCALES`), not a locale database, so the build and the browser print
the same text.

>>> money("45180.72289156626506024096385542169")
'$45,180.72'
>>> money("-1000", "nl"), money("0.001", signed=True)
('−$\\xa01.000,00', '+$0.00')
>>> percent("0.0963855421686746987951807228915662"), leverage("12.50"), quantity("0.2")
('9.64%', '12.5x', '0.2 BTC')
>>> price(None)
'Cannot be liquidated'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation, localcontext
from types import MappingProxyType
from typing import Final

from calc import CHOICES, Position, ScenarioError

from .catalogue import languages, section

__all__ = [
    "LOCALES",
    "MINUS",
    "Locale",
    "amount",
    "base_asset",
    "choice_label",
    "coin",
    "gauge",
    "leverage",
    "locale_of",
    "money",
    "number",
    "percent",
    "price",
    "quantity",
    "rate",
    "band_label",
    "text",
    "yes_no",
]

#: The coin a symbol trades, which names a quantity: ``BTCUSDT`` → ``BTC`` (the engine's rule).
base_asset: Final = Position.asset_of

#: U+2212 MINUS SIGN: typographically a minus, not a hyphen.
MINUS: Final = "\u2212"

#: Wide enough that quantizing any result (at most ~100 digits left of the point) never rounds
#: twice; rounding itself is always explicit in :func:`_fixed`.
DISPLAY: Final = Context(prec=400, rounding=ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999, traps=[InvalidOperation])


@dataclass(frozen=True, slots=True)
class Locale:
    """Separators, the currency pattern (``{}`` is the number) and the words results need."""

    code: str
    group: str
    decimal: str
    currency: str
    #: A day: the pattern (``{day}``, ``{month}``, ``{year}``) and the months' names, January first.
    date: str
    months: tuple[str, ...]
    words: Mapping[str, str]


def _load_locale(code: str) -> Locale:
    """A language's separators and words, from its file in ``calc/locales/`` (all interface text lives there)."""
    numbers = section(code, "numbers")
    return Locale(
        code=code,
        group=numbers["group"],
        decimal=numbers["decimal"],
        currency=numbers["currency"],
        date=numbers["date"],
        months=tuple(numbers["months"]),
        words=MappingProxyType(dict(section(code, "words"))),
    )


#: Every language with a strings file; a new language is a new JSON file, not code.
LOCALES: Final[Mapping[str, Locale]] = MappingProxyType({code: _load_locale(code) for code in languages()})


Number = Decimal | int | str


def locale_of(code: str) -> Locale:
    """The separators and words of language *code*; a ``ScenarioError`` naming the known ones otherwise."""
    try:
        return LOCALES[code]
    except KeyError:
        raise ScenarioError(("locale",), "unknown_locale", code, known=tuple(LOCALES)) from None


def _decimal(value: Number) -> Decimal:
    """A finite Decimal from a Decimal, an int or a result's decimal string."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number to format")
    if isinstance(value, (Decimal, int, str)):
        try:
            with localcontext(DISPLAY):
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
    q = value.quantize(Decimal(1).scaleb(-places, context=DISPLAY), rounding=ROUND_HALF_EVEN, context=DISPLAY)
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
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), places, loc)
    return _sign(negative, signed) + loc.currency.format(text)


def price(value: Number | None, locale: str = "en") -> str:
    """A liquidation (or other) price as money; None is "Cannot be liquidated".

    >>> price("26316.89326451886"), price(None, "nl")
    ('$26,316.89', 'Kan niet worden geliquideerd')
    """
    if value is None:
        return locale_of(locale).words["cannot_be_liquidated"]
    return money(value, locale)


def percent(fraction: Number, locale: str = "en", *, signed: bool = False, places: int = 2) -> str:
    """A fraction as a percentage: ``0.0964 → 9.64%``.

    >>> percent("-0.3169", signed=True), percent("0.5", "nl")
    ('−31.69%', '50,00%')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(fraction).scaleb(2, context=DISPLAY), places, loc)
    return f"{_sign(negative, signed)}{text}%"


def rate(fraction: Number, locale: str) -> str:
    """A small rate to up to 4 decimals of a percent, at least 2: ``0.0065 → 0.65%``, ``0.00055 → 0.055%``."""
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(fraction).scaleb(2, context=DISPLAY), 4, loc, trim=True, keep=2)
    return f"{_sign(negative, False)}{text}%"


def gauge(fraction: Number, locale: str = "en") -> str:
    """Where a position stands on the risk gauge (0 … 1) as a whole percentage: ``0.4166 → 42%``.

    >>> gauge("0.4166"), gauge(1, "nl")
    ('42%', '100%')
    """
    return percent(fraction, locale, places=0)


def amount(value: Number, locale: str = "en") -> str:
    """Money inside a formula: no currency sign, to the cent, no decimals when whole (formulas must fit a phone).

    >>> amount("1000.00"), amount("-9036.1"), amount("36.144578"), amount("0.004")
    ('1,000', '−9,036.10', '36.14', '0')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), 2, loc)
    whole, _, cents = text.partition(loc.decimal)
    return _sign(negative, False) + (whole if cents.strip("0") == "" else text)


def number(value: Number, locale: str = "en", *, places: int = 8) -> str:
    """A bare number to at most *places* decimals, trailing zeros trimmed: a formula's intermediate values.

    >>> number("-0.19920"), number("45180.722891566265"), number("1234.5", "nl")
    ('−0.1992', '45,180.72289157', '1.234,5')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), places, loc, trim=True)
    return f"{_sign(negative, False)}{text}"


def leverage(value: Number, locale: str = "en") -> str:
    """Leverage to at most 2 decimals, trailing zeros trimmed: ``10x``, ``12.5x``, ``3.33x``.

    >>> leverage(10), leverage("12.50"), leverage("3.3333")
    ('10x', '12.5x', '3.33x')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), 2, loc, trim=True)
    return f"{_sign(negative, False)}{text}x"


def quantity(value: Number, locale: str = "en", symbol: str = "BTC") -> str:
    """A position size to at most 8 decimals (a satoshi), trimmed, with its unit: ``0.2 BTC``.

    >>> quantity("109.488", symbol="BTC"), quantity("1234.5", "nl", symbol="ETH")
    ('109.488 BTC', '1.234,5 ETH')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), 8, loc, trim=True)
    number = f"{_sign(negative, False)}{text}"
    return f"{number} {symbol}" if symbol else number


def coin(value: Number, locale: str = "en", symbol: str = "BTC", *, signed: bool = False) -> str:
    """An amount of a coin (an inverse contract's margin or PnL) to at most 8 decimals, trimmed, with the coin:
    ``0.125 BTC``, ``+0.0214 BTC``.

    >>> coin("0.12500000"), coin("-0.0016", signed=True), coin("0.0214", "nl", "ETH", signed=True)
    ('0.125 BTC', '−0.0016 BTC', '+0,0214 ETH')
    """
    loc = locale_of(locale)
    negative, text = _fixed(_decimal(value), 8, loc, trim=True)
    return f"{_sign(negative, signed)}{text} {symbol}"


def band_label(band: str, locale: str = "en") -> str:
    """The reader-facing name of a distance band: ``"near" → "Near"``.

    >>> band_label("very_near"), band_label("far", "nl")
    ('Very near', 'Ver')
    """
    words = locale_of(locale).words
    if band not in CHOICES["distance_band"]:
        raise ValueError(f"unknown distance band {band!r}")
    return words[band]


def choice_label(value: str, locale: str = "en") -> str:
    """The reader-facing name of a choice (a side, a margin mode): ``"long" → "Long"``.

    >>> choice_label("cross"), choice_label("short", "nl")
    ('Cross', 'Short')
    """
    return locale_of(locale).words[value]


def yes_no(value: bool, locale: str = "en") -> str:
    """A flag as a word: "Yes" for True, "No" otherwise."""
    return locale_of(locale).words["yes" if value is True else "no"]


def text(value: object, locale: str = "en") -> str:
    """An identifier as written (a symbol, a tier table's name), the same in every language."""
    return str(value)
