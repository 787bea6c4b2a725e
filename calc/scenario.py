"""The scenario model: what the reader, a URL or an example card describes, validated.

A scenario is plain data (JSON) in, frozen dataclasses out. :func:`parse_scenario` checks every
field and names the offending one with its path (``positions[0].leverage``); nothing downstream
checks again. :func:`scenario_to_data` writes a scenario back as data that parses to an equal one.

>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 50000,
...                                    "margin": 1000, "leverage": 10}]})
>>> s.mode, s.positions[0].quantity, s.positions[0].tiers.name
('isolated', Decimal('0.2'), 'binance-btcusdt')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Final, Literal, cast

from .errors import MISSING, ScenarioError
from .numbers import engine_context, plain, to_decimal
from .tiers import FLAT_MAX_LEVERAGE, TierTable, flat_table, load_table, parse_tiers, table_names

__all__ = [
    "DEFAULT_SYMBOL",
    "DEFAULT_TIERS",
    "MAX_FEE_RATE",
    "MAX_POSITIONS",
    "MaintenancePrice",
    "Mode",
    "Position",
    "Scenario",
    "Side",
    "parse_scenario",
    "scenario_to_data",
]

Mode = Literal["isolated", "cross"]
Side = Literal["long", "short"]
#: Where maintenance margin is valued: at the liquidation price (Binance, Hyperliquid, dYdX)
#: or at entry notional (Bybit's and BitMEX's published examples).
MaintenancePrice = Literal["liquidation", "entry"]

DEFAULT_SYMBOL: Final = "BTCUSDT"
#: Tier table used when a BTCUSDT position names none.
DEFAULT_TIERS: Final = "binance-btcusdt"
MAX_POSITIONS: Final = 20
#: Highest accepted closing-fee rate (5%); real taker fees are well below 0.1%.
MAX_FEE_RATE: Final = Decimal("0.05")

_MODES: Final = ("isolated", "cross")
_SIDES: Final = ("long", "short")
_PRICES: Final = ("liquidation", "entry")
_SCENARIO_KEYS: Final = ("mode", "wallet_balance", "maintenance_price", "fee_rate", "positions")
_POSITION_KEYS: Final = (
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
    ``entry_notional / leverage`` reserved for it (cross mode).
    """

    symbol: str
    side: Side
    entry_price: Decimal
    mark_price: Decimal
    quantity: Decimal
    entry_notional: Decimal
    leverage: Decimal
    margin: Decimal
    tiers: TierTable

    @property
    def sign(self) -> Decimal:
        """+1 for a long, −1 for a short: the ``side`` of the exchanges' formulas."""
        return Decimal(1) if self.side == "long" else Decimal(-1)

    def pnl_at(self, price: Decimal) -> Decimal:
        """Unrealized PnL if the mark were *price*: ``side × Q × (price − entry)``."""
        with engine_context():
            return self.sign * self.quantity * (price - self.entry_price)


@dataclass(frozen=True, slots=True)
class Scenario:
    """A margin account: its mode, its positions and the conventions to value them with."""

    mode: Mode
    positions: tuple[Position, ...]
    wallet_balance: Decimal | None = None
    maintenance_price: MaintenancePrice = "liquidation"
    fee_rate: Decimal = Decimal(0)


def _check_keys(data: Mapping[str, object], known: Sequence[str], path: str) -> None:
    for key in data:
        if key not in known:
            where = f"{path}.{key}" if path else str(key)
            raise ScenarioError(where, MISSING, f"is not a known key; expected one of {', '.join(known)}")


def _choice(data: Mapping[str, object], key: str, options: Sequence[str], default: str, path: str) -> str:
    raw = data.get(key, default)
    if not isinstance(raw, str) or raw not in options:
        raise ScenarioError(path, raw, f"is not one of {', '.join(repr(o) for o in options)}")
    return raw


def _tiers(item: Mapping[str, object], symbol: str, path: str) -> TierTable:
    """Resolve a position's tier table: a packaged name, an inline list, or the flat shorthand."""
    has_rate = "maintenance_margin_rate" in item
    if "maintenance_amount" in item and not has_rate:
        raise ScenarioError(f"{path}.maintenance_amount", MISSING, "needs maintenance_margin_rate")
    if "tiers" in item:
        if has_rate:
            raise ScenarioError(f"{path}.maintenance_margin_rate", MISSING, "cannot be given together with tiers")
        raw = item["tiers"]
        if isinstance(raw, str):
            if raw not in table_names():
                known = ", ".join(table_names())
                raise ScenarioError(f"{path}.tiers", raw, f"is not a known tier table; known: {known}")
            table = load_table(raw)
            if table.symbol != symbol:
                raise ScenarioError(
                    f"{path}.tiers", raw, f"is a {table.symbol} table but the position's symbol is {symbol}"
                )
            return table
        return parse_tiers(raw, f"{path}.tiers")
    if has_rate:
        rate = to_decimal(item["maintenance_margin_rate"], f"{path}.maintenance_margin_rate")
        if not 0 < rate < 1:
            raise ScenarioError(
                f"{path}.maintenance_margin_rate", item["maintenance_margin_rate"], "is not between 0 and 1 (exclusive)"
            )
        amount = Decimal(0)
        if "maintenance_amount" in item:
            amount = to_decimal(item["maintenance_amount"], f"{path}.maintenance_amount", non_negative=True)
        return flat_table(rate, amount)
    if symbol != DEFAULT_SYMBOL:
        raise ScenarioError(
            f"{path}.tiers",
            MISSING,
            f"is missing: the packaged tables are for {DEFAULT_SYMBOL}; "
            f"give tiers or maintenance_margin_rate for {symbol}",
        )
    return load_table(DEFAULT_TIERS)


