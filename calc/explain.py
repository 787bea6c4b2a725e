"""How a liquidation price was reached, as data: the numbers of the one linear equation the engine solved.

The margin curve of :mod:`calc.liquidation` is linear between tier breakpoints, and the liquidation price is the
root of the piece that holds it::

    LP = (collateral − MM_others − Σ side·Q·EP + Σ amount) / (Σ Q·(rate + fee) − Σ side·Q)

with every leg's ``rate`` and ``amount`` taken from the bracket of its notional *at the liquidation price*
(convention ``"liquidation"``). For one cross position this is Binance's FAQ formula, "How to Calculate
Liquidation Price of USDⓈ-M Futures Contracts"::

    LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q)

(``collateral`` = ``WB + UPNL1``, ``MM_others`` = ``TMM1``, ``amount`` = ``cum``; the fee is OKX's, Gate's and
Phemex's closing-fee allowance, 0 on Binance). Under convention ``"entry"`` (Bybit's help-centre examples, BitMEX)
maintenance is a constant valued at the entry notional::

    LP = (collateral − MM_others − Σ side·Q·EP − Σ MM_entry) / (− Σ side·Q)

:func:`explain` returns these parts for one position so a page can show the formula with the reader's numbers.
It is not a second solver: the numerator and denominator are the coefficients of the piece the engine's own
root lies on (:meth:`calc.liquidation.MarginCurve.line`), so their quotient is the engine's liquidation price.

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"mode": "isolated", "maintenance_price": "entry", "positions": [{"side": "long",
...     "entry_price": 20000, "quantity": 1, "leverage": 50, "maintenance_margin_rate": "0.005"}]})
>>> e = explain(s, 0)
>>> e.collateral, e.legs[0].maintenance, e.numerator, e.denominator, e.liquidation_price
(Decimal('400'), Decimal('100.000'), Decimal('-19700.000'), Decimal('-1'), Decimal('19700.000'))
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .choices import MaintenancePrice, Mode
from .liquidation import MarginCurve, Roots, maintenance_margin, solved_for
from .numbers import engine_context
from .position import Position
from .scenario import Scenario
from .tiers import Tier

__all__ = ["Explanation", "LegStep", "explain"]


@dataclass(frozen=True, slots=True)
class LegStep:
    """One position of the symbol in the equation (isolated: the position itself; cross: every leg of its symbol).

    ``tier`` is the bracket used in the equation: that of the notional at the liquidation price (convention
    ``"liquidation"``, Binance: "the tier must be the one that holds at the liquidation price") or at entry;
    ``entry_tier`` the bracket of the entry notional, shown when the two differ. ``maintenance`` is the leg's
    maintenance margin at the liquidation price (``(rate + fee)·n − amount``).
    """

    side_sign: Decimal
    quantity: Decimal
    entry_price: Decimal
    entry_notional: Decimal
    notional_at_liquidation: Decimal | None
    tier: Tier
    entry_tier: Tier
    maintenance: Decimal | None
    #: True when the table's brackets are sizes in the base asset (OKX), not notionals.
    by_size: bool = False
    #: The leg's fee to close where it is valued at the bankruptcy price (Bybit), inside ``maintenance``; else 0.
    fee_to_close: Decimal = Decimal(0)
    #: An inverse (coin-margined) leg: its notionals, maintenance and fee are coins, ``entry_notional`` its value in
    #: coins at entry, and ``size`` its size in dollars, ``N``.
    inverse: bool = False
    size: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Explanation:
    """The parts of one position's liquidation equation, and its solution (None: no liquidation price)."""

    mode: Mode
    convention: MaintenancePrice
    wallet_balance: Decimal | None  # cross: the wallet part of the collateral (the rest is other symbols' PnL)
    collateral: Decimal
    others_maintenance: Decimal
    fee_rate: Decimal  # the fee as a rate on the notional at the liquidation price (0 when valued at bankruptcy)
    legs: tuple[LegStep, ...]
    numerator: Decimal | None
    denominator: Decimal | None
    liquidation_price: Decimal | None
    bankruptcy_price: Decimal | None
    #: Bybit's fee to close of every leg, a fixed amount valued at the bankruptcy price (0 for a fee on ``P``).
    closing_fee: Decimal = Decimal(0)
    #: The closing-fee rate valued at the bankruptcy price (0 when there is none, or it is a rate on ``P``).
    closing_rate: Decimal = Decimal(0)
    #: Coins of the symbol's own asset in the collateral (an inverse margin, cross collateral in that coin), worth
    #: ``collateral_units × P`` at ``P``.
    collateral_units: Decimal = Decimal(0)
    #: Inverse legs' fee to close valued at the bankruptcy price, in coins (``fee_rate × N / BP``).
    closing_fee_units: Decimal = Decimal(0)
    #: Cross: the part of ``collateral`` that is coins in other currencies, at their price less their haircut.
    coins_value: Decimal = Decimal(0)


