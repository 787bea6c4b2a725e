"""Tiered maintenance margin: brackets of position notional, each with a rate, an amount and a max leverage.

Exchanges charge maintenance margin per notional bracket::

    maintenance_margin(n) = n × rate(tier of n) − amount(tier of n)

The *amount* (Binance: "maintenance amount", ``cum``; Bybit and Hyperliquid: "maintenance margin
deduction") keeps that function continuous at every bracket edge. Binance FAQ "How to Calculate
Liquidation Price of USDⓈ-M Futures Contracts" and Bybit's risk-limit help page give the same rule::

    amount(n) = amount(n−1) + floor(n) × (rate(n) − rate(n−1))

so maintenance margin is a continuous, convex, piecewise-linear function of notional. Tables ship
as dated JSON data files in ``calc/tiers/`` with their source, never as constants in code.

>>> table = load_table("binance-btcusdt")
>>> table.bracket_for(Decimal("60000")).rate
Decimal('0.005')
>>> table.maintenance_margin(Decimal("60000"))
Decimal('250.000')
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Final

from .errors import Path, ScenarioError
from .numbers import engine_context, plain, to_decimal

__all__ = [
    "FLAT_MAX_LEVERAGE",
    "MAX_TIERS",
    "Tier",
    "TierTable",
    "flat_table",
    "load_table",
    "parse_tiers",
    "table_names",
]

#: The packaged tables, by the name a scenario uses in ``"tiers"``.
_PACKAGED: Final = ("binance-btcusdt", "bybit-btcusdt")

#: Max leverage of the one-tier table made by the ``maintenance_margin_rate`` shorthand
#: (Binance's first-bracket maximum for BTCUSDT; the shorthand has no key to change it).
FLAT_MAX_LEVERAGE: Final = Decimal(125)

#: Longest tier list accepted inline (real tables have about a dozen).
MAX_TIERS: Final = 50

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
class TierTable:
    """A maintenance-margin schedule and where it came from."""

    name: str
    tiers: tuple[Tier, ...]
    source: str
    retrieved: str | None = None
    exchange: str | None = None
    symbol: str | None = None
    note: str | None = None

    def __hash__(self) -> int:
        # Equal tables have equal names and sources, so these alone make a valid hash; hashing every tier's
        # Decimals would cost the browser's pure-Python decimal a tenth of a millisecond per lookup.
        return hash((self.name, self.source, self.retrieved, len(self.tiers)))

    def bracket_for(self, notional: Decimal) -> Tier:
        """The tier with ``floor <= notional < cap``; above the last cap, the last tier.

        >>> load_table("binance-btcusdt").bracket_for(Decimal("50000")).max_leverage
        Decimal('100')
        """
        # Tables are short (a dozen rows), so a backwards scan beats bisect's setup.
        for tier in reversed(self.tiers):
            if tier.floor <= notional:
                return tier
        return self.tiers[0]

    def maintenance_margin(self, notional: Decimal) -> Decimal:
        """``notional × rate − amount`` with the bracket of *notional* (no fee allowance)."""
        tier = self.bracket_for(notional)
        with engine_context():
            return notional * tier.rate - tier.amount

    @property
    def is_flat(self) -> bool:
        """True for a one-tier table made by :func:`flat_table`."""
        return self.name == "flat"

    def to_data(self) -> dict[str, object]:
        """The position fields that name this table in a scenario: the one way a table is written as data.

        A packaged table by its name, the flat shorthand by its rate and amount, anything else as its tier list.

        >>> flat_table(Decimal("0.005")).to_data()
        {'maintenance_margin_rate': '0.005', 'maintenance_amount': '0'}
        """
        if self.name in _PACKAGED:
            return {"tiers": self.name}
        first = self.tiers[0]
        if self.is_flat and first.max_leverage == FLAT_MAX_LEVERAGE:
            return {"maintenance_margin_rate": plain(first.rate), "maintenance_amount": plain(first.amount)}
        rows = [{"floor": plain(t.floor), "cap": None if t.cap is None else plain(t.cap),
                 "max_leverage": plain(t.max_leverage), "rate": plain(t.rate), "amount": plain(t.amount)}
                for t in self.tiers]
        return {"tiers": rows}


def flat_table(
    rate: Decimal,
    amount: Decimal = Decimal(0),
    max_leverage: Decimal = FLAT_MAX_LEVERAGE,
) -> TierTable:
    """A one-bracket table: the ``maintenance_margin_rate`` / ``maintenance_amount`` shorthand.

    Its max leverage is 125x unless given. A non-zero *amount* is allowed so that one bracket
    of a real table can be used on its own, as in Binance's FAQ cross example (MMR 2.5%, cum 16,300).

    >>> flat_table(Decimal("0.005")).maintenance_margin(Decimal("20000"))
    Decimal('100.000')
    """
    return TierTable(
        name="flat",
        tiers=(Tier(Decimal(0), None, max_leverage, rate, amount),),
        source="scenario: maintenance_margin_rate shorthand",
    )


def parse_tiers(raw: object, path: Path, *, name: str = "custom", source: str = "scenario") -> TierTable:
    """Validate a tier list given as data (inline in a scenario, or a packaged file's ``"tiers"``).

    Rules: 1 to :data:`MAX_TIERS` tiers; floors strictly ascending from 0; ``cap`` optional, equal to
    the next floor when given (the last may be null or any number above its floor); rates in (0, 1),
    non-decreasing; ``max_leverage`` >= 1, non-increasing; ``amount`` optional — when omitted it is
    derived from the continuity rule ``amount(n) = amount(n−1) + floor(n) × (rate(n) − rate(n−1))``
    (the first tier's amount defaults to 0), and when given it must agree with that rule exactly.

    >>> t = parse_tiers([{"floor": 0, "max_leverage": 125, "rate": "0.004"},
    ...                  {"floor": 50000, "max_leverage": 100, "rate": "0.005"}], ("tiers",))
    >>> t.tiers[1].amount, t.tiers[0].cap
    (Decimal('50.000'), Decimal('50000'))
    """
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise ScenarioError(path, "not_a_tier_list", raw)
    if not raw:
        raise ScenarioError(path, "no_tiers", raw)
    if len(raw) > MAX_TIERS:
        raise ScenarioError(path, "too_many_tiers", count=len(raw), maximum=MAX_TIERS)
    rows: list[_Row] = []
    for i, item in enumerate(raw):
        row = _read_row(item, (*path, i))
        if rows:
            _check_order(rows[-1], row)
        elif row.floor != 0:
            raise ScenarioError((*row.path, "floor"), "first_floor_not_zero", row.raw["floor"])
        rows.append(row)
    tiers: list[Tier] = []
    with engine_context():
        for i, row in enumerate(rows):
            next_floor = rows[i + 1].floor if i + 1 < len(rows) else None
            tiers.append(_tier(row, _cap(row, next_floor), tiers[-1] if tiers else None))
    return TierTable(name=name, tiers=tuple(tiers), source=source)


@dataclass(frozen=True, slots=True)
class _Row:
    """One inline tier as read, before its cap and amount are settled."""

    path: Path
    raw: Mapping[str, object]
    floor: Decimal
    max_leverage: Decimal
    rate: Decimal
    amount: Decimal | None


def _read_row(item: object, here: Path) -> _Row:
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
    return _Row(here, item, floor, max_leverage, rate, amount)


def _check_order(previous: _Row, row: _Row) -> None:
    """Floors rise, rates do not fall, maximum leverage does not rise, from one tier to the next."""
    if row.floor <= previous.floor:
        raise ScenarioError((*row.path, "floor"), "floor_not_ascending", row.raw["floor"])
    if row.rate < previous.rate:
        raise ScenarioError((*row.path, "rate"), "rate_decreasing", row.raw["rate"])
    if row.max_leverage > previous.max_leverage:
        raise ScenarioError((*row.path, "max_leverage"), "leverage_increasing", row.raw["max_leverage"])


def _cap(row: _Row, next_floor: Decimal | None) -> Decimal | None:
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


def _tier(row: _Row, cap: Decimal | None, previous: Tier | None) -> Tier:
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


def table_names() -> tuple[str, ...]:
    """Names of the packaged tier tables.

    >>> table_names()
    ('binance-btcusdt', 'bybit-btcusdt')
    """
    return _PACKAGED


@functools.cache
def load_table(name: str) -> TierTable:
    """Load a packaged tier table by name (cached; works from a wheel, a zip or Pyodide's FS).

    >>> load_table("binance-btcusdt").retrieved
    '2024-10-24'
    """
    if name not in _PACKAGED:
        raise ScenarioError(("tiers",), "unknown_table", name, known=_PACKAGED)
    # The only I/O in the engine: package data, read through importlib.resources so it
    # works wherever the package lives (site-packages, a zip, Pyodide's in-memory FS).
    text = (resources.files("calc") / "tiers" / f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    table = parse_tiers(data["tiers"], (f"calc/tiers/{name}.json", "tiers"), name=name, source=data["source"])
    return TierTable(
        name=name,
        tiers=table.tiers,
        source=data["source"],
        retrieved=data["retrieved"],
        exchange=data["exchange"],
        symbol=data["symbol"],
        note=data.get("note"),
    )
