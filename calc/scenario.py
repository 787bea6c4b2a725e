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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Final, cast

from .choices import FEE_PRICES, MAINTENANCE_PRICES, MODES, FeePrice, MaintenancePrice, Mode, Side
from .collateral import Collateral, cross_funds, read_collateral
from .errors import MISSING, ScenarioError
from .number_input import to_decimal
from .numbers import engine_context, plain
from .position import DEFAULT_SYMBOL, DEFAULT_TIERS, Position, check_keys, choice
from .position_input import read_position
from .profiles import PROFILE_NAMES, Profile, load_profile

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

MAX_POSITIONS: Final = 20
#: Highest accepted closing-fee rate (5%); real taker fees are well below 0.1%.
MAX_FEE_RATE: Final = Decimal("0.05")
_SCENARIO_KEYS: Final = ("exchange", "mode", "wallet_balance", "collateral", "maintenance_price", "fee_rate", "fee_price",
                          "positions")


@dataclass(frozen=True, slots=True)
class Scenario:
    """A margin account: its mode, its positions and the conventions to value them with."""

    mode: Mode
    positions: tuple[Position, ...]
    wallet_balance: Decimal | None = None
    maintenance_price: MaintenancePrice = "liquidation"
    fee_rate: Decimal = Decimal(0)
    fee_price: FeePrice = "liquidation"
    #: The exchange profile the scenario selected, and the scenario-level fields it gave explicitly (which the
    #: profile's rules did not fill).
    exchange: Profile | None = None
    overrides: tuple[str, ...] = field(default=(), compare=False)
    #: Cross only: coins held as margin besides the wallet's dollars.
    collateral: tuple[Collateral, ...] = ()

    @property
    def cross_funds(self) -> Decimal:
        """What backs a cross account before PnL, in dollars: the wallet balance plus its collateral's value."""
        return cross_funds(self.wallet_balance, self.collateral)


def parse_scenario(data: Mapping[str, Any]) -> Scenario:
    """Validate scenario data (the JSON contract of the scenario reference) and build a :class:`Scenario`.

    Raises :class:`~calc.errors.ScenarioError` naming the first bad field.

    >>> parse_scenario({"mode": "cross",
    ...                 "positions": [{"side": "long", "entry_price": 1, "quantity": 1, "leverage": 2}]})
    Traceback (most recent call last):
    ...
    calc.errors.ScenarioError: wallet_balance: is missing (cross mode needs the wallet balance)
    """
    if not isinstance(data, Mapping):
        raise ScenarioError((), "not_an_object", data)
    check_keys(data, _SCENARIO_KEYS, ())
    exchange = _profile(data)
    mode = cast(Mode, choice(data, "mode", MODES, "isolated", ()))
    convention = cast(MaintenancePrice, choice(data, "maintenance_price", MAINTENANCE_PRICES,
                                               exchange.maintenance_price if exchange else "liquidation", ()))
    fee_rate = exchange.fee_rate if exchange and exchange.closing_fee != "none" else Decimal(0)
    if "fee_rate" in data:
        fee_rate = to_decimal(data["fee_rate"], ("fee_rate",), non_negative=True)
        if fee_rate > MAX_FEE_RATE:
            raise ScenarioError(("fee_rate",), "fee_above_max", data["fee_rate"], maximum=MAX_FEE_RATE)
    fee_price = cast(FeePrice, choice(data, "fee_price", FEE_PRICES,
                                      "bankruptcy" if exchange and exchange.closing_fee == "bankruptcy" else
                                      "liquidation", ()))
    wallet: Decimal | None = None
    if "wallet_balance" in data:
        wallet = to_decimal(data["wallet_balance"], ("wallet_balance",), positive=True)
    if "collateral" in data and mode != "cross":
        raise ScenarioError(("collateral",), "collateral_cross_only")
    if mode == "cross" and wallet is None and not data.get("collateral"):
        raise ScenarioError(("wallet_balance",), "cross_needs_wallet")
    raw_positions = _position_list(data)
    parsed = [read_position(item, mode, ("positions", i), exchange) for i, item in enumerate(raw_positions)]
    positions = tuple(p for p, _ in parsed)
    _check_contracts(positions)
    if mode == "isolated" and fee_price == "bankruptcy":
        positions = tuple(p if "margin" in cast("Mapping[str, object]", item) else _with_fee_to_close(p, fee_rate)
                          for p, item in zip(positions, raw_positions))
    collateral: tuple[Collateral, ...] = ()
    if mode == "cross":
        positions = _shared_marks(parsed)
        if "collateral" in data:
            haircuts = exchange.haircuts if exchange else None
            collateral = read_collateral(data["collateral"], positions, haircuts)
        _check_funds(data, wallet, collateral, positions)
    overrides = tuple(key for key in ("maintenance_price", "fee_rate", "fee_price") if key in data) if exchange else ()
    return Scenario(mode, positions, wallet, convention, fee_rate, fee_price, exchange, overrides, collateral)


def _check_contracts(positions: Sequence[Position]) -> None:
    """The positions of one symbol are one contract: a symbol is linear or inverse, not both."""
    contracts: dict[str, str] = {}
    for i, p in enumerate(positions):
        if contracts.setdefault(p.symbol, p.contract) != p.contract:
            raise ScenarioError(("positions", i, "contract"), "contract_differs", p.contract, symbol=p.symbol,
                                other=contracts[p.symbol])


