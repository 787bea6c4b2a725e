"""The position-size question: how big a trade may be for its risk and stop, and whether the stop fires before
liquidation.

A reader decides the risk (a share of the account, or an amount), the entry and the stop; the size follows, and
leverage only decides the margin and where liquidation sits. Three answers, all exact:

* **Position size.** The quantity whose loss at the stop, fees on both legs included, equals the risk:

  - linear (sized in the coin, settled in dollars): ``Q = R / (|E − S| + f·(E + S))``. The price term is the
    risk-per-trade rule every position-size calculator uses (risk amount ÷ distance to the stop); the fee term is
    the taker fee on each leg's notional, ``fee = notional × fee rate`` (Binance, "How to Calculate Trading Fees";
    Bybit, "Trading Fee Structure"): ``f·Q·E`` to open, ``f·Q·S`` to close at the stop.
  - inverse (sized in dollars, settled in the coin; balance and risk in the coin): a long of ``N`` dollars loses
    ``N·(1/S − 1/E)`` coins at the stop (BitMEX, "Inverse Futures": profit ``N·(1/E − 1/P)``), and each leg's fee is
    ``f·N/P`` coins (Bybit, "Trading Fee Calculation" for inverse contracts), so
    ``N = R / (|1/S − 1/E| + f·(1/E + 1/S)) = R·E·S / (|E − S| + f·(E + S))``.

* **Stop against liquidation.** The same position at the reader's leverage and mode, evaluated as a scenario
  (isolated: backed by its margin; cross: by the account balance), so its liquidation price follows the tier table,
  the maintenance valuation and the closing-fee rule of the chosen exchange exactly as the liquidation calculator's
  does. The stop fires first when it lies strictly between the entry and the liquidation price.

* **The highest leverage for this stop.** The largest whole leverage at which the isolated position is liquidated
  strictly beyond the stop, no higher than its bracket's cap at entry (exchanges check leverage against the bracket
  when the order is placed). An isolated margin shrinks as leverage grows (``value/L``, plus Bybit's fee to close,
  ``f·value·(1 ∓ 1/L)``, which shrinks too while ``f < 1``), and the liquidation price moves toward the entry as the
  margin shrinks. The stop comes first while the margin curve is above zero at the stop, and the margin enters
  that curve as ``a/L``: the answer is a closed form, ``L < a/(−b)``; under Bybit's fee to close, which moves with
  the leverage too, whole leverages are bisected.

>>> answer = position_size({"side": "long", "entry_price": 100, "stop_price": 95,
...                "account_balance": 10000, "risk": "0.01", "leverage": 10, "maintenance_margin_rate": "0.004"})
>>> answer.quantity, answer.notional, answer.stop_before_liquidation, answer.max_leverage
(Decimal('20.00'), Decimal('2000.00'), True, Decimal('18'))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Final, cast

from .choices import CONTRACTS, MODES, Contract, Mode, Side
from .errors import MISSING, ScenarioError
from .liquidation import margin_curve, nearest_root
from .number_input import to_decimal
from .numbers import engine_context
from .plan_input import fee_rate_of, required, side_of
from .plan_result import Plan
from .position import DEFAULT_INVERSE_SYMBOL, DEFAULT_SYMBOL, SYMBOL_PATTERN, base_asset, choice
from .scenario import Scenario, parse_scenario
from .stop import stop_first

__all__ = ["SIZE_KEYS", "position_size"]

#: The maintenance inputs a position takes, passed to the scenario as they are.
_MAINTENANCE_KEYS: Final = ("symbol", "tiers", "maintenance_margin_rate", "maintenance_amount")
SIZE_KEYS: Final = ("side", "entry_price", "stop_price", "account_balance", "risk", "risk_amount",
                    "fee_rate", "leverage", "mode", "contract", "exchange", *_MAINTENANCE_KEYS)
#: Errors that mean "no maintenance rule is known for this symbol": the size is still answered, the rest is not.
_NO_MAINTENANCE: Final = frozenset({"tiers_needed", "no_profile_table"})
_ONE: Final = Decimal(1)




@dataclass(frozen=True, slots=True)
class _Question:
    symbol: str
    side: Side
    contract: Contract
    mode: Mode
    entry: Decimal
    stop: Decimal
    balance: Decimal
    risk: Decimal
    fee_rate: Decimal
    leverage: object  # as given: the scenario checks it against the bracket
    exchange: object
    maintenance: Mapping[str, object]

    @property
    def sign(self) -> Decimal:
        return _ONE if self.side == "long" else -_ONE


def _read(data: Mapping[str, Any]) -> _Question:
    """The question's inputs, each checked, in the order a form shows them."""
    side = side_of(data)
    contract = cast(Contract, choice(data, "contract", CONTRACTS, "linear", ()))
    mode = cast(Mode, choice(data, "mode", MODES, "isolated", ()))
    entry = required(data, "entry_price", positive=True)
    stop = required(data, "stop_price", positive=True)
    if side == "long" and stop >= entry:
        raise ScenarioError(("stop_price",), "stop_not_below_entry", data["stop_price"], entry=entry)
    if side == "short" and stop <= entry:
        raise ScenarioError(("stop_price",), "stop_not_above_entry", data["stop_price"], entry=entry)
    balance = required(data, "account_balance", positive=True)
    if "risk" in data and "risk_amount" in data:
        raise ScenarioError(("risk_amount",), "conflicts_with", data["risk_amount"], other="risk")
    if "risk_amount" in data:
        risk = to_decimal(data["risk_amount"], ("risk_amount",), positive=True)
        if risk > balance:
            raise ScenarioError(("risk_amount",), "risk_above_balance", data["risk_amount"], balance=balance)
    else:
        share = required(data, "risk", positive=True)
        if share >= 1:
            raise ScenarioError(("risk",), "not_a_rate", data["risk"])
        with engine_context():
            risk = balance * share
    fee_rate = fee_rate_of(data, "fee_rate")
    symbol = data.get("symbol", DEFAULT_INVERSE_SYMBOL if contract == "inverse" else DEFAULT_SYMBOL)
    if not isinstance(symbol, str) or not SYMBOL_PATTERN.fullmatch(symbol):
        raise ScenarioError(("symbol",), "not_a_symbol", symbol)
    return _Question(symbol, side, contract, mode, entry, stop, balance, risk, fee_rate, data.get("leverage", MISSING),
                     data.get("exchange", MISSING), {k: data[k] for k in _MAINTENANCE_KEYS if k in data})


