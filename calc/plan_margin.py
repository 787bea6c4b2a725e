"""An isolated position's margin over time: how much margin moves its liquidation price to a chosen price, and
where funding paid out of that margin moves it.

* **Margin for a liquidation price.** The margin curve (:mod:`calc.liquidation`) is linear in the margin: adding
  ``ΔM`` raises it by ``ΔM`` everywhere (an inverse margin, in coins, by ``ΔM × P``), and where Bybit values the fee to
  close at the bankruptcy price that fee moves linearly with the margin too. So the margin that puts liquidation at
  a target ``T`` solves one linear equation, ``f(T; M + ΔM) = 0``, on the piece of the tier table that holds ``T``:
  exact across brackets, as the liquidation price itself is. Under maintenance valued at entry it is Bybit's
  "Adjust Margin on Position" rule, the price moving by ``ΔM / Q``; valued at the liquidation price it is
  ``ΔM = Q × |LP₁ − LP₂| × (1 ∓ r)`` on one tier. A negative answer is margin that may be removed, down to the
  initial margin the exchanges keep (``notional / leverage``, plus Bybit's fee to close).
* **Funding.** Each payment is ``rate × position value``, the value at the mark price (OKX, "Funding fee
  mechanism"; Binance, "What fees are generated in Binance futures trading"; BitMEX's example: 20 XBT × 0.25 % =
  0.05 XBT); a positive rate has longs pay and shorts receive. An inverse position pays in its coin,
  ``rate × N / mark``. Taken from an isolated margin (Bybit, "Funding Fee Calculation": when the available balance
  cannot pay, "the liquidation price of the position will be more prone to the mark price"), it moves the
  liquidation price as removing that margin would.

>>> scenario = {"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10,
...                             "maintenance_margin_rate": "0.004"}]}
>>> answer = margin_for_liquidation({"scenario": scenario, "target_liquidation_price": 40000})
>>> answer.added_margin, answer.liquidation_price == 40000
(Decimal('1032'), True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, ClassVar, Final

from .choices import Side
from .errors import ScenarioError
from .liquidation import margin_curve
from .numbers import engine_context, plain
from .plan_input import optional, required, side_of
from .plan_result import Answer, figures_of
from .position import Position
from .results import Unit, declare
from .scenario import Scenario, parse_scenario

__all__ = ["FUNDING_KEYS", "MARGIN_KEYS", "funding", "margin_for_liquidation"]

MARGIN_KEYS: Final = ("scenario", "target_liquidation_price")
FUNDING_KEYS: Final = ("funding_rate", "interval_hours", "hours", "notional", "side", "scenario")


def _isolated_position(data: Mapping[str, Any]) -> Scenario:
    """The question's ``scenario``: isolated, one position (the only kind whose margin is its own)."""
    if "scenario" not in data:
        raise ScenarioError(("scenario",), "missing")
    try:
        scenario = parse_scenario(data["scenario"])
    except ScenarioError as err:
        raise err.within("scenario") from None
    if scenario.mode != "isolated" or len(scenario.positions) != 1:
        raise ScenarioError(("scenario",), "needs_one_isolated_position")
    return scenario


def _with_margin(scenario: Scenario, margin: Decimal) -> Scenario:
    """*scenario* with its one position holding *margin* (everything else as it was)."""
    return replace(scenario, positions=(replace(scenario.positions[0], margin=margin),))


def _liquidation(scenario: Scenario) -> Decimal | None:
    return margin_curve(scenario, 0).liquidation_price(scenario.positions[0].mark_price)


@dataclass(frozen=True, slots=True)
class MarginForLiquidation(Answer):
    QUESTION: ClassVar[str] = "margin_for_liquidation"

    side: Side = declare(Unit("choice"))
    #: In the margin asset (coins for an inverse position); negative: margin that may be removed.
    added_margin: Decimal = declare(Unit("money", signed=True))
    margin: Decimal = declare(Unit("money"))
    liquidation_price: Decimal | None = declare(Unit("price", unreachable=True))


figures_of(MarginForLiquidation)


def _initial_margin(scenario: Scenario, position: Position) -> Decimal:
    """The margin an exchange keeps in an isolated position: entry value / leverage, plus the fee to close where the
    scenario's rules hold it in the margin (Bybit)."""
    assert position.leverage is not None
    with engine_context():
        initial = position.entry_value / position.leverage
        if scenario.fee_price == "bankruptcy":
            initial += position.fee_to_close(scenario.fee_rate)
    return initial


