"""Reading a planning question's inputs: each value checked once, exactly, or refused with the key at fault.

>>> required({"entry_price": "50000"}, "entry_price", positive=True)
Decimal('50000')
>>> side_of({"side": "flat"})
Traceback (most recent call last):
...
calc.errors.ScenarioError: side: "flat" is not one of 'long', 'short'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from .choices import CONTRACTS, SIDES, Contract, Side
from .errors import ScenarioError
from .number_input import to_decimal
from .position import choice
from .scenario import MAX_FEE_RATE

__all__ = ["contract_of", "fee_rate_of", "optional", "required", "side_of"]


def required(data: Mapping[str, Any], key: str, **checks: bool) -> Decimal:
    """``data[key]`` as a number (``positive=True`` or ``non_negative=True`` check its sign)."""
    if key not in data:
        raise ScenarioError((key,), "missing")
    return to_decimal(data[key], (key,), **checks)


def optional(data: Mapping[str, Any], key: str, **checks: bool) -> Decimal | None:
    """``data[key]`` as a number, or None when the question leaves it out."""
    return to_decimal(data[key], (key,), **checks) if key in data else None


def side_of(data: Mapping[str, Any]) -> Side:
    if "side" not in data:
        raise ScenarioError(("side",), "missing")
    return cast(Side, choice(data, "side", SIDES, "", ()))


def contract_of(data: Mapping[str, Any]) -> Contract:
    return cast(Contract, choice(data, "contract", CONTRACTS, "linear", ()))


def fee_rate_of(data: Mapping[str, Any], key: str) -> Decimal:
    """A fee rate, zero when left out, at most :data:`~calc.scenario.MAX_FEE_RATE` (5 %)."""
    rate = to_decimal(data.get(key, 0), (key,), non_negative=True)
    if rate > MAX_FEE_RATE:
        raise ScenarioError((key,), "fee_above_max", data[key], maximum=MAX_FEE_RATE)
    return rate
