"""What the calculator's SVG figures (the PnL chart, the wick) share: the frame a plot is drawn in, and how a
coordinate is written.

>>> from decimal import Decimal
>>> coordinate(Decimal("12.3456")), coordinate(Decimal("0.05")), coordinate(12.3456)
('12.3', '0.0', '12.3')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

__all__ = ["Frame", "coordinate"]

#: A tenth of an SVG unit: finer than any screen shows, and short text.
TENTH: Final = Decimal("0.1")


def coordinate(value: Decimal | float) -> str:
    """An SVG coordinate, to a tenth of a unit (halves to even, so the build and the browser write the same: binary
    floats are IEEE doubles in CPython and in WebAssembly alike, and both print them correctly rounded)."""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value.quantize(TENTH, rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True, slots=True)
class Frame:
    """A figure's size and the margins around its plot, in SVG units (the labels sit in the margins).

    >>> Frame(Decimal(480), Decimal(300), left=Decimal(76), right=Decimal(16), top=Decimal(36),
    ...       bottom=Decimal(40)).plot_width
    Decimal('388')
    """

    width: Decimal
    height: Decimal
    left: Decimal
    right: Decimal
    top: Decimal
    bottom: Decimal
    # Worked out once: a chart maps every point of its curves through them.
    plot_right: Decimal = field(init=False)
    plot_bottom: Decimal = field(init=False)
    plot_width: Decimal = field(init=False)
    plot_height: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plot_right", self.width - self.right)
        object.__setattr__(self, "plot_bottom", self.height - self.bottom)
        object.__setattr__(self, "plot_width", self.width - self.left - self.right)
        object.__setattr__(self, "plot_height", self.height - self.top - self.bottom)
