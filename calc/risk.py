"""Risk levels: how close the mark price is to the liquidation price.

Distance to liquidation is ``|mark − LP| / mark``, a fraction of the mark price. The bands are
ours, not an exchange's, and no forecast: they sort positions by how small a price move ends
them (under 3%: "critical"; under 10%: "high"; under 25%: "moderate"), so that a 10x long reads
"high" and a 2x long "low". No band is "safe": a price can move further than any distance. They
are data (:data:`RISK_BANDS`) so the docs print the table used.

>>> risk_level(Decimal("0.0964"), liquidated=False)
'high'
>>> gauge_position(Decimal("0.0964"))
Decimal('0.6144')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal, get_args

from .numbers import engine_context

__all__ = ["GAUGE_SPAN", "RISK_BANDS", "RISK_LEVELS", "RiskBand", "RiskLevel", "gauge_position", "risk_level"]

RiskLevel = Literal["low", "moderate", "high", "critical", "liquidated"]
#: Every level, farthest from liquidation first: the view layer has one label per level.
RISK_LEVELS: Final[tuple[RiskLevel, ...]] = get_args(RiskLevel)


@dataclass(frozen=True, slots=True)
class RiskBand:
    """Distances in ``[lower, upper)`` (``upper`` None: unbounded) get this level."""

    level: RiskLevel
    lower: Decimal
    upper: Decimal | None


#: The bands, farthest from liquidation first. "liquidated" is not a distance band: it is decided by equity at the
#: mark price (the mark is at or past the liquidation price), and positions that cannot be
#: liquidated (no liquidation price) are "low".
RISK_BANDS: Final = (
    RiskBand("low", Decimal("0.25"), None),
    RiskBand("moderate", Decimal("0.10"), Decimal("0.25")),
    RiskBand("high", Decimal("0.03"), Decimal("0.10")),
    RiskBand("critical", Decimal(0), Decimal("0.03")),
)

#: Distance at which the gauge reaches its low end.
GAUGE_SPAN: Final = Decimal("0.25")


def risk_level(distance: Decimal | None, liquidated: bool) -> RiskLevel:
    """The band of *distance* (None: no liquidation price, so "low"); "liquidated" overrides.

    >>> risk_level(None, liquidated=False), risk_level(Decimal("0.25"), liquidated=False)
    ('low', 'low')
    >>> risk_level(Decimal("0.5"), liquidated=True)
    'liquidated'
    """
    if liquidated:
        return "liquidated"
    if distance is None:
        return "low"
    for band in RISK_BANDS:
        if distance >= band.lower:
            return band.level
    return "critical"


def gauge_position(distance: Decimal | None, liquidated: bool = False) -> Decimal:
    """Where a needle sits on a gauge from 0 (low end) to 1 (liquidation).

    ``1 − min(distance / 0.25, 1)``: linear over the bands that matter, pinned at 0 from 25% away
    (and with no liquidation price), and at 1 when liquidated.

    >>> gauge_position(None), gauge_position(Decimal("0.3")), gauge_position(Decimal("0.05"))
    (Decimal('0'), Decimal('0'), Decimal('0.8'))
    """
    if liquidated:
        return Decimal(1)
    if distance is None:
        return Decimal(0)
    with engine_context():
        return max(Decimal(0), 1 - min(distance / GAUGE_SPAN, Decimal(1)))
