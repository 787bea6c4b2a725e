"""The answers to planning questions (:mod:`calc.plan`): each a dataclass of figures with their units, like a
scenario's results (:mod:`calc.results`), written as JSON data by one function. :class:`Plan` answers the
position-size question; every other question's answer is declared beside its formula.
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

__all__ = ["Answer", "Plan", "answer_to_data", "figures_of"]


@dataclass(frozen=True, slots=True)
class Answer:
    """What every planning answer is: a dataclass of figures (:attr:`FIGURES`, set by :func:`figures_of` below each
    class) for the question :attr:`QUESTION`. :meth:`data_keys` are the figures its JSON output lists."""

    FIGURES: ClassVar[Mapping[str, Figure]]
    QUESTION: ClassVar[str]

    def data_keys(self) -> tuple[str, ...]:
        """Every figure the answer shows (an answer whose figures depend on its inputs says which)."""
        return tuple(key for key, figure in self.FIGURES.items() if figure.shown)


def figures_of(cls: type[Answer]) -> None:
    """Set *cls*'s figure table from its declared fields."""
    cls.FIGURES = MappingProxyType({f.key: f for f in figure_table(cls)})


def answer_to_data(answer: Answer) -> dict[str, object]:
    """*answer* as JSON-ready data, numbers as plain decimal strings: the ``python -m calc plan`` output."""
    out: dict[str, object] = {"question": answer.QUESTION}
    for key in answer.data_keys():
        value = getattr(answer, key)
        out[key] = plain(value) if answer.FIGURES[key].unit.numeric and isinstance(value, Decimal) else value
    return out


#: What every position-size answer shows; the liquidation figures only once worked out, the leverage figures only with a rule.
_ALWAYS: Final = ("side", "contract", "mode", "quantity", "notional", "risk_amount", "stop_distance", "loss_at_stop",
                  "fees")
_WITH_LIQUIDATION: Final = ("leverage", "margin", "liquidation_price", "stop_before_liquidation",
                            "stop_to_liquidation")
_WITH_MAINTENANCE: Final = ("max_leverage", "leverage_cap")


@dataclass(frozen=True, slots=True)
class Plan(Answer):
    """The answer to one position-size question, each field a figure with its unit (:attr:`FIGURES`).

    Amounts are in dollars for a linear contract and in the coin for an inverse one (its balance, risk, margin and
    fees); ``notional`` is dollars for both, ``quantity`` the coin (inverse: the position's value in the coin at
    entry, ``notional / entry price``, as in a scenario's results).
    """

    QUESTION: ClassVar[str] = "position_size"

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


    def data_keys(self) -> tuple[str, ...]:
        """The liquidation figures once worked out (a leverage, or cross mode), the leverage figures with a
        maintenance rule known; a null liquidation price then means no price liquidates the position."""
        return (*_ALWAYS, *(_WITH_LIQUIDATION if self.liquidation_known else ()),
                *(_WITH_MAINTENANCE if self.maintenance_known else ()))


figures_of(Plan)
