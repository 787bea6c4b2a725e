"""Mark price against last price: an illustrated wick, and whether the position survives it.

Exchanges trigger liquidation on the **mark price**, not on the contract's last traded price. Binance, "What Are
Mark Price and Price Index in USDⓈ-M Futures" (binance.com/en/support/faq/360033525071): the mark price is the
median of two prices built on the **price index** (a weighted average of spot prices on several venues) and the
contract's last price, so a wick on one order book alone moves the median little. Bybit, "Why was my position
liquidated when the candlestick did not touch my liquidation price?", says the same from the other side.

The path here is an **illustration**, not data: 13 one-minute steps in which this exchange's last price wicks
toward (or through) the liquidation price and recovers, while the mark price, following the index, moves
:data:`MARK_SHARE` of the way and lags a minute. Moves are on a logarithmic scale, so prices stay positive however
deep the wick: at step ``t`` the last price is ``mark · (LP/mark)^(depth · LAST_SHAPE[t])`` and the mark price
``mark · (LP/mark)^(depth · MARK_SHARE · MARK_SHAPE[t])``. ``depth`` is the wick's reach as a fraction of the way to
the liquidation price: at 1 the last price touches it, and the mark price reaches it at ``1 / MARK_SHARE`` (2).
The liquidation price, the extreme last and mark prices and the outcome are exact; only the shape is made up.

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 20000, "quantity": 1, "leverage": 50,
...     "maintenance_margin_rate": "0.005"}], "maintenance_price": "entry"})
>>> w = wick(s, 0, Decimal("1.5"))
>>> w.liquidation_price, w.extreme_last < w.liquidation_price < w.extreme_mark, w.liquidated_at
(Decimal('19700.000'), True, None)
>>> wick(s, 0, Decimal(2)).liquidated_at
5
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final

from .liquidation import Roots, solved_for
from .numbers import CONTEXT
from .scenario import Scenario

__all__ = ["DEPTH_DEFAULT", "DEPTH_MAX", "LAST_SHAPE", "MARK_SHAPE", "MARK_SHARE", "Wick", "wick"]

#: How far the mark price moves, on the log scale, for each step of the last price: the index's other venues
#: follow this exchange's wick half-way (an illustration's choice, stated as such on the page).
MARK_SHARE: Final = Decimal("0.5")
#: The last price's path, as a share of the wick's full reach: quiet, a one-minute wick, a fast recovery.
LAST_SHAPE: Final = tuple(Decimal(x) for x in (
    "0", "0.04", "0.1", "0.22", "1", "0.45", "0.3", "0.22", "0.16", "0.12", "0.1", "0.08", "0.06"))
#: The mark price's path, as a share of its own reach: smoother, and a minute behind.
MARK_SHAPE: Final = tuple(Decimal(x) for x in (
    "0", "0.03", "0.08", "0.18", "0.7", "1", "0.62", "0.42", "0.3", "0.22", "0.17", "0.13", "0.1"))
#: The control's range and starting point (fractions of the way to the liquidation price): at 1.5 the last price
#: passes the liquidation price and the mark price stops short of it.
DEPTH_DEFAULT: Final = Decimal("1.5")
DEPTH_MAX: Final = Decimal(3)
#: Significant digits of the path's prices: exact to the cent below 10^14, and far less work than the engine's 34
#: for exp and ln, which the browser's pure-Python decimal computes digit by digit.
PATH_DIGITS: Final = 16


@dataclass(frozen=True, slots=True)
class Wick:
    """The illustrated path and its exact figures (all None but ``mark`` and ``depth`` without a liquidation price).

    ``direction`` is −1 when the liquidation price is below the mark (a long's wick goes down), +1 above.
    ``extreme_last`` and ``extreme_mark`` are the lowest (or highest) prices each reaches; ``liquidated_at`` the
    first step at which the mark price reaches the liquidation price, None when the position survives.
    """

    mark: Decimal
    depth: Decimal
    liquidation_price: Decimal | None
    direction: int
    last_path: tuple[Decimal, ...]
    mark_path: tuple[Decimal, ...]
    extreme_last: Decimal | None
    extreme_mark: Decimal | None
    liquidated_at: int | None


def _toward(mark: Decimal, liquidation: Decimal, log_ratio: Decimal, share: Decimal) -> Decimal:
    """``mark · (LP/mark)^share``, through exp and ln (both correctly rounded, so CPython and Pyodide agree); the
    ends exact, so a wick of exactly the liquidation price's reach touches it."""
    if not share:
        return mark
    return liquidation if share == 1 else mark * (log_ratio * share).exp()


def wick(scenario: Scenario, index: int, depth: Decimal, solved: Roots | None = None) -> Wick:
    """The wick figure for ``scenario.positions[index]`` at *depth* (clamped to ``[0, DEPTH_MAX]``; *solved*: the
    evaluation's curve and roots for it)."""
    position = scenario.positions[index]
    mark = position.mark_price
    _, liquidation = solved_for(scenario, index, solved)
    with localcontext(CONTEXT) as context:
        context.prec = PATH_DIGITS
        depth = min(max(depth, Decimal(0)), DEPTH_MAX)
        if liquidation is None:
            return Wick(mark, depth, None, 0, (), (), None, None, None)
        direction = -1 if liquidation < mark else 1
        log_ratio = (liquidation / mark).ln()
        last_path = tuple(_toward(mark, liquidation, log_ratio, depth * w) for w in LAST_SHAPE)
        mark_path = tuple(_toward(mark, liquidation, log_ratio, depth * MARK_SHARE * w) for w in MARK_SHAPE)
        reached = [t for t, price in enumerate(mark_path) if (price - liquidation) * direction >= 0]
        return Wick(
            mark=mark, depth=depth, liquidation_price=liquidation, direction=direction,
            last_path=last_path, mark_path=mark_path,
            extreme_last=_toward(mark, liquidation, log_ratio, depth),
            extreme_mark=_toward(mark, liquidation, log_ratio, depth * MARK_SHARE),
            liquidated_at=reached[0] if reached else None,
        )
