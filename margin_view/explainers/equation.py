"""The skeleton every worked equation follows, whatever its contract: the collateral that counts, each leg's bracket
and maintenance margin, the equation with symbols and then with numbers, and the rounding for display.

A :class:`Writer` says how one kind of contract words and typesets those steps (:mod:`.worked` for linear
contracts, :mod:`.worked_inverse` for coin-margined ones); :func:`worked_steps` puts them in order, so both kinds
always show the same steps in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calc import Explanation, LegStep

from ..text import format as fmt
from ..text.catalogue import section
from .mathml import formula, fraction, mi, mn, mo
from .steps import Term, joined, step

__all__ = ["Terms", "Writer", "worked_steps"]

#: The equation's numerator and denominator, as symbols and as numbers, term for term:
#: (symbols above, symbols below, numbers above, numbers below).
Terms = tuple[list[Term], list[Term], list[Term], list[Term]]


@dataclass(frozen=True, slots=True)
class Writer:
    """How one kind of contract writes the worked equation's steps (each gets the trade's symbol)."""

    #: The step saying what backs the position: ``(explanation, symbol, locale, words) → step``.
    collateral: Callable[[Explanation, str, str, Mapping[str, Any]], str]
    #: One leg's bracket and maintenance margin: ``(explanation, leg, symbol, locale, words, named) → step``.
    leg: Callable[[Explanation, LegStep, str, str, Mapping[str, Any], bool], str]
    #: The equation's terms: ``(explanation, locale, what each symbol is called) → Terms``.
    terms: Callable[[Explanation, str, Mapping[str, str]], Terms]
    #: The quotient's numerator and denominator as the equation writes them, from the engine's coefficients.
    quotient: Callable[[Explanation], tuple[Decimal, Decimal]]
    #: The words that introduce the equation: ``(explanation, symbol, words) → sentence``.
    solve_words: Callable[[Explanation, str, Mapping[str, Any]], str]


def _solve_step(e: Explanation, symbol: str, writer: Writer, locale: str, ui: Mapping[str, Any]) -> str:
    """The equation three times: in symbols, with the reader's numbers, and as one quotient with its result."""
    assert e.numerator is not None and e.denominator is not None and e.liquidation_price is not None
    say = ui["symbols"]
    lp = str(say["LP"]).capitalize()
    symbols_top, symbols_bottom, numbers_top, numbers_bottom = writer.terms(e, locale, say)
    top, top_text = joined(symbols_top)
    bottom, bottom_text = joined(symbols_bottom)
    symbolic = formula([mi("LP"), mo("="), fraction(top, bottom)], label=f"{lp} = ({top_text}) ÷ ({bottom_text})")
    top, top_text = joined(numbers_top)
    bottom, bottom_text = joined(numbers_bottom)
    # Two lines, so that a phone's width holds each: the terms, then their totals and the quotient.
    substituted = formula([mi("LP"), mo("="), fraction(top, bottom)], label=f"{lp} = ({top_text}) ÷ ({bottom_text})")
    above, below = writer.quotient(e)
    numerator, denominator = fmt.amount(above, locale), fmt.number(below, locale)
    exact = fmt.number(e.liquidation_price, locale)
    solved = formula([mi("LP"), mo("="), fraction([mn(numerator)], [mn(denominator)]), mo("="), mn(exact)],
                     label=f"{lp} = {numerator} ÷ {denominator} = {exact}")
    return step(writer.solve_words(e, symbol, ui), symbolic, substituted, solved)


def worked_steps(e: Explanation, symbol: str, writer: Writer, locale: str) -> str:
    """The worked equation for one position as an ordered list of steps (HTML), written by *writer*."""
    ui = section(locale, "explain", "worked")
    steps = [writer.collateral(e, symbol, locale, ui)]
    if e.liquidation_price is None:
        steps.append(step(ui["none"]))
    else:
        named = len(e.legs) > 1
        steps += [writer.leg(e, leg, symbol, locale, ui, named) for leg in e.legs]
        steps.append(_solve_step(e, symbol, writer, locale, ui))
        steps.append(step(ui["rounding"].format(
            exact=fmt.number(e.liquidation_price, locale), shown=fmt.price(e.liquidation_price, locale))))
    return '<ol class="mdx-explain__steps">' + "".join(steps) + "</ol>"