def _position(raw: object, mode: Mode, path: str) -> tuple[Position, bool]:
    """Validate and size one position; also say whether its mark price was given."""
    if not isinstance(raw, Mapping):
        raise ScenarioError(path, raw, "is not an object")
    item = cast("Mapping[str, object]", raw)
    _check_keys(item, _POSITION_KEYS, path)
    symbol = item.get("symbol", DEFAULT_SYMBOL)
    if not isinstance(symbol, str) or not _SYMBOL.fullmatch(symbol):
        raise ScenarioError(f"{path}.symbol", symbol, "is not a symbol (1–32 letters, digits or ._:/-)")
    if "side" not in item:
        raise ScenarioError(f"{path}.side", MISSING, "is missing")
    side = cast(Side, _choice(item, "side", _SIDES, "", f"{path}.side"))
    if "entry_price" not in item:
        raise ScenarioError(f"{path}.entry_price", MISSING, "is missing")
    entry = to_decimal(item["entry_price"], f"{path}.entry_price", positive=True)
    mark = entry
    if "mark_price" in item:
        mark = to_decimal(item["mark_price"], f"{path}.mark_price", positive=True)

    def number(key: str) -> Decimal | None:
        return to_decimal(item[key], f"{path}.{key}", positive=True) if key in item else None

    quantity, notional, leverage, margin = number("quantity"), number("notional"), number("leverage"), number("margin")
    tiers = _tiers(item, symbol, path)

    with engine_context():
        # Size: exactly one of quantity, notional, or margin × leverage.
        if quantity is not None and notional is not None:
            raise ScenarioError(f"{path}.notional", item["notional"], "cannot be given together with quantity")
        if mode == "cross" and margin is not None and (quantity is not None or notional is not None):
            raise ScenarioError(
                f"{path}.margin",
                item["margin"],
                "is only a sizing input in cross mode (margin × leverage); give it instead of quantity or notional",
            )
        if quantity is None and notional is None:
            if margin is None or leverage is None:
                raise ScenarioError(
                    path, MISSING, "needs a size: give quantity, notional, or margin and leverage"
                )
            notional = margin * leverage
        if notional is None:
            assert quantity is not None
            notional = quantity * entry
        else:
            quantity = notional / entry
        entry_notional = notional

        if leverage is None:
            if mode == "cross" or margin is None:
                raise ScenarioError(f"{path}.leverage", MISSING, "is missing")
            leverage = entry_notional / margin
            lev_path, lev_raw = f"{path}.margin", item["margin"]
            if leverage < 1:
                raise ScenarioError(
                    lev_path, lev_raw, f"is more than the notional {plain(entry_notional)} (leverage below 1x)"
                )
        else:
            lev_path, lev_raw = f"{path}.leverage", item["leverage"]
            if leverage < 1:
                raise ScenarioError(lev_path, lev_raw, "is below 1x")
        bracket = tiers.bracket_for(entry_notional)
        if leverage > bracket.max_leverage:
            implied = "" if lev_path.endswith("leverage") else f"implies {plain(leverage)}x, which "
            raise ScenarioError(
                lev_path,
                lev_raw,
                f"{implied}is above the bracket's maximum of {plain(bracket.max_leverage)}x "
                f"(notional {plain(entry_notional)} at entry, {tiers.name} tiers)",
            )
        if mode == "cross" or margin is None:
            margin = entry_notional / leverage
    return Position(symbol, side, entry, mark, quantity, entry_notional, leverage, margin, tiers), "mark_price" in item


