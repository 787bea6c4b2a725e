"""The answer to a planning question (:mod:`calc.plan`): each figure with its unit, like a scenario's results
(:mod:`calc.results`), and the answer as JSON data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import ClassVar, Final

from .choices import Contract, Mode, Side
from .numbers import plain
from .results import Figure, Unit, declare, figure_table

__all__ = ["Plan", "plan_to_data"]


@dataclass(frozen=True, slots=True)
class Plan:
    """The answer to one position-size question, each field a figure with its unit (:attr:`FIGURES`).

    Amounts are in dollars for a linear contract and in the coin for an inverse one (its balance, risk, margin and
    fees); ``notional`` is dollars for both, ``quantity`` the coin (inverse: the position's value in the coin at
    entry, ``notional / entry price``, as in a scenario's results).
    """

    #: Every figure of an answer by key, for views (the scenario's are :data:`calc.FIGURES`); set below the class.
    FIGURES: ClassVar[Mapping[str, Figure]]

    symbol: str = declare(Unit("text"), shown=False)
    side: Side = declare(Unit("choice"))
    contract: Contract = declare(Unit("text"), shown=False)
    mode: Mode = declare(Unit("choice"))
    entry_price: Decimal = declare(Unit("price"))
    stop_price: Decimal = declare(Unit("price"))
    account_balance: Decimal = declare(Unit("money"))
    risk_amount: Decimal = declare(Unit("money"))
    fee_rate: Decimal = declare(Unit("rate"))
    quantity: Decimal = declare(Unit("quantity"))
    notional: Decimal = declare(Unit("money"))
    #: ``|entry − stop| / entry``.
    stop_distance: Decimal = declare(Unit("percent"))
    #: The loss from the price move alone, and the fees of both legs: together the risk amount.
    loss_at_stop: Decimal = declare(Unit("money"))
    fees: Decimal = declare(Unit("money"))
    leverage: Decimal | None = declare(Unit("leverage", optional=True), default=None)
    #: The margin the position holds (isolated: as the exchange holds it, fee to close included where it does so;
    #: cross: the initial margin ``notional / leverage``). None without a leverage.
    margin: Decimal | None = declare(Unit("money", optional=True), default=None)
    #: Whether the liquidation figures below were worked out (a leverage was given, or the mode is cross).
    liquidation_known: bool = declare(Unit("flag"), shown=False, default=False)
    #: None with ``liquidation_known``: no price liquidates the position.
    liquidation_price: Decimal | None = declare(Unit("price", unreachable=True), default=None)
    stop_before_liquidation: bool | None = declare(Unit("flag", optional=True), default=None)
    #: How far beyond the stop liquidation lies, in price: positive when the stop fires first.
    stop_to_liquidation: Decimal | None = declare(Unit("money", optional=True, signed=True), default=None)
    #: Whether a maintenance rule is known (a table, a rate or a profile's table for the symbol).
    maintenance_known: bool = declare(Unit("flag"), shown=False, default=False)
    #: With ``maintenance_known``: the highest whole leverage that keeps an isolated liquidation beyond the stop;
    #: None when even 1x does not.
    max_leverage: Decimal | None = declare(Unit("leverage", optional=True), default=None)
    #: The cap that bounds it: the bracket's maximum leverage at entry.
    leverage_cap: Decimal | None = declare(Unit("leverage", optional=True), default=None)


Plan.FIGURES = MappingProxyType({f.key: f for f in figure_table(Plan)})


#: What every answer shows; the liquidation figures only once worked out, the leverage figures only with a rule.
_ALWAYS: Final = ("side", "contract", "mode", "quantity", "notional", "risk_amount", "stop_distance", "loss_at_stop",
                  "fees")
_WITH_LIQUIDATION: Final = ("leverage", "margin", "liquidation_price", "stop_before_liquidation",
                            "stop_to_liquidation")
_WITH_MAINTENANCE: Final = ("max_leverage", "leverage_cap")


def plan_to_data(answer: Plan) -> dict[str, object]:
    """*answer* as JSON-ready data, numbers as plain decimal strings: the ``python -m calc plan`` output.

    The liquidation figures appear when they were worked out (a leverage, or cross mode), ``max_leverage`` when a
    maintenance rule is known; a null liquidation price then means no price liquidates the position.
    """
    keys = [*_ALWAYS, *(_WITH_LIQUIDATION if answer.liquidation_known else ()),
            *(_WITH_MAINTENANCE if answer.maintenance_known else ())]
    out: dict[str, object] = {"question": "position_size"}
    for key in keys:
        value = getattr(answer, key)
        out[key] = plain(value) if Plan.FIGURES[key].unit.numeric and isinstance(value, Decimal) else value
    return out
