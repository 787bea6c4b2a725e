"""Reading one position from scenario data: its contract, its tier table, its size and its leverage, checked.

>>> p, _ = read_position({"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}, "isolated",
...                      ("positions", 0))
>>> p.quantity, p.entry_notional, p.tiers.name
(Decimal('0.2'), Decimal('10000'), 'binance-btcusdt')

An inverse position of 10,000 US dollars at 8,000 is 1.25 BTC at entry; at 10x its margin is 0.125 BTC:

>>> p, _ = read_position({"contract": "inverse", "side": "long", "entry_price": 8000, "notional": 10000,
...                       "leverage": 10, "maintenance_margin_rate": "0.005"}, "isolated", ("positions", 0))
>>> p.symbol, p.quantity, p.margin
('BTCUSD', Decimal('1.25'), Decimal('0.125'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from .choices import CONTRACTS, SIDES, Contract, Mode, Side
from .errors import Path, ScenarioError
from .listings import data_table, split_name
from .number_input import to_decimal
from .numbers import engine_context
from .position import (
    DEFAULT_INVERSE_SYMBOL,
    DEFAULT_INVERSE_TIERS,
    DEFAULT_SYMBOL,
    DEFAULT_TIERS,
    POSITION_KEYS,
    SYMBOL_PATTERN,
    Position,
    check_keys,
    choice,
)
from .profiles import Profile
from .tiers import TierTable, flat_table, load_table, parse_tiers, table_names

__all__ = ["read_position"]


def _packaged_table(raw: str, symbol: str, path: Path) -> TierTable:
    """A table by name: a packaged one (``binance-btcusdt``) or one of an exchange's data (``binance/SOLUSDT``)."""
    listed = split_name(raw)
    if listed is not None:
        table = data_table(*listed, path=(*path, "tiers"))
    elif raw not in table_names():
        raise ScenarioError((*path, "tiers"), "unknown_table", raw, known=table_names())
    else:
        table = load_table(raw)
    if table.symbol != symbol:
        raise ScenarioError((*path, "tiers"), "table_for_other_symbol", raw, table_symbol=table.symbol, symbol=symbol)
    return table


def _tiers(item: Mapping[str, object], symbol: str, contract: Contract, path: Path,
           exchange: Profile | None) -> TierTable:
    """Resolve a position's tier table: a packaged name, an inline list, or the flat shorthand; without any, the
    exchange profile's table for the symbol, or (no profile) the default table of BTCUSDT (linear) or BTCUSD
    (inverse)."""
    has_rate = "maintenance_margin_rate" in item
    if "maintenance_amount" in item and not has_rate:
        raise ScenarioError((*path, "maintenance_amount"), "needs_rate")
    if "tiers" in item:
        if has_rate:
            raise ScenarioError((*path, "maintenance_margin_rate"), "conflicts_with", other="tiers")
        raw = item["tiers"]
        if isinstance(raw, str):
            return _packaged_table(raw, symbol, path)
        return parse_tiers(raw, (*path, "tiers"))
    if has_rate:
        rate = to_decimal(item["maintenance_margin_rate"], (*path, "maintenance_margin_rate"))
        if not 0 < rate < 1:
            raise ScenarioError((*path, "maintenance_margin_rate"), "not_a_rate", item["maintenance_margin_rate"])
        amount = Decimal(0)
        if "maintenance_amount" in item:
            amount = to_decimal(item["maintenance_amount"], (*path, "maintenance_amount"), non_negative=True)
        return flat_table(rate, amount)
    if exchange is not None:
        profile_table = exchange.table_for(symbol, (*path, "symbol"))
        if profile_table is None:
            raise ScenarioError((*path, "tiers"), "no_profile_table", exchange=exchange.label, symbol=symbol,
                                known=exchange.symbols, recorded=exchange.recorded or "-")
        return profile_table
    default, table = (DEFAULT_INVERSE_SYMBOL, DEFAULT_INVERSE_TIERS) if contract == "inverse" else (DEFAULT_SYMBOL,
                                                                                                    DEFAULT_TIERS)
    if symbol != default:
        raise ScenarioError((*path, "tiers"), "tiers_needed", default=default, symbol=symbol)
    return load_table(table)


def _check_table(table: TierTable, contract: Contract, path: Path) -> None:
    """A packaged table serves one contract: its brackets are dollars for linear, coins for inverse."""
    if table.contract is not None and table.contract != contract:
        raise ScenarioError((*path, "tiers"), "table_for_other_contract", table.name, table_contract=table.contract,
                            contract=contract)
    if contract == "inverse" and table.basis == "quantity":
        raise ScenarioError((*path, "tiers"), "table_for_other_contract", table.name, table_contract="linear",
                            contract=contract)


@dataclass(frozen=True, slots=True)
class _Size:
    """What sizes a position, as given: each None when absent."""

    quantity: Decimal | None
    notional: Decimal | None
    contracts: Decimal | None
    contract_value: Decimal | None
    leverage: Decimal | None
    margin: Decimal | None


@dataclass(frozen=True, slots=True)
class _Sized:
    """A position's size three ways: in the coin, in dollars, and in its margin asset (which brackets measure)."""

    quantity: Decimal
    notional: Decimal
    value: Decimal


