"""What opening a position costs, and the largest one a balance opens, under each exchange's published rule.

* **Binance** ("Cost Required to Open a Position"): cost = initial margin + open loss, initial margin = quantity ×
  order price / leverage, open loss = quantity × |min(0, side × (mark price − order price))| (a buy above the mark,
  or a sell below it, starts at a loss that the cost covers). For a market order Binance values the order at an
  "assuming price" a little beyond the mark: give it as ``order_price``.
* **Bybit** ("Order Cost"): cost = initial margin + fee to open + fee to close, the fee to open ``Q × P × f`` and
  the fee to close valued at the bankruptcy price ``P × (1 ∓ 1/L)`` (long −, short +), ``Q × BP × f``.

The largest size a balance ``B`` opens solves cost = B for the quantity: Binance ``Q = B / (P/L + open loss per
coin)``; Bybit ``Q = B × L / (P × (1 + 2fL ∓ f))``. Neither publishes a "max open" formula; both cap the size by the
tier bracket whose maximum leverage allows ``L``, which this applies from the tier table (a packaged table, a list,
or the exchange profile's table for the symbol). An optional ``quantity_step`` (the contract's lot size) rounds the
size down to whole steps.

>>> order_cost({"side": "long", "quantity": 1, "order_price": 20000, "leverage": 50, "rule": "bybit",
...             "fee_rate": "0.0006"}).cost
Decimal('423.760000')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any, ClassVar, Final, Literal, cast

from .choices import Side
from .errors import ScenarioError
from .numbers import engine_context
from .plan_input import fee_rate_of, optional, required, side_of
from .plan_result import Answer, figures_of
from .position import choice
from .results import Unit, declare
from .scenario import parse_scenario
from .tiers import TierTable

__all__ = ["MAX_OPEN_KEYS", "ORDER_COST_KEYS", "RULES", "max_open", "order_cost"]

Rule = Literal["binance", "bybit"]
RULES: Final[tuple[Rule, ...]] = ("binance", "bybit")
ORDER_COST_KEYS: Final = ("side", "quantity", "order_price", "leverage", "rule", "mark_price", "fee_rate")
_TABLE_KEYS: Final = ("exchange", "symbol", "tiers", "maintenance_margin_rate", "maintenance_amount")
MAX_OPEN_KEYS: Final = ("side", "available_balance", "order_price", "leverage", "rule", "mark_price", "fee_rate",
                        "quantity_step", *_TABLE_KEYS)


@dataclass(frozen=True, slots=True)
class OrderCost(Answer):
    QUESTION: ClassVar[str] = "order_cost"

    rule: str = declare(Unit("text"), shown=False)
    side: Side = declare(Unit("choice"))
    initial_margin: Decimal = declare(Unit("money"))
    open_loss: Decimal = declare(Unit("money"))
    fee_to_open: Decimal = declare(Unit("money"))
    fee_to_close: Decimal = declare(Unit("money"))
    cost: Decimal = declare(Unit("money"))


figures_of(OrderCost)


@dataclass(frozen=True, slots=True)
class _Terms:
    """One order's terms, read and checked."""

    rule: Rule
    side: Side
    price: Decimal
    leverage: Decimal
    mark: Decimal
    fee: Decimal

    @property
    def sign(self) -> Decimal:
        return Decimal(1) if self.side == "long" else Decimal(-1)

    def open_loss_per_coin(self) -> Decimal:
        """Binance's open loss on one coin: what the order starts out losing against the mark."""
        if self.rule != "binance":
            return Decimal(0)
        return abs(min(Decimal(0), self.sign * (self.mark - self.price)))

    def bankruptcy_price(self) -> Decimal:
        return self.price * (1 - self.sign / self.leverage)


def _terms(data: Mapping[str, Any]) -> _Terms:
    side = side_of(data)
    price = required(data, "order_price", positive=True)
    leverage = required(data, "leverage", positive=True)
    if leverage < 1:
        raise ScenarioError(("leverage",), "below_one", data["leverage"])
    rule = cast(Rule, choice(data, "rule", RULES, "", ()) if "rule" in data else "")
    if not rule:
        raise ScenarioError(("rule",), "missing")
    mark = optional(data, "mark_price", positive=True) or price
    return _Terms(rule, side, price, leverage, mark, fee_rate_of(data, "fee_rate"))


