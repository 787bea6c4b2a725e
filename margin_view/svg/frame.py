"""What the calculator's SVG figures (the PnL chart, the wick) share: how a coordinate is written.

>>> from decimal import Decimal
>>> coordinate(Decimal("12.3456")), coordinate(Decimal("0.05")), coordinate(12.3456)
('12.3', '0.0', '12.3')
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

__all__ = ["coordinate"]

#: A tenth of an SVG unit: finer than any screen shows, and short text.
TENTH: Final = Decimal("0.1")


def coordinate(value: Decimal | float) -> str:
    """An SVG coordinate, to a tenth of a unit (halves to even, so the build and the browser write the same: binary
    floats are IEEE doubles in CPython and in WebAssembly alike, and both print them correctly rounded)."""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value.quantize(TENTH, rounding=ROUND_HALF_EVEN))
