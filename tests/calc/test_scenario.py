"""calc.scenario: the scenario contract, its defaults, sizing rules and error paths."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from calc.errors import ScenarioError
from calc.scenario import parse_scenario, scenario_to_data


def one(position: dict[str, Any], **scenario: Any) -> dict[str, Any]:
    """A scenario with a single position."""
    return {"positions": [position], **scenario}


LONG = {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}


def test_defaults() -> None:
    """Isolated, maintenance at the liquidation price, no fee, BTCUSDT, mark = entry, Binance tiers."""
    s = parse_scenario(one(LONG))
    p = s.positions[0]
    assert (s.mode, s.maintenance_price, s.fee_rate, s.wallet_balance) == ("isolated", "liquidation", Decimal(0), None)
    assert (p.symbol, p.mark_price, p.tiers.name) == ("BTCUSDT", Decimal(50000), "binance-btcusdt")


@pytest.mark.parametrize(
    ("sizing", "quantity", "margin", "leverage"),
    [
        ({"quantity": "0.2", "leverage": 10}, "0.2", "1000", "10"),
        ({"notional": 10000, "leverage": 10}, "0.2", "1000", "10"),
        ({"margin": 1000, "leverage": 10}, "0.2", "1000", "10"),
        ({"quantity": "0.2", "margin": 1000}, "0.2", "1000", "10"),
        ({"quantity": "0.2", "leverage": 10, "margin": 1500}, "0.2", "1500", "10"),
    ],
)
def test_isolated_sizing(sizing: dict[str, Any], quantity: str, margin: str, leverage: str) -> None:
    """Size from quantity, notional or margin × leverage; margin defaults to notional / leverage."""
    p = parse_scenario(one({"side": "long", "entry_price": 50000, **sizing})).positions[0]
    assert (p.quantity, p.margin, p.leverage) == (Decimal(quantity), Decimal(margin), Decimal(leverage))
    assert p.entry_notional == 10000


def test_cross_margin_is_notional_over_leverage() -> None:
    """In cross, a position reserves initial margin = entry notional / leverage."""
    s = parse_scenario(one({"side": "short", "entry_price": 50000, "quantity": 1, "leverage": 20}, mode="cross",
                           wallet_balance=5000))
    assert s.positions[0].margin == 2500


def test_cross_sized_by_margin_keeps_the_margin_exact() -> None:
    """Margin × leverage sizing keeps the initial margin exact, so a wallet of the same amount suffices."""
    s = parse_scenario(one({"side": "long", "entry_price": "188.15", "margin": "1.89", "leverage": 1}, mode="cross",
                           wallet_balance="1.89"))
    assert s.positions[0].margin == Decimal("1.89")


@pytest.mark.parametrize(
    ("data", "path", "reason"),
    [
        ({"positions": [LONG], "colour": "red"}, "colour", "is not a known key"),
        ({"positions": [{**LONG, "levrage": 3}]}, "positions[0].levrage", "is not a known key"),
        ({}, "positions", "is missing"),
        ({"positions": []}, "positions", "is empty"),
        ({"positions": {"a": 1}}, "positions", "is not a list"),
        ({"positions": [LONG] * 21}, "positions", "at most 20"),
        ({"positions": [5]}, "positions[0]", "is not an object"),
        (one({"entry_price": 1, "quantity": 1, "leverage": 1}), "positions[0].side", "is missing"),
        (one({**LONG, "side": "buy"}), "positions[0].side", "is not one of 'long', 'short'"),
        (one({**LONG, "entry_price": 0}), "positions[0].entry_price", "must be positive"),
        (one({**LONG, "entry_price": "NaN"}), "positions[0].entry_price", "is not a number"),
        (one({**LONG, "mark_price": -1}), "positions[0].mark_price", "must be positive"),
        (one({**LONG, "margin": 0}), "positions[0].margin", "must be positive"),
        (one({**LONG, "leverage": "0.5"}), "positions[0].leverage", "is below 1x"),
        (one({**LONG, "leverage": 200}), "positions[0].leverage", "is above the bracket's maximum of 100x"),
        (one({"side": "long", "entry_price": 50000, "quantity": 1, "margin": 100}), "positions[0].margin",
         "implies 500x"),
        (one({"side": "long", "entry_price": 100, "quantity": 1, "margin": 200}), "positions[0].margin",
         "leverage below 1x"),
        (one({"side": "long", "entry_price": 100, "quantity": 1}), "positions[0].leverage", "is missing"),
        (one({"side": "long", "entry_price": 100, "leverage": 2}), "positions[0]", "needs a size"),
        (one({**LONG, "quantity": 1, "notional": 5}), "positions[0].notional", "together with quantity"),
        (one({**LONG, "symbol": ""}), "positions[0].symbol", "is not a symbol"),
        (one({**LONG, "symbol": "ETHUSDT"}), "positions[0].tiers", "give tiers or maintenance_margin_rate"),
        (one({**LONG, "symbol": "ETHUSDT", "tiers": "binance-btcusdt"}), "positions[0].tiers", "is a BTCUSDT table"),
        (one({**LONG, "tiers": "okx"}), "positions[0].tiers", "is not a known tier table"),
        (one({**LONG, "tiers": "binance-btcusdt", "maintenance_margin_rate": "0.01"}),
         "positions[0].maintenance_margin_rate", "together with tiers"),
        (one({**LONG, "maintenance_amount": 5}), "positions[0].maintenance_amount", "needs maintenance_margin_rate"),
        (one({**LONG, "maintenance_margin_rate": 2}), "positions[0].maintenance_margin_rate", "between 0 and 1"),
        (one(LONG, mode="hedge"), "mode", "is not one of"),
        (one(LONG, maintenance_price="mark"), "maintenance_price", "is not one of"),
        (one(LONG, fee_rate="0.06"), "fee_rate", "is above 0.05"),
        (one(LONG, fee_rate=-0.001), "fee_rate", "must not be negative"),
        (one(LONG, mode="cross"), "wallet_balance", "is missing"),
        (one(LONG, mode="cross", wallet_balance=0), "wallet_balance", "must be positive"),
        (one(LONG, mode="cross", wallet_balance=999), "wallet_balance", "less than the positions' initial margin"),
        (one({**LONG, "quantity": "0.2"}, mode="cross", wallet_balance=5000), "positions[0].margin",
         "only a sizing input in cross mode"),
        ({"mode": "cross", "wallet_balance": 5000,
          "positions": [{**LONG, "mark_price": 51000}, {**LONG, "mark_price": 49000}]}, "positions[1].mark_price",
         "differs"),
        ({"mode": "cross", "wallet_balance": 5000,
          "positions": [LONG, {**LONG, "entry_price": 49000}]}, "positions[1].mark_price", "different entry prices"),
        ([1, 2], "scenario", "is not an object"),
    ],
)
def test_bad_input_names_the_field(data: Any, path: str, reason: str) -> None:
    """Each rule of the contract fails with the path of the field that breaks it."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario(data)
    assert info.value.where == path
    assert reason in str(info.value)


