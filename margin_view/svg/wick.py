"""The "mark price vs last price" figure: the illustrated wick of :mod:`calc.wick` as SVG, its figures and outcome.

Like the PnL chart, drawn in Python so that the build and the worker write the same markup; colours come from CSS
classes, and the two prices differ by line weight and dash as well as colour. The prices shown in words (the
extremes, the liquidation price, the outcome) are the engine's; the curve between them is the documented shape.

>>> from decimal import Decimal
>>> from calc.scenario import parse_scenario
>>> from calc.wick import wick
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> html = wick_figure(wick(s, 0, Decimal("1.5")), liquidated=False)
>>> "Lowest last price" in html and "the position survives" in html and html.count("<path") == 2
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any, Final

from calc import Wick, engine_context

from ..text import format as fmt
from ..text.catalogue import section
from .frame import Frame, coordinate

__all__ = ["wick_figure"]

# Narrow, so that its 14-unit labels stay legible on a phone; the stylesheet caps its width on a wide screen.
FRAME: Final = Frame(Decimal(360), Decimal(220), left=Decimal(70), right=Decimal(12), top=Decimal(30),
                     bottom=Decimal(40))


class _Frame:
    """Steps and prices to SVG units, in binary floats: a drawing needs a tenth of a unit, and the browser's
    decimal arithmetic (pure Python) would make each slider move of an open explainer several milliseconds
    slower. The figures in words stay exact decimals."""

    def __init__(self, steps: int, low: Decimal, high: Decimal) -> None:
        bottom, top = float(low), float(high)
        pad = (top - bottom) / 8 or top / 100 or 1.0
        self.steps, self.high = steps, top + pad
        self.scale = float(FRAME.plot_height) / (top - bottom + 2 * pad)

    def x(self, step: int) -> float:
        return float(FRAME.left) + step / (self.steps - 1) * float(FRAME.plot_width)

    def y(self, price: Decimal) -> float:
        return float(FRAME.top) + (self.high - float(price)) * self.scale


def _line(frame: _Frame, path: Sequence[Decimal], kind: str) -> str:
    points = " L".join(f"{coordinate(frame.x(t))},{coordinate(frame.y(p))}" for t, p in enumerate(path))
    return f'<path class="mdx-chart__line mdx-chart__line--{kind}" d="M{points}"/>'


def _price_label(frame: _Frame, price: Decimal, locale: str, css: str = "") -> str:
    return (f'<text class="mdx-chart__label{css}" x="{FRAME.left - 6}" y="{coordinate(frame.y(price))}" text-anchor="end" '
            f'dy="0.32em">{escape(fmt.money(price, locale, places=0))}</text>')


def _svg(w: Wick, ui: Mapping[str, Any], label: str, locale: str) -> str:
    assert w.liquidation_price is not None
    lp = w.liquidation_price
    with engine_context():
        prices = [*w.last_path, *w.mark_path, lp]
        frame = _Frame(len(w.last_path), min(prices), max(prices))
        y_lp, y_mark = frame.y(lp), frame.y(w.mark)
        right, bottom = FRAME.plot_right, FRAME.plot_bottom
        parts = [
            f'<svg class="mdx-chart mdx-chart--wick" viewBox="0 0 {FRAME.width} {FRAME.height}" role="img" '
            f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">',
            f'<line class="mdx-chart__threshold" x1="{FRAME.left}" x2="{right}" y1="{coordinate(y_lp)}" '
            f'y2="{coordinate(y_lp)}"/>',
            _price_label(frame, lp, locale, " mdx-chart__label--danger"),
        ]
        if abs(y_lp - y_mark) >= 16:
            parts.append(_price_label(frame, w.mark, locale))
        for step in (0, (frame.steps - 1) // 2, frame.steps - 1):
            x = coordinate(frame.x(step))
            parts.append(f'<line class="mdx-chart__tick" x1="{x}" x2="{x}" y1="{FRAME.top}" y2="{bottom}"/>')
            parts.append(f'<text class="mdx-chart__label" x="{x}" y="{bottom + 16}" text-anchor="middle">{step}</text>')
        parts.append(f'<text class="mdx-chart__label" x="{coordinate((FRAME.left + right) / 2)}" y="{FRAME.height - 4}" '
                     f'text-anchor="middle">{escape(ui["x_axis"])}</text>')
        parts += [_line(frame, w.last_path, "last"), _line(frame, w.mark_path, "mark-price")]
        if w.liquidated_at is not None:
            t = w.liquidated_at
            parts.append(f'<circle class="mdx-chart__liquidation mdx-chart__liquidation--wick" '
                         f'cx="{coordinate(frame.x(t))}" cy="{coordinate(frame.y(w.mark_path[t]))}" r="5"/>')
        for i, (kind, name) in enumerate((("last", ui["last"]), ("mark-price", ui["mark"]))):
            left = FRAME.left + 4 + 120 * i
            parts.append(f'<line class="mdx-chart__line mdx-chart__line--{kind}" x1="{left}" x2="{left + 24}" '
                         f'y1="12" y2="12"/>')
            parts.append(f'<text class="mdx-chart__label" x="{left + 30}" y="12" dy="0.32em">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _outcome(w: Wick, ui: Mapping[str, Any], locale: str) -> str:
    assert w.liquidation_price is not None and w.extreme_last is not None and w.extreme_mark is not None
    if w.liquidated_at is not None:
        return str(ui["liquidated"]).format(liquidation=fmt.price(w.liquidation_price, locale), minute=w.liquidated_at)
    if (w.extreme_last - w.liquidation_price) * w.direction >= 0:
        return str(ui["survives_through"]).format(last=fmt.price(w.extreme_last, locale),
                                                  mark=fmt.price(w.extreme_mark, locale))
    return str(ui["survives"]).format(liquidation=fmt.price(w.liquidation_price, locale))


def wick_figure(w: Wick, *, liquidated: bool, locale: str = "en") -> str:
    """The figure (SVG with a caption) and its exact figures, for one position, as HTML."""
    ui = section(locale, "explain", "wick")
    if w.liquidation_price is None:
        return f'<p class="mdx-explain__note">{escape(ui["none"])}</p>'
    if liquidated:
        return f'<p class="mdx-explain__note">{escape(ui["already"])}</p>'
    assert w.extreme_last is not None and w.extreme_mark is not None
    outcome = _outcome(w, ui, locale)
    extreme = "lowest" if w.direction < 0 else "highest"
    figures = (
        (ui["liquidation"], fmt.price(w.liquidation_price, locale), "liquidation"),
        (ui[f"{extreme}_last"], fmt.price(w.extreme_last, locale), "last"),
        (ui[f"{extreme}_mark"], fmt.price(w.extreme_mark, locale), "mark"),
    )
    label = str(ui["chart_label"]).format(last=ui["last"], mark=ui["mark"], outcome=outcome)
    rows = "".join(f'<div class="mdx-explain__figure" data-wick="{key}"><dt>{escape(name)}</dt>'
                   f"<dd>{escape(value)}</dd></div>" for name, value, key in figures)
    return (f'<figure class="mdx-explain__figure-box">{_svg(w, ui, label, locale)}'
            f'<figcaption data-wick="outcome">{escape(outcome)}</figcaption></figure>'
            f'<dl class="mdx-explain__figures">{rows}</dl>')
