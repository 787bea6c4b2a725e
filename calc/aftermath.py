"""What happens after the trigger: one position's liquidation, step by step, in money.

The liquidation price is where the margin curve (:mod:`calc.liquidation`) reaches zero: equity equals the
maintenance margin. What follows is the exchanges' published process, which this module puts in figures for one
trade; it computes nothing the curve does not already hold:

1. **Trigger.** The mark price reaches the liquidation price; the equity left then is the maintenance margin
   there (``equity_at_liquidation``), and the loss from the mark price to that point is ``loss_to_liquidation``.
2. **Take-over.** The liquidation engine cancels open orders and closes the position. Bybit, "Liquidation Process
   (USDT Contract)" (help.bybit.com, article 900000167723): a position above the lowest risk-limit tier is first
   cut back with a FillOrKill order "of the difference between the current position value and the lower margin
   tier value", so the position value above the floor of its tier at the liquidation price is closed first
   (``partial_notional``); a position in the lowest tier is closed whole.
3. **Bankruptcy price.** Closed there, the margin is used up exactly. Bybit (same page) and Binance ("Insurance
   Fund", binance.com/en/support/articles/360033525371): when the close fills at a better price than the bankruptcy
   price, the remaining margin goes to the insurance fund, at most ``equity_at_liquidation``. Hyperliquid
   ("Liquidations", hyperliquid.gitbook.io): a liquidation filled on the order book leaves that remainder with the
   trader.
4. **Beyond it.** A close filled past the bankruptcy price is a loss the insurance fund pays: ``fund_per_percent``
   for each 1 % of the bankruptcy price (``|net quantity| × BP / 100``); when the fund cannot, auto-deleveraging
   closes opposing traders' positions (Binance: at the bankrupt position's price; Hyperliquid: at the previous
   mark price, "Auto-deleveraging" in a docs mirror of 2026-08-22; older copies said the oracle price).

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"mode": "isolated", "maintenance_price": "entry", "positions": [{"side": "long",
...     "entry_price": 20000, "quantity": 1, "leverage": 50, "maintenance_margin_rate": "0.005"}]})
>>> a = aftermath(s, 0)
>>> a.liquidation_price, a.bankruptcy_price, a.equity_at_liquidation, a.loss_to_liquidation, a.fund_per_percent
(Decimal('19700.000'), Decimal('19600'), Decimal('100.000'), Decimal('300.000'), Decimal('196'))
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .liquidation import Roots, solved_for
from .numbers import engine_context
from .scenario import Scenario

__all__ = ["Aftermath", "aftermath"]

_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Aftermath:
    """One position's liquidation in figures (every field but the first two None when it has no liquidation price).

    ``equity_now`` is the collateral plus the legs' PnL at the mark price (the isolated margin as it stands, or the
    cross pool); ``notional_at_liquidation`` the position's own value at the liquidation price; ``partial_notional``
    the part of it Bybit's process closes first (None in the lowest tier); ``already_triggered`` whether the mark
    price is at or past the liquidation price now.
    """

    liquidation_price: Decimal | None
    bankruptcy_price: Decimal | None
    equity_now: Decimal
    equity_at_liquidation: Decimal | None
    loss_to_liquidation: Decimal | None
    notional_at_liquidation: Decimal | None
    partial_notional: Decimal | None
    fund_per_percent: Decimal | None
    already_triggered: bool


def aftermath(scenario: Scenario, index: int, solved: Roots | None = None) -> Aftermath:
    """The liquidation of ``scenario.positions[index]``, from the trigger to auto-deleveraging, in money
    (*solved*: the evaluation's curve and roots for it)."""
    curve, liquidation = solved_for(scenario, index, solved)
    position = scenario.positions[index]
    mark = position.mark_price
    bankruptcy = curve.bankruptcy_price()
    with engine_context():
        equity_now = curve.equity(mark)
        if liquidation is None:
            return Aftermath(None, bankruptcy, equity_now, None, None, None, None, None, False)
        left = curve.equity(liquidation)
        value = position.value_at(liquidation)  # what its bracket measures: dollars, or coins (inverse)
        notional = position.to_usd(value, liquidation)
        tier = position.tiers.bracket_of(position.quantity, value)
        # The value above the tier's floor, in dollars; a table of size brackets (OKX) has its floor in the base asset,
        # an inverse table its floor in coins.
        floor_value = tier.floor * liquidation if position.tiers.basis == "quantity" or position.inverse else tier.floor
        partial = notional - floor_value if tier.floor > 0 else None
        per_percent = None
        if bankruptcy is not None:
            # Past BP each 1 % costs 1 % of the legs' net dollar size there (an inverse leg's is its N dollars).
            linear = sum((leg.sign * leg.quantity for leg in curve.legs if not leg.inverse), Decimal(0))
            inverse = sum((leg.sign * leg.entry_notional for leg in curve.legs if leg.inverse), Decimal(0))
            per_percent = abs(linear * bankruptcy + inverse) / _HUNDRED
        return Aftermath(
            liquidation_price=liquidation, bankruptcy_price=bankruptcy, equity_now=equity_now,
            equity_at_liquidation=left, loss_to_liquidation=equity_now - left, notional_at_liquidation=notional,
            partial_notional=partial, fund_per_percent=per_percent, already_triggered=curve.value(mark) <= 0,
        )
