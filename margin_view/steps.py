"""The pieces a worked equation is built of: signed terms as MathML and as words, a step of the list, a bracket's
edges. Shared by the linear (:mod:`margin_view.worked`) and the inverse (:mod:`margin_view.worked_inverse`) steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from calc.explain import LegStep
from calc.tiers import Tier

from . import format as fmt
from .mathml import Markup, mn, mo

__all__ = ["Term", "bracket", "joined", "product", "step"]


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
