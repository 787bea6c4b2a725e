"""A cross position sized by quantity or notional needs no leverage (Binance's FAQ cross example gives none): its
liquidation price is what it would be at any leverage, and the figures that need one are left out, not guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from calc import parse_scenario
from calc.errors import ScenarioError
from calc.evaluate import evaluate_data
from tests.calc.strategies import scenarios


def _without_leverage(data: dict[str, object]) -> dict[str, object]:
    """The same scenario with every position sized by its notional and no leverage."""
    positions = []
    for item in data["positions"]:  # type: ignore[attr-defined]
        item = dict(item)
        if "margin" in item:
            value = Decimal(item.pop("margin")) * Decimal(item.pop("leverage"))
            # An inverse position's margin × leverage is coins; its notional is dollars at entry.
            item["notional"] = str(value * Decimal(item["entry_price"]) if item.get("contract") == "inverse" else value)
        item.pop("leverage", None)
        positions.append(item)
    return {**data, "positions": positions}


@settings(max_examples=150, deadline=None)
@given(data=scenarios(mode="cross"))
def test_leaving_the_leverage_out_moves_no_cross_liquidation_price(data: dict[str, object]) -> None:
    # Bybit's fee to close is valued at the bankruptcy price the leverage sets: it needs the leverage.
    data = {**data, "fee_price": "liquidation"}
    given_leverage = evaluate_data(data)
    without = evaluate_data(_without_leverage(data))
    for a, b in zip(given_leverage["positions"], without["positions"]):
        assert a["liquidation_price"] == b["liquidation_price"]
        assert a["bankruptcy_price"] == b["bankruptcy_price"]
        assert a["maintenance_margin"] == b["maintenance_margin"]
        assert b["margin"] is None and b["leverage"] is None and b["roe"] is None
    assert without["account"]["total_margin"] is None
    assert without["account"]["margin_ratio"] == given_leverage["account"]["margin_ratio"]


def test_an_isolated_position_still_needs_its_leverage_or_margin() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"positions": [{"side": "long", "entry_price": 100, "quantity": 1}]})
    assert caught.value.where == "positions[0].leverage" and caught.value.kind == "missing"


def test_a_cross_position_sized_by_margin_still_needs_its_leverage() -> None:
    """Margin × leverage is the size: without the leverage there is none."""
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"mode": "cross", "wallet_balance": 100,
                        "positions": [{"side": "long", "entry_price": 100, "margin": 10}]})
    assert caught.value.kind == "needs_size"
