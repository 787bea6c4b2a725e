"""A profit-and-loss chart as SVG text, drawn from the PnL curves an evaluation already solved.

Drawn in Python rather than by a JavaScript charting library: the build pre-renders it and the browser redraws
it with the same function, so the chart agrees with the figures beside it and needs no extra download. Colours
come from CSS classes (``mdx-chart__…``), so the site's light and dark palettes apply; the two modes also differ
by dash pattern and marker shape, so colour is never the only cue.

>>> from calc.account import evaluate
>>> from calc.scenario import parse_scenario
>>> r = evaluate(parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
...                                             "maintenance_margin_rate": "0.005"}]}))
>>> svg = pnl_chart({"isolated": r})
>>> svg.startswith("<svg") and "Isolated" in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Final

from calc.numbers import engine_context
from calc.results import Result
from calc.sweep import PRICE_SPAN, PnlCurve

from . import format as fmt
from .strings import section
from .svg import coordinate

__all__ = ["pnl_chart"]

# Narrow enough that its 14-unit labels stay legible when a 390 px phone scales the chart down.
WIDTH: Final = Decimal(480)
HEIGHT: Final = Decimal(300)
LEFT: Final = Decimal(76)
RIGHT: Final = Decimal(16)
TOP: Final = Decimal(36)
BOTTOM: Final = Decimal(40)
X_TICKS: Final = 3


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
    steps = (f"{coordinate(frame.x(p))},{coordinate(frame.y(v))}" for p, v in points)
    return "M" + " L".join(steps)


def _axes(frame: _Frame, lowest: Decimal, mark: Decimal, text: Mapping[str, str], locale: str) -> list[str]:
    """The zero line, the PnL labels, the price ticks and the mark price now."""
    plot_bottom = HEIGHT - BOTTOM
    zero = coordinate(frame.y(Decimal(0)))
    y_low = coordinate(frame.y(lowest))
    parts = [
        f'<line class="mdx-chart__zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero}" y2="{zero}"/>',
        f'<text class="mdx-chart__label" x="{LEFT - 6}" y="{zero}" text-anchor="end" dy="0.32em">'
        f"{escape(fmt.money(0, locale, places=0))}</text>",
        f'<text class="mdx-chart__label" x="{LEFT - 6}" y="{y_low}" text-anchor="end" dy="0.32em">'
        f"{escape(fmt.money(lowest, locale, places=0))}</text>",
    ]
    for i in range(X_TICKS):
        price = frame.lower + (frame.upper - frame.lower) * i / (X_TICKS - 1)
        x = coordinate(frame.x(price))
        anchor = "start" if i == 0 else "end" if i == X_TICKS - 1 else "middle"
        parts.append(f'<line class="mdx-chart__tick" x1="{x}" x2="{x}" y1="{TOP}" y2="{plot_bottom}"/>')
        parts.append(f'<text class="mdx-chart__label" x="{x}" y="{plot_bottom + 18}" text-anchor="{anchor}">'
                     f"{escape(fmt.money(price, locale, places=0))}</text>")
    x_mark = coordinate(frame.x(min(max(mark, frame.lower), frame.upper)))
    parts.append(f'<line class="mdx-chart__mark" x1="{x_mark}" x2="{x_mark}" y1="{TOP}" y2="{plot_bottom}"/>')
    parts.append(f'<text class="mdx-chart__label mdx-chart__label--mark" x="{x_mark}" y="{TOP - 6}" '
                 f'text-anchor="middle">{escape(text["mark"])}</text>')
    return parts


def _mode_line(frame: _Frame, index: int, mode: str, result: Result, curve: PnlCurve,
               vertices: Sequence[tuple[Decimal, Decimal]], name: str) -> list[str]:
    """One mode's line, its liquidation point, and its legend entry (top left)."""
    parts = [f'<path class="mdx-chart__line mdx-chart__line--{mode}" d="{_path(frame, vertices)}"/>']
    lp = result.positions[0].liquidation_price
    if lp is not None and frame.lower <= lp <= frame.upper:
        x, y = coordinate(frame.x(lp)), coordinate(frame.y(curve.linear(lp)))
        parts.append(f'<circle class="mdx-chart__liquidation mdx-chart__liquidation--{mode}" cx="{x}" cy="{y}" r="5"/>')
    y_legend = coordinate(Decimal(12) + Decimal(18) * index)
    x_legend = LEFT + 8
    parts.append(f'<line class="mdx-chart__line mdx-chart__line--{mode}" x1="{x_legend}" '
                 f'x2="{x_legend + 24}" y1="{y_legend}" y2="{y_legend}"/>')
    parts.append(f'<text class="mdx-chart__label" x="{x_legend + 30}" y="{y_legend}" dy="0.32em">'
                 f"{escape(name)}</text>")
    return parts


def pnl_chart(results: Mapping[str, Result], locale: str = "en") -> str:
    """SVG of the first position's PnL against its price, one line per margin mode in *results*.

    The chart spans the entry price ± :data:`calc.sweep.PRICE_SPAN`, like the mark-price slider, so it stays put
    while the mark moves. Each mode's liquidation point is marked where its line drops to the most that mode can
    lose.
    """
    ui = section(locale, "calculator")
    text = ui["chart"]
    with engine_context():
        first = next(iter(results.values())).positions[0]
        lower, upper = first.entry_price * (1 - PRICE_SPAN), first.entry_price * (1 + PRICE_SPAN)
        curves = {mode: result.pnl_curve(0) for mode, result in results.items()}
        lines = {mode: curve.vertices(lower, upper) for mode, curve in curves.items()}
        values = [v for vertices in lines.values() for _, v in vertices] + [Decimal(0)]
        frame = _Frame(lower, upper, min(values), max(values))
        label = "; ".join(f"{ui['modes'][mode]}: {text['liquidation']} "
                          f"{fmt.price(result.positions[0].liquidation_price, locale)}"
                          for mode, result in results.items())
        parts = [f'<svg class="mdx-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
                 f'aria-label="{escape(text["title"])}. {escape(label)}." preserveAspectRatio="xMidYMid meet">',
                 *_axes(frame, min(values), first.mark_price, text, locale)]
        for index, (mode, result) in enumerate(results.items()):
            parts += _mode_line(frame, index, mode, result, curves[mode], lines[mode], ui["modes"][mode])
        parts.append("</svg>")
    return "".join(parts)