def _given_size(size: _Size, contract: Contract, item: Mapping[str, object], path: Path) -> str | None:
    """Which one of quantity, notional or contracts sizes the position (None: margin × leverage), refusing two."""
    given = [key for key in ("quantity", "notional", "contracts") if getattr(size, key) is not None]
    if len(given) > 1:
        raise ScenarioError((*path, given[1]), "conflicts_with", item[given[1]], other=given[0])
    if contract == "inverse" and given == ["quantity"]:
        raise ScenarioError((*path, "quantity"), "inverse_sized_in_usd", item["quantity"])
    if given == ["contracts"] and size.contract_value is None:
        raise ScenarioError((*path, "contract_value"), "missing")
    if size.contract_value is not None and given != ["contracts"]:
        raise ScenarioError((*path, "contract_value"), "needs_contracts", item["contract_value"])
    return given[0] if given else None


def _sized(size: _Size, entry: Decimal, mode: Mode, contract: Contract, item: Mapping[str, object],
           path: Path) -> _Sized:
    """The size from exactly one of: quantity, notional, contracts × contract_value, or margin × leverage.

    A linear contract's ``contract_value`` is coins per contract (OKX: 0.01 BTC); an inverse one's is dollars
    (BitMEX and Bybit: 1 USD, Binance COIN-M BTCUSD: 100 USD). Margin × leverage is a value in the margin asset.
    """
    given = _given_size(size, contract, item, path)
    if mode == "cross" and size.margin is not None and given is not None:
        raise ScenarioError((*path, "margin"), "margin_sizes_cross", item["margin"])
    inverse = contract == "inverse"
    if given is None:
        if size.margin is None or size.leverage is None:
            raise ScenarioError(path, "needs_size")
        value = size.margin * size.leverage
        return _Sized(value, value * entry, value) if inverse else _Sized(value / entry, value, value)
    if given == "quantity":
        assert size.quantity is not None
        return _Sized(size.quantity, size.quantity * entry, size.quantity * entry)
    if given == "notional":
        assert size.notional is not None
        dollars = size.notional
    else:
        assert size.contracts is not None and size.contract_value is not None
        dollars = size.contracts * size.contract_value
        if not inverse:
            return _Sized(dollars, dollars * entry, dollars * entry)
    return _Sized(dollars / entry, dollars, dollars / entry) if inverse else _Sized(dollars / entry, dollars, dollars)


def _leverage(size: _Size, sized: _Sized, tiers: TierTable, mode: Mode, item: Mapping[str, object],
              path: Path) -> Decimal | None:
    """The leverage given (or, isolated, implied by the margin), checked against the entry bracket; None for a
    cross position that gives none (it is then sized by quantity or notional: margin × leverage needs both)."""
    value = sized.value
    maximum = tiers.bracket_of(sized.quantity, value).max_leverage
    if size.leverage is not None:
        if size.leverage < 1:
            raise ScenarioError((*path, "leverage"), "below_one", item["leverage"])
        if size.leverage > maximum:
            raise ScenarioError((*path, "leverage"), "above_bracket", item["leverage"], maximum=maximum,
                                notional=value, table=tiers.name)
        return size.leverage
    if mode == "cross":
        return None
    if size.margin is None:
        raise ScenarioError((*path, "leverage"), "missing")
    leverage = value / size.margin
    if leverage < 1:
        raise ScenarioError((*path, "margin"), "margin_above_notional", item["margin"], notional=value)
    if leverage > maximum:
        raise ScenarioError((*path, "margin"), "implied_above_bracket", item["margin"], leverage=leverage,
                            maximum=maximum, notional=value, table=tiers.name)
    return leverage


def read_position(raw: object, mode: Mode, path: Path, exchange: Profile | None = None) -> tuple[Position, bool]:
    """Validate and size one position (its tiers, when it names none, from *exchange*'s profile); also say whether
    its mark price was given."""
    if not isinstance(raw, Mapping):
        raise ScenarioError(path, "not_an_object", raw)
    item = cast("Mapping[str, object]", raw)
    check_keys(item, POSITION_KEYS, path)
    contract = cast(Contract, choice(item, "contract", CONTRACTS, "linear", path))
    symbol = item.get("symbol", DEFAULT_INVERSE_SYMBOL if contract == "inverse" else DEFAULT_SYMBOL)
    if not isinstance(symbol, str) or not SYMBOL_PATTERN.fullmatch(symbol):
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

    size = _Size(*(number(key) for key in ("quantity", "notional", "contracts", "contract_value", "leverage",
                                           "margin")))
    tiers = _tiers(item, symbol, contract, path, exchange)
    _check_table(tiers, contract, path)
    with engine_context():
        sized = _sized(size, entry, mode, contract, item, path)
        leverage = _leverage(size, sized, tiers, mode, item, path)
        if mode == "isolated" and size.margin is not None:
            margin: Decimal | None = size.margin
        else:
            margin = None if leverage is None else sized.value / leverage
    position = Position(symbol, side, entry, mark, sized.quantity, sized.notional, leverage, margin, tiers, contract,
                        _stop(item, side, mark, path))
    return position, "mark_price" in item


def _stop(item: Mapping[str, object], side: Side, mark: Decimal, path: Path) -> Decimal | None:
    """The stop-loss, which must lie on the losing side of the mark price: a stop the price has already passed would
    have closed the position (it may be past the entry, a stop that keeps a profit)."""
    if "stop_price" not in item:
        return None
    stop = to_decimal(item["stop_price"], (*path, "stop_price"), positive=True)
    if side == "long" and stop >= mark:
        raise ScenarioError((*path, "stop_price"), "stop_not_below_mark", item["stop_price"], mark=mark)
    if side == "short" and stop <= mark:
        raise ScenarioError((*path, "stop_price"), "stop_not_above_mark", item["stop_price"], mark=mark)
    return stop
