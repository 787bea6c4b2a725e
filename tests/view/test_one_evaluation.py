"""A card and a calculator request parse each scenario once, evaluate it once and solve each margin curve once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import calc.liquidation
import margin_view.cards
import margin_view.form.respond
from margin_view.cards import example_view
from margin_view.form.respond import respond
from margin_view.form.schema import DEFAULTS

CARD = {
    "title": "Cross, with an ETH position",
    "scenario": {"mode": "cross", "wallet_balance": 5000, "positions": [
        {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10},
        {"symbol": "ETHUSDT", "side": "short", "entry_price": 3000, "margin": 500, "leverage": 10,
         "maintenance_margin_rate": "0.005"}]},
    "show": ["liquidation_price", "positions[1].liquidation_price", "account.margin_ratio"],
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count parse_scenario and evaluate where the view layer calls them, and every margin-curve solve."""
    counter: Counter[str] = Counter()

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counter[name] += 1
            return function(*args, **kwargs)
        return wrapper

    for module in (margin_view.cards, margin_view.form.respond):
        monkeypatch.setattr(module, "parse_scenario", counted("parse", module.parse_scenario))
        monkeypatch.setattr(module, "evaluate", counted("evaluate", module.evaluate))
    roots = calc.liquidation.MarginCurve.roots
    monkeypatch.setattr(calc.liquidation.MarginCurve, "roots", counted("solve", roots))
    yield counter


def test_a_card_is_parsed_evaluated_and_solved_once_per_curve(calls: Counter[str]) -> None:
    """Two symbols in cross: one parse, one evaluation, one solve per symbol — the calculator link included."""
    view = example_view(CARD)
    assert view["query"] is not None  # the link back to the calculator was worked out without recomputing
    assert calls == Counter(parse=1, evaluate=1, solve=2)


def test_a_calculator_request_evaluates_each_mode_once(calls: Counter[str]) -> None:
    """Both modes shown: one parse and one evaluation each; the chart reuses the solved curves."""
    response = respond({"values": dict(DEFAULTS)})
    assert response["view"] is not None and "<svg" in response["view"]["chart"]  # type: ignore[index]
    assert calls == Counter(parse=2, evaluate=2, solve=2)


def test_a_hedge_shares_one_solve(calls: Counter[str]) -> None:
    """The two legs of a hedge move with one price: their account's curve is solved once."""
    respond({"values": {**DEFAULTS, "mode": "cross", "second": "hedge"}})
    assert calls == Counter(parse=1, evaluate=1, solve=1)
