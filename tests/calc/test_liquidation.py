"""calc.liquidation: the margin curve, its roots, and the traps other calculators fall into."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from calc import parse_scenario
from calc.liquidation import maintenance_margin, margin_curve
from calc.numbers import CONTEXT
from calc.tiers import load_table


def lp(data: dict[str, Any], index: int = 0) -> Decimal | None:
    """Liquidation price of position *index* of scenario *data*."""
    s = parse_scenario(data)
    return margin_curve(s, index).liquidation_price(s.positions[index].mark_price)


def test_isolated_long_matches_binance_formula() -> None:
    """LP = (WB + cum − Q·EP) / (Q·MMR − Q) on the first tier."""
    got = lp({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
    with localcontext(CONTEXT):
        assert got == Decimal(-9000) / Decimal("-0.1992")


def test_tier_is_chosen_at_the_liquidation_price_not_at_entry() -> None:
    """11 BTC long at 60,000, 10x: 660,000 at entry (0.65% bracket), ≈597,000 at LP (0.5% bracket)."""
    data = {"positions": [{"side": "long", "entry_price": 60000, "quantity": 11, "leverage": 10}]}
    got = lp(data)
    assert got is not None
    table = load_table("binance-btcusdt")
    assert table.bracket_for(Decimal(11) * 60000).rate == Decimal("0.0065")
    assert table.bracket_for(Decimal(11) * got).rate == Decimal("0.005")
    # The root satisfies the equation on the bracket where it lies: margin + PnL = MM there.
    margin = Decimal(66000)
    with localcontext(CONTEXT):
        assert abs(margin + 11 * (got - 60000) - (Decimal("0.005") * 11 * got - 50)) < Decimal("1e-25")


def test_root_on_a_bracket_edge_is_found() -> None:
    """A liquidation price exactly on a tier floor (50,000 for 1 BTC) is not lost to rounding."""
    assert lp({"positions": [{"side": "long", "entry_price": 55000, "quantity": 1, "margin": 5200}]}) == 50000
    assert lp({"positions": [{"side": "short", "entry_price": 45000, "quantity": 1, "margin": 5200}]}) == 50000


def test_cross_counts_other_positions_at_their_mark() -> None:
    """Another symbol's loss and maintenance margin bring a cross liquidation closer."""
    btc = {"side": "long", "entry_price": 50000, "quantity": 1, "leverage": 10}
    eth = {"symbol": "ETHUSDT", "side": "long", "entry_price": 3000, "mark_price": 2500, "quantity": 10,
           "leverage": 10, "maintenance_margin_rate": "0.01"}
    alone = lp({"mode": "cross", "wallet_balance": 20000, "positions": [btc]})
    with_eth = lp({"mode": "cross", "wallet_balance": 20000, "positions": [btc, eth]})
    assert alone is not None and with_eth is not None and with_eth > alone
    # The other position enters as −TMM1 + UPNL1: −(0.01·25,000) − 5,000 = −5,250 of collateral.
    with localcontext(CONTEXT):
        assert with_eth == (Decimal(20000) - 5250 - 50000) / (Decimal("0.004") - 1)


def test_hedge_legs_share_one_liquidation_price() -> None:
    """Long and short of one symbol in cross liquidate together, above the mark when hedged 1:1."""
    s = parse_scenario({"mode": "cross", "wallet_balance": 20000, "positions": [
        {"side": "long", "entry_price": 50000, "quantity": 1, "leverage": 10},
        {"side": "short", "entry_price": 50000, "quantity": 1, "leverage": 10}]})
    first = margin_curve(s, 0).liquidation_price(Decimal(50000))
    assert first == margin_curve(s, 1).liquidation_price(Decimal(50000))
    assert first is not None and first > 50000
    assert margin_curve(s, 0).bankruptcy_price() is None  # a flat net position never goes bankrupt


def test_one_x_long_cannot_be_liquidated() -> None:
    """A fully collateralised long has no positive liquidation or bankruptcy price."""
    s = parse_scenario({"positions": [{"side": "long", "entry_price": 100, "quantity": 1, "leverage": 1}]})
    curve = margin_curve(s, 0)
    assert curve.roots() == ()
    assert curve.liquidation_price(Decimal(100)) is None
    assert curve.bankruptcy_price() is None


def test_fee_rate_is_added_to_the_maintenance_rate() -> None:
    """A closing-fee rate acts as extra maintenance rate: (m − Q·EP)/(Q·(r + fee) − Q)."""
    got = lp({"fee_rate": "0.0005", "positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
                                                   "leverage": 10}]})
    with localcontext(CONTEXT):
        assert got == Decimal(-9000) / (Decimal("0.2") * Decimal("0.0045") - Decimal("0.2"))


def test_entry_convention_values_maintenance_once() -> None:
    """Convention "entry": maintenance is fixed at entry notional whatever the price."""
    s = parse_scenario({"maintenance_price": "entry", "positions": [
        {"side": "long", "entry_price": 20000, "quantity": 1, "leverage": 50, "maintenance_margin_rate": "0.005"}]})
    p = s.positions[0]
    assert maintenance_margin(p, Decimal(1), Decimal(0), "entry")[0] == 100
    assert maintenance_margin(p, Decimal(10**6), Decimal(0), "entry")[0] == 100


def test_equity_equals_maintenance_at_the_liquidation_price() -> None:
    """f(LP) = 0: the definition the roots satisfy."""
    s = parse_scenario({"positions": [{"side": "short", "entry_price": 43000, "quantity": 3, "leverage": 20}]})
    curve = margin_curve(s, 0)
    price = curve.liquidation_price(Decimal(43000))
    assert price is not None and abs(curve.value(price)) < Decimal("1e-25")
