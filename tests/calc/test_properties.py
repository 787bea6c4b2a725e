"""Invariants that hold for every valid scenario (Hypothesis).

Each test states one property of liquidation math that a reader could check by hand; Hypothesis
looks for a scenario that breaks it.
"""

from __future__ import annotations

import decimal
import json
import re
from decimal import Decimal, localcontext
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calc import parse_scenario, plain, pnl_sweep, scenario_to_data
from calc.evaluate import evaluate_data
from calc.liquidation import margin_curve
from calc.numbers import CONTEXT
from calc.results import FIGURES
from calc.scenario import Scenario
from calc.tiers import parse_tiers
from margin_view.text.figures import figure_text, format_figure, format_result
from tests.calc.strategies import fee_rates, flat_rates, inline_tiers, margins, positions, prices, scenarios

SETTINGS = settings(max_examples=120, deadline=None)
TINY = Decimal("1e-20")


def isolated(position: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A one-position isolated scenario, mark at entry unless the position says otherwise."""
    return {"mode": "isolated", "positions": [position], **extra}


def lp_of(s: Scenario, index: int = 0) -> Decimal | None:
    """Liquidation price of one position."""
    return margin_curve(s, index).liquidation_price(s.positions[index].mark_price)


def distance(s: Scenario, index: int = 0) -> Decimal | None:
    """|mark − LP| / mark, None without a liquidation price."""
    lp = lp_of(s, index)
    mark = s.positions[index].mark_price
    if lp is None:
        return None
    with localcontext(CONTEXT):
        return abs(mark - lp) / mark


def farther_or_gone(before: Decimal | None, after: Decimal | None) -> bool:
    """*after* is no closer than *before* (None means no liquidation price: the farthest)."""
    return after is None or (before is not None and after >= before * (1 - TINY))


def toward_loss_or_gone(side: str, before: Decimal | None, after: Decimal | None) -> bool:
    """*after* is on the losing side of *before* (lower for a long, higher for a short), or gone."""
    if after is None:
        return True
    if before is None:
        return False
    return after <= before * (1 + TINY) if side == "long" else after >= before * (1 - TINY)


def alive(s: Scenario, index: int = 0) -> bool:
    """Equity is above maintenance margin at the mark price."""
    return margin_curve(s, index).value(s.positions[index].mark_price) > 0


def single(position: dict[str, Any]) -> dict[str, Any]:
    """Drop the mark price so that it defaults to the entry price (the position as just opened)."""
    return {k: v for k, v in position.items() if k != "mark_price"}


@SETTINGS
@given(positions(), st.sampled_from(["liquidation", "entry"]), fee_rates)
def test_isolated_loss_at_liquidation_never_exceeds_margin(position: dict[str, Any], convention: str, fee: str) -> None:
    """An isolated position's loss at its liquidation price is at most its margin."""
    s = parse_scenario(isolated(position, maintenance_price=convention, fee_rate=fee))
    lp = lp_of(s)
    assume(lp is not None)
    assert lp is not None
    p = s.positions[0]
    assert p.margin is not None
    # In dollars at the liquidation price: an inverse margin is coins, worth their price there.
    assert -p.pnl_at(lp) <= p.to_usd(p.margin, lp) * (1 + TINY)


@SETTINGS
@given(positions(), st.sampled_from(["liquidation", "entry"]), fee_rates)
def test_liquidation_price_lies_between_bankruptcy_and_mark(
    position: dict[str, Any], convention: str, fee: str
) -> None:
    """For a live isolated position: bankruptcy price ≤ LP ≤ mark (long), mark ≤ LP ≤ BP (short)."""
    s = parse_scenario(isolated(single(position), maintenance_price=convention, fee_rate=fee))
    curve = margin_curve(s, 0)
    mark = s.positions[0].mark_price
    lp, bp = curve.liquidation_price(mark), curve.bankruptcy_price()
    # A high flat rate at high leverage can leave the initial margin below maintenance: such a
    # position is liquidated on opening, and its liquidation price lies on the other side of the mark.
    assume(lp is not None and alive(s))
    assert lp is not None
    low, high = (bp or Decimal(0), mark) if s.positions[0].side == "long" else (mark, bp)
    assert low * (1 - TINY) <= lp <= (high * (1 + TINY) if high is not None else lp)


@SETTINGS
@given(positions(), margins)
def test_adding_margin_moves_liquidation_away_from_mark(position: dict[str, Any], extra: str) -> None:
    """More isolated margin moves the liquidation price toward the losing side: away from a live mark."""
    s = parse_scenario(isolated(position))
    data = scenario_to_data(s)
    data["positions"][0]["margin"] = str(s.positions[0].margin + Decimal(extra))
    t = parse_scenario(data)
    assert toward_loss_or_gone(position["side"], lp_of(s), lp_of(t))
    if alive(s):
        assert farther_or_gone(distance(s), distance(t))


@SETTINGS
@given(inline_tiers())
def test_tiers_are_continuous_at_every_bracket_edge(raw: list[dict[str, Any]]) -> None:
    """Maintenance margin has no jump where one bracket ends and the next begins."""
    table = parse_tiers(raw, ("tiers",))
    with localcontext(CONTEXT):
        for prev, tier in zip(table.tiers, table.tiers[1:]):
            assert tier.floor * prev.rate - prev.amount == tier.floor * tier.rate - tier.amount
            assert table.maintenance_margin(tier.floor) == tier.floor * prev.rate - prev.amount


@SETTINGS
@given(prices, margins, st.integers(1, 125), flat_rates, fee_rates, st.sampled_from(["liquidation", "entry"]))
def test_long_and_short_mirror_each_other(
    entry: str, margin: str, leverage: int, rate: str, fee: str, convention: str
) -> None:
    """Flat rate r, fee f: (1 − r − f)·LP_long + (1 + r + f)·LP_short = 2·EP ("entry": LP_long + LP_short = 2·EP)."""
    def lp(side: str) -> Decimal | None:
        s = parse_scenario(isolated({"side": side, "entry_price": entry, "margin": margin, "leverage": leverage,
                                     "maintenance_margin_rate": rate}, fee_rate=fee, maintenance_price=convention))
        return lp_of(s)

    long, short = lp("long"), lp("short")
    assume(long is not None and short is not None)
    assert long is not None and short is not None
    with localcontext(CONTEXT):
        k = Decimal(0) if convention == "entry" else Decimal(rate) + Decimal(fee)
        total = (1 - k) * long + (1 + k) * short
        assert abs(total - 2 * Decimal(entry)) <= 2 * Decimal(entry) * TINY


@SETTINGS
@given(scenarios(mode="cross"), st.data())
def test_cross_leverage_setting_does_not_move_liquidation(data: dict[str, Any], draw: st.DataObject) -> None:
    """In cross, the same position size at a different leverage (or at one given to a position that had none)
    liquidates at the same price. Under Bybit's rule (a fee to close valued at the bankruptcy price the leverage
    sets) the leverage does move the other symbols' maintenance, and so their liquidation prices, a little: then
    only the changed position's own symbol keeps its price."""
    s = parse_scenario(data)
    changed = scenario_to_data(s)
    index = draw.draw(st.integers(0, len(s.positions) - 1))
    changed["wallet_balance"] = str(s.cross_funds * 200)  # room for any initial margin
    position = s.positions[index]
    highest = position.leverage or position.tiers.bracket_for(position.entry_value).max_leverage
    changed["positions"][index]["leverage"] = str(draw.draw(st.integers(1, int(highest))))
    t = parse_scenario(changed)
    richer = scenario_to_data(s)  # the original leverage, with the same (bigger) wallet
    richer["wallet_balance"] = changed["wallet_balance"]
    u = parse_scenario(richer)
    leverage_free = s.fee_price == "liquidation" or not s.fee_rate
    for i, other in enumerate(s.positions):
        if leverage_free or other.symbol == position.symbol:
            assert lp_of(t, i) == lp_of(u, i)


@SETTINGS
@given(scenarios(mode="cross"), margins)
def test_bigger_wallet_never_brings_cross_liquidation_closer(data: dict[str, Any], extra: str) -> None:
    """Adding to a cross wallet moves every liquidation price away from its mark (or removes it)."""
    s = parse_scenario(data)
    assume(alive(s))  # a liquidated account has its roots on one side of the mark
    more = scenario_to_data(s)
    more["wallet_balance"] = str(Decimal(str(more.get("wallet_balance", "0"))) + Decimal(extra))
    t = parse_scenario(more)
    for i in range(len(s.positions)):
        assert farther_or_gone(distance(s, i), distance(t, i))


@SETTINGS
@given(scenarios())
def test_equity_equals_maintenance_at_the_liquidation_price(data: dict[str, Any]) -> None:
    """At every liquidation price, equity minus maintenance margin is zero (to 1e-20 of the sums)."""
    s = parse_scenario(data)
    for i in range(len(s.positions)):
        curve = margin_curve(s, i)
        for root in curve.roots():
            with localcontext(CONTEXT):
                scale = abs(curve.collateral) + curve.others_maintenance + sum(
                    leg.quantity * (root + leg.entry_price) for leg in curve.legs
                )
            assert abs(curve.value(root)) <= scale * TINY


@SETTINGS
@given(positions(), fee_rates, fee_rates)
def test_higher_fee_rate_brings_liquidation_closer(position: dict[str, Any], fee_a: str, fee_b: str) -> None:
    """A bigger closing-fee allowance moves the liquidation price toward the profitable side (closer to a live mark)."""
    low, high = sorted([fee_a, fee_b], key=Decimal)
    cheap = parse_scenario(isolated(position, fee_rate=low))
    dear = parse_scenario(isolated(position, fee_rate=high))
    assert toward_loss_or_gone(position["side"], lp_of(dear), lp_of(cheap))
    if alive(dear):
        assert farther_or_gone(distance(dear), distance(cheap))


@SETTINGS
@given(prices, margins, st.integers(1, 125), st.integers(1, 125), st.sampled_from(["long", "short"]))
def test_higher_leverage_on_the_same_margin_brings_isolated_liquidation_closer(
    entry: str, margin: str, lev_a: int, lev_b: int, side: str
) -> None:
    """Same margin, more leverage (a bigger position): the liquidation price is no farther."""
    low, high = sorted([lev_a, lev_b])
    def scenario(leverage: int) -> Scenario:
        return parse_scenario(isolated({"side": side, "entry_price": entry, "margin": margin, "leverage": leverage,
                                        "maintenance_margin_rate": "0.005"}))
    assert farther_or_gone(distance(scenario(high)), distance(scenario(low)))


@SETTINGS
@given(positions())
def test_liquidated_flag_iff_mark_is_past_liquidation_price(position: dict[str, Any]) -> None:
    """An isolated position is liquidated exactly when its mark is at or beyond its liquidation price."""
    out = evaluate_data(isolated(position))["positions"][0]
    lp, mark = out["liquidation_price"], Decimal(out["mark_price"])
    if lp is None:
        assert out["liquidated"] is False
        return
    lp = Decimal(lp)
    assume(abs(mark - lp) > mark * TINY)  # at the root itself rounding may fall either way
    beyond = mark < lp if out["side"] == "long" else mark > lp
    assert out["liquidated"] is beyond
    assert (out["distance_band"] == "liquidated") is beyond


@SETTINGS
@given(scenarios())
def test_result_json_is_plain_and_round_trips(data: dict[str, Any]) -> None:
    """Every output number is a plain decimal string that survives parse and re-spelling."""
    out = evaluate_data(data)
    text = json.dumps(out, separators=(",", ":"))
    assert json.loads(text) == out

    def numbers(node: object) -> list[str]:
        if isinstance(node, dict):
            return [n for v in node.values() for n in numbers(v)]
        if isinstance(node, list):
            return [n for v in node for n in numbers(v)]
        return [node] if isinstance(node, str) and node[:1] in "-0123456789" and node[1:2] != "-" else []

    for number in numbers(out["positions"]) + numbers(out["account"]):
        assert "e" not in number.lower() and number != "-0"
        assert plain(Decimal(number)) == number


@SETTINGS
@given(scenarios())
def test_scenario_to_data_round_trips(data: dict[str, Any]) -> None:
    """scenario_to_data gives data that parses back to an equal scenario, and JSON-serialisable."""
    s = parse_scenario(data)
    written = scenario_to_data(s)
    assert parse_scenario(json.loads(json.dumps(written))) == s


@SETTINGS
@given(scenarios(), st.sampled_from(["en", "nl"]))
def test_format_never_shows_nan_none_or_null(data: dict[str, Any], locale: str) -> None:
    """Formatted results are strings, and none says NaN, None, null or Infinity, or shows a negative zero (a date
    such as 2026-12-05 is not one: its "-0" follows a digit)."""
    text = json.dumps(format_result(evaluate_data(data), locale), ensure_ascii=False)
    for word in ("NaN", "None", "null", "Infinity", "-$", "−$0.00"):
        assert word not in text
    assert not re.search(r"(?<!\d)[-−]0(?![\d.,-])|(?<!\d)[-−]0[.,]0*(?!\d*[1-9])", text), text


@SETTINGS
@given(scenarios(), st.sampled_from(["en", "nl"]))
def test_one_figure_reads_as_in_the_whole_result(data: dict[str, Any], locale: str) -> None:
    """The calculator formats only the figures it shows (format_figure): each reads exactly as format_result
    writes it, for every shown key of every position and of the account."""
    result = evaluate_data(data)
    text = format_result(result, locale)
    keys = [f"positions[{i}].{f.key}" for i in range(len(result["positions"]))
            for f in FIGURES["position"].values() if f.shown]
    keys += [f"account.{f.key}" for f in FIGURES["account"].values() if f.shown and f.key in result["account"]]
    for key in keys:
        assert format_figure(result, key, locale) == figure_text(text, key), key


@SETTINGS
@given(scenarios())
def test_equity_is_zero_at_the_bankruptcy_price(data: dict[str, Any]) -> None:
    """At the bankruptcy price the collateral plus the legs' PnL is exactly used up; under Bybit's rule, all but the
    fee to close valued there (``fee_rate × ΣQ × BP``; an inverse leg's, ``fee_rate × N / BP`` coins, is worth
    ``fee_rate × N`` dollars there)."""
    s = parse_scenario(data)
    for i in range(len(s.positions)):
        curve = margin_curve(s, i)
        bp = curve.bankruptcy_price()
        if bp is not None:
            with localcontext(CONTEXT):
                scale = abs(curve.collateral) + curve.units * bp + sum(leg.quantity * (bp + leg.entry_price)
                                                                        for leg in curve.legs)
                size = sum(leg.entry_notional if leg.inverse else leg.quantity * bp for leg in curve.legs)
                left = s.fee_rate * size if s.fee_price == "bankruptcy" else 0
                assert abs(curve.equity(bp) - left) <= scale * TINY


@SETTINGS
@given(scenarios(mode="cross"))
def test_legs_of_one_symbol_share_a_cross_liquidation_price(data: dict[str, Any]) -> None:
    """In cross, every position of a symbol (a hedge included) shows the same liquidation price."""
    out = evaluate_data(data)["positions"]
    by_symbol: dict[str, set[object]] = {}
    for p in out:
        by_symbol.setdefault(p["symbol"], set()).add(p["liquidation_price"])
    assert all(len(prices) == 1 for prices in by_symbol.values())


@SETTINGS
@given(scenarios())
def test_sweep_never_loses_more_than_the_mode_allows(data: dict[str, Any]) -> None:
    """The chart's PnL never falls below −max loss (margin, or the cross wallet of a lone position).

    With other cross positions, one position's own loss may exceed the wallet while the others'
    profits keep the account alive, so the bound is stated for one position per account.
    """
    s = parse_scenario(data)
    assume(s.mode == "isolated" or len(s.positions) == 1)
    p = s.positions[0]
    # Everything the mode puts at risk, at each price: coins (an inverse margin, collateral in the symbol's coin)
    # are worth that price.
    if s.mode == "cross":
        fixed = (s.wallet_balance or 0) + sum(c.market_value for c in s.collateral if c.asset != p.asset)
        units = sum(c.amount for c in s.collateral if c.asset == p.asset)
    else:
        assert p.margin is not None
        fixed, units = (Decimal(0), p.margin) if p.inverse else (p.margin, Decimal(0))
    for price, pnl in pnl_sweep(s, points=50):
        assert pnl >= -(fixed + units * price) * (1 + TINY)


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_ambient_decimal_context_changes_nothing(data: dict[str, Any]) -> None:
    """Evaluating under a low-precision, odd-rounding, non-trapping context gives the same bytes."""
    expected = json.dumps(evaluate_data(data))
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.rounding = decimal.ROUND_UP
        ctx.traps[decimal.InvalidOperation] = False
        ctx.traps[decimal.DivisionByZero] = False
        assert json.dumps(evaluate_data(data)) == expected
        assert json.dumps(format_result(evaluate_data(data))) == json.dumps(format_result(json.loads(expected)))
