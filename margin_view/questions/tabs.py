"""Each question tab: its fields (one :class:`~margin_view.form.schema.Form`), the planning questions it asks from
them, and the figures it shows. A tab's link names it (``tab=targets``), as the planner's names ``tab=plan``.

>>> TABS["targets"].form.fields
('side', 'entry', 'leverage', 'roe', 'fee', 'funding_rate', 'funding_payments')
>>> TABS["targets"].questions({"side": "long", "entry": Decimal(100), "leverage": Decimal(10), "roe": Decimal(50),
...                            "fee": Decimal("0.05"), "funding_rate": Decimal(0), "funding_payments": Decimal(0)}
...                           )["target_price"]["roe"]
Decimal('0.5')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from calc import CHOICES as SCENARIO_CHOICES
from calc import LIMITS, engine_context

from ..form.schema import MAX_FEE_PERCENT, Field, Form, Group, Range, Values

__all__ = ["TABS", "QuestionTab"]

Questions = Callable[[Values], dict[str, dict[str, object]]]


@dataclass(frozen=True, slots=True)
class QuestionTab:
    """A tab: its form, the questions its fields ask (question name → the question's keys), the figures it shows
    (question name → figure keys, in order)."""

    form: Form
    questions: Questions
    shows: tuple[tuple[str, str], ...]


def _percent(values: Values, name: str) -> Decimal:
    value = values[name]
    assert isinstance(value, Decimal)
    with engine_context():
        return value / 100


def _targets(values: Values) -> dict[str, dict[str, object]]:
    """Where a target return is reached, and where the fees (and funding) are paid back, for one trade."""
    return {
        "target_price": {"side": values["side"], "entry_price": values["entry"], "leverage": values["leverage"],
                         "roe": _percent(values, "roe")},
        "break_even": {"side": values["side"], "entry_price": values["entry"], "fee_rate": _percent(values, "fee"),
                       "funding_rate": _percent(values, "funding_rate"),
                       "funding_payments": values["funding_payments"]},
    }


def _bybit(values: Values) -> bool:
    return values.get("rule") == "bybit"


def _binance(values: Values) -> bool:
    return values.get("rule") == "binance"


def _orders(values: Values) -> dict[str, dict[str, object]]:
    """What an order costs to open under the chosen exchange's rule, and the largest one the balance opens (within
    that exchange's BTCUSDT tier brackets)."""
    order: dict[str, object] = {"side": values["side"], "order_price": values["price"], "leverage": values["leverage"],
                                "rule": values["rule"]}
    if values["rule"] == "binance":
        order["mark_price"] = values["mark"]
    else:
        order["fee_rate"] = _percent(values, "fee")
    return {"order_cost": {**order, "quantity": values["quantity"]},
            "max_open": {**order, "available_balance": values["balance"], "exchange": values["rule"]}}


#: Returns on margin are typed in percent: a loss down to −100 % of the margin (what liquidation would take
#: first), a gain up to 100 times it.
ROE: Final = Range("roe_range", low=Decimal(-100), high=Decimal(10000), low_open=True)
FUNDING: Final = Range("funding_range", low=Decimal(-1), high=Decimal(1))
PAYMENTS: Final = Range("payments_range", low=Decimal(0), high=Decimal(10000))

TABS: Final[Mapping[str, QuestionTab]] = {
    "targets": QuestionTab(
        Form("targets", (
            Group("choices", "choices", (
                Field("side", "radio", "long", SCENARIO_CHOICES["side"], paths=("side",)),
            )),
            Group("trade", "fieldset", (
                Field("entry", "text", "50000", paths=("entry_price",)),
                Field("leverage", "text", "10", paths=("leverage",),
                      range=Range("leverage_range", low=Decimal(1), high=LIMITS.flat_max_leverage)),
                Field("roe", "text", "50", percent=True, hint=True, range=ROE, paths=("roe",)),
                Field("fee", "text", "0.05", percent=True, hint=True, paths=("fee_rate",),
                      range=Range("fee_range", low=Decimal(0), high=MAX_FEE_PERCENT)),
                Field("funding_rate", "text", "0.01", percent=True, hint=True, range=FUNDING,
                      paths=("funding_rate",)),
                Field("funding_payments", "text", "0", hint=True, range=PAYMENTS, paths=("funding_payments",)),
            )),
        ), tab="targets"),
        _targets,
        (("target_price", "target_price"), ("break_even", "break_even_price"), ("break_even", "funding_share")),
    ),
    "orders": QuestionTab(
        Form("orders", (
            Group("choices", "choices", (
                Field("side", "radio", "long", SCENARIO_CHOICES["side"], paths=("side",)),
            )),
            Group("trade", "fieldset", (
                Field("rule", "select", "binance", ("binance", "bybit"), hint=True, paths=("rule", "exchange")),
                Field("price", "text", "50000", hint=True, paths=("order_price",)),
                Field("mark", "text", "50000", hint=True, matters=_binance, paths=("mark_price",)),
                Field("quantity", "text", "1", paths=("quantity",)),
                Field("leverage", "text", "10", paths=("leverage",),
                      range=Range("leverage_range", low=Decimal(1), high=LIMITS.flat_max_leverage)),
                Field("fee", "text", "0.055", percent=True, hint=True, matters=_bybit, paths=("fee_rate",),
                      range=Range("fee_range", low=Decimal(0), high=MAX_FEE_PERCENT)),
                Field("balance", "text", "5000", hint=True, paths=("available_balance",)),
            )),
        ), tab="orders"),
        _orders,
        (("order_cost", "initial_margin"), ("order_cost", "open_loss"), ("order_cost", "fee_to_open"),
         ("order_cost", "fee_to_close"), ("order_cost", "cost"), ("max_open", "max_quantity"),
         ("max_open", "max_notional"), ("max_open", "capped_by_bracket")),
    ),
}
assert all(tab.form.tab == name for name, tab in TABS.items())