def _sized(q: _Question) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(quantity, notional, loss from the price move, fees) for the risk: see the module's formulas."""
    with engine_context():
        if q.contract == "inverse":  # |1/S − 1/E| = |E − S|/(E·S): dividing once keeps round figures exact
            both = q.entry * q.stop
            notional = q.risk * both / (abs(q.entry - q.stop) + q.fee_rate * (q.entry + q.stop))
            return (notional / q.entry, notional, notional * abs(q.entry - q.stop) / both,
                    notional * q.fee_rate * (q.entry + q.stop) / both)
        per_coin = abs(q.entry - q.stop)
        fee_per_coin = q.fee_rate * (q.entry + q.stop)
        quantity = q.risk / (per_coin + fee_per_coin)
        return quantity, quantity * q.entry, quantity * per_coin, quantity * fee_per_coin


def _scenario(q: _Question, size: Decimal, mode: Mode, leverage: object) -> Scenario:
    """The planned position as a one-position scenario, so the liquidation price is the calculator's own."""
    position: dict[str, object] = {"side": q.side, "contract": q.contract, "entry_price": q.entry,
                                   ("notional" if q.contract == "inverse" else "quantity"): size,
                                   "stop_price": q.stop, **q.maintenance}
    if leverage is not MISSING:
        position["leverage"] = leverage
    data: dict[str, object] = {"mode": mode, "positions": [position]}
    if q.exchange is not MISSING:
        data["exchange"] = q.exchange
    if mode == "cross":
        if q.contract == "inverse":  # a coin-margined wallet is its coin, written as collateral with no haircut
            data["collateral"] = [{"asset": base_asset(q.symbol), "amount": q.balance, "haircut": 0}]
        else:
            data["wallet_balance"] = q.balance
    try:
        return parse_scenario(data)
    except ScenarioError as err:
        raise _as_question_error(err) from None


def _as_question_error(err: ScenarioError) -> ScenarioError:
    """The scenario's error, named by the question's key: ``positions[0].leverage`` is ``leverage``, the cross
    wallet (or a coin wallet's collateral) is ``account_balance``, a size the engine refuses comes from the risk."""
    path = err.path
    if path[:2] == ("positions", 0) and len(path) > 2:
        key = str(path[2])
        path = ("risk",) if key in ("quantity", "notional") else (key, *path[3:])
    elif path[:1] in (("wallet_balance",), ("collateral",)):
        path = ("account_balance",)
    return err.moved(path)


def _race(scenario: Scenario) -> tuple[Decimal | None, bool]:
    """The position's liquidation price and whether its stop fires first (:func:`calc.liquidation.stop_first`)."""
    position = scenario.positions[0]
    roots = margin_curve(scenario, 0).roots()
    return nearest_root(roots, position.mark_price), bool(stop_first(position, roots))


