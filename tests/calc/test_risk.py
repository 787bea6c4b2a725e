"""calc.risk: documented bands and the gauge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc.risk import RISK_BANDS, gauge_position, risk_level


@pytest.mark.parametrize(
    ("distance", "level"),
    [
        (None, "low"),
        ("0.5", "low"),
        ("0.25", "low"),
        ("0.2499", "moderate"),
        ("0.10", "moderate"),
        ("0.0964", "high"),
        ("0.03", "high"),
        ("0.0299", "critical"),
        ("0", "critical"),
    ],
)
def test_bands_by_distance(distance: str | None, level: str) -> None:
    """Each band includes its lower edge and excludes its upper edge."""
    assert risk_level(None if distance is None else Decimal(distance), liquidated=False) == level


def test_liquidated_overrides_distance() -> None:
    """A liquidated position is "liquidated" whatever its distance."""
    assert risk_level(Decimal("0.4"), liquidated=True) == "liquidated"
    assert risk_level(None, liquidated=True) == "liquidated"


def test_band_table_is_contiguous() -> None:
    """The published bands cover [0, ∞) without gaps, farthest from liquidation first."""
    assert RISK_BANDS[0].upper is None and RISK_BANDS[-1].lower == 0
    for upper, lower in zip(RISK_BANDS, RISK_BANDS[1:]):
        assert lower.upper == upper.lower


def test_gauge_runs_from_low_to_liquidation() -> None:
    """0 at 25% or more (or no liquidation price), 1 at liquidation, linear between."""
    assert gauge_position(None) == 0
    assert gauge_position(Decimal("0.25")) == 0
    assert gauge_position(Decimal("0.125")) == Decimal("0.5")
    assert gauge_position(Decimal(0)) == 1
    assert gauge_position(Decimal("0.2"), liquidated=True) == 1
