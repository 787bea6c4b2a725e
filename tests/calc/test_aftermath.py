"""After the trigger (:mod:`calc.aftermath`): Bybit's published bankruptcy example, and for generated scenarios the
relations the liquidation process implies, checked with the test's own arithmetic on the engine's inputs."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given, settings

from calc import evaluate
from calc.aftermath import aftermath
from calc.liquidation import maintenance_margin
from calc.position import Position
from calc.scenario import parse_scenario
from tests.calc.strategies import scenarios

# Bybit's help centre ("Bankruptcy Price (USDT Contract)", and the liquidation-price page): long 1 BTC at 20,000,
# 50x, MMR 0.5 %, maintenance valued at entry: initial margin 400, maintenance 100, liquidation at 19,700,
# bankruptcy at 19,600.
BYBIT_LONG = {
    "mode": "isolated", "maintenance_price": "entry",
    "positions": [{"side": "long", "entry_price": 20000, "quantity": 1, "leverage": 50,
                   "maintenance_margin_rate": "0.005"}],
}


def test_bybit_example_what_is_left_at_the_trigger_is_its_maintenance_margin() -> None:
    after = aftermath(parse_scenario(BYBIT_LONG), 0)
    assert after.liquidation_price == 19700
    assert after.bankruptcy_price == 19600
    # 400 of margin, 300 lost on the way down to 19,700: 100 left, the maintenance margin Bybit prints.
    assert after.equity_now == 400
    assert after.loss_to_liquidation == 300
    assert after.equity_at_liquidation == 100
    # Each 1 % past 19,600 is 1 BTC × 196 = 196 USDT for the insurance fund.
    assert after.fund_per_percent == 196
    assert after.partial_notional is None  # a flat rate is one tier: closed whole


def test_a_position_above_its_first_tier_is_cut_back_to_the_tier_below_first() -> None:
    """Bybit's process: a FillOrKill order for the value above the lower tier. 40 BTC long at 50,000, 20x on
    Binance's table liquidates near 47,800: about 1.9 M of value, in the 600 k–3 M bracket, so the part above
    600 k is closed first."""
    scenario = parse_scenario({"mode": "isolated", "positions": [
        {"side": "long", "entry_price": 50000, "quantity": 40, "leverage": 20, "tiers": "binance-btcusdt"}]})
    after = aftermath(scenario, 0)
    assert after.liquidation_price is not None and after.notional_at_liquidation is not None
    with localcontext() as ctx:
        ctx.prec = 34
        assert 1_900_000 < after.notional_at_liquidation == 40 * after.liquidation_price < 3_000_000
        assert after.partial_notional == after.notional_at_liquidation - 600000


@settings(max_examples=150, deadline=None)
@given(data=scenarios())
def test_the_process_adds_up_for_generated_scenarios(data: dict[str, object]) -> None:
    scenario = parse_scenario(data)
    result = evaluate(scenario)
    with localcontext() as ctx:
        ctx.prec = 34
        for index, position in enumerate(scenario.positions):
            after = aftermath(scenario, index)
            assert after.liquidation_price == result.positions[index].liquidation_price
            if after.liquidation_price is None:
                assert after.equity_at_liquidation is None and after.fund_per_percent is None
                continue
            lp = after.liquidation_price
            assert after.equity_at_liquidation is not None and after.loss_to_liquidation is not None
            # The trigger is where equity meets maintenance: what is left is the maintenance margin there, of the
            # symbol's legs plus (cross) the other symbols' maintenance.
            legs = [p for p in scenario.positions if scenario.mode == "cross" and p.symbol == position.symbol]
            legs = legs or [position]
            # A fee valued at the bankruptcy price (Bybit's) is the symbol's own bankruptcy price for its legs, and
            # the one each other position's initial margin sets for the others.
            at_bankruptcy = scenario.fee_price == "bankruptcy"
            own_bp = after.bankruptcy_price or Decimal(0)
            # Maintenance is in each leg's margin asset: an inverse leg's coins are worth their price in dollars, and
            # its fee to close at BP is fee × N / BP coins.
            # (Bound as defaults: the function is a loop's, though called only in its own iteration.)
            def fee_at_bp(leg: Position, at_bankruptcy: bool = at_bankruptcy, own_bp: Decimal = own_bp) -> Decimal | None:
                if not at_bankruptcy:
                    return None
                if leg.inverse:
                    return scenario.fee_rate * leg.entry_notional / own_bp if own_bp else Decimal(0)
                return scenario.fee_rate * leg.quantity * own_bp

            own = sum(leg.to_usd(maintenance_margin(leg, lp, scenario.fee_rate, scenario.maintenance_price,
                                                    fee_at_bp(leg))[0], lp)
                      for leg in legs)
            others = sum(p.to_usd(maintenance_margin(p, p.mark_price, scenario.fee_rate, scenario.maintenance_price,
                                                     p.fee_to_close(scenario.fee_rate) if at_bankruptcy else None)[0],
                                  p.mark_price)
                         for p in scenario.positions if scenario.mode == "cross" and p.symbol != position.symbol)
            assert abs(after.equity_at_liquidation - (own + others)) <= Decimal("1e-18") * max(1, abs(own))
            assert after.loss_to_liquidation == after.equity_now - after.equity_at_liquidation
            if scenario.mode == "isolated":
                assert after.already_triggered == result.positions[index].liquidated
            if after.partial_notional is not None:
                assert 0 < after.partial_notional <= after.notional_at_liquidation
            if after.bankruptcy_price is not None and after.fund_per_percent is not None:
                # 1 % past BP costs 1 % of the legs' net dollar size there: Q × BP, or an inverse leg's N.
                net = abs(sum(leg.sign * (leg.entry_notional if leg.inverse else leg.quantity * after.bankruptcy_price)
                              for leg in legs))
                assert abs(after.fund_per_percent - net / 100) <= Decimal("1e-30") * max(1, net)
