""""How this was computed": the liquidation equation the engine solved, with the reader's numbers, as HTML.

Every number comes from :func:`calc.explain.explain` (the coefficients of the piece of the margin curve the
engine's root lies on); this module only words and typesets them. The steps: the collateral that counts, each
leg's bracket and maintenance margin, the equation with symbols and then with numbers, and the rounding for
display.

>>> from calc import explain, parse_scenario
>>> html = worked(explain(parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...     "leverage": 10}]}), 0), "BTCUSDT")
>>> "<mn>−9,000</mn>" in html and "<mn>−0.1992</mn>" in html and "$45,180.72" in html
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from typing import Any, Final

from calc import Explanation, LegStep

from ..text import format as fmt
from .equation import Terms, Writer, worked_steps
from .mathml import mi, mn, mo, msub
from .steps import Term, bracket, maintenance_math, product, rated, step
from .worked_inverse import INVERSE

__all__ = ["worked"]


def _collateral_step(e: Explanation, asset: str, locale: str, ui: Mapping[str, Any]) -> str:
    money = partial(fmt.money, locale=locale)
    if e.mode == "isolated":
        return step(ui["collateral_isolated"].format(collateral=money(e.collateral)))
    if e.coins_value or e.collateral_units or e.wallet_balance is None:
        # Coins held besides the wallet: those of other currencies at a fixed value, the symbol's own at its price.
        wallet = e.wallet_balance or Decimal(0)
        sentence = ui["collateral_cross_coins"].format(
            wallet=money(wallet), coins=money(e.coins_value),
            pnl=fmt.money(e.collateral - wallet - e.coins_value, locale, signed=True), collateral=money(e.collateral),
            others=money(e.others_maintenance))
        if e.collateral_units:
            sentence += " " + ui["collateral_own_coin"].format(units=fmt.coin(e.collateral_units, locale, asset))
        return step(sentence)
    others_pnl = e.collateral - e.wallet_balance
    if not others_pnl and not e.others_maintenance:
        return step(ui["collateral_cross"].format(wallet=money(e.wallet_balance)))
    return step(ui["collateral_cross_others"].format(
        wallet=money(e.wallet_balance), pnl=fmt.money(others_pnl, locale, signed=True),
        collateral=money(e.collateral), others=money(e.others_maintenance)))


def _leg_steps(e: Explanation, leg: LegStep, symbol: str, locale: str, ui: Mapping[str, Any], named: bool) -> str:
    money = partial(fmt.money, locale=locale)
    amount = partial(fmt.amount, locale=locale)  # inside formulas
    prefix = ui["leg"].format(side=fmt.locale_of(locale).words["long" if leg.side_sign > 0 else "short"]) if named else ""
    tier = leg.tier
    if e.convention == "entry":
        notional = leg.entry_notional
        sentence = ui["bracket_entry"].format(
            notional=money(notional), bracket=bracket(tier, leg, symbol, locale, ui), rate=fmt.rate(tier.rate, locale),
            amount=money(tier.amount))
    else:
        assert leg.notional_at_liquidation is not None and e.liquidation_price is not None
        notional = leg.notional_at_liquidation
        sentence = ui["bracket_liquidation"].format(
            notional=money(notional), quantity=fmt.quantity(leg.quantity, locale, fmt.base_asset(symbol)),
            price=fmt.price(e.liquidation_price, locale), bracket=bracket(tier, leg, symbol, locale, ui),
            rate=fmt.rate(tier.rate, locale), amount=money(tier.amount))
        if leg.entry_tier != tier:
            sentence += " " + ui["bracket_entry_differs"].format(
                notional=money(leg.entry_notional), bracket=bracket(leg.entry_tier, leg, symbol, locale, ui),
                rate=fmt.rate(leg.entry_tier.rate, locale))
    extra, math = maintenance_math(e, leg, notional, amount, money, locale, ui)
    return step(prefix + sentence + extra, math)


def _solve_terms(e: Explanation, locale: str, say: Mapping[str, str]) -> Terms:
    """Numerator and denominator of the equation, each as symbols and as numbers (term for term); *say* names
    each symbol for the screen reader's sentence."""
    amount = partial(fmt.amount, locale=locale)
    symbols_top = [Term(False, [mi("C")], say["C"])]
    numbers_top = [Term(False, [mn(amount(e.collateral))], amount(e.collateral))]
    if e.wallet_balance is not None and e.others_maintenance:
        symbols_top.append(Term(True, [msub(mi("MM"), "other")], say["MM_other"]))
        numbers_top.append(Term(True, [mn(amount(e.others_maintenance))], amount(e.others_maintenance)))
    if e.closing_fee and e.convention != "entry":  # under "entry" the fee is inside each leg's MM below
        symbols_top.append(Term(True, [mi("F")], say["F"]))
        numbers_top.append(Term(True, [mn(amount(e.closing_fee))], amount(e.closing_fee)))
    symbols_bottom: list[Term] = []
    numbers_bottom: list[Term] = []
    if e.collateral_units:  # coins of the symbol's own asset, worth U × P: a term of the price's coefficient
        symbols_bottom.append(Term(True, [mi("U")], say["U"]))
        numbers_bottom.append(Term(True, [mn(fmt.number(e.collateral_units, locale))],
                                   fmt.number(e.collateral_units, locale)))
    for leg in e.legs:
        quantity = fmt.number(leg.quantity, locale)
        long = leg.side_sign > 0
        if e.convention == "entry":
            assert leg.maintenance is not None
            symbols_top.append(Term(True, [mi("MM")], say["MM"]))
            numbers_top.append(Term(True, [mn(amount(leg.maintenance))], amount(leg.maintenance)))
        elif leg.tier.amount:
            symbols_top.append(Term(False, [mi("A")], say["A"]))
            numbers_top.append(Term(False, [mn(amount(leg.tier.amount))], amount(leg.tier.amount)))
            # −side·Q·EP: a long subtracts its entry value, a short adds it.
        symbols_top.append(Term(long, [mi("Q"), mo("×"), mi("EP")], f"{say['Q']} × {say['EP']}"))
        factors, factors_text = product(quantity, amount(leg.entry_price))
        numbers_top.append(Term(long, factors, factors_text))
        if e.convention != "entry":
            fee = fmt.rate(e.fee_rate, locale) if e.fee_rate else None
            symbols, numbers = rated("Q", say["Q"], quantity, fmt.rate(leg.tier.rate, locale), fee, say)
            symbols_bottom.append(symbols)
            numbers_bottom.append(numbers)
        symbols_bottom.append(Term(long, [mi("Q")], say["Q"]))
        numbers_bottom.append(Term(long, [mn(quantity)], quantity))
    return symbols_top, symbols_bottom, numbers_top, numbers_bottom


def _collateral(e: Explanation, symbol: str, locale: str, ui: Mapping[str, Any]) -> str:
    return _collateral_step(e, fmt.base_asset(symbol), locale, ui)


def _solve_words(e: Explanation, symbol: str, ui: Mapping[str, Any]) -> str:
    return str(ui["solve_entry" if e.convention == "entry" else "solve"])


def _quotient(e: Explanation) -> tuple[Decimal, Decimal]:
    assert e.numerator is not None and e.denominator is not None
    return e.numerator, e.denominator


#: A linear contract's steps: sizes in coins, values and the equation in dollars.
LINEAR: Final = Writer(collateral=_collateral, leg=_leg_steps, terms=_solve_terms, quotient=_quotient,
                       solve_words=_solve_words)


def worked(e: Explanation, symbol: str, locale: str = "en") -> str:
    """The worked equation for one position as an ordered list of steps (HTML).

    Its steps write a linear contract's terms (``rate × Q × P``); an inverse contract's are written in its coin
    (:data:`margin_view.explainers.worked_inverse.INVERSE`), in the same order (:func:`.equation.worked_steps`).
    """
    return worked_steps(e, symbol, INVERSE if any(leg.inverse for leg in e.legs) else LINEAR, locale)