def _check_funds(data: Mapping[str, Any], wallet: Decimal | None, collateral: tuple[Collateral, ...],
                 positions: Sequence[Position]) -> None:
    """A cross account's wallet and collateral must cover the initial margin of the positions that state one (in
    dollars at the mark: an inverse position's margin is coins)."""
    with engine_context():
        initial = sum((p.to_usd(p.margin, p.mark_price) for p in positions if p.margin is not None), Decimal(0))
    if cross_funds(wallet, collateral) < initial:
        where = ("wallet_balance",) if "wallet_balance" in data else ("collateral",)
        raise ScenarioError(where, "wallet_below_margin", data.get("wallet_balance", MISSING), initial=initial)


def _with_fee_to_close(position: Position, fee_rate: Decimal) -> Position:
    """An isolated position sized without a margin, under a closing fee valued at the bankruptcy price: its margin
    is the initial margin plus the fee to close it reserves (Bybit, "Position Margin": "Position margin (isolated
    margin mode) = initial margin + fee to close"; see :meth:`Position.fee_to_close`). A margin given is taken as it
    stands."""
    assert position.margin is not None  # isolated: sized by leverage here
    with engine_context():
        return replace(position, margin=position.margin + position.fee_to_close(fee_rate))


def _profile(data: Mapping[str, Any]) -> Profile | None:
    """The exchange profile *data* selects, or None."""
    if "exchange" not in data:
        return None
    name = data["exchange"]
    if not isinstance(name, str) or name not in PROFILE_NAMES:
        raise ScenarioError(("exchange",), "not_one_of", name, options=PROFILE_NAMES)
    return load_profile(name)


def _position_list(data: Mapping[str, Any]) -> Sequence[object]:
    raw = data.get("positions", MISSING)
    if raw is MISSING:
        raise ScenarioError(("positions",), "missing")
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise ScenarioError(("positions",), "not_a_list", raw)
    if not raw:
        raise ScenarioError(("positions",), "no_positions", raw)
    if len(raw) > MAX_POSITIONS:
        raise ScenarioError(("positions",), "too_many_positions", count=len(raw), maximum=MAX_POSITIONS)
    return raw


def _shared_marks(parsed: Sequence[tuple[Position, bool]]) -> tuple[Position, ...]:
    """Cross: give every position of a symbol the one mark price that symbol has.

    All legs of a symbol move with one price, so two different marks for it would be two prices.
    A position without a mark takes the one given on another position of its symbol; if none
    gives one, the mark defaults to the entry price, which then must be the same for all of them.
    """
    given: dict[str, Decimal] = {}
    for i, (p, has_mark) in enumerate(parsed):
        if has_mark and given.setdefault(p.symbol, p.mark_price) != p.mark_price:
            raise ScenarioError(("positions", i, "mark_price"), "mark_differs", p.mark_price, mark=given[p.symbol],
                                symbol=p.symbol)
    positions: list[Position] = []
    defaults: dict[str, Decimal] = {}
    for i, (p, has_mark) in enumerate(parsed):
        if not has_mark:
            mark = given.get(p.symbol)
            if mark is None and defaults.setdefault(p.symbol, p.entry_price) != p.entry_price:
                raise ScenarioError(("positions", i, "mark_price"), "mark_needed", symbol=p.symbol)
            p = replace(p, mark_price=mark if mark is not None else p.entry_price)
        positions.append(p)
    return tuple(positions)


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Write *scenario* as JSON-able data (numbers as decimal strings) that parses back to an equal scenario.

    Positions are written sized by quantity, or by notional when that is what they were sized by
    (the quantity is then a rounded quotient) or when they are inverse; isolated ones keep their margin. Collateral
    is written with its price and haircut as applied.
    """
    data: dict[str, object] = {
        "mode": scenario.mode,
        "maintenance_price": scenario.maintenance_price,
        "fee_rate": plain(scenario.fee_rate),
        "fee_price": scenario.fee_price,
    }
    if scenario.exchange is not None:
        data["exchange"] = scenario.exchange.name
    if scenario.wallet_balance is not None:
        data["wallet_balance"] = plain(scenario.wallet_balance)
    if scenario.collateral:
        data["collateral"] = [{"asset": c.asset, "amount": plain(c.amount), "price": plain(c.price),
                               "haircut": plain(c.haircut)} for c in scenario.collateral]
    positions: list[dict[str, object]] = []
    for p in scenario.positions:
        item: dict[str, object] = {
            "symbol": p.symbol,
            "side": p.side,
            "entry_price": plain(p.entry_price),
            "mark_price": plain(p.mark_price),
        }
        if p.inverse:
            item["contract"] = p.contract
        with engine_context():
            # An inverse contract is sized in dollars: by its notional, always.
            by_quantity = not p.inverse and p.quantity * p.entry_price == p.entry_notional
        if by_quantity:
            item["quantity"] = plain(p.quantity)
        else:
            item["notional"] = plain(p.entry_notional)
        if p.leverage is not None:
            item["leverage"] = plain(p.leverage)
        if scenario.mode == "isolated" and p.margin is not None:
            item["margin"] = plain(p.margin)
        item.update(p.tiers.to_data())
        if p.stop_price is not None:
            item["stop_price"] = plain(p.stop_price)
        positions.append(item)
    data["positions"] = positions
    return data
