"""Prices a trader asks for: the exit for a target return, the break-even price after fees, the average entry of
several fills. Closed forms, exact, each with its source; ``side`` is +1 for a long and −1 for a short.

* **Target price** for a return ``ROE`` on the initial margin at leverage ``L``: linear ``X = E·(1 + side·ROE/L)``,
  from the PnL ``side·Q·(X − E)`` over the initial margin ``Q·E/L`` (Binance Developer Community, "PnL manual
  calculation": ROE = side·(exit/entry − 1)·L); inverse ``X = E / (1 − side·ROE/L)``, from Binance's FAQ "How to Use
  the Binance Futures Calculator" (COIN-M: ROE = side·(1 − entry/exit)·L). For a PnL on a quantity instead:
  linear ``X = E + side·PnL/Q``; inverse ``X = 1 / (1/E − side·PnL/N)``, the coin PnL ``side·N·(1/E − 1/X)``
  (BitMEX, "Inverse Futures").
* **Break-even** with a fee on each leg and funding paid by this side (each payment ``rate × notional`` valued at the
  entry price): a long's ``Q·(X − E) − f_o·Q·E − f_c·Q·X − F·Q·E = 0`` gives ``X = E·(1 + f_o + F)/(1 − f_c)``, a
  short's ``X = E·(1 − f_o − F)/(1 + f_c)``; many calculators print the approximation ``E·(1 ± 2f)``.
* **Average entry**: linear ``Σ(q·p)/Σq`` (Bybit, "How to Calculate Average Entry Price"); inverse, whose
  quantities are dollars, the harmonic ``Σq/Σ(q/p)`` (BitMEX, "How to calculate Average Entry Price"; Bybit's
  inverse contracts).

>>> target_price({"side": "long", "entry_price": 50000, "leverage": 10, "roe": "0.5"}).target_price
Decimal('52500.00')
>>> break_even({"side": "long", "entry_price": 50000, "fee_rate": "0.0005"}).break_even_price
Decimal('50050.02501250625312656328164082041')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Final

from .choices import Contract, Side
from .errors import ScenarioError
from .number_input import to_decimal
from .numbers import engine_context
from .plan_input import contract_of, fee_rate_of, optional, required, side_of
from .plan_result import Answer, figures_of
from .results import Unit, declare

__all__ = ["AVERAGE_KEYS", "BREAK_EVEN_KEYS", "MAX_FILLS", "TARGET_KEYS", "average_entry", "break_even",
           "target_price"]

TARGET_KEYS: Final = ("side", "entry_price", "leverage", "roe", "quantity", "pnl", "contract")
BREAK_EVEN_KEYS: Final = ("side", "entry_price", "fee_rate", "open_fee_rate", "close_fee_rate", "funding_rate",
                          "funding_payments")
AVERAGE_KEYS: Final = ("fills", "contract")
#: The most fills an average is taken over: more than a form or a card holds, few enough to stay quick.
MAX_FILLS: Final = 100


def _sign(side: Side) -> Decimal:
    return Decimal(1) if side == "long" else Decimal(-1)


@dataclass(frozen=True, slots=True)
class TargetPrice(Answer):
    QUESTION: ClassVar[str] = "target_price"

    side: Side = declare(Unit("choice"))
    contract: Contract = declare(Unit("text"), shown=False)
    entry_price: Decimal = declare(Unit("price"))
    target_price: Decimal = declare(Unit("price"))


figures_of(TargetPrice)


def target_price(data: Mapping[str, Any]) -> TargetPrice:
    """The exit price for a return on margin (``roe`` with ``leverage``) or a PnL on a size (``quantity`` and
    ``pnl``: a linear size in the coin and its PnL in dollars; an inverse size in dollars and its PnL in the coin)."""
    side, contract = side_of(data), contract_of(data)
    sign = _sign(side)
    entry = required(data, "entry_price", positive=True)
    if "roe" in data and ("quantity" in data or "pnl" in data):
        raise ScenarioError(("roe",), "conflicts_with", data["roe"], other="quantity and pnl")
    with engine_context():
        if "roe" in data or "quantity" not in data:
            roe = required(data, "roe")
            leverage = required(data, "leverage", positive=True)
            if leverage < 1:
                raise ScenarioError(("leverage",), "below_one", data["leverage"])
            move = sign * roe / leverage
            price = entry * (1 + move) if contract == "linear" else (entry / (1 - move) if move < 1 else None)
            key = "roe"
        else:
            quantity = required(data, "quantity", positive=True)
            pnl = required(data, "pnl")
            optional(data, "leverage", positive=True)  # checked, not needed: a PnL on a size has no leverage in it
            if contract == "linear":
                price = entry + sign * pnl / quantity
            else:
                inverse = 1 / entry - sign * pnl / quantity
                price = 1 / inverse if inverse > 0 else None
            key = "pnl"
    if price is None or price <= 0:
        raise ScenarioError((key,), "target_unreachable", data[key], side=side)
    return TargetPrice(side, contract, entry, price)


@dataclass(frozen=True, slots=True)
class BreakEven(Answer):
    QUESTION: ClassVar[str] = "break_even"

    side: Side = declare(Unit("choice"))
    entry_price: Decimal = declare(Unit("price"))
    open_fee_rate: Decimal = declare(Unit("rate"))
    close_fee_rate: Decimal = declare(Unit("rate"))
    #: Funding paid by this side over the holding period, as a share of the notional at entry (negative: received).
    funding_share: Decimal = declare(Unit("rate"))
    break_even_price: Decimal = declare(Unit("price"))


figures_of(BreakEven)


def break_even(data: Mapping[str, Any]) -> BreakEven:
    """The price at which closing returns exactly the fees (and funding) paid: the module's exact form."""
    side = side_of(data)
    entry = required(data, "entry_price", positive=True)
    if "fee_rate" in data and ("open_fee_rate" in data or "close_fee_rate" in data):
        raise ScenarioError(("fee_rate",), "conflicts_with", data["fee_rate"], other="open_fee_rate and close_fee_rate")
    both = fee_rate_of(data, "fee_rate")
    opening = fee_rate_of(data, "open_fee_rate") if "open_fee_rate" in data else both
    closing = fee_rate_of(data, "close_fee_rate") if "close_fee_rate" in data else both
    rate = optional(data, "funding_rate")
    payments = optional(data, "funding_payments", non_negative=True)
    if (rate is None) != (payments is None):
        missing = "funding_payments" if payments is None else "funding_rate"
        raise ScenarioError((missing,), "missing")
    if payments is not None and payments != payments.to_integral_value():
        raise ScenarioError(("funding_payments",), "not_whole", data["funding_payments"])
    with engine_context():
        funding = (rate or Decimal(0)) * (payments or Decimal(0))
        if side == "long":
            price = entry * (1 + opening + funding) / (1 - closing)
        else:
            price = entry * (1 - opening - funding) / (1 + closing)
    if price <= 0:
        raise ScenarioError(("funding_rate",), "target_unreachable", data.get("funding_rate"), side=side)
    return BreakEven(side, entry, opening, closing, funding, price)


