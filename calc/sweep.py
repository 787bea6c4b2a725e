"""Profit and loss of one position across a range of prices, for charts.

The curve is the position's PnL ``side·Q·(P − EP)`` while its account survives, and the most the
margin mode lets it lose once the price is past a liquidation price: the isolated margin, or in
cross the whole wallet balance (the "maximum loss" of the scenario contract). The step at the
liquidation price is deliberate: the position is closed there and what was left of its margin is
not returned in the worst case, so the chart shows that worst case rather than modelling an
exchange's liquidation fees and insurance fund.

A :class:`PnlCurve` is built from the liquidation roots the evaluation already solved
(:func:`calc.evaluate.evaluate` keeps one per position), so drawing it is arithmetic, not a second solve.

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
...                                    "maintenance_margin_rate": "0.005"}]})
>>> [(str(p), str(v)) for p, v in pnl_sweep(s, points=3)]
[('50.0', '-10'), ('100.0', '0.0'), ('150.0', '50.0')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from .errors import ScenarioError
from .liquidation import MarginCurve, margin_curve
from .numbers import engine_context
from .scenario import Position, Scenario

__all__ = ["MAX_POINTS", "PRICE_SPAN", "PnlCurve", "pnl_curve", "pnl_sweep", "pnl_vertices", "solved_curve"]

#: How far price ranges reach either side of their centre (±50%): the chart, and the calculator's price slider.
PRICE_SPAN: Final = Decimal("0.5")
MAX_POINTS: Final = 10_000


@dataclass(frozen=True, slots=True)
class PnlCurve:
    """One position's PnL against its symbol's price: linear where the account is alive, ``floor`` where not.

    ``roots`` are the liquidation prices (ascending); ``alive[k]`` says whether the account survives between
    root ``k − 1`` and root ``k`` (``alive`` has one more entry than ``roots``).
    """

    entry: Decimal
    mark: Decimal
    sign_q: Decimal
    floor: Decimal
    roots: tuple[Decimal, ...]
    alive: tuple[bool, ...]
    #: Coins among what can be lost (an inverse margin, collateral in the symbol's coin): past liquidation the loss
    #: is ``floor − floor_units × P``, still a straight line.
    floor_units: Decimal = Decimal(0)

    def range(self, lower: Decimal | None, upper: Decimal | None) -> tuple[Decimal, Decimal]:
        """The price range asked for, defaulting to the mark ± :data:`PRICE_SPAN`."""
        lo = self.mark * (1 - PRICE_SPAN) if lower is None else lower
        hi = self.mark * (1 + PRICE_SPAN) if upper is None else upper
        if lo < 0:
            raise ScenarioError(("lower",), "negative", lower)
        if hi <= lo:
            raise ScenarioError(("upper",), "not_above_lower", upper)
        return lo, hi

    def linear(self, price: Decimal) -> Decimal:
        """The position's own PnL at *price*, as if it were still open: ``side·Q·(P − EP)``."""
        with engine_context():
            return self._linear(price)

    def at(self, price: Decimal) -> Decimal:
        """The PnL at *price*: the position's own while the account survives, the floor past liquidation."""
        with engine_context():
            return self._at(price)

    # The two below run once per chart point, so they use the caller's context instead of entering one each.
    def _linear(self, price: Decimal) -> Decimal:
        return self.sign_q * (price - self.entry)

    def _at(self, price: Decimal) -> Decimal:
        # bisect_left puts a price equal to a root in the piece before it; f is 0 at a root,
        # and equity at maintenance margin counts as liquidated, so a root takes the floor.
        k = bisect.bisect_left(self.roots, price)
        at_root = k < len(self.roots) and self.roots[k] == price
        return self._linear(price) if self.alive[k] and not at_root else self._floor(price)

    def _floor(self, price: Decimal) -> Decimal:
        return self.floor - self.floor_units * price if self.floor_units else self.floor

    def vertices(self, lower: Decimal | None = None, upper: Decimal | None = None) -> list[tuple[Decimal, Decimal]]:
        """The curve over the range, exactly, as the few vertices of its polyline.

        The PnL is linear between liquidation prices and flat beyond them, so the ends of the range and
        each liquidation price inside it (taken from both sides) draw it exactly.
        """
        with engine_context():
            lo, hi = self.range(lower, upper)
            out: list[tuple[Decimal, Decimal]] = [(lo, self._at(lo))]
            for k, root in enumerate(self.roots):
                if lo < root < hi:
                    before = self._linear(root) if self.alive[k] else self._floor(root)
                    after = self._linear(root) if self.alive[k + 1] else self._floor(root)
                    out.extend([(root, before), (root, after)])
            out.append((hi, self._at(hi)))
        return out


def solved_curve(position: Position, floor: Decimal, curve: MarginCurve, roots: tuple[Decimal, ...],
                 floor_units: Decimal = Decimal(0)) -> PnlCurve:
    """The PnL curve of *position*, whose account's margin curve *curve* has the liquidation prices *roots*.

    *floor* is minus the most the margin mode can lose (the isolated margin, or the cross wallet balance and
    collateral), less *floor_units* coins of the symbol's asset whose worth moves with the price.
    """
    with engine_context():
        # The margin curve's sign is constant between roots: test one price inside each piece.
        edges = [Decimal(0), *roots]
        probes = [(a + b) / 2 for a, b in zip(edges, roots)] + [edges[-1] * 2 if roots else position.mark_price]
        alive = tuple(curve.value(p) > 0 for p in probes)
        return PnlCurve(position.entry_price, position.mark_price, position.sign * position.quantity, floor,
                        roots, alive, floor_units)


def pnl_curve(scenario: Scenario, index: int = 0) -> PnlCurve:
    """Solve the PnL curve of ``scenario.positions[index]`` on its own (an evaluation already has one)."""
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(scenario.positions):
        raise ScenarioError(("index",), "not_an_index", index)
    position = scenario.positions[index]
    curve = margin_curve(scenario, index)
    with engine_context():
        if scenario.mode == "cross":
            own = [c for c in scenario.collateral if c.asset == position.asset]
            others = [c for c in scenario.collateral if c.asset != position.asset]
            fixed = (scenario.wallet_balance or Decimal(0)) + sum((c.market_value for c in others), Decimal(0))
            units = sum((c.amount for c in own), Decimal(0))
        else:
            assert position.margin is not None  # an isolated position always has its margin
            fixed, units = (Decimal(0), position.margin) if position.inverse else (position.margin, Decimal(0))
    return solved_curve(position, -fixed, curve, curve.roots(), units)


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
        raise ScenarioError(("points",), "not_a_point_count", points, maximum=MAX_POINTS)
    with engine_context():
        curve = pnl_curve(scenario, index)
        lo, hi = curve.range(lower, upper)
        step = (hi - lo) / (points - 1)
        prices = (hi if i == points - 1 else lo + step * i for i in range(points))
        return [(price, curve._at(price)) for price in prices]


def pnl_vertices(
    scenario: Scenario,
    index: int = 0,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
) -> list[tuple[Decimal, Decimal]]:
    """The same curve as :func:`pnl_sweep`, exactly, as the few vertices of its polyline."""
    return pnl_curve(scenario, index).vertices(lower, upper)
