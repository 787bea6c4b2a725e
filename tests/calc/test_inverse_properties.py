"""What must hold for coin-margined (inverse) contracts and for collateral in coins, whatever the numbers.

An inverse contract of ``N`` dollars with ``M`` coins of margin loses value in two ways as the price falls: its PnL
and its collateral. Long and short are then not mirror images in the price, as linear ones are; they are mirror
images in its reciprocal, the price of a dollar in coins (see ``test_inverse_long_and_short_mirror_in_one_over_price``).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calc import evaluate, parse_scenario, scenario_to_data
from calc.liquidation import margin_curve
from calc.numbers import CONTEXT
from tests.calc.strategies import coin_margins, fee_rates, flat_rates, margins, positions, prices, scenarios

SETTINGS = settings(max_examples=120, deadline=None)
TINY = Decimal("1e-20")


def lp_of(data: dict[str, Any], index: int = 0) -> Decimal | None:
    return evaluate(parse_scenario(data)).positions[index].liquidation_price


@SETTINGS
@given(positions(symbol="BTCUSD"), st.sampled_from(["liquidation", "entry"]), fee_rates)
def test_inverse_liquidation_lies_between_bankruptcy_and_mark(position: dict[str, Any], convention: str,
                                                               fee: str) -> None:
    """An inverse long liquidates below its mark and above its bankruptcy price; a short between its mark and its
    bankruptcy price above (when it has one: a short with margin worth its whole size never goes bankrupt)."""
    item = {k: v for k, v in position.items() if k != "mark_price"}
    s = parse_scenario({"maintenance_price": convention, "fee_rate": fee, "positions": [item]})
    result = evaluate(s).positions[0]
    lp, bp, mark = result.liquidation_price, result.bankruptcy_price, s.positions[0].mark_price
    assume(lp is not None and not result.liquidated)
    assert lp is not None
    if s.positions[0].side == "long":
        assert (bp or Decimal(0)) * (1 - TINY) <= lp < mark
    else:
        assert mark < lp and (bp is None or lp <= bp * (1 + TINY))


@SETTINGS
@given(prices, coin_margins, st.integers(1, 125), flat_rates, fee_rates, st.sampled_from(["liquidation", "entry"]))
def test_inverse_long_and_short_mirror_in_one_over_price(entry: str, margin: str, leverage: int, rate: str, fee: str,
                                                         convention: str) -> None:
    """The same inverse position long and short: not mirror images in the price, but in one over the price.

    With maintenance ``k = rate + fee`` on the value at the liquidation price, ``(1 + k)/LP_long + (1 − k)/LP_short
    = 2/EP`` (``1/LP_long + 1/LP_short = 2/EP`` when it is valued at entry); a linear contract has the same identity
    in the price itself. So the short's liquidation price is farther from entry in dollars than the long's:
    ``LP_short − EP > EP − LP_long`` for any position not already under water at entry.
    """
    def lp(side: str) -> Decimal | None:
        return lp_of({"fee_rate": fee, "maintenance_price": convention, "positions": [
            {"contract": "inverse", "side": side, "entry_price": entry, "margin": margin, "leverage": leverage,
             "maintenance_margin_rate": rate}]})

    long, short = lp("long"), lp("short")
    assume(long is not None and short is not None)
    assert long is not None and short is not None
    with localcontext(CONTEXT) as ctx:
        ctx.prec = 60
        k = Decimal(0) if convention == "entry" else Decimal(rate) + Decimal(fee)
        assume(1 / Decimal(leverage) > (Decimal(rate) + Decimal(fee) if convention == "liquidation" else Decimal(rate)))
        total = (1 + k) / long + (1 - k) / short
        assert abs(total - 2 / Decimal(entry)) <= 2 / Decimal(entry) * Decimal("1e-25")
        assert short - Decimal(entry) > Decimal(entry) - long


@SETTINGS
@given(scenarios(mode="cross"), st.decimals("0.001", "1000", places=3), prices)
def test_collateral_in_an_unrelated_coin_moves_cross_liquidation_away(data: dict[str, Any], amount: Decimal,
                                                                       price: str) -> None:
    """Coins no position trades are margin like dollars: adding some moves every liquidation price away from its
    mark, or removes it."""
    s = parse_scenario(data)
    assume(margin_curve(s, 0).value(s.positions[0].mark_price) > 0)  # a live account
    more = scenario_to_data(s)
    more["collateral"] = [*more.get("collateral", []), {"asset": "DOGE", "amount": str(amount), "price": price}]
    before, after = evaluate(s), evaluate(parse_scenario(more))
    for p, q in zip(before.positions, after.positions):
        if q.distance_to_liquidation is not None:
            assert p.distance_to_liquidation is not None
            assert q.distance_to_liquidation >= p.distance_to_liquidation


@SETTINGS
@given(prices, margins, st.integers(2, 100), st.sampled_from(["long", "short"]), st.sampled_from(["1.5", "2", "5"]))
def test_collateral_in_the_positions_own_coin_moves_with_it(entry: str, margin: str, leverage: int, side: str,
                                                            share: str) -> None:
    """The same dollar value backing a BTCUSDT position, once as dollars and once as BTC: the BTC falls with the
    price, so a long liquidates sooner (a higher price) and a short later (a higher price too: its collateral gains
    as the price rises against it)."""
    position = {"side": side, "entry_price": entry, "margin": margin, "leverage": leverage,
                "maintenance_margin_rate": "0.005"}
    value = Decimal(margin) * Decimal(share)
    with localcontext(CONTEXT):
        coins = value / Decimal(entry)
    in_dollars = lp_of({"mode": "cross", "wallet_balance": str(value), "positions": [position]})
    in_coin = lp_of({"mode": "cross", "collateral": [{"asset": "BTC", "amount": str(coins)}], "positions": [position]})
    assume(in_dollars is not None)
    assert in_dollars is not None
    if side == "long":
        assert in_coin is not None and in_coin > in_dollars
    else:
        assert in_coin is None or in_coin > in_dollars
