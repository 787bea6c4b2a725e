"""The planning calculator's chart: the entry, the stop and each mode's liquidation price on one price axis.

Whether the stop fires first is a question of order along the price, so the figure is one line, not a curve: each
price a marker on it, each marker's name and price on a row of its own below the line, so that a stop and a
liquidation price a few dollars apart never print over each other. Marks differ by shape and dash as well as
colour (the stop dashed, each mode's liquidation a filled dot in the colour the PnL chart gives that mode).

>>> from calc import plan
>>> answer = plan({"question": "position_size", "side": "long", "entry_price": 50000, "stop_price": 49000,
...                "account_balance": 10000, "risk": "0.01", "leverage": 50})
>>> svg = stop_chart({"isolated": answer}, "en")
>>> svg.count("<circle"), "Stop" in svg and "$49,196.79" in svg
(1, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from html import escape
from typing import Final

from calc import Plan

from ..text import format as fmt
from ..text.catalogue import section
from .frame import Frame, coordinate

__all__ = ["stop_chart"]

# Narrow, like the wick, so that its 14-unit labels stay legible on a phone.
FRAME: Final = Frame(Decimal(360), Decimal(176), left=Decimal(12), right=Decimal(12), top=Decimal(20),
                     bottom=Decimal(8))
#: Where the axis runs, and where the first row of labels sits below it; each further row is a step lower.
_AXIS: Final = 40.0
_FIRST_ROW: Final = 70.0
_ROW: Final = 26.0


def _markers(answers: Mapping[str, Plan], ui: Mapping[str, str]) -> list[tuple[str, str, Decimal]]:
    """(kind, name, price) of every marker: the entry, the stop, and each shown mode's liquidation price."""
    first = next(iter(answers.values()))
    marks = [("entry", ui["entry"], first.entry_price), ("stop", ui["stop"], first.stop_price)]
    for mode, answer in answers.items():
        if answer.liquidation_price is not None:
            marks.append((mode, ui[mode], answer.liquidation_price))
    return marks


def stop_chart(answers: Mapping[str, Plan], locale: str) -> str:
    """The chart for each mode's answer (every answer has the same entry and stop) as SVG."""
    ui = section(locale, "plan", "chart")
    marks = _markers(answers, ui)
    prices = [float(price) for _, _, price in marks]
    low, high = min(prices), max(prices)
    pad = (high - low) / 10 or high / 100 or 1.0
    scale = float(FRAME.plot_width) / (high - low + 2 * pad)

    def x(price: Decimal) -> float:
        return float(FRAME.left) + (float(price) - low + pad) * scale

    height = _FIRST_ROW + _ROW * (len(marks) - 1) + float(FRAME.bottom)
    parts = [f'<svg class="mdx-chart mdx-chart--stop" viewBox="0 0 {FRAME.width} {coordinate(height)}" role="img" '
             f'aria-label="{escape(_description(marks, ui, locale))}" preserveAspectRatio="xMidYMid meet">',
             f'<line class="mdx-chart__zero" x1="{FRAME.left}" x2="{FRAME.plot_right}" y1="{_AXIS}" y2="{_AXIS}"/>']
    for row, (kind, name, price) in enumerate(marks):
        at = coordinate(x(price))
        label_y = _FIRST_ROW + _ROW * row
        parts.append(f'<line class="mdx-chart__marker mdx-chart__marker--{kind}" x1="{at}" x2="{at}" '
                     f'y1="{coordinate(_AXIS - 14)}" y2="{coordinate(label_y - 14)}"/>')
        if kind in ("isolated", "cross"):
            parts.append(f'<circle class="mdx-chart__liquidation mdx-chart__liquidation--{kind}" cx="{at}" '
                         f'cy="{coordinate(_AXIS)}" r="6"/>')
        # Anchored toward the middle, so that a label near either end stays inside the figure.
        anchor = "start" if x(price) < float(FRAME.width) / 3 else "end" if x(price) > float(FRAME.width) * 2 / 3 \
            else "middle"
        parts.append(f'<text class="mdx-chart__label mdx-chart__label--{kind}" x="{at}" y="{coordinate(label_y)}" '
                     f'text-anchor="{anchor}">{escape(name)} {escape(fmt.price(price, locale))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _description(marks: list[tuple[str, str, Decimal]], ui: Mapping[str, str], locale: str) -> str:
    """The chart in words, its markers from the lowest price to the highest, for a screen reader."""
    ordered = sorted(marks, key=lambda mark: mark[2])
    items = ", ".join(f"{name} {fmt.price(price, locale)}" for _, name, price in ordered)
    return str(ui["description"]).format(items=items)
