"""Figures as text: each result value through its kind's formatter, each figure key with its label.

The figure table (:data:`calc.FIGURES`) gives each figure a unit: a base kind and flags. :data:`FORMATTERS` names
the one function of :mod:`.format` that writes each kind; :func:`_text` applies the flags the same way to every kind
(an optional figure's None reads "—", an unreachable one's "Cannot be liquidated", a signed one shows "+", an amount
in the position's coin names it); the locale file gives each key its label. A card's ``show:`` keys and the
calculator's figure lists are keys of that same table:

>>> from calc.evaluate import evaluate_data
>>> text = format_result(evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...                                                    "leverage": 10}]}))
>>> figure_text(text, "liquidation_price"), figure_text(text, "account.total_margin")
('$45,180.72', '$1,000.00')
>>> label("positions[1].margin")
'Position 2: Margin'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, Final, Literal, Protocol

from calc import FIGURES, Figure, Plan, ScenarioError

from . import dates
from . import format as fmt
from .catalogue import section

__all__ = ["FORMATTERS", "figure_text", "format_figure", "format_result", "label", "parse_figure_key", "plan_label",
           "plan_text", "plan_value_text", "PlanAnswer"]

Scope = Literal["position", "account"]
_KEY: Final = re.compile(r"(?:positions\[(\d{1,2})\]\.)?([a-z_]+)|account\.([a-z_]+)")


def _number(value: object) -> fmt.Number:
    if isinstance(value, (Decimal, int, str)) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a decimal string, got {value!r}")


#: The one function that writes each kind of figure (:data:`calc.results.Kind`), called with the value and the
#: language, ``signed=True`` for a signed unit and ``symbol=`` the coin for an amount in the position's coin.
FORMATTERS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType({
    "text": fmt.text,
    "choice": fmt.choice_label,
    "flag": fmt.yes_no,
    "band": fmt.band_label,
    "money": fmt.money,
    "price": fmt.price,
    "coin": fmt.coin,
    "quantity": fmt.quantity,
    "leverage": fmt.leverage,
    "percent": fmt.percent,
    "rate": fmt.rate,
    "gauge": fmt.gauge,
})


@functools.cache
def _writer(figure: Figure) -> tuple[Callable[..., str], bool, Mapping[str, object]]:
    """A figure's formatter, whether its values are numbers, and the options its unit's flags give every call
    (worked out once per figure: a request writes some forty)."""
    unit = figure.unit
    return FORMATTERS[unit.kind], unit.numeric, MappingProxyType({"signed": True} if unit.signed else {})


def _text(figure: Figure, value: object, loc: fmt.Locale, row: Mapping[str, object]) -> str:
    """*value* of *figure* as text: its kind's formatter, with its unit's flags. ``row`` is the figure's whole row
    (an amount in coins needs its symbol)."""
    unit = figure.unit
    if value is None and unit.optional:
        return loc.words["none"]
    if value is None and unit.unreachable:
        return loc.words["cannot_be_liquidated"]
    formatter, numeric, options = _writer(figure)
    if unit.in_coin:
        options = {**options, "symbol": fmt.base_asset(str(row.get("symbol", "")))}
    return formatter(_number(value) if numeric else value, loc.code, **options)


def _row_text(row: Mapping[str, object], scope: Scope, loc: fmt.Locale) -> dict[str, str]:
    table = FIGURES[scope]
    out: dict[str, str] = {}
    for key, value in row.items():
        if key not in table:
            raise ValueError(f"format_result does not know the {scope} key {key!r}")
        out[key] = _text(table[key], value, loc, row)
    return out


def _table_text(table: Mapping[str, object], loc: fmt.Locale) -> str:
    """How an assumptions entry names its tier table: its name and date, the flat rate, or "custom tiers"."""
    if "maintenance_margin_rate" in table:
        text = f"{loc.words['flat']} {fmt.rate(_number(table['maintenance_margin_rate']), loc.code)}"
        amount = _number(table.get("maintenance_amount", "0"))
        return text if not Decimal(amount) else f"{text} − {fmt.money(amount, loc.code)}"
    if not isinstance(table.get("tiers"), str):
        return loc.words["inline"]
    retrieved = table.get("retrieved")
    name = str(table.get("name"))
    return f"{name} ({loc.words['retrieved']} {dates.date(str(retrieved), loc.code)})" if retrieved else name


def _fee_valued_at(assumptions: Mapping[str, object], loc: fmt.Locale) -> str:
    """Where the closing fee is valued: at the bankruptcy price (a fixed amount, Bybit's rule), else where maintenance
    is valued (the liquidation price, or entry); "no closing fee" at a rate of zero."""
    if not Decimal(_number(assumptions.get("fee_rate", "0"))):
        return loc.words["fee_none"]
    if assumptions.get("fee_price") == "bankruptcy":
        return loc.words["fee_at_bankruptcy"]
    return loc.words["fee_at_entry" if assumptions.get("maintenance_price") == "entry" else "fee_at_liquidation"]


def format_result(result: Mapping[str, Any], locale: str = "en") -> dict[str, Any]:
    """Display strings for every figure of :func:`calc.evaluate.evaluate_data`'s output.

    Same shape as the input (``positions`` list, ``account`` and ``assumptions`` objects), every
    value a string; unknown keys raise ``ValueError`` so that a new result key cannot reach the
    page unformatted. Never produces "NaN", "None", "null" or "Infinity": missing values read
    "Cannot be liquidated" (a liquidation price) or "—".
    """
    loc = fmt.locale_of(locale)
    positions, account, assumptions = result["positions"], result["account"], result["assumptions"]
    if not isinstance(positions, list) or not isinstance(account, Mapping) or not isinstance(assumptions, Mapping):
        raise TypeError("format_result expects the output of evaluate_data")
    tables = assumptions.get("tiers", [])
    convention = assumptions.get("maintenance_price")
    return {
        "positions": [_row_text(row, "position", loc) for row in positions],
        "account": _row_text(account, "account", loc),
        "assumptions": {
            "maintenance_price": loc.words["at_entry" if convention == "entry" else "at_liquidation"],
            "fee_rate": fmt.rate(_number(assumptions.get("fee_rate", "0")), locale),
            "fee_price": _fee_valued_at(assumptions, loc),
            "tiers": [_table_text(t, loc) for t in tables] if isinstance(tables, list) else [],
        },
    }


def parse_figure_key(key: object) -> tuple[Scope, int, Figure]:
    """``"positions[1].liquidation_price"`` → ``("position", 1, <its table row>)``; ``"account.margin_ratio"`` →
    ``("account", 0, …)``. A key naming no shown figure of the table raises ``ScenarioError`` (kind ``not_a_figure``
    with the keys there are, or ``not_a_figure_key`` for a malformed one)."""
    match = _KEY.fullmatch(key) if isinstance(key, str) else None
    if match is None:
        raise ScenarioError((), "not_a_figure_key", key)
    index, position_key, account_key = match.groups()
    scope: Scope = "account" if account_key else "position"
    name = account_key or position_key
    row = FIGURES[scope].get(name)
    if row is None or not row.shown:
        prefix = "account." if scope == "account" else ""
        known = tuple(f"{prefix}{f.key}" for f in FIGURES[scope].values() if f.shown)
        raise ScenarioError((), "not_a_figure", key, known=known)
    return scope, int(index or 0), row


def _row_of(output: Mapping[str, Any], key: str) -> tuple[Mapping[str, Any], Figure]:
    """The row of *output* (an evaluation's data, or its formatted text: the same shape) holding *key*, and the
    key's figure; ``ScenarioError`` if the result lacks it."""
    scope, index, figure = parse_figure_key(key)
    if scope == "account":
        account = output["account"]
        if figure.key not in account:
            raise ScenarioError((), "not_in_this_account", key)
        return account, figure
    positions = output["positions"]
    if index >= len(positions):
        raise ScenarioError((), "no_such_position", key, count=len(positions))
    return positions[index], figure


def figure_text(text: Mapping[str, Any], key: str) -> str:
    """The display string of *key* in formatted output *text*; ``ScenarioError`` if the result lacks it."""
    row, figure = _row_of(text, key)
    return str(row[figure.key])


def format_figure(result: Mapping[str, Any], key: str, locale: str = "en") -> str:
    """*key*'s display string formatted straight from :func:`calc.evaluate.evaluate_data`'s output: the text
    :func:`format_result` gives it, without formatting the figures nobody shows (the calculator redraws a dozen
    of them on every slider move)."""
    row, figure = _row_of(result, key)
    return _text(figure, row[figure.key], fmt.locale_of(locale), row)


class PlanAnswer(Protocol):
    """What the view needs of any planning answer (:func:`calc.plan`'s): its figure table and the figures it gives."""

    FIGURES: ClassVar[Mapping[str, Figure]]

    def data_keys(self) -> tuple[str, ...]: ...


def plan_text(answer: PlanAnswer, key: str, locale: str = "en") -> str:
    """Figure *key* of any planning answer as text, on the same path as a scenario's figures (its unit from the
    answer's figure table, such as :attr:`calc.Plan.FIGURES`)."""
    figures = answer.FIGURES
    symbol = str(getattr(answer, "symbol", "BTCUSDT"))
    return _text(figures[key], getattr(answer, key), fmt.locale_of(locale), {"symbol": symbol})


def plan_value_text(key: str, value: object, locale: str = "en", symbol: str = "BTCUSDT",
                    figures: Mapping[str, Figure] | None = None) -> str:
    """A planning figure's *value* (a Decimal, a decimal string as ``python -m calc plan`` writes it, a bool or None)
    as text, by its unit in *figures* (the position-size answer's by default)."""
    return _text((figures or Plan.FIGURES)[key], value, fmt.locale_of(locale), {"symbol": symbol})


def plan_label(key: str, locale: str = "en") -> str:
    """The label of a planning answer's figure *key*."""
    return str(section(locale, "figures")["plan"][key])


def label(key: str, locale: str = "en") -> str:
    """The label of a figure key: ``"positions[1].margin"`` → ``"Position 2: Margin"``."""
    labels = section(locale, "figures")
    scope, index, row = parse_figure_key(key)
    if scope == "account":
        return str(labels["account"][row.key])
    text = str(labels["position"][row.key])
    return text if not index else str(labels["other_position"]).format(number=index + 1, label=text)
