"""The pieces a worked equation is built of: signed terms as MathML and as words, a step of the list, a bracket's
edges. Shared by the linear (:mod:`margin_view.explainers.worked`) and the inverse (:mod:`margin_view.explainers.worked_inverse`) steps."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from calc import Explanation, LegStep, Tier

from ..text import format as fmt
from .mathml import Markup, formula, mi, mn, mo

__all__ = ["Term", "bracket", "joined", "maintenance_math", "product", "rated", "step"]


@dataclass(frozen=True, slots=True)
class Term:
    """One signed term of a sum, as MathML and as the words a screen reader is given."""

    negative: bool
    markup: Sequence[Markup]
    text: str


def joined(terms: Sequence[Term]) -> tuple[list[Markup], str]:
    """Terms joined by + and −: the first one's sign only when negative."""
    markup: list[Markup] = []
    words: list[str] = []
    for i, term in enumerate(terms):
        if i or term.negative:
            markup.append(mo("−" if term.negative else "+"))
            words.append("−" if term.negative else "+")
        markup.extend(term.markup)
        words.append(term.text)
    return markup, " ".join(words)


def product(*factors: str) -> tuple[list[Markup], str]:
    markup: list[Markup] = []
    for i, factor in enumerate(factors):
        if i:
            markup.append(mo("×"))
        markup.append(mn(factor))
    return markup, " × ".join(factors)


def bracket(tier: Tier, leg: LegStep, symbol: str, locale: str, ui: Mapping[str, Any]) -> str:
    """The bracket's edges: in money, or in the base asset where the table brackets sizes (OKX) or coins (an inverse
    contract's value)."""
    def edge(value: Decimal) -> str:
        in_coin = leg.by_size or leg.inverse
        return fmt.quantity(value, locale, fmt.base_asset(symbol)) if in_coin else fmt.money(value, locale)
    if tier.cap is None:
        return str(ui["bracket_open"]).format(floor=edge(tier.floor))
    return str(ui["bracket"]).format(floor=edge(tier.floor), cap=edge(tier.cap))


def step(sentence: str, *formulas: Markup) -> str:
    return f"<li><p>{escape(sentence)}</p>" + "".join(formulas) + "</li>"


def maintenance_math(e: Explanation, leg: LegStep, value: Decimal, shown: Callable[[Decimal], str],
                     fee_shown: Callable[[Decimal], str], locale: str, ui: Mapping[str, Any]) -> tuple[str, Markup]:
    """A leg's maintenance margin as a formula, ``MM = (r + f) × value − A (+ fee to close) = MM``, with its numbers
    written by *shown* (dollars or coins), and the sentence naming Bybit's fee to close where there is one (its
    amount written by *fee_shown*); "" without one."""
    assert leg.maintenance is not None
    tier = leg.tier
    rate = fmt.rate(tier.rate, locale)
    if e.fee_rate:
        fee = fmt.rate(e.fee_rate, locale)
        rates, rates_text = [mo("("), mn(rate), mo("+"), mn(fee), mo(")")], f"({rate} + {fee})"
    else:
        rates, rates_text = [mn(rate)], rate
    terms = [Term(False, [*rates, mo("×"), mn(shown(value))], f"{rates_text} × {shown(value)}")]
    if tier.amount:
        terms.append(Term(True, [mn(shown(tier.amount))], shown(tier.amount)))
    sentence = ""
    if leg.fee_to_close:
        # Bybit's fee to close: valued at the bankruptcy price, a fixed amount added to maintenance.
        assert e.bankruptcy_price is not None
        sentence = " " + ui["fee_to_close"].format(rate=fmt.rate(e.closing_rate, locale),
                                                   bankruptcy=fmt.price(e.bankruptcy_price, locale),
                                                   fee=fee_shown(leg.fee_to_close))
        terms.append(Term(False, [mn(shown(leg.fee_to_close))], shown(leg.fee_to_close)))
    numbers, numbers_text = joined(terms)
    result = shown(leg.maintenance)
    math = formula([mi("MM"), mo("="), *numbers, mo("="), mn(result)],
                   label=f"{str(ui['symbols']['MM']).capitalize()} = {numbers_text} = {result}")
    return sentence, math


def rated(symbol: str, said: str, value: str, rate: str, fee: str | None, say: Mapping[str, str]) -> tuple[Term, Term]:
    """A size times the maintenance rate (plus the fee rate, when there is one) as a term of the solved equation:
    once in symbols (``Q × (r + f)``, *symbol* and *said* naming the size) and once with the numbers (*value*)."""
    if fee:
        return (Term(False, [mi(symbol), mo("×"), mo("("), mi("r"), mo("+"), mi("f"), mo(")")],
                     f"{said} × ({say['r']} + {say['f']})"),
                Term(False, [mn(value), mo("×"), mo("("), mn(rate), mo("+"), mn(fee), mo(")")],
                     f"{value} × ({rate} + {fee})"))
    return (Term(False, [mi(symbol), mo("×"), mi("r")], f"{said} × {say['r']}"),
            Term(False, [mn(value), mo("×"), mn(rate)], f"{value} × {rate}"))