def _at_leverage(at_one: Scenario, leverage: int) -> Scenario:
    """The isolated scenario *at_one* (the position at 1x) at another whole *leverage*: its margin the entry value
    over the leverage, plus the fee to close where the rules hold it in the margin, as parsing it would make it.
    Built directly, not parsed again: every answer asks for two leverages (a bisection, about seven)."""
    position = at_one.positions[0]
    lever = Decimal(leverage)
    with engine_context():
        held = replace(position, leverage=lever, margin=position.entry_value / lever)
        if at_one.fee_price == "bankruptcy":
            held = replace(held, margin=held.margin + held.fee_to_close(at_one.fee_rate))  # type: ignore[operator]
    return replace(at_one, positions=(held,))


def _max_leverage(q: _Question, at_one: Scenario, cap: Decimal) -> Decimal | None:
    """The highest whole leverage up to *cap* whose isolated liquidation lies beyond the stop (module docstring).

    One position alone has one liquidation price on its losing side, and its margin curve falls toward it from the
    mark: the stop comes strictly first exactly when the curve is still above zero at the stop, ``f(S; L) > 0``.
    The margin ``V/L`` enters the curve linearly and nothing else there depends on the leverage, so
    ``f(S; L) = a/L + b``, known from two leverages: the answer is then a closed form. Where the fee to close is
    valued at the bankruptcy price (Bybit) that fee moves with the leverage too, and whole leverages are bisected.
    """
    top = int(cap.to_integral_value(ROUND_FLOOR))

    def value(leverage: int) -> Decimal:
        return margin_curve(_at_leverage(at_one, leverage), 0).value(q.stop)

    if at_one.fee_price == "bankruptcy" and at_one.fee_rate:
        return _bisected(value, top)
    with engine_context():
        one, two = value(1), value(2)
        a = 2 * (one - two)  # the margin's share: f(S; 1) − f(S; 2) = a/2
        b = one - a
        if one <= 0:
            return None  # not even 1x keeps liquidation beyond the stop
        if b >= 0:
            return Decimal(top)  # the curve stays above zero at the stop whatever the leverage
        bound = a / -b  # f(S; L) > 0 exactly while L < a/(−b)
        whole = bound.to_integral_value(ROUND_FLOOR)
        best = whole - 1 if whole == bound else whole
    return Decimal(min(int(best), top))


def _bisected(value: Callable[[int], Decimal], top: int) -> Decimal | None:
    """The highest whole leverage from 1 to *top* whose curve *value* at the stop is above zero (it falls as the
    leverage rises), by bisection."""
    low, high = 1, top
    if value(low) <= 0:
        return None
    while low < high:  # invariant: value(low) > 0; every leverage above high is unsafe or above the cap
        middle = (low + high + 1) // 2
        if value(middle) > 0:
            low = middle
        else:
            high = middle - 1
    return Decimal(low)


def position_size(data: Mapping[str, Any]) -> Plan:
    """Answer a position-size question (the module's formulas); raise :class:`ScenarioError` naming its key."""
    q = _read(data)
    quantity, notional, loss, fees = _sized(q)
    size = notional if q.contract == "inverse" else quantity
    with engine_context():
        answer = Plan(q.symbol, q.side, q.contract, q.mode, q.entry, q.stop, q.balance, q.risk, q.fee_rate, quantity,
                      notional, abs(q.entry - q.stop) / q.entry, loss, fees)
    try:
        at_one = _scenario(q, size, "isolated", 1)
    except ScenarioError as err:
        if err.kind not in _NO_MAINTENANCE or q.leverage is not MISSING or q.mode == "cross":
            raise
        return answer  # no maintenance rule for this symbol, and no leverage asked about: the size is the answer
    position = at_one.positions[0]
    cap = position.tiers.bracket_of(position.quantity, position.entry_value).max_leverage
    answer = replace(answer, maintenance_known=True, leverage_cap=cap, max_leverage=_max_leverage(q, at_one, cap))
    if q.leverage is MISSING and q.mode == "isolated":
        return answer
    chosen = _scenario(q, size, q.mode, q.leverage)
    held = chosen.positions[0]
    liquidation, first = _race(chosen)
    with engine_context():
        gap = None if liquidation is None else q.sign * (q.stop - liquidation)
    return replace(answer, leverage=held.leverage, margin=held.margin, liquidation_known=True,
                 liquidation_price=liquidation, stop_before_liquidation=first,
                 stop_to_liquidation=gap)