def margin_for_liquidation(data: Mapping[str, Any]) -> MarginForLiquidation:
    """The margin to add (or remove) so that the scenario's isolated position is liquidated at
    ``target_liquidation_price``, and the liquidation price it then has."""
    scenario = _isolated_position(data)
    position = scenario.positions[0]
    assert position.margin is not None
    target = required(data, "target_liquidation_price", positive=True)
    if position.sign * (position.mark_price - target) <= 0:
        raise ScenarioError(("target_liquidation_price",), "target_wrong_side", data["target_liquidation_price"],
                            side=position.side, mark=position.mark_price)
    with engine_context():
        now = margin_curve(scenario, 0).value(target)
        slope = margin_curve(_with_margin(scenario, position.margin + 1), 0).value(target) - now
        margin = position.margin - now / slope
    if margin > position.entry_value:
        raise ScenarioError(("target_liquidation_price",), "target_needs_more_margin", data["target_liquidation_price"],
                            margin=margin, worth=position.entry_value)
    if margin < position.margin and margin < (floor := _initial_margin(scenario, position)):
        raise ScenarioError(("target_liquidation_price",), "target_below_initial_margin",
                            data["target_liquidation_price"], margin=margin, initial=floor)
    after = _with_margin(scenario, margin)
    with engine_context():
        return MarginForLiquidation(position.side, margin - position.margin, margin, _liquidation(after))


@dataclass(frozen=True, slots=True)
class Funding(Answer):
    QUESTION: ClassVar[str] = "funding"

    side: Side = declare(Unit("choice"))
    #: How many funding payments fall in the period (a whole number, written as text).
    payments: str = declare(Unit("text"))
    #: Paid by this side over the period, in the margin asset; negative when received.
    total_funding: Decimal = declare(Unit("money", signed=True))
    #: With a scenario: the liquidation price once the funding is taken from (or added to) the margin; None when
    #: the funding takes all of it.
    liquidation_price_after: Decimal | None = declare(Unit("price", unreachable=True), default=None)
    margin_after: Decimal | None = declare(Unit("money", optional=True), default=None)
    with_scenario: bool = declare(Unit("flag"), shown=False, default=False)

    def data_keys(self) -> tuple[str, ...]:
        return ("side", "payments", "total_funding",
                *(("margin_after", "liquidation_price_after") if self.with_scenario else ()))


figures_of(Funding)


def _payments(data: Mapping[str, Any]) -> Decimal:
    interval = required(data, "interval_hours", positive=True)
    hours = required(data, "hours", non_negative=True)
    with engine_context():
        count = hours / interval
    if count != count.to_integral_value():
        raise ScenarioError(("hours",), "not_whole_intervals", data["hours"], interval=interval)
    return count.to_integral_value()


def funding(data: Mapping[str, Any]) -> Funding:
    """Funding over ``hours`` at ``funding_rate`` per ``interval_hours``, on a ``notional`` (dollars, paid by
    ``side``) or an isolated ``scenario``'s position (valued at its mark price, taken from its margin)."""
    rate = required(data, "funding_rate")
    payments = _payments(data)
    if ("notional" in data) == ("scenario" in data):
        raise ScenarioError(("notional",), "conflicts_with" if "notional" in data else "missing",
                            *((data["notional"],) if "notional" in data else ()), other="scenario")
    if "notional" in data:
        side = side_of(data) if "side" in data else "long"
        notional = required(data, "notional", positive=True)
        with engine_context():
            total = (1 if side == "long" else -1) * rate * payments * notional
        return Funding(side, plain(payments), total)
    if "side" in data:
        raise ScenarioError(("side",), "conflicts_with", data["side"], other="scenario")
    optional(data, "notional")
    scenario = _isolated_position(data)
    position = scenario.positions[0]
    assert position.margin is not None
    with engine_context():
        # Dollars for a linear position; an inverse one pays in its coin, rate × N / mark.
        total = position.sign * rate * payments * position.value_at(position.mark_price)
        margin = position.margin - total
    after = _liquidation(_with_margin(scenario, margin)) if margin > 0 else None
    return Funding(position.side, plain(payments), total, after, margin, with_scenario=True)
