"""calc.tiers: packaged tables, inline tables and the continuity rule."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from calc.errors import ScenarioError
from calc.numbers import CONTEXT
from calc.tiers import flat_table, load_table, parse_tiers, table_names

NOTIONAL_TABLES = [name for name in table_names() if load_table(name).basis == "notional"]
SIZE_TABLES = [name for name in table_names() if load_table(name).basis == "quantity"]


@pytest.mark.parametrize("name", NOTIONAL_TABLES)
def test_packaged_tables_are_continuous(name: str) -> None:
    """amount(n) = amount(n−1) + floor(n) × (rate(n) − rate(n−1)) holds for every shipped tier of value brackets
    (in the engine's precision: Hyperliquid's 1/30 rate is written to 30 places)."""
    tiers = load_table(name).tiers
    assert tiers[0].floor == 0 and tiers[0].amount == 0
    with localcontext(CONTEXT):
        for prev, tier in zip(tiers, tiers[1:]):
            assert tier.amount == prev.amount + tier.floor * (tier.rate - prev.rate)
            assert prev.cap == tier.floor
            # No jump at the edge: both brackets charge the same maintenance margin there.
            assert tier.floor * prev.rate - prev.amount == tier.floor * tier.rate - tier.amount


@pytest.mark.parametrize("name", SIZE_TABLES)
def test_size_tables_have_no_amount(name: str) -> None:
    """OKX's position tiers bracket the size and charge the size's rate on the whole value: no deduction."""
    tiers = load_table(name).tiers
    assert all(tier.amount == 0 for tier in tiers) and tiers[0].floor == 0
    assert all(prev.cap == tier.floor and prev.rate <= tier.rate for prev, tier in zip(tiers, tiers[1:]))


@pytest.mark.parametrize("name", table_names())
def test_packaged_tables_say_where_and_when_they_come_from(name: str) -> None:
    """Every table carries its exchange, symbol, source and a retrieval date, and its name says both."""
    table = load_table(name)
    assert table.name == name and table.symbol in ("BTCUSDT", "ETHUSDT", "BTCUSD")
    # Linear tables quote in USDT; the inverse one is sized in dollars and bracketed in its coin.
    assert (table.contract == "inverse") == (table.symbol == "BTCUSD")
    assert table.symbol.lower() in name and table.exchange.lower() in name  # type: ignore[union-attr]
    assert table.exchange and table.source and table.retrieved
    assert len(table.retrieved) == 10 and table.retrieved[4] == "-"


def test_binance_table_matches_the_reference() -> None:
    """Binance BTCUSDT as of 2024-10-24: 12 brackets from 0.40%/125x to 50%/1x."""
    table = load_table("binance-btcusdt")
    assert table.retrieved == "2024-10-24"
    assert len(table.tiers) == 12
    assert (table.tiers[0].rate, table.tiers[0].max_leverage) == (Decimal("0.004"), Decimal(125))
    assert (table.tiers[-1].floor, table.tiers[-1].amount) == (Decimal("1200000000"), Decimal("421481450"))


def test_bybit_amounts_are_bybits_deductions() -> None:
    """Derived by the continuity rule from the rates alone, the amounts of Bybit's 35 BTCUSDT risk-limit tiers are
    the maintenance margin deductions Bybit prints (Margin Parameters page for tiers 1-20; the API's risk-limit
    response, 2026-08-05, for the rest)."""
    table = load_table("bybit-btcusdt")
    published = [0, 1200, 3020, 4300, 5820, 8460, 15460, 20500, 46000, 66000, 80000, 160000, 300000, 452000, 502000,
                 777000, 837000, 967000, 1107000, 1482000, 1882000, 2307000, 2757000, 3232000, 3732000, 5307000,
                 6407000, 6982000, 9382000, 12382000, 20382000, 50382000, 98382000, 146382000, 226382000]
    assert [t.amount for t in table.tiers] == published


def test_bracket_is_chosen_by_floor_inclusive_cap_exclusive() -> None:
    """50,000 is in the second Binance bracket; above the last cap the last tier applies."""
    table = load_table("binance-btcusdt")
    assert table.bracket_for(Decimal("49999.99")).rate == Decimal("0.004")
    assert table.bracket_for(Decimal("50000")).rate == Decimal("0.005")
    assert table.bracket_for(Decimal("5e9")).rate == Decimal("0.5")


def test_maintenance_margin_uses_the_amount() -> None:
    """MM = notional × rate − amount: 3,000,000 at 1% − 11,450 = 18,550."""
    assert load_table("binance-btcusdt").maintenance_margin(Decimal(3_000_000)) == Decimal("18550")


def test_unknown_table_lists_the_known_ones() -> None:
    """An unknown name is a ScenarioError listing the packaged names."""
    with pytest.raises(ScenarioError, match="binance-btcusdt, binance-btcusdt-2025-08"):
        load_table("kraken-btcusd")


def test_inline_amounts_are_derived_when_omitted() -> None:
    """Omitted amounts follow the continuity rule; caps default to the next floor."""
    table = parse_tiers(
        [{"floor": 0, "max_leverage": 50, "rate": "0.01"}, {"floor": 1000, "max_leverage": 20, "rate": "0.02"}], ("t",)
    )
    assert [t.amount for t in table.tiers] == [0, 10]
    assert [t.cap for t in table.tiers] == [Decimal(1000), None]


@pytest.mark.parametrize(
    ("tiers", "path", "reason"),
    [
        ("x", "t", "is not a list of tiers"),
        ([], "t", "is empty"),
        ([{"floor": 5, "max_leverage": 10, "rate": "0.01"}], "t[0].floor", "must be 0"),
        ([{"floor": 0, "max_leverage": 10}], "t[0].rate", "is missing"),
        ([{"floor": 0, "max_leverage": 10, "rate": 1}], "t[0].rate", "between 0 and 1"),
        ([{"floor": 0, "max_leverage": "0.5", "rate": "0.1"}], "t[0].max_leverage", "below 1x"),
        ([{"floor": 0, "max_leverage": 10, "rate": "0.1", "colour": 1}], "t[0].colour", "not a known key"),
        (
            [{"floor": 0, "max_leverage": 10, "rate": "0.02"}, {"floor": 100, "max_leverage": 5, "rate": "0.01"}],
            "t[1].rate",
            "below the previous",
        ),
        (
            [{"floor": 0, "max_leverage": 10, "rate": "0.01"}, {"floor": 100, "max_leverage": 20, "rate": "0.02"}],
            "t[1].max_leverage",
            "above the previous",
        ),
        (
            [{"floor": 0, "max_leverage": 10, "rate": "0.01"}, {"floor": 0, "max_leverage": 5, "rate": "0.02"}],
            "t[1].floor",
            "not above",
        ),
        (
            [{"floor": 0, "max_leverage": 10, "rate": "0.01"},
             {"floor": 100, "max_leverage": 5, "rate": "0.02", "amount": 2}],
            "t[1].amount",
            "breaks continuity",
        ),
        (
            [{"floor": 0, "cap": 50, "max_leverage": 10, "rate": "0.01"},
             {"floor": 100, "max_leverage": 5, "rate": "0.02"}],
            "t[0].cap",
            "next tier's floor",
        ),
    ],
)
def test_inline_tables_are_validated(tiers: object, path: str, reason: str) -> None:
    """Bad inline tables are rejected with the path of the offending field."""
    with pytest.raises(ScenarioError) as info:
        parse_tiers(tiers, ("t",))
    assert info.value.where == path
    assert reason in str(info.value)


def test_flat_table_defaults_to_125x() -> None:
    """The rate shorthand makes a one-bracket table with max leverage 125x."""
    table = flat_table(Decimal("0.025"), Decimal(16300))
    assert table.is_flat and len(table.tiers) == 1
    assert table.tiers[0].max_leverage == 125
    assert table.maintenance_margin(Decimal(1_000_000)) == Decimal(8700)


def test_an_inline_first_tier_cannot_carry_a_maintenance_amount() -> None:
    """From a floor of 0, a positive amount would give small positions a negative maintenance margin."""
    with pytest.raises(ScenarioError) as caught:
        parse_tiers([{"floor": 0, "max_leverage": 100, "rate": "0.01", "amount": 5}], ("positions", 0, "tiers"))
    assert caught.value.where == "positions[0].tiers[0].amount"
