"""One tier of a maintenance-margin table, and the checks each tier of a list given as data must pass.

:func:`calc.tiers.parse_tiers` reads a list row by row with these: floors rise strictly from 0, rates never fall,
maximum leverage never rises, a cap equals the next floor, and an amount agrees with the continuity rule (see
:mod:`calc.tiers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from .errors import Path, ScenarioError
from .number_input import to_decimal

__all__ = ["Row", "Tier", "cap_of", "check_order", "read_row", "tier_of"]

_TIER_KEYS: Final = frozenset({"floor", "cap", "max_leverage", "rate", "amount"})


@dataclass(frozen=True, slots=True)
class Tier:
    """One notional bracket: ``floor <= notional < cap`` (``cap`` None: unbounded)."""

    floor: Decimal
    cap: Decimal | None
    max_leverage: Decimal
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Row:
    """One inline tier as read, before its cap and amount are settled."""

    path: Path
    raw: Mapping[str, object]
    floor: Decimal
    max_leverage: Decimal
    rate: Decimal
    amount: Decimal | None


def read_row(item: object, here: Path) -> Row:
    if not isinstance(item, Mapping):
        raise ScenarioError(here, "not_an_object", item)
    for key in item:
        if key not in _TIER_KEYS:
            raise ScenarioError((*here, str(key)), "unknown_key", known=sorted(_TIER_KEYS))
    for key in ("floor", "max_leverage", "rate"):
        if key not in item:
            raise ScenarioError((*here, key), "missing")
    floor = to_decimal(item["floor"], (*here, "floor"), non_negative=True)
    max_leverage = to_decimal(item["max_leverage"], (*here, "max_leverage"))
    rate = to_decimal(item["rate"], (*here, "rate"))
    amount = None
    if item.get("amount") is not None:
        amount = to_decimal(item["amount"], (*here, "amount"), non_negative=True)
    if max_leverage < 1:
        raise ScenarioError((*here, "max_leverage"), "below_one", item["max_leverage"])
    if not 0 < rate < 1:
        raise ScenarioError((*here, "rate"), "not_a_rate", item["rate"])
    return Row(here, item, floor, max_leverage, rate, amount)


def check_order(previous: Row, row: Row) -> None:
    """Floors rise, rates do not fall, maximum leverage does not rise, from one tier to the next."""
    if row.floor <= previous.floor:
        raise ScenarioError((*row.path, "floor"), "floor_not_ascending", row.raw["floor"])
    if row.rate < previous.rate:
        raise ScenarioError((*row.path, "rate"), "rate_decreasing", row.raw["rate"])
    if row.max_leverage > previous.max_leverage:
        raise ScenarioError((*row.path, "max_leverage"), "leverage_increasing", row.raw["max_leverage"])


def cap_of(row: Row, next_floor: Decimal | None) -> Decimal | None:
    """The tier's upper edge: the next floor; a given cap must agree, or (last tier) lie above the floor."""
    raw_cap = row.raw.get("cap")
    if raw_cap is None:
        return next_floor
    given = to_decimal(raw_cap, (*row.path, "cap"), positive=True)
    if next_floor is not None:
        if given != next_floor:
            raise ScenarioError((*row.path, "cap"), "cap_not_next_floor", raw_cap, next_floor=next_floor)
        return next_floor
    if given <= row.floor:
        raise ScenarioError((*row.path, "cap"), "cap_not_above_floor", raw_cap)
    return given


def tier_of(row: Row, cap: Decimal | None, previous: Tier | None) -> Tier:
    """The tier with its amount: derived from the continuity rule, or checked against it when given."""
    if previous is None:
        if row.amount:
            # From a floor of 0 a positive amount would make small positions' maintenance margin negative.
            raise ScenarioError((*row.path, "amount"), "first_amount_not_zero", row.amount)
        return Tier(row.floor, cap, row.max_leverage, row.rate, Decimal(0))
    expected = previous.amount + row.floor * (row.rate - previous.rate)
    if row.amount is not None and row.amount != expected:
        raise ScenarioError((*row.path, "amount"), "amount_discontinuous", row.amount, expected=expected)
    return Tier(row.floor, cap, row.max_leverage, row.rate, expected)
