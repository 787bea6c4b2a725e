"""A profit-and-loss chart as SVG text, drawn from :func:`calc.sweep.pnl_vertices`.

Drawn in Python rather than by a JavaScript charting library: the build pre-renders it and the browser redraws
it with the same function, so the chart agrees with the figures beside it and needs no extra download. Colours
come from CSS classes (``mdx-chart__…``), so the site's light and dark palettes apply; the two modes also differ
by dash pattern and marker shape, so colour is never the only cue.

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
...                                    "maintenance_margin_rate": "0.005"}]})
>>> svg = pnl_chart({"isolated": s})
>>> svg.startswith("<svg") and "Isolated" in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from html import escape
from typing import Final

from . import format as fmt
from .liquidation import margin_curve
from .numbers import engine_context
from .scenario import Scenario
from .strings import strings
from .sweep import pnl_vertices

__all__ = ["pnl_chart"]

# Narrow enough that its 14-unit labels stay legible when a 390 px phone scales the chart down.
WIDTH: Final = Decimal(480)
HEIGHT: Final = Decimal(300)
LEFT: Final = Decimal(76)
RIGHT: Final = Decimal(16)
TOP: Final = Decimal(36)
BOTTOM: Final = Decimal(40)
#: The chart spans the entry price ± 50%, like the mark-price slider, so it stays put while the mark moves.
SPAN: Final = Decimal("0.5")
TENTH: Final = Decimal("0.1")
X_TICKS: Final = 3


def _coordinate(value: Decimal) -> str:
    return str(value.quantize(TENTH, rounding=ROUND_HALF_EVEN))


class _Frame:
    """Maps prices and PnL to SVG coordinates."""

    def __init__(self, lower: Decimal, upper: Decimal, low: Decimal, high: Decimal) -> None:
        self.lower, self.upper = lower, upper
        pad = (high - low) / 10 or Decimal(1)
        self.low, self.high = low - pad, high + pad

    def x(self, price: Decimal) -> Decimal:
        return LEFT + (price - self.lower) / (self.upper - self.lower) * (WIDTH - LEFT - RIGHT)

    def y(self, pnl: Decimal) -> Decimal:
        return TOP + (self.high - pnl) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)


def _path(frame: _Frame, points: Sequence[tuple[Decimal, Decimal]]) -> str:
    steps = (f"{_coordinate(frame.x(p))},{_coordinate(frame.y(v))}" for p, v in points)
    return "M" + " L".join(steps)


def pnl_chart(scenarios: Mapping[str, Scenario], locale: str = "en") -> str:
    """SVG of the first position's PnL against its price, one line per margin mode in *scenarios*.

    Each mode's liquidation point is marked where its line drops to the most that mode can lose.
    """
    ui = strings(locale)["calculator"]
    text = ui["chart"]
    with engine_context():
        first = next(iter(scenarios.values())).positions[0]
        entry, mark = first.entry_price, first.mark_price
        lower, upper = entry * (1 - SPAN), entry * (1 + SPAN)
        curves = {mode: pnl_vertices(s, 0, lower, upper) for mode, s in scenarios.items()}
        liquidation = {mode: margin_curve(s, 0).liquidation_price(s.positions[0].mark_price) for mode, s in scenarios.items()}
        values = [v for curve in curves.values() for _, v in curve] + [Decimal(0)]
        frame = _Frame(lower, upper, min(values), max(values))

        parts: list[str] = []
        label = "; ".join(
            f"{ui['modes'][mode]}: {text['liquidation']} {fmt.price(liquidation[mode], locale)}" for mode in curves
        )
        parts.append(
            f'<svg class="mdx-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{escape(text["title"])}. {escape(label)}." preserveAspectRatio="xMidYMid meet">'
        )
        plot_bottom = HEIGHT - BOTTOM
        # Axes, the zero line and price ticks.
        zero = _coordinate(frame.y(Decimal(0)))
        parts.append(f'<line class="mdx-chart__zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero}" y2="{zero}"/>')
        parts.append(f'<text class="mdx-chart__label" x="{LEFT - 6}" y="{zero}" text-anchor="end" dy="0.32em">'
                     f"{escape(fmt.money(0, locale, places=0))}</text>")
        bottom_pnl = min(values)
        y_low = _coordinate(frame.y(bottom_pnl))
        parts.append(f'<text class="mdx-chart__label" x="{LEFT - 6}" y="{y_low}" text-anchor="end" dy="0.32em">'
                     f"{escape(fmt.money(bottom_pnl, locale, places=0))}</text>")
        for i in range(X_TICKS):
            price = lower + (upper - lower) * i / (X_TICKS - 1)
            x = _coordinate(frame.x(price))
            parts.append(f'<line class="mdx-chart__tick" x1="{x}" x2="{x}" y1="{TOP}" y2="{plot_bottom}"/>')
            anchor = "start" if i == 0 else "end" if i == X_TICKS - 1 else "middle"
            parts.append(f'<text class="mdx-chart__label" x="{x}" y="{plot_bottom + 18}" text-anchor="{anchor}">'
                         f"{escape(fmt.money(price, locale, places=0))}</text>")
        # The mark price now.
        x_mark = _coordinate(frame.x(min(max(mark, lower), upper)))
        parts.append(f'<line class="mdx-chart__mark" x1="{x_mark}" x2="{x_mark}" y1="{TOP}" y2="{plot_bottom}"/>')
        parts.append(f'<text class="mdx-chart__label mdx-chart__label--mark" x="{x_mark}" y="{TOP - 6}" '
                     f'text-anchor="middle">{escape(text["mark"])}</text>')
        # One line per mode, with its liquidation point.
        for index, (mode, curve) in enumerate(curves.items()):
            parts.append(f'<path class="mdx-chart__line mdx-chart__line--{mode}" d="{_path(frame, curve)}"/>')
            lp = liquidation[mode]
            if lp is not None and lower <= lp <= upper:
                pnl = first.pnl_at(lp)
                x, y = _coordinate(frame.x(lp)), _coordinate(frame.y(pnl))
                parts.append(f'<circle class="mdx-chart__liquidation mdx-chart__liquidation--{mode}" '
                             f'cx="{x}" cy="{y}" r="5"/>')
            # Legend, top left: a short sample of the line, then the mode's name.
            y_legend = _coordinate(Decimal(12) + Decimal(18) * index)
            x_legend = LEFT + 8
            parts.append(f'<line class="mdx-chart__line mdx-chart__line--{mode}" x1="{x_legend}" '
                         f'x2="{x_legend + 24}" y1="{y_legend}" y2="{y_legend}"/>')
            parts.append(f'<text class="mdx-chart__label" x="{x_legend + 30}" y="{y_legend}" dy="0.32em">'
                         f"{escape(ui['modes'][mode])}</text>")
        parts.append("</svg>")
    return "".join(parts)
