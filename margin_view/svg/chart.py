"""A profit-and-loss chart as SVG text, drawn from the PnL curves an evaluation already solved.

Drawn in Python rather than by a JavaScript charting library: the build pre-renders it and the browser redraws
it with the same function, so the chart agrees with the figures beside it and needs no extra download. Colours
come from CSS classes (``mdx-chart__…``), so the site's light and dark palettes apply; the two modes also differ
by dash pattern and marker shape, so colour is never the only cue.

>>> from calc.evaluate import evaluate
>>> from calc.scenario import parse_scenario
>>> r = evaluate(parse_scenario({"positions": [{"side": "long", "entry_price": 100, "margin": 10, "leverage": 10,
...                                             "maintenance_margin_rate": "0.005"}]}))
>>> svg = pnl_chart({"isolated": r})
>>> svg.startswith("<svg") and "Isolated" in svg
True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from html import escape
from typing import Final, NamedTuple

from calc import LIMITS, PnlCurve, Result, engine_context

from ..text import format as fmt
from ..text.catalogue import section
from .frame import Frame, coordinate

__all__ = ["pnl_chart"]

# Narrow enough that its 14-unit labels stay legible when a 390 px phone scales the chart down.
FRAME: Final = Frame(Decimal(480), Decimal(300), left=Decimal(76), right=Decimal(16), top=Decimal(36),
                     bottom=Decimal(40))
X_TICKS: Final = 3


class _Frame:
    """Maps prices and PnL to SVG coordinates."""

    def __init__(self, lower: Decimal, upper: Decimal, low: Decimal, high: Decimal) -> None:
        self.lower, self.upper = lower, upper
        pad = (high - low) / 10 or Decimal(1)
        self.low, self.high = low - pad, high + pad

    def x(self, price: Decimal) -> Decimal:
        return FRAME.left + (price - self.lower) / (self.upper - self.lower) * FRAME.plot_width

    def y(self, pnl: Decimal) -> Decimal:
        return FRAME.top + (self.high - pnl) / (self.high - self.low) * FRAME.plot_height


def _path(frame: _Frame, points: Sequence[tuple[Decimal, Decimal]]) -> str:
    steps = (f"{coordinate(frame.x(p))},{coordinate(frame.y(v))}" for p, v in points)
    return "M" + " L".join(steps)


def _axes(frame: _Frame, lowest: Decimal, locale: str) -> list[str]:
    """The zero line, the PnL labels and the price ticks."""
    plot_bottom = FRAME.plot_bottom
    zero = coordinate(frame.y(Decimal(0)))
    y_low = coordinate(frame.y(lowest))
    parts = [
        f'<line class="mdx-chart__zero" x1="{FRAME.left}" x2="{FRAME.plot_right}" y1="{zero}" y2="{zero}"/>',
        f'<text class="mdx-chart__label" x="{FRAME.left - 6}" y="{zero}" text-anchor="end" dy="0.32em">'
        f"{escape(fmt.money(0, locale, places=0))}</text>",
        f'<text class="mdx-chart__label" x="{FRAME.left - 6}" y="{y_low}" text-anchor="end" dy="0.32em">'
        f"{escape(fmt.money(lowest, locale, places=0))}</text>",
    ]
    for i in range(X_TICKS):
        price = frame.lower + (frame.upper - frame.lower) * i / (X_TICKS - 1)
        x = coordinate(frame.x(price))
        anchor = "start" if i == 0 else "end" if i == X_TICKS - 1 else "middle"
        parts.append(f'<line class="mdx-chart__tick" x1="{x}" x2="{x}" y1="{FRAME.top}" y2="{plot_bottom}"/>')
        parts.append(f'<text class="mdx-chart__label" x="{x}" y="{plot_bottom + 18}" text-anchor="{anchor}">'
                     f"{escape(fmt.money(price, locale, places=0))}</text>")
    return parts


def _mark(frame: _Frame, mark: Decimal, text: Mapping[str, str]) -> str:
    """The vertical line at the mark price now, labelled."""
    x_mark = coordinate(frame.x(min(max(mark, frame.lower), frame.upper)))
    return (f'<line class="mdx-chart__mark" x1="{x_mark}" x2="{x_mark}" y1="{FRAME.top}" y2="{FRAME.plot_bottom}"/>'
            f'<text class="mdx-chart__label mdx-chart__label--mark" x="{x_mark}" y="{FRAME.top - 6}" '
            f'text-anchor="middle">{escape(text["mark"])}</text>')


class _Line(NamedTuple):
    """What one mode's line depends on. The curve's mark price is left out (set to its entry): moving the mark
    moves only the mark line, so a price-slider drag redraws the rest from the cache."""

    mode: str
    curve: PnlCurve
    liquidation_price: Decimal | None


def _mode_line(frame: _Frame, index: int, line: _Line, name: str) -> list[str]:
    """One mode's line, its liquidation point, and its legend entry (top left)."""
    vertices = line.curve.vertices(frame.lower, frame.upper)
    parts = [f'<path class="mdx-chart__line mdx-chart__line--{line.mode}" d="{_path(frame, vertices)}"/>']
    lp = line.liquidation_price
    if lp is not None and frame.lower <= lp <= frame.upper:
        x, y = coordinate(frame.x(lp)), coordinate(frame.y(line.curve.linear(lp)))
        parts.append(f'<circle class="mdx-chart__liquidation mdx-chart__liquidation--{line.mode}" '
                     f'cx="{x}" cy="{y}" r="5"/>')
    y_legend = coordinate(Decimal(12) + Decimal(18) * index)
    x_legend = FRAME.left + 8
    parts.append(f'<line class="mdx-chart__line mdx-chart__line--{line.mode}" x1="{x_legend}" '
                 f'x2="{x_legend + 24}" y1="{y_legend}" y2="{y_legend}"/>')
    parts.append(f'<text class="mdx-chart__label" x="{x_legend + 30}" y="{y_legend}" dy="0.32em">'
                 f"{escape(name)}</text>")
    return parts


