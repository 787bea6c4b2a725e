"""One position of a scenario: read from data, its tier table resolved, sized, its leverage checked.

A position is sized by exactly one of ``quantity``, ``notional``, or ``margin × leverage``; its leverage is given,
or (isolated) implied by its margin. The leverage must fit the bracket of the entry notional, as exchanges
check it when the order is placed.

>>> p, _ = read_position({"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}, "isolated",
...                      ("positions", 0))
>>> p.quantity, p.entry_notional, p.tiers.name
(Decimal('0.2'), Decimal('10000'), 'binance-btcusdt')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, cast

from .choices import SIDES, Mode, Side
from .errors import Path, ScenarioError
from .numbers import engine_context, to_decimal
from .profiles import Profile
from .tiers import TierTable, flat_table, load_table, parse_tiers, table_names

__all__ = ["DEFAULT_SYMBOL", "DEFAULT_TIERS", "POSITION_KEYS", "Position", "read_position"]

DEFAULT_SYMBOL: Final = "BTCUSDT"
#: Tier table used when a BTCUSDT position names none.
DEFAULT_TIERS: Final = "binance-btcusdt"
POSITION_KEYS: Final = (
    "symbol",
    "side",
    "entry_price",
    "mark_price",
    "quantity",
    "notional",
    "leverage",
    "margin",
    "tiers",
    "maintenance_margin_rate",
    "maintenance_amount",
)
_SYMBOL: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}")


@dataclass(frozen=True, slots=True)
class Position:
    """One position, fully sized.

    ``entry_notional`` is the size as given: ``quantity × entry_price``, or the ``notional`` or
    ``margin × leverage`` the position was sized by — exact, whereas ``quantity`` derived from it
    is rounded to 34 digits; bracket and initial-margin checks use the exact figure.
    ``margin`` is the isolated margin as it stands (isolated mode) or the initial margin
    ``entry_notional / leverage`` reserved for it (cross mode). A cross position sized by ``quantity`` or
    ``notional`` may leave its leverage out: in cross the leverage setting only sets the initial margin reserved, it
    does not move the liquidation price (Binance's FAQ cross example and dYdX's documented example give none), so
    ``leverage`` and ``margin`` are then None, and so are the figures that need them (initial margin, ROE).
    """

    symbol: str
    side: Side
    entry_price: Decimal
    mark_price: Decimal
    quantity: Decimal
    entry_notional: Decimal
    leverage: Decimal | None
    margin: Decimal | None
    tiers: TierTable

    @property
    def sign(self) -> Decimal:
        """+1 for a long, −1 for a short: the ``side`` of the exchanges' formulas."""
        return Decimal(1) if self.side == "long" else Decimal(-1)

    def fee_to_close(self, fee_rate: Decimal) -> Decimal:
        """Bybit's estimated fee to close as the position opens: the taker rate on its value at the bankruptcy price
        its initial margin sets, ``fee_rate × entry notional × (1 ∓ 1/L)`` ("The New Margin Calculation: Adjustments
        and Implications", 2025-09-18); on the entry value for a cross position that gives no leverage."""
        with engine_context():
            if self.leverage is None:
                return fee_rate * self.entry_notional
            return fee_rate * self.entry_notional * (1 - self.sign / self.leverage)

    def pnl_at(self, price: Decimal) -> Decimal:
        """Unrealized PnL if the mark were *price*: ``side × Q × (price − entry)``."""
        with engine_context():
            return self.sign * self.quantity * (price - self.entry_price)


def check_keys(data: Mapping[str, object], known: tuple[str, ...], path: Path) -> None:
    """Refuse a key the contract does not define (a typo would otherwise be ignored silently)."""
    for key in data:
        if key not in known:
            raise ScenarioError((*path, str(key)), "unknown_key", known=known)


def choice(data: Mapping[str, object], key: str, options: tuple[str, ...], default: str, path: Path) -> str:
    """``data[key]`` (or *default*) when it is one of *options*."""
    raw = data.get(key, default)
    if not isinstance(raw, str) or raw not in options:
        raise ScenarioError((*path, key), "not_one_of", raw, options=options)
    return raw


def _tiers(item: Mapping[str, object], symbol: str, path: Path, exchange: Profile | None) -> TierTable:
    """Resolve a position's tier table: a packaged name, an inline list, or the flat shorthand; without any, the
    exchange profile's table for the symbol, or (no profile) the default BTCUSDT table."""
    has_rate = "maintenance_margin_rate" in item
    if "maintenance_amount" in item and not has_rate:
        raise ScenarioError((*path, "maintenance_amount"), "needs_rate")
    if "tiers" in item:
        if has_rate:
            raise ScenarioError((*path, "maintenance_margin_rate"), "conflicts_with", other="tiers")
        raw = item["tiers"]
        if not isinstance(raw, str):
            return parse_tiers(raw, (*path, "tiers"))
        if raw not in table_names():
            raise ScenarioError((*path, "tiers"), "unknown_table", raw, known=table_names())
        table = load_table(raw)
        if table.symbol != symbol:
            raise ScenarioError((*path, "tiers"), "table_for_other_symbol", raw, table_symbol=table.symbol,
                                symbol=symbol)
        return table
    if has_rate:
        rate = to_decimal(item["maintenance_margin_rate"], (*path, "maintenance_margin_rate"))
        if not 0 < rate < 1:
            raise ScenarioError((*path, "maintenance_margin_rate"), "not_a_rate", item["maintenance_margin_rate"])
        amount = Decimal(0)
        if "maintenance_amount" in item:
            amount = to_decimal(item["maintenance_amount"], (*path, "maintenance_amount"), non_negative=True)
        return flat_table(rate, amount)
    if exchange is not None:
        profile_table = exchange.table_for(symbol)
        if profile_table is None:
            raise ScenarioError((*path, "tiers"), "no_profile_table", exchange=exchange.name, symbol=symbol,
                                known=exchange.symbols)
        return profile_table
    if symbol != DEFAULT_SYMBOL:
        raise ScenarioError((*path, "tiers"), "tiers_needed", default=DEFAULT_SYMBOL, symbol=symbol)
    return load_table(DEFAULT_TIERS)