def test_leverage_is_checked_at_the_entry_bracket() -> None:
    """125x is allowed under 50,000 notional and refused at 50,000 (second bracket: 100x)."""
    parse_scenario(one({"side": "long", "entry_price": 49999, "quantity": 1, "leverage": 125}))
    with pytest.raises(ScenarioError, match="maximum of 100x"):
        parse_scenario(one({"side": "long", "entry_price": 50000, "quantity": 1, "leverage": 125}))


def test_cross_positions_of_a_symbol_share_its_mark() -> None:
    """In cross, a position without a mark takes the one given for its symbol elsewhere."""
    s = parse_scenario({"mode": "cross", "wallet_balance": 5000, "positions": [
        {**LONG, "entry_price": 48000}, {**LONG, "mark_price": 49000}]})
    assert [p.mark_price for p in s.positions] == [Decimal(49000), Decimal(49000)]


def test_null_is_not_a_value() -> None:
    """null is refused like any other wrong type, naming the field."""
    with pytest.raises(ScenarioError, match=r"positions\[0\]\.mark_price: null is not a number"):
        parse_scenario(one({**LONG, "mark_price": None}))
    with pytest.raises(ScenarioError, match="mode: null is not one of"):
        parse_scenario(one(LONG, mode=None))


def test_isolated_ignores_a_missing_wallet_balance() -> None:
    """Isolated mode needs no wallet balance and keeps one if given."""
    assert parse_scenario(one(LONG)).wallet_balance is None
    assert parse_scenario(one(LONG, wallet_balance=7)).wallet_balance == 7


@pytest.mark.parametrize(
    "data",
    [
        one(LONG),
        one({"side": "short", "entry_price": "8000", "notional": "3333.33", "leverage": 3, "mark_price": 8100}),
        one({**LONG, "maintenance_margin_rate": "0.025", "maintenance_amount": 16300}),
        one({**LONG, "tiers": [{"floor": 0, "max_leverage": 50, "rate": "0.01"},
                               {"floor": 7000, "max_leverage": 20, "rate": "0.03"}]}),
        {"mode": "cross", "wallet_balance": 9000, "fee_rate": "0.0005", "maintenance_price": "entry",
         "positions": [{"side": "long", "entry_price": "777.77", "margin": 1000, "leverage": 7,
                        "symbol": "ETHUSDT", "maintenance_margin_rate": "0.01"}, LONG]},
    ],
)
def test_scenario_to_data_round_trips(data: dict[str, Any]) -> None:
    """Writing a scenario as data and parsing it again gives an equal scenario."""
    s = parse_scenario(data)
    assert parse_scenario(scenario_to_data(s)) == s