def _leg(p: Position, liquidation: Decimal | None, curve: MarginCurve, scenario: Scenario) -> LegStep:
    with engine_context():
        entry_tier = p.tiers.bracket_of(p.quantity, p.entry_value)
        by_size = p.tiers.basis == "quantity"
        if liquidation is None:
            return LegStep(p.sign, p.quantity, p.entry_price, p.entry_value, None, entry_tier, entry_tier, None,
                           by_size, inverse=p.inverse, size=p.entry_notional)
        # The leg's share of the curve's fee to close, where that is valued at the bankruptcy price (Bybit): in
        # dollars on its value there, or (inverse) in coins on its dollar size.
        fee = None
        if curve.fee_price == "bankruptcy" and curve.fee_rate:
            bankruptcy = curve.bankruptcy_price()
            fee = Decimal(0)
            if bankruptcy is not None:
                fee = curve.fee_rate * (p.entry_notional / bankruptcy if p.inverse else p.quantity * bankruptcy)
        maintenance, tier = maintenance_margin(p, liquidation, scenario.fee_rate, scenario.maintenance_price, fee)
        return LegStep(p.sign, p.quantity, p.entry_price, p.entry_value, p.value_at(liquidation), tier, entry_tier,
                       maintenance, by_size, fee or Decimal(0), p.inverse, p.entry_notional)


def explain(scenario: Scenario, index: int, solved: Roots | None = None) -> Explanation:
    """The equation that gave ``scenario.positions[index]`` its liquidation price, with its numbers (*solved*: the
    evaluation's curve and roots for it, to solve nothing twice)."""
    curve, liquidation = solved_for(scenario, index, solved)
    numerator = denominator = None
    if liquidation is not None:
        with engine_context():
            a, b = curve.line(liquidation)
            # f(P) = a + b·P = 0  ⇔  P = a / (−b): written as the exchanges write it, with a positive price.
            numerator, denominator = a, -b
    at_bankruptcy = curve.fee_price == "bankruptcy"
    return Explanation(
        mode=scenario.mode, convention=scenario.maintenance_price,
        wallet_balance=scenario.wallet_balance if scenario.mode == "cross" else None, collateral=curve.collateral,
        others_maintenance=curve.others_maintenance, fee_rate=Decimal(0) if at_bankruptcy else scenario.fee_rate,
        legs=tuple(_leg(leg, liquidation, curve, scenario) for leg in curve.legs),
        numerator=numerator, denominator=denominator, liquidation_price=liquidation,
        bankruptcy_price=curve.bankruptcy_price(), closing_fee=curve.closing_fee,
        closing_rate=scenario.fee_rate if at_bankruptcy else Decimal(0), collateral_units=curve.units,
        closing_fee_units=curve.closing_fee_units,
        coins_value=sum((c.value for c in scenario.collateral if c.asset != scenario.positions[index].asset),
                        Decimal(0)),
    )