def parse_scenario(data: Mapping[str, Any]) -> Scenario:
    """Validate scenario data (the JSON contract of issue 2) and build a :class:`Scenario`.

    Raises :class:`~calc.errors.ScenarioError` naming the first bad field.

    >>> parse_scenario({"mode": "cross",
    ...                 "positions": [{"side": "long", "entry_price": 1, "quantity": 1, "leverage": 2}]})
    Traceback (most recent call last):
    ...
    calc.errors.ScenarioError: wallet_balance: is missing (cross mode needs the wallet balance)
    """
    if not isinstance(data, Mapping):
        raise ScenarioError("scenario", data, "is not an object")
    _check_keys(data, _SCENARIO_KEYS, "")
    mode = cast(Mode, _choice(data, "mode", _MODES, "isolated", "mode"))
    convention = cast(MaintenancePrice, _choice(data, "maintenance_price", _PRICES, "liquidation", "maintenance_price"))
    fee_rate = Decimal(0)
    if "fee_rate" in data:
        fee_rate = to_decimal(data["fee_rate"], "fee_rate", non_negative=True)
        if fee_rate > MAX_FEE_RATE:
            raise ScenarioError("fee_rate", data["fee_rate"], f"is above {plain(MAX_FEE_RATE)} (5%)")
    wallet: Decimal | None = None
    if "wallet_balance" in data:
        wallet = to_decimal(data["wallet_balance"], "wallet_balance", positive=True)
    elif mode == "cross":
        raise ScenarioError("wallet_balance", MISSING, "is missing (cross mode needs the wallet balance)")

    raw_positions = data.get("positions", MISSING)
    if raw_positions is MISSING:
        raise ScenarioError("positions", MISSING, "is missing")
    if isinstance(raw_positions, (str, bytes)) or not isinstance(raw_positions, Sequence):
        raise ScenarioError("positions", raw_positions, "is not a list")
    if not raw_positions:
        raise ScenarioError("positions", raw_positions, "is empty; give at least one position")
    if len(raw_positions) > MAX_POSITIONS:
        count = len(raw_positions)
        raise ScenarioError("positions", MISSING, f"has {count} entries; at most {MAX_POSITIONS} are accepted")
    parsed = [_position(item, mode, f"positions[{i}]") for i, item in enumerate(raw_positions)]
    positions = tuple(p for p, _ in parsed)

    if mode == "cross":
        assert wallet is not None
        positions = _shared_marks(parsed)
        with engine_context():
            initial = sum((p.margin for p in positions), Decimal(0))
        if wallet < initial:
            raise ScenarioError(
                "wallet_balance",
                data["wallet_balance"],
                f"is less than the positions' initial margin of {plain(initial)} (entry notional / leverage)",
            )
    return Scenario(mode, positions, wallet, convention, fee_rate)


def _shared_marks(parsed: Sequence[tuple[Position, bool]]) -> tuple[Position, ...]:
    """Cross: give every position of a symbol the one mark price that symbol has.

    All legs of a symbol move with one price, so two different marks for it would be two prices.
    A position without a mark takes the one given on another position of its symbol; if none
    gives one, the mark defaults to the entry price, which then must be the same for all of them.
    """
    given: dict[str, Decimal] = {}
    for i, (p, has_mark) in enumerate(parsed):
        if has_mark and given.setdefault(p.symbol, p.mark_price) != p.mark_price:
            raise ScenarioError(
                f"positions[{i}].mark_price",
                p.mark_price,
                f"differs from the mark price {plain(given[p.symbol])} given for an earlier {p.symbol} position",
            )
    positions: list[Position] = []
    defaults: dict[str, Decimal] = {}
    for i, (p, has_mark) in enumerate(parsed):
        if not has_mark:
            mark = given.get(p.symbol)
            if mark is None and defaults.setdefault(p.symbol, p.entry_price) != p.entry_price:
                raise ScenarioError(
                    f"positions[{i}].mark_price",
                    MISSING,
                    f"is missing: the {p.symbol} positions have different entry prices, so give the mark price",
                )
            p = replace(p, mark_price=mark if mark is not None else p.entry_price)
        positions.append(p)
    return tuple(positions)


def _tiers_to_data(table: TierTable) -> dict[str, object]:
    if table.name in table_names():
        return {"tiers": table.name}
    if table.is_flat and table.tiers[0].max_leverage == FLAT_MAX_LEVERAGE:
        tier = table.tiers[0]
        return {"maintenance_margin_rate": plain(tier.rate), "maintenance_amount": plain(tier.amount)}
    return {
        "tiers": [
            {
                "floor": plain(t.floor),
                "cap": None if t.cap is None else plain(t.cap),
                "max_leverage": plain(t.max_leverage),
                "rate": plain(t.rate),
                "amount": plain(t.amount),
            }
            for t in table.tiers
        ]
    }


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Write *scenario* as JSON-able data (numbers as decimal strings) that parses back to an equal scenario.

    Positions are written sized by quantity, or by notional when that is what they were sized by
    (the quantity is then a rounded quotient); isolated ones keep their margin.
    """
    data: dict[str, object] = {
        "mode": scenario.mode,
        "maintenance_price": scenario.maintenance_price,
        "fee_rate": plain(scenario.fee_rate),
    }
    if scenario.wallet_balance is not None:
        data["wallet_balance"] = plain(scenario.wallet_balance)
    positions: list[dict[str, object]] = []
    for p in scenario.positions:
        item: dict[str, object] = {
            "symbol": p.symbol,
            "side": p.side,
            "entry_price": plain(p.entry_price),
            "mark_price": plain(p.mark_price),
        }
        with engine_context():
            by_quantity = p.quantity * p.entry_price == p.entry_notional
        if by_quantity:
            item["quantity"] = plain(p.quantity)
        else:
            item["notional"] = plain(p.entry_notional)
        item["leverage"] = plain(p.leverage)
        if scenario.mode == "isolated":
            item["margin"] = plain(p.margin)
        item.update(_tiers_to_data(p.tiers))
        positions.append(item)
    data["positions"] = positions
    return data