@dataclass(frozen=True, slots=True)
class _Size:
    """What sizes a position, as given: each None when absent."""

    quantity: Decimal | None
    notional: Decimal | None
    leverage: Decimal | None
    margin: Decimal | None


def _entry_notional(size: _Size, entry: Decimal, mode: Mode, item: Mapping[str, object], path: Path) -> Decimal:
    """The notional at entry from exactly one of: quantity, notional, or margin × leverage."""
    if size.quantity is not None and size.notional is not None:
        raise ScenarioError((*path, "notional"), "conflicts_with", item["notional"], other="quantity")
    if mode == "cross" and size.margin is not None and (size.quantity is not None or size.notional is not None):
        raise ScenarioError((*path, "margin"), "margin_sizes_cross", item["margin"])
    if size.quantity is not None:
        return size.quantity * entry
    if size.notional is not None:
        return size.notional
    if size.margin is None or size.leverage is None:
        raise ScenarioError(path, "needs_size")
    return size.margin * size.leverage


def _leverage(size: _Size, quantity: Decimal, notional: Decimal, tiers: TierTable, mode: Mode,
              item: Mapping[str, object], path: Path) -> Decimal | None:
    """The leverage given (or, isolated, implied by the margin), checked against the entry bracket; None for a
    cross position that gives none (it is then sized by quantity or notional: margin × leverage needs both)."""
    maximum = tiers.bracket_of(quantity, notional).max_leverage
    if size.leverage is not None:
        if size.leverage < 1:
            raise ScenarioError((*path, "leverage"), "below_one", item["leverage"])
        if size.leverage > maximum:
            raise ScenarioError((*path, "leverage"), "above_bracket", item["leverage"], maximum=maximum,
                                notional=notional, table=tiers.name)
        return size.leverage
    if mode == "cross":
        return None
    if size.margin is None:
        raise ScenarioError((*path, "leverage"), "missing")
    leverage = notional / size.margin
    if leverage < 1:
        raise ScenarioError((*path, "margin"), "margin_above_notional", item["margin"], notional=notional)
    if leverage > maximum:
        raise ScenarioError((*path, "margin"), "implied_above_bracket", item["margin"], leverage=leverage,
                            maximum=maximum, notional=notional, table=tiers.name)
    return leverage


def read_position(raw: object, mode: Mode, path: Path, exchange: Profile | None = None) -> tuple[Position, bool]:
    """Validate and size one position (its tiers, when it names none, from *exchange*'s profile); also say whether
    its mark price was given."""
    if not isinstance(raw, Mapping):
        raise ScenarioError(path, "not_an_object", raw)
    item = cast("Mapping[str, object]", raw)
    check_keys(item, POSITION_KEYS, path)
    symbol = item.get("symbol", DEFAULT_SYMBOL)
    if not isinstance(symbol, str) or not _SYMBOL.fullmatch(symbol):
        raise ScenarioError((*path, "symbol"), "not_a_symbol", symbol)
    if "side" not in item:
        raise ScenarioError((*path, "side"), "missing")
    side = cast(Side, choice(item, "side", SIDES, "", path))
    if "entry_price" not in item:
        raise ScenarioError((*path, "entry_price"), "missing")
    entry = to_decimal(item["entry_price"], (*path, "entry_price"), positive=True)
    mark = to_decimal(item["mark_price"], (*path, "mark_price"), positive=True) if "mark_price" in item else entry

    def number(key: str) -> Decimal | None:
        return to_decimal(item[key], (*path, key), positive=True) if key in item else None

    size = _Size(number("quantity"), number("notional"), number("leverage"), number("margin"))
    tiers = _tiers(item, symbol, path, exchange)
    with engine_context():
        notional = _entry_notional(size, entry, mode, item, path)
        quantity = size.quantity if size.quantity is not None else notional / entry
        leverage = _leverage(size, quantity, notional, tiers, mode, item, path)
        if mode == "isolated" and size.margin is not None:
            margin: Decimal | None = size.margin
        else:
            margin = None if leverage is None else notional / leverage
    return Position(symbol, side, entry, mark, quantity, notional, leverage, margin, tiers), "mark_price" in item
