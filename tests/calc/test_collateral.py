"""Collateral in coins: how each entry is read, what it is worth, and each way it can be wrong (path and kind)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from calc import ScenarioError, evaluate, parse_scenario
from calc.collateral import MAX_COLLATERAL, load_haircuts

LONG = {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}


def cross(collateral: object, **extra: Any) -> dict[str, Any]:
    return {"mode": "cross", "collateral": collateral, "positions": [LONG], **extra}


def test_coins_count_at_price_less_haircut_and_the_positions_coin_at_its_mark() -> None:
    """0.1 BTC at the BTCUSDT mark with a 5 % haircut, and 10 SOL at 150: 4,750 + 1,500 of margin."""
    s = parse_scenario(cross([{"asset": "btc", "amount": "0.1", "haircut": "0.05"},
                              {"asset": "SOL", "amount": 10, "price": 150}], wallet_balance=1000))
    btc, sol = s.collateral
    assert (btc.asset, btc.price, btc.value, sol.value) == ("BTC", Decimal(50000), Decimal("4750.000"), Decimal(1500))
    account = evaluate(s).account
    assert account.collateral_value == Decimal("6250.000")
    assert account.margin_balance == Decimal("7250.000")
    # Everything in the account can be lost, at market value: the haircut only discounts it as margin.
    assert evaluate(s).positions[0].max_loss == Decimal("7500.0")


def test_binance_haircuts_fill_a_coin_that_gives_none() -> None:
    """With the Binance profile, BTC takes the 95 % collateral ratio its Multi-Assets FAQ printed."""
    s = parse_scenario(cross([{"asset": "BTC", "amount": 1}], exchange="binance"))
    assert load_haircuts("binance-multi-assets").haircuts["BTC"] == Decimal("0.05")
    assert s.collateral[0].haircut == Decimal("0.05")


@pytest.mark.parametrize(("data", "where", "kind"), [
    ({**cross([{"asset": "BTC", "amount": 1}]), "mode": "isolated"}, "collateral", "collateral_cross_only"),
    (cross("BTC"), "collateral", "not_a_list"),
    (cross([{"asset": "SOL", "amount": 1, "price": 1}] * (MAX_COLLATERAL + 1)), "collateral", "too_many_entries"),
    (cross([5]), "collateral[0]", "not_an_object"),
    (cross([{"amount": 1}]), "collateral[0].asset", "missing"),
    (cross([{"asset": "B-T-C", "amount": 1}]), "collateral[0].asset", "not_an_asset"),
    (cross([{"asset": "BTC"}]), "collateral[0].amount", "missing"),
    (cross([{"asset": "BTC", "amount": 0}]), "collateral[0].amount", "not_positive"),
    (cross([{"asset": "SOL", "amount": 1}]), "collateral[0].price", "collateral_price_needed"),
    (cross([{"asset": "BTC", "amount": 1, "price": 49000}]), "collateral[0].price", "collateral_price_differs"),
    (cross([{"asset": "BTC", "amount": 1, "haircut": 1}]), "collateral[0].haircut", "not_a_haircut"),
    (cross([{"asset": "BTC", "amount": 1, "colour": "red"}]), "collateral[0].colour", "unknown_key"),
    (cross([{"asset": "BTC", "amount": 1}, {"asset": "btc", "amount": 2}]), "collateral[1].asset", "duplicate_asset"),
    (cross([{"asset": "DOGE", "amount": 1, "price": 1}], exchange="binance"), "collateral[0].asset", "no_haircut"),
    (cross([{"asset": "SOL", "amount": 1, "price": 1}]), "collateral", "wallet_below_margin"),
    (cross([]), "wallet_balance", "cross_needs_wallet"),
    ({"mode": "cross", "collateral": [{"asset": "BTC", "amount": 1}],
      "positions": [{**LONG, "mark_price": 50000},
                    {"contract": "inverse", "side": "long", "entry_price": 50000, "mark_price": 51000, "notional": 100,
                     "leverage": 10}]}, "collateral[0].asset", "collateral_marks_differ"),
])
def test_each_wrong_entry_is_named_by_path_and_kind(data: dict[str, Any], where: str, kind: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    assert (caught.value.where, caught.value.kind) == (where, kind)


def test_an_account_of_coins_alone_needs_no_wallet() -> None:
    """A coin-margined cross account: its wallet is coins, and there is no dollar wallet at all."""
    s = parse_scenario({"mode": "cross", "collateral": [{"asset": "BTC", "amount": "0.5"}],
                        "positions": [{"contract": "inverse", "side": "long", "entry_price": 8000, "notional": 10000,
                                       "maintenance_margin_rate": "0.005"}]})
    result = evaluate(s)
    assert s.wallet_balance is None and result.account.wallet_balance is None
    assert result.account.margin_balance == Decimal("4000.0")  # 0.5 BTC at the 8,000 mark