@dataclass(frozen=True, slots=True)
class AverageEntry(Answer):
    QUESTION: ClassVar[str] = "average_entry"

    contract: Contract = declare(Unit("text"), shown=False)
    #: The fills' total size: coins (linear) or dollars (inverse).
    total_quantity: Decimal = declare(Unit("money"), shown=False)
    average_entry_price: Decimal = declare(Unit("price"))


figures_of(AverageEntry)


def _fills(data: Mapping[str, Any]) -> list[tuple[Decimal, Decimal]]:
    raw = data.get("fills")
    if "fills" not in data:
        raise ScenarioError(("fills",), "missing")
    if not isinstance(raw, Sequence) or isinstance(raw, (str, bytes)):
        raise ScenarioError(("fills",), "not_a_list", raw)
    if not raw:
        raise ScenarioError(("fills",), "no_fills")
    if len(raw) > MAX_FILLS:
        raise ScenarioError(("fills",), "too_many_entries", count=len(raw), maximum=MAX_FILLS)
    fills = []
    for index, fill in enumerate(raw):
        path = ("fills", index)
        if not isinstance(fill, Mapping):
            raise ScenarioError(path, "not_an_object", fill)
        for key in fill:
            if key not in ("price", "quantity"):
                raise ScenarioError((*path, str(key)), "unknown_key", known=("price", "quantity"))
        for key in ("price", "quantity"):
            if key not in fill:
                raise ScenarioError((*path, key), "missing")
        fills.append((to_decimal(fill["price"], (*path, "price"), positive=True),
                      to_decimal(fill["quantity"], (*path, "quantity"), positive=True)))
    return fills


def average_entry(data: Mapping[str, Any]) -> AverageEntry:
    """The average entry price of ``fills`` (``{price, quantity}`` each): weighted by size (linear) or harmonic
    (inverse, whose sizes are dollars)."""
    contract = contract_of(data)
    fills = _fills(data)
    with engine_context():
        total = sum((quantity for _, quantity in fills), Decimal(0))
        if contract == "linear":
            average = sum((price * quantity for price, quantity in fills), Decimal(0)) / total
        else:
            average = total / sum((quantity / price for price, quantity in fills), Decimal(0))
    return AverageEntry(contract, total, average)
