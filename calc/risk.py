"""Distance bands: how close the mark price is to the liquidation price, and nothing else.

Distance to liquidation is ``|mark − LP| / mark``, a fraction of the mark price. The bands are
ours, not an exchange's, and no forecast: they sort positions by how small a price move ends
them (under 3%: "very_near"; under 10%: "near"; under 25%: "medium"; else "far"), so that a 10x
isolated long reads "near" and a 2x one "far". A band is not a risk level: it says nothing of how
much is at stake (a cross position is far from liquidation because the whole account backs it, and
all of it is at stake), and no band is safe, since a price can move further than any distance. They
are data (:data:`DISTANCE_BANDS`) so the docs print the table used.

>>> distance_band(Decimal("0.0964"), liquidated=False)
'near'
>>> gauge_position(Decimal("0.0964"))
Decimal('0.6144')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal, get_args

from .numbers import engine_context

__all__ = ["BANDS", "DISTANCE_BANDS", "GAUGE_SPAN", "Band", "DistanceBand", "distance_band", "gauge_position"]

Band = Literal["far", "medium", "near", "very_near", "liquidated"]
#: Every band, farthest from liquidation first: the view layer has one word per band.
BANDS: Final[tuple[Band, ...]] = get_args(Band)


@dataclass(frozen=True, slots=True)
class DistanceBand:
    """Distances in ``[lower, upper)`` (``upper`` None: unbounded) are in this band."""

    band: Band
    lower: Decimal
    upper: Decimal | None


#: The bands, farthest from liquidation first. "liquidated" is not a distance band: it is decided by equity at the
#: mark price (the mark is at or past the liquidation price), and positions that cannot be
#: liquidated (no liquidation price) are "far".
DISTANCE_BANDS: Final = (
    DistanceBand("far", Decimal("0.25"), None),
    DistanceBand("medium", Decimal("0.10"), Decimal("0.25")),
    DistanceBand("near", Decimal("0.03"), Decimal("0.10")),
    DistanceBand("very_near", Decimal(0), Decimal("0.03")),
)

#: Distance at which the gauge reaches its far end.
GAUGE_SPAN: Final = Decimal("0.25")


def distance_band(distance: Decimal | None, liquidated: bool) -> Band:
    """The band of *distance* (None: no liquidation price, so "far"); "liquidated" overrides.

    >>> distance_band(None, liquidated=False), distance_band(Decimal("0.25"), liquidated=False)
    ('far', 'far')
    >>> distance_band(Decimal("0.5"), liquidated=True)
    'liquidated'
    """
    if liquidated:
        return "liquidated"
    if distance is None:
        return "far"
    for band in DISTANCE_BANDS:
        if distance >= band.lower:
            return band.band
    return "very_near"


def gauge_position(distance: Decimal | None, liquidated: bool = False) -> Decimal:
    """Where a needle sits on a gauge from 0 (far from liquidation) to 1 (liquidation).

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
