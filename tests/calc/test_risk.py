"""calc.risk: documented distance bands and the gauge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc.risk import DISTANCE_BANDS, distance_band, gauge_position


@pytest.mark.parametrize(
    ("distance", "level"),
    [
        (None, "far"),
        ("0.5", "far"),
        ("0.25", "far"),
        ("0.2499", "medium"),
        ("0.10", "medium"),
        ("0.0964", "near"),
        ("0.03", "near"),
        ("0.0299", "very_near"),
        ("0", "very_near"),
    ],
)
def test_bands_by_distance(distance: str | None, level: str) -> None:
    """Each band includes its lower edge and excludes its upper edge."""
    assert distance_band(None if distance is None else Decimal(distance), liquidated=False) == level


def test_liquidated_overrides_distance() -> None:
    """A liquidated position is "liquidated" whatever its distance."""
    assert distance_band(Decimal("0.4"), liquidated=True) == "liquidated"
    assert distance_band(None, liquidated=True) == "liquidated"


def test_band_table_is_contiguous() -> None:
    """The published bands cover [0, ∞) without gaps, farthest from liquidation first."""
    assert DISTANCE_BANDS[0].upper is None and DISTANCE_BANDS[-1].lower == 0
    for upper, lower in zip(DISTANCE_BANDS, DISTANCE_BANDS[1:]):
        assert lower.upper == upper.lower


def test_gauge_runs_from_low_to_liquidation() -> None:
    """0 at 25% or more (or no liquidation price), 1 at liquidation, linear between."""
    assert gauge_position(None) == 0
    assert gauge_position(Decimal("0.25")) == 0
    assert gauge_position(Decimal("0.125")) == Decimal("0.5")
    assert gauge_position(Decimal(0)) == 1
    assert gauge_position(Decimal("0.2"), liquidated=True) == 1
