"""The wick illustration (:mod:`calc.wick`): what must hold whatever the trade, checked with the test's own
arithmetic: the extremes sit where the documented shape puts them, the mark price lags and moves less, and the
position is liquidated exactly when the wick reaches twice the way to the liquidation price."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calc import evaluate
from calc.scenario import parse_scenario
from calc.wick import DEPTH_MAX, LAST_SHAPE, MARK_SHAPE, MARK_SHARE, wick
from tests.calc.strategies import scenarios

DEPTHS = st.integers(min_value=0, max_value=30).map(lambda tenths: Decimal(tenths) / 10)


def test_the_shapes_peak_once_at_one_the_mark_a_minute_later() -> None:
    assert max(LAST_SHAPE) == max(MARK_SHAPE) == 1
    assert MARK_SHAPE.index(1) == LAST_SHAPE.index(1) + 1
    assert LAST_SHAPE[0] == MARK_SHAPE[0] == 0


def test_a_wick_past_the_liquidation_price_does_not_liquidate_until_the_mark_gets_there() -> None:
    scenario = parse_scenario({"positions": [{"side": "short", "entry_price": 3000, "margin": 300, "leverage": 10,
                                              "symbol": "ETHUSDT", "maintenance_margin_rate": "0.005"}]})
    lp = evaluate(scenario).positions[0].liquidation_price
    assert lp is not None and lp > 3000
    survived = wick(scenario, 0, Decimal("1.9"))
    assert survived.direction == 1 and survived.extreme_last is not None and survived.extreme_mark is not None
    assert survived.extreme_last > lp > survived.extreme_mark  # a short's wick goes up, through the price
    assert survived.liquidated_at is None
    assert wick(scenario, 0, Decimal(2)).liquidated_at == MARK_SHAPE.index(1)


@settings(max_examples=150, deadline=None)
@given(data=scenarios(), depth=DEPTHS)
def test_generated_trades(data: dict[str, object], depth: Decimal) -> None:
    scenario = parse_scenario(data)
    result = evaluate(scenario)
    for index, position in enumerate(scenario.positions):
        w = wick(scenario, index, depth)
        lp = result.positions[index].liquidation_price
        assert w.liquidation_price == lp
        if lp is None:
            assert w.last_path == w.mark_path == () and w.liquidated_at is None
            continue
        mark = position.mark_price
        assert w.direction == (-1 if lp < mark else 1)
        assert len(w.last_path) == len(LAST_SHAPE) and len(w.mark_path) == len(MARK_SHAPE)
        assert w.last_path[0] == w.mark_path[0] == mark
        assert all(price > 0 for price in (*w.last_path, *w.mark_path))
        # The extremes are the paths' own, in the wick's direction.
        pick = min if w.direction < 0 else max
        assert w.extreme_last == pick(w.last_path) and w.extreme_mark == pick(w.mark_path)
        # The mark moves less than the last price (the index follows half-way), never past it.
        assert (w.extreme_mark - w.extreme_last) * w.direction <= 0
        # Liquidated exactly when the mark's reach, depth × MARK_SHARE, is the whole way: depth >= 2.
        if mark == lp:
            continue
        assert (w.liquidated_at is not None) == (depth * MARK_SHARE >= 1)
        assert ((w.extreme_last - lp) * w.direction >= 0) == (depth >= 1)


def test_depth_is_clamped_to_its_range() -> None:
    scenario = parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
                                              "maintenance_margin_rate": "0.01"}]})
    assert wick(scenario, 0, Decimal(9)).depth == DEPTH_MAX
    assert wick(scenario, 0, Decimal(-1)).depth == 0
