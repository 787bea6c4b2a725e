"""Exchange profiles: the data is cited and dated, a profile fills what a scenario leaves out and nothing it gives,
and each rule changes the figures the way its exchange says."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import parse_scenario
from calc.errors import ScenarioError
from calc.evaluate import evaluate_data
from calc.profiles import PROFILE_NAMES, RULES, load_profile
from calc.tiers import load_table

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def trade(exchange: str | None = None, **extra: Any) -> dict[str, Any]:
    """The guide's trade: a 10x long of 0.2 BTC at 50,000, isolated, mark 48,000."""
    position = {"side": "long", "entry_price": 50000, "mark_price": 48000, "quantity": "0.2", "leverage": 10}
    position.update(extra.pop("position", {}))
    data: dict[str, Any] = {"positions": [position], **extra}
    if exchange:
        data["exchange"] = exchange
    return data


@pytest.mark.parametrize("name", PROFILE_NAMES)
def test_every_rule_is_cited_and_dated(name: str) -> None:
    """Each of a profile's rules names an https source, the day it was checked, and what it says; every table it
    uses names its own source and date."""
    profile = load_profile(name)
    assert set(profile.rules) == set(RULES)
    for key, rule in profile.rules.items():
        assert rule.source.startswith("https://"), (name, key)
        assert DATE.fullmatch(rule.checked), (name, key)
        assert len(rule.says) > 40, (name, key)
    assert {"BTCUSDT"} <= set(profile.tables)
    for table in profile.tables.values():
        loaded = load_table(table)
        assert loaded.source and loaded.retrieved and DATE.fullmatch(loaded.retrieved)


@pytest.mark.parametrize("name", PROFILE_NAMES)
def test_a_profile_fills_the_tiers_convention_and_fee(name: str) -> None:
    profile = load_profile(name)
    scenario = parse_scenario(trade(name))
    assert scenario.positions[0].tiers.name == profile.tables["BTCUSDT"]
    assert scenario.maintenance_price == profile.maintenance_price
    assert scenario.fee_rate == (Decimal(0) if profile.closing_fee == "none" else profile.fee_rate)
    assert scenario.fee_price == ("bankruptcy" if profile.closing_fee == "bankruptcy" else "liquidation")
    out = evaluate_data(trade(name))["assumptions"]["exchange"]
    assert out["name"] == name and out["overridden"] == []
    assert set(out["sources"]) == set(RULES)


def test_without_an_exchange_nothing_changes() -> None:
    """No profile: the default table, no fee, no exchange ratio, ROE over the margin."""
    out = evaluate_data(trade())
    position = out["positions"][0]
    assert position["tiers"] == "binance-btcusdt" and out["assumptions"]["exchange"] is None
    assert position["exchange_margin_ratio"] is None
    assert Decimal(position["roe"]) == Decimal(position["unrealized_pnl"]) / Decimal(position["margin"])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PROFILE_NAMES), st.sampled_from(["entry", "liquidation"]),
       st.sampled_from(["0", "0.0004"]), st.sampled_from(["liquidation", "bankruptcy"]))
def test_what_a_scenario_gives_wins_over_the_profile(name: str, convention: str, fee: str, fee_price: str) -> None:
    """Explicit scenario fields override the profile's rules, and a position's own tiers override its table: the
    liquidation price is then the one of the same scenario without a profile."""
    given = {"maintenance_price": convention, "fee_rate": fee, "fee_price": fee_price}
    position = {"tiers": "binance-btcusdt"}
    with_profile = evaluate_data(trade(name, position=position, **given))
    without = evaluate_data(trade(None, position=position, **given))
    assert with_profile["positions"][0]["liquidation_price"] == without["positions"][0]["liquidation_price"]
    assert with_profile["assumptions"]["exchange"]["overridden"] == ["maintenance_price", "fee_rate", "fee_price"]


def test_margin_ratio_in_each_exchanges_terms() -> None:
    """Binance and Bybit: maintenance over equity (rises to 100 %); OKX: equity over maintenance plus fees (falls
    to 100 %); Hyperliquid's documents name none."""
    ratios = {name: evaluate_data(trade(name))["positions"][0] for name in PROFILE_NAMES}
    for name in ("binance", "bybit"):
        assert ratios[name]["exchange_margin_ratio"] == ratios[name]["margin_ratio"]
    okx = ratios["okx"]
    assert Decimal(okx["exchange_margin_ratio"]) * Decimal(okx["margin_ratio"]) == pytest.approx(Decimal(1))
    assert ratios["hyperliquid"]["exchange_margin_ratio"] is None


@pytest.mark.parametrize("name", PROFILE_NAMES)
@pytest.mark.parametrize("side", ["long", "short"])
def test_liquidation_lies_between_bankruptcy_and_mark(name: str, side: str) -> None:
    """Whatever the profile, an isolated position is liquidated before its margin is gone."""
    position = evaluate_data(trade(name, position={"side": side, "mark_price": 50000}))["positions"][0]
    lp, bp = Decimal(position["liquidation_price"]), Decimal(position["bankruptcy_price"])
    assert (bp < lp < 50000) if side == "long" else (50000 < lp < bp)


def test_okx_tiers_go_by_size_not_value() -> None:
    """OKX's position tiers are by size: 12 BTC is in the second tier (0.5 %) whatever the price, so the
    maintenance rate does not change as the price moves, and the liquidation equation has one piece."""
    for mark in (20000, 50000, 90000):
        position = evaluate_data(trade("okx", position={"quantity": 12, "leverage": 20, "mark_price": mark}))
        assert position["positions"][0]["maintenance_rate"] == "0.005"


def test_bybit_isolated_margin_holds_the_fee_to_close() -> None:
    """Sized by leverage, a Bybit isolated position's margin is its initial margin plus the fee to close it
    reserves: 1,000 + 0.2 × 50,000 × (1 − 1/10) × 0.055 % = 1,004.95."""
    position = evaluate_data(trade("bybit"))["positions"][0]
    assert Decimal(position["margin"]) == Decimal("1004.95")


def test_a_profile_without_a_table_for_the_symbol_says_so() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(trade("bybit", position={"symbol": "ETHUSDT", "entry_price": 3000, "mark_price": 3000}))
    assert caught.value.where == "positions[0].tiers" and caught.value.kind == "no_profile_table"


@pytest.mark.parametrize("bad", ["kraken", "", None, 3, ["okx"]])
def test_an_unknown_exchange_is_refused_at_its_field(bad: object) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({**trade(), "exchange": bad})
    assert caught.value.where == "exchange" and caught.value.kind == "not_one_of"