@functools.lru_cache(maxsize=8)
def _drawing(lines: tuple[_Line, ...], locale: str) -> tuple[_Frame, str, str]:
    """Everything but the mark line: the frame, the SVG before the mark line and the SVG after it."""
    ui = section(locale, "calculator")
    text = ui["chart"]
    with engine_context():
        entry = lines[0].curve.entry
        lower, upper = entry * (1 - LIMITS.price_span), entry * (1 + LIMITS.price_span)
        values = [v for line in lines for _, v in line.curve.vertices(lower, upper)] + [Decimal(0)]
        frame = _Frame(lower, upper, min(values), max(values))
        label = "; ".join(f"{ui['modes'][line.mode]}: {text['liquidation']} {fmt.price(line.liquidation_price, locale)}"
                          for line in lines)
        head = [f'<svg class="mdx-chart" viewBox="0 0 {FRAME.width} {FRAME.height}" role="img" '
                f'aria-label="{escape(text["title"])}. {escape(label)}." preserveAspectRatio="xMidYMid meet">',
                *_axes(frame, min(values), locale)]
        tail = [part for index, line in enumerate(lines) for part in _mode_line(frame, index, line,
                                                                                 ui["modes"][line.mode])]
    return frame, "".join(head), "".join(tail) + "</svg>"


def pnl_chart(results: Mapping[str, Result], locale: str = "en") -> str:
    """SVG of the first position's PnL against its price, one line per margin mode in *results*.

    The chart spans the entry price ± :data:`calc.sweep.PRICE_SPAN`, like the mark-price slider, so it stays put
    while the mark moves. Each mode's liquidation point is marked where its line drops to the most that mode can
    lose.
    """
    lines = []
    for mode, result in results.items():
        curve = result.pnl_curve(0)
        lines.append(_Line(mode, replace(curve, mark=curve.entry), result.positions[0].liquidation_price))
    frame, head, tail = _drawing(tuple(lines), locale)
    mark = next(iter(results.values())).positions[0].mark_price
    return head + _mark(frame, mark, section(locale, "calculator")["chart"]) + tail
