"""The three explainers of one scenario as JSON-ready data: the worked equation, the wick, the aftermath.

``python -m calc --explain [--wick DEPTH] [FILE]`` prints this; the site's explainers show the same numbers
through the view layer (:mod:`margin_view.explainers.panels`), and the tests compare the two. Numbers are exact decimal
strings, as in :func:`calc.results.result_to_data`; a missing figure is ``null``.

>>> data = explainers_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> p = data["positions"][0]
>>> p["equation"]["numerator"], p["equation"]["denominator"], p["aftermath"]["bankruptcy_price"]
('-9000', '-0.1992', '45000')
>>> p["wick"]["liquidated_at"] is None, p["wick"]["depth"]
(True, '1.5')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal

from .aftermath import aftermath
from .evaluate import evaluate
from .explain import explain
from .numbers import plain
from .scenario import parse_scenario
from .wick import DEPTH_DEFAULT, wick

__all__ = ["explainers_data", "to_data"]


def to_data(value: object) -> object:
    """A dataclass tree as JSON-ready data: Decimals as plain strings, tuples as lists, None as null."""
    if isinstance(value, Decimal):
        return plain(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


def explainers_data(data: Mapping[str, object], depth: Decimal = DEPTH_DEFAULT) -> dict[str, object]:
    """Every position's equation, aftermath and wick (at *depth*) for scenario *data* (raises ScenarioError)."""
    scenario = parse_scenario(data)
    result = evaluate(scenario)  # each curve solved once, for all three
    return {
        "positions": [
            {
                "equation": to_data(explain(scenario, index, result.roots(index))),
                "aftermath": to_data(aftermath(scenario, index, result.roots(index))),
                "wick": to_data(wick(scenario, index, depth, result.roots(index))),
            }
            for index in range(len(scenario.positions))
        ]
    }
