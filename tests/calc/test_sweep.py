"""calc.sweep: PnL across prices for charts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

from calc import parse_scenario, pnl_sweep
from calc.errors import ScenarioError
from calc.liquidation import margin_curve
from calc.sweep import pnl_vertices
from tests.calc.strategies import scenarios

ISOLATED = parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})


def test_default_range_is_mark_plus_minus_half() -> None:
    """200 points from 25,000 to 75,000, both ends included."""
    points = pnl_sweep(ISOLATED)
    assert len(points) == 200
    assert (points[0][0], points[-1][0]) == (Decimal(25000), Decimal(75000))


def test_pnl_is_linear_until_liquidation_then_the_margin_is_lost() -> None:
    """Above the liquidation price the PnL is Q·(P − EP); at or below it, −margin."""
    lp = margin_curve(ISOLATED, 0).liquidation_price(Decimal(50000))
    assert lp is not None
    for price, pnl in pnl_sweep(ISOLATED, lower=Decimal(40000), upper=Decimal(60000), points=101):
        if price > lp:
            assert pnl == Decimal("0.2") * (price - 50000)
        else:
            assert pnl == -1000


def test_cross_loss_is_capped_at_the_wallet() -> None:
    """In cross, past the liquidation price the chart shows the whole wallet lost."""
    s = parse_scenario({"mode": "cross", "wallet_balance": 5000, "positions": [
        {"side": "short", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
    points = pnl_sweep(s, upper=Decimal(100000))
    assert points[-1][1] == -5000
    assert min(pnl for _, pnl in points) == -5000


def test_a_root_itself_counts_as_liquidated() -> None:
    """A grid point exactly on the liquidation price shows the capped loss."""
    s = parse_scenario({"positions": [{"side": "long", "entry_price": 55000, "quantity": 1, "margin": 5200}]})
    points = dict(pnl_sweep(s, lower=Decimal(45000), upper=Decimal(55000), points=3))
    assert points[Decimal(50000)] == -5200


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"index": 1}, "index"),
        ({"points": 1}, "points"),
        ({"points": 10**6}, "points"),
        ({"lower": Decimal(-1)}, "lower"),
        ({"lower": Decimal(10), "upper": Decimal(5)}, "upper"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], path: str) -> None:
    """Out-of-range arguments raise ScenarioError naming the argument."""
    with pytest.raises(ScenarioError) as info:
        pnl_sweep(ISOLATED, **kwargs)  # type: ignore[arg-type]
    assert info.value.where == path


@settings(max_examples=60, deadline=None)
@given(data=scenarios())
def test_vertices_draw_exactly_the_sampled_curve(data: dict[str, object]) -> None:
    """Interpolating the few vertices gives every one of the 200 sampled points (steps sit at the vertices)."""
    scenario = parse_scenario(data)
    sampled = pnl_sweep(scenario, 0, points=200)
    vertices = pnl_vertices(scenario, 0)
    assert vertices[0] == sampled[0] and vertices[-1] == sampled[-1]
    for price, pnl in sampled:
        for (x0, y0), (x1, y1) in zip(vertices, vertices[1:]):
            if x0 < price < x1:
                assert abs(y0 + (y1 - y0) * (price - x0) / (x1 - x0) - pnl) <= Decimal("1e-20") * (1 + abs(pnl))
                break
