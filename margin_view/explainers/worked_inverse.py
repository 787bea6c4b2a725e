"""The worked equation of a coin-margined (inverse) position: the same steps as a linear one
(:mod:`margin_view.explainers.equation`), written in the coin the contract is counted in.

An inverse contract of ``N`` dollars is worth ``N / P`` coins at price ``P``; its margin and maintenance are coins.
Equity meets maintenance where ``U + C/P + side·N·(1/EP − 1/P) = (r + f)·N/P − A (+ MM_other/P)``; multiplied by
``P`` that is linear in ``P``, and gives Binance COIN-M's one-way formula ("How to Calculate Liquidation Price of
COIN-M Futures Contracts"): ``LP = (N·(r + f) + side·N) / (U + A + side·N/EP)``, with ``U`` the coins that back it
(its margin, or the cross wallet in coins) and ``A`` its maintenance amount. Dollars that back it as well (cross
collateral in other currencies, other positions' PnL) enter the numerator as ``− C``, other positions'
maintenance as ``+ MM_other``.

>>> from calc import explain, parse_scenario
>>> from margin_view.explainers.worked import worked
>>> html = worked(explain(parse_scenario({"positions": [{"contract": "inverse", "side": "long",
...     "entry_price": 8000, "contracts": 1000, "contract_value": 1, "margin": "0.01",
...     "maintenance_margin_rate": "0.01"}]}), 0), "BTCUSD")
>>> "0.01 BTC" in html and "<mn>1,010</mn>" in html and "$7,481.48" in html
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from typing import Any, Final

from calc import Explanation, LegStep

from ..text import format as fmt
from .equation import Terms, Writer
from .mathml import mi, mn, mo, msub
from .steps import Term, bracket, maintenance_math, rated, step

__all__ = ["INVERSE"]


def _collateral_step(e: Explanation, asset: str, locale: str, ui: Mapping[str, Any]) -> str:
    coins = fmt.coin(e.collateral_units, locale, asset)
    if e.mode == "isolated":
        return step(ui["collateral_inverse_isolated"].format(margin=coins, asset=asset))
    if not e.collateral and not e.others_maintenance:
        return step(ui["collateral_inverse_cross"].format(coins=coins, asset=asset))
    return step(ui["collateral_inverse_cross_fixed"].format(
        coins=coins, asset=asset, fixed=fmt.money(e.collateral, locale), others=fmt.money(e.others_maintenance, locale)))


def _leg_step(e: Explanation, leg: LegStep, asset: str, locale: str, ui: Mapping[str, Any], named: bool) -> str:
    coin = partial(fmt.coin, locale=locale, symbol=asset)
    number = partial(fmt.number, locale=locale)
    prefix = ui["leg"].format(side=fmt.locale_of(locale).words["long" if leg.side_sign > 0 else "short"]) if named else ""
    tier = leg.tier
    edges = bracket(tier, leg, asset, locale, ui)
    size = fmt.money(leg.size, locale)
    if e.convention == "entry":
        value = leg.entry_notional
        sentence = ui["bracket_inverse_entry"].format(size=size, value=coin(value), entry=fmt.price(leg.entry_price,
                                                      locale), bracket=edges, rate=fmt.rate(tier.rate, locale),
                                                      amount=coin(tier.amount))
    else:
        assert leg.notional_at_liquidation is not None and e.liquidation_price is not None
        value = leg.notional_at_liquidation
        sentence = ui["bracket_inverse_liquidation"].format(
            size=size, value=coin(value), price=fmt.price(e.liquidation_price, locale), bracket=edges,
            rate=fmt.rate(tier.rate, locale), amount=coin(tier.amount))
    extra, math = maintenance_math(e, leg, value, number, coin, locale, ui)
    return step(prefix + sentence + extra, math)


def _terms(e: Explanation, locale: str, say: Mapping[str, str]) -> Terms:
    """Numerator (dollars) and denominator (coins) as symbols and as numbers, term for term."""
    amount = partial(fmt.amount, locale=locale)
    number = partial(fmt.number, locale=locale)
    top_symbols: list[Term] = []
    top_numbers: list[Term] = []
    bottom_symbols = [Term(False, [mi("U")], say["U"])]
    bottom_numbers = [Term(False, [mn(number(e.collateral_units))], number(e.collateral_units))]
    for leg in e.legs:
        long = leg.side_sign > 0
        size = amount(leg.size)
        if e.convention == "entry":
            assert leg.maintenance is not None
            bottom_symbols.append(Term(True, [mi("MM")], say["MM"]))
            bottom_numbers.append(Term(True, [mn(number(leg.maintenance))], number(leg.maintenance)))
        else:
            fee = fmt.rate(e.fee_rate, locale) if e.fee_rate else None
            symbols, numbers = rated("N", say["N"], size, fmt.rate(leg.tier.rate, locale), fee, say)
            top_symbols.append(symbols)
            top_numbers.append(numbers)
            if leg.tier.amount:
                bottom_symbols.append(Term(False, [mi("A")], say["A"]))
                bottom_numbers.append(Term(False, [mn(number(leg.tier.amount))], number(leg.tier.amount)))
        # +side·N above, +side·N/EP below: a long adds them, a short subtracts them.
        top_symbols.append(Term(not long, [mi("N")], say["N"]))
        top_numbers.append(Term(not long, [mn(size)], size))
        bottom_symbols.append(Term(not long, [mi("N"), mo("÷"), mi("EP")], f"{say['N']} ÷ {say['EP']}"))
        bottom_numbers.append(Term(not long, [mn(size), mo("÷"), mn(amount(leg.entry_price))],
                                    f"{size} ÷ {amount(leg.entry_price)}"))
    if e.others_maintenance:
        top_symbols.append(Term(False, [msub(mi("MM"), "other")], say["MM_other"]))
        top_numbers.append(Term(False, [mn(amount(e.others_maintenance))], amount(e.others_maintenance)))
    if e.collateral:
        top_symbols.append(Term(True, [mi("C")], say["C"]))
        top_numbers.append(Term(True, [mn(amount(e.collateral))], amount(e.collateral)))
    if e.closing_fee_units and e.convention != "entry":  # under "entry" the fee is inside each leg's MM
        bottom_symbols.append(Term(True, [mi("F")], say["F"]))
        bottom_numbers.append(Term(True, [mn(number(e.closing_fee_units))], number(e.closing_fee_units)))
    return top_symbols, bottom_symbols, top_numbers, bottom_numbers


def _collateral(e: Explanation, symbol: str, locale: str, ui: Mapping[str, Any]) -> str:
    return _collateral_step(e, fmt.base_asset(symbol), locale, ui)


def _leg(e: Explanation, leg: LegStep, symbol: str, locale: str, ui: Mapping[str, Any], named: bool) -> str:
    return _leg_step(e, leg, fmt.base_asset(symbol), locale, ui, named)


def _quotient(e: Explanation) -> tuple[Decimal, Decimal]:
    """The engine solves a + b·P = 0 and keeps (a, −b); this form writes both with the other sign: (−a) ÷ b."""
    assert e.numerator is not None and e.denominator is not None
    return -e.numerator, -e.denominator


def _solve_words(e: Explanation, symbol: str, ui: Mapping[str, Any]) -> str:
    return str(ui["solve_inverse"].format(asset=fmt.base_asset(symbol)))


#: A coin-margined contract's steps: sizes in dollars, margin and maintenance in the coin.
INVERSE: Final = Writer(collateral=_collateral, leg=_leg, terms=_terms, quotient=_quotient, solve_words=_solve_words)
