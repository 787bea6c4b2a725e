"""A stop-loss against liquidation: which one the price reaches first.

A stop placed beyond the liquidation price never fires: the position is closed by liquidation first, and loses its
margin rather than the planned amount. Isolated, where liquidation sits depends on the leverage; cross, on the wallet
and every other position (:mod:`calc.liquidation` finds the prices; this module only compares them).

>>> from calc.scenario import parse_scenario
>>> from calc.liquidation import margin_curve
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "quantity": "0.1", "leverage": 50,
...                                    "maintenance_margin_rate": "0.004", "stop_price": 49000}]})
>>> stop_first(s.positions[0], margin_curve(s, 0).roots())
False
"""

from __future__ import annotations

from decimal import Decimal

from .numbers import engine_context
from .position import Position

__all__ = ["stop_first"]


def stop_first(position: Position, roots: tuple[Decimal, ...]) -> bool | None:
    """Whether *position*'s stop-loss fires before it is liquidated, given its curve's *roots*; None without a stop.

    Walking from the mark toward the stop, the first root met is the liquidation the stop races against (a hedge may
    have another on the far side of the mark, which this stop never meets); the stop wins when it lies strictly
    before that root, or when there is none.
    """
    stop = position.stop_price
    if stop is None:
        return None
    sign = position.sign
    with engine_context():
        ahead = [root for root in roots if sign * (position.mark_price - root) > 0]
        return not ahead or sign * (stop - max(ahead, key=lambda root: sign * root)) > 0
