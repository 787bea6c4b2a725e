"""Profit and loss of one position across a range of prices, for charts.

The curve is the position's PnL ``side·Q·(P − EP)`` while its account survives, and the most the
margin mode lets it lose once the price is past a liquidation price: the isolated margin, or in
cross the whole wallet balance (the "maximum loss" of issue 2's contract). The step at the
liquidation price is deliberate: the position is closed there and what was left of its margin is
not returned in the worst case, so the chart shows that worst case rather than modelling an
exchange's liquidation fees and insurance fund.

The liquidation roots are computed once per sweep, then each point is a bisect and a multiply,
so 200 points cost far less than 10 ms.

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
...                                    "maintenance_margin_rate": "0.005"}]})
>>> [(str(p), str(v)) for p, v in pnl_sweep(s, points=3)]
[('50.0', '-10'), ('100.0', '0.0'), ('150.0', '50.0')]
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import Final

from .errors import ScenarioError
from .liquidation import margin_curve
from .numbers import engine_context
from .scenario import Scenario

__all__ = ["DEFAULT_SPAN", "MAX_POINTS", "pnl_sweep", "pnl_vertices"]

#: Default range: the mark price ± 50%, as the guide's price slider.
DEFAULT_SPAN: Final = Decimal("0.5")
MAX_POINTS: Final = 10_000


class _PnlCurve:
    """One position's PnL against its symbol's price: linear where the account is alive, ``floor`` where not."""

    def __init__(self, scenario: Scenario, index: int) -> None:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(scenario.positions):
            raise ScenarioError("index", index, "is not a position index")
        position = scenario.positions[index]
        self.entry = position.entry_price
        self.mark = position.mark_price
        self.sign_q = position.sign * position.quantity
        if scenario.mode == "isolated" or scenario.wallet_balance is None:
            self.floor = -position.margin
        else:
            self.floor = -scenario.wallet_balance
        curve = margin_curve(scenario, index)
        self.roots = list(curve.roots())
        # f is positive on some of the pieces the roots cut (0, ∞) into; test one price inside each.
        edges = [Decimal(0), *self.roots]
        probes = [(a + b) / 2 for a, b in zip(edges, self.roots)] + [edges[-1] * 2 if self.roots else self.mark]
        self.alive = [curve.value(p) > 0 for p in probes]

    def range(self, lower: Decimal | None, upper: Decimal | None) -> tuple[Decimal, Decimal]:
        lo = self.mark * (1 - DEFAULT_SPAN) if lower is None else lower
        hi = self.mark * (1 + DEFAULT_SPAN) if upper is None else upper
        if lo < 0:
            raise ScenarioError("lower", lower, "must not be negative")
        if hi <= lo:
            raise ScenarioError("upper", upper, "must be above the lower end of the range")
        return lo, hi

    def at(self, price: Decimal) -> Decimal:
        # bisect_left puts a price equal to a root in the piece before it; f is 0 at a root,
        # and equity at maintenance margin counts as liquidated, so a root takes the floor.
        k = bisect.bisect_left(self.roots, price)
        at_root = k < len(self.roots) and self.roots[k] == price
        return self.sign_q * (price - self.entry) if self.alive[k] and not at_root else self.floor


def pnl_sweep(
    scenario: Scenario,
    index: int = 0,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
    points: int = 200,
) -> list[tuple[Decimal, Decimal]]:
    """``points`` evenly spaced ``(price, pnl)`` pairs for ``scenario.positions[index]``, ends included.

    Only this position's symbol moves; other symbols stay at their mark prices. Past a liquidation
    price the PnL is ``−max_loss`` (isolated: the margin; cross: the wallet balance). Before it,
    the PnL is this position's own; in cross with a hedge or other profitable positions that can
    fall below −wallet balance while the rest of the account keeps it alive.
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= MAX_POINTS:
        raise ScenarioError("points", points, f"is not a whole number from 2 to {MAX_POINTS}")
    with engine_context():
        curve = _PnlCurve(scenario, index)
        lo, hi = curve.range(lower, upper)
        step = (hi - lo) / (points - 1)
        return [(price, curve.at(price)) for price in (hi if i == points - 1 else lo + step * i
                                                       for i in range(points))]


def pnl_vertices(
    scenario: Scenario,
    index: int = 0,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
) -> list[tuple[Decimal, Decimal]]:
    """The same curve as :func:`pnl_sweep`, exactly, as the few vertices of its polyline.

    The PnL is linear between liquidation prices and flat beyond them, so the ends of the range and
    each liquidation price inside it (taken from both sides) draw it exactly: a chart needs a
    handful of points, not hundreds.
    """
    with engine_context():
        curve = _PnlCurve(scenario, index)
        lo, hi = curve.range(lower, upper)
        out: list[tuple[Decimal, Decimal]] = [(lo, curve.at(lo))]
        for k, root in enumerate(curve.roots):
            if lo < root < hi:
                before = curve.sign_q * (root - curve.entry) if curve.alive[k] else curve.floor
                after = curve.sign_q * (root - curve.entry) if curve.alive[k + 1] else curve.floor
                out.extend([(root, before), (root, after)])
        out.append((hi, curve.at(hi)))
    return out