def _cost(terms: _Terms, quantity: Decimal) -> OrderCost:
    with engine_context():
        margin = quantity * terms.price / terms.leverage
        loss = quantity * terms.open_loss_per_coin()
        to_open = quantity * terms.price * terms.fee if terms.rule == "bybit" else Decimal(0)
        to_close = quantity * terms.bankruptcy_price() * terms.fee if terms.rule == "bybit" else Decimal(0)
        return OrderCost(terms.rule, terms.side, margin, loss, to_open, to_close, margin + loss + to_open + to_close)


def order_cost(data: Mapping[str, Any]) -> OrderCost:
    """What the order ``quantity`` at ``order_price`` and ``leverage`` costs to open under ``rule``."""
    terms = _terms(data)
    return _cost(terms, required(data, "quantity", positive=True))


@dataclass(frozen=True, slots=True)
class MaxOpen(Answer):
    QUESTION: ClassVar[str] = "max_open"

    rule: str = declare(Unit("text"), shown=False)
    side: Side = declare(Unit("choice"))
    max_quantity: Decimal = declare(Unit("quantity"))
    max_notional: Decimal = declare(Unit("money"))
    #: What opening it costs (at most the balance).
    cost: Decimal = declare(Unit("money"))
    #: Whether the tier bracket's leverage cap, rather than the balance, set the size.
    capped_by_bracket: bool = declare(Unit("flag"))


figures_of(MaxOpen)


def _table(data: Mapping[str, Any], price: Decimal) -> TierTable:
    """The tier table the question names (or the engine's default for its symbol), read through a scenario so
    that names, lists, rates and exchange profiles mean what they mean everywhere."""
    position: dict[str, object] = {"side": "long", "entry_price": price, "quantity": "1e-9", "leverage": 1}
    position |= {key: data[key] for key in _TABLE_KEYS if key in data and key != "exchange"}
    scenario: dict[str, object] = {"positions": [position]}
    if "exchange" in data:
        scenario["exchange"] = data["exchange"]
    try:
        return parse_scenario(scenario).positions[0].tiers
    except ScenarioError as err:
        key = str(err.path[2]) if err.path[:2] == ("positions", 0) and len(err.path) > 2 else str(err.path[0])
        raise err.moved((key, *err.path[3:])) from None


def _bracket_cap(table: TierTable, leverage: Decimal, data: Mapping[str, Any]) -> Decimal | None:
    """The largest size (dollars, or coins for a table of size brackets) whose bracket allows *leverage*; None for
    no limit. Caps fall as brackets rise, so it is the cap of the last bracket that allows it."""
    allowed = [tier for tier in table.tiers if tier.max_leverage >= leverage]
    if not allowed:
        first = table.tiers[0]
        raise ScenarioError(("leverage",), "above_bracket", data["leverage"], maximum=first.max_leverage,
                            notional=first.floor, table=table.name)
    return allowed[-1].cap


def max_open(data: Mapping[str, Any]) -> MaxOpen:
    """The largest ``side`` position ``available_balance`` opens at ``order_price`` and ``leverage`` under ``rule``,
    capped by the tier bracket and rounded down to ``quantity_step``."""
    terms = _terms(data)
    balance = required(data, "available_balance", positive=True)
    step = optional(data, "quantity_step", positive=True)
    table = _table(data, terms.price)
    cap = _bracket_cap(table, terms.leverage, data)
    with engine_context():
        if terms.rule == "bybit":
            quantity = balance * terms.leverage / (
                terms.price * (1 + 2 * terms.fee * terms.leverage - terms.sign * terms.fee))
        else:
            quantity = balance / (terms.price / terms.leverage + terms.open_loss_per_coin())
        capped = False
        if cap is not None:
            most = cap if table.basis == "quantity" else cap / terms.price
            if quantity > most:
                quantity, capped = most, True
        if step is not None:
            quantity = (quantity / step).to_integral_value(ROUND_FLOOR) * step
    if quantity <= 0:
        raise ScenarioError(("available_balance",), "balance_too_small", data["available_balance"], step=step)
    cost = _cost(terms, quantity).cost
    with engine_context():
        return MaxOpen(terms.rule, terms.side, quantity, quantity * terms.price, cost, capped)
