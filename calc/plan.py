"""Plan a trade: the questions traders ask before and during one, each answered exactly by its own module.

``plan(data)`` reads ``data["question"]`` and answers it; ``python -m calc plan`` is its command line. Each question
takes its own keys (a typo is refused, never ignored) and returns an answer whose figures carry their units
(:mod:`calc.plan_result`):

- ``position_size`` (:mod:`calc.plan_size`): the size for a risk and a stop; whether the stop fires before
  liquidation at a leverage and mode; the highest leverage that keeps it so.
- ``target_price``, ``break_even``, ``average_entry`` (:mod:`calc.plan_prices`): the exit for a return or a PnL, the
  price that pays back the fees (and funding), the average entry of several fills.
- ``order_cost``, ``max_open`` (:mod:`calc.plan_orders`): what opening an order costs under Binance's or Bybit's
  rule, and the largest size a balance opens within the tier bracket's leverage cap.
- ``margin_for_liquidation``, ``funding`` (:mod:`calc.plan_margin`): the margin that moves an isolated liquidation
  price to a chosen price, and funding over a holding period with where it moves that price.

>>> answer = plan({"question": "position_size", "side": "short", "entry_price": 3000, "stop_price": 3300,
...                "account_balance": 10000, "risk": "0.02"})
>>> round(answer.quantity, 2)
Decimal('0.67')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from .errors import ScenarioError
from .plan_margin import FUNDING_KEYS, MARGIN_KEYS, funding, margin_for_liquidation
from .plan_orders import MAX_OPEN_KEYS, ORDER_COST_KEYS, max_open, order_cost
from .plan_prices import AVERAGE_KEYS, BREAK_EVEN_KEYS, TARGET_KEYS, average_entry, break_even, target_price
from .plan_result import Answer, Plan, answer_to_data
from .plan_size import SIZE_KEYS, position_size
from .position import check_keys, choice

__all__ = ["QUESTIONS", "Plan", "plan", "plan_to_data"]

#: Every question, with the keys it takes (besides ``question``) and the function that answers it.
QUESTIONS: Final[Mapping[str, tuple[tuple[str, ...], Callable[[Mapping[str, Any]], Answer]]]] = MappingProxyType({
    "position_size": (SIZE_KEYS, position_size),
    "target_price": (TARGET_KEYS, target_price),
    "break_even": (BREAK_EVEN_KEYS, break_even),
    "average_entry": (AVERAGE_KEYS, average_entry),
    "order_cost": (ORDER_COST_KEYS, order_cost),
    "max_open": (MAX_OPEN_KEYS, max_open),
    "margin_for_liquidation": (MARGIN_KEYS, margin_for_liquidation),
    "funding": (FUNDING_KEYS, funding),
})


def plan(data: Mapping[str, Any]) -> Answer:
    """Answer one planning question; raise :class:`ScenarioError` naming the key at fault (paths name the
    question's own keys, also for what a scenario behind the answer refuses)."""
    if not isinstance(data, Mapping):
        raise ScenarioError((), "not_an_object", data)
    if "question" not in data:
        raise ScenarioError(("question",), "missing")
    name = choice(data, "question", tuple(QUESTIONS), "", ())
    keys, answer = QUESTIONS[name]
    check_keys(data, ("question", *keys), ())
    return answer(data)


def plan_to_data(answer: Answer) -> dict[str, object]:
    """*answer* as JSON-ready data, numbers as plain decimal strings: the ``python -m calc plan`` output."""
    return answer_to_data(answer)
