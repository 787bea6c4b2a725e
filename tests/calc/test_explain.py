"""The liquidation equation :func:`calc.explain.explain` returns: the published formula's terms for Binance's FAQ
example, and, for generated scenarios, numbers that satisfy "equity equals maintenance at the liquidation price"
when the test itself does the arithmetic with them."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given, settings

from calc import evaluate
from calc.explain import explain
from calc.scenario import parse_scenario
from tests.calc.strategies import scenarios

BINANCE_FAQ = {
    "mode": "cross",
    "wallet_balance": "1535443.01",
    "positions": [
        {"symbol": "BTCUSDT", "side": "long", "quantity": "109.488", "entry_price": "32481.98",
         "mark_price": "31967.27", "leverage": 20, "maintenance_margin_rate": "0.025", "maintenance_amount": 16300},
        {"symbol": "ETHUSDT", "side": "long", "quantity": "3683.979", "entry_price": "1456.84",
         "mark_price": "1335.18", "leverage": 20, "maintenance_margin_rate": "0.1", "maintenance_amount": 135365},
    ],
}


def test_the_binance_faq_example_shows_the_faq_formula_with_its_terms() -> None:
    """LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q): the FAQ's terms, computed here from its
    inputs, are the explanation's collateral, other maintenance, numerator and denominator; 26,316.89 results."""
    wb, q, ep = Decimal("1535443.01"), Decimal("109.488"), Decimal("32481.98")
    eth_q, eth_ep, eth_mark = Decimal("3683.979"), Decimal("1456.84"), Decimal("1335.18")
    upnl1 = eth_q * (eth_mark - eth_ep)
    tmm1 = eth_q * eth_mark * Decimal("0.1") - 135365
    step = explain(parse_scenario(BINANCE_FAQ), 0)
    assert step.collateral == wb + upnl1
    assert step.others_maintenance == tmm1
    assert step.numerator == wb - tmm1 + upnl1 + 16300 - q * ep
    assert step.denominator == q * Decimal("0.025") - q
    assert step.liquidation_price is not None
    assert step.liquidation_price.quantize(Decimal("0.01")) == Decimal("26316.89")
    assert (step.legs[0].tier.rate, step.legs[0].tier.amount) == (Decimal("0.025"), Decimal(16300))


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_the_numbers_shown_balance_at_the_liquidation_price(data: dict[str, object]) -> None:
    """With only the explanation's own numbers: numerator ÷ denominator is the engine's liquidation price, and at
    that price collateral + the legs' PnL equals the legs' maintenance plus the other symbols'."""
    scenario = parse_scenario(data)
    result = evaluate(scenario)
    for index, position in enumerate(result.positions):
        step = explain(scenario, index)
        assert step.liquidation_price == position.liquidation_price
        if step.liquidation_price is None:
            assert step.numerator is None and step.denominator is None
            continue
        lp = step.liquidation_price
        assert step.numerator is not None and step.denominator
        with localcontext() as exact:
            exact.prec = 60
            assert abs(step.numerator / step.denominator - lp) <= abs(lp) * Decimal("1e-20")
            # Coins (an inverse margin or maintenance, collateral in the symbol's coin) are worth their price there.
            equity = step.collateral + step.collateral_units * lp + sum(
                leg.side_sign * leg.quantity * (lp - leg.entry_price) for leg in step.legs)
            maintenance = step.others_maintenance + sum(
                (leg.maintenance or 0) * (lp if leg.inverse else 1) for leg in step.legs)
            scale = max(abs(equity), abs(maintenance), Decimal(1))
            assert abs(equity - maintenance) <= scale * Decimal("1e-15"), (equity, maintenance)
        for leg in step.legs:
            if step.convention == "liquidation":
                assert leg.notional_at_liquidation is not None
                assert leg.tier.floor <= leg.notional_at_liquidation
                # Above a table's last cap its last tier applies (calc.tiers.TierTable.bracket_for).
                last_tiers = {position.tiers.tiers[-1] for position in scenario.positions}
                assert leg.tier.cap is None or leg.notional_at_liquidation <= leg.tier.cap or leg.tier in last_tiers
            else:
                assert leg.tier == leg.entry_tier
