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

from .errors import MISSING, ScenarioError
from .numbers import engine_context, to_decimal

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


def parse_tiers(raw: object, path: str, *, name: str = "custom", source: str = "scenario") -> TierTable:
    """Validate a tier list given as data (inline in a scenario, or a packaged file's ``"tiers"``).

    Rules: 1 to :data:`MAX_TIERS` tiers; floors strictly ascending from 0; ``cap`` optional, equal to
    the next floor when given (the last may be null or any number above its floor); rates in (0, 1),
    non-decreasing; ``max_leverage`` >= 1, non-increasing; ``amount`` optional — when omitted it is
    derived from the continuity rule ``amount(n) = amount(n−1) + floor(n) × (rate(n) − rate(n−1))``
    (the first tier's amount defaults to 0), and when given it must agree with that rule exactly.

    >>> t = parse_tiers([{"floor": 0, "max_leverage": 125, "rate": "0.004"},
    ...                  {"floor": 50000, "max_leverage": 100, "rate": "0.005"}], "tiers")
    >>> t.tiers[1].amount, t.tiers[0].cap
    (Decimal('50.000'), Decimal('50000'))
    """
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise ScenarioError(path, raw, "is not a list of tiers")
    if not raw:
        raise ScenarioError(path, raw, "is empty; give at least one tier")
    if len(raw) > MAX_TIERS:
        raise ScenarioError(path, MISSING, f"has {len(raw)} tiers; at most {MAX_TIERS} are accepted")
    rows: list[tuple[Decimal, object, Decimal, Decimal, Decimal | None]] = []
    for i, item in enumerate(raw):
        here = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(here, item, "is not an object")
        for key in item:
            if key not in _TIER_KEYS:
                raise ScenarioError(
                    f"{here}.{key}", MISSING, f"is not a known key; expected {', '.join(sorted(_TIER_KEYS))}"
                )
        for key in ("floor", "max_leverage", "rate"):
            if key not in item:
                raise ScenarioError(f"{here}.{key}", MISSING, "is missing")
        floor = to_decimal(item["floor"], f"{here}.floor", non_negative=True)
        max_leverage = to_decimal(item["max_leverage"], f"{here}.max_leverage")
        rate = to_decimal(item["rate"], f"{here}.rate")
        amount = None
        if item.get("amount") is not None:
            amount = to_decimal(item["amount"], f"{here}.amount", non_negative=True)
        if max_leverage < 1:
            raise ScenarioError(f"{here}.max_leverage", item["max_leverage"], "is below 1x")
        if not 0 < rate < 1:
            raise ScenarioError(f"{here}.rate", item["rate"], "is not between 0 and 1 (exclusive)")
        if i == 0 and floor != 0:
            raise ScenarioError(f"{here}.floor", item["floor"], "must be 0: the first tier starts at zero notional")
        if rows:
            prev_floor, _, prev_lev, prev_rate, _ = rows[-1]
            if floor <= prev_floor:
                raise ScenarioError(f"{here}.floor", item["floor"], "is not above the previous tier's floor")
            if rate < prev_rate:
                raise ScenarioError(f"{here}.rate", item["rate"], "is below the previous tier's rate")
            if max_leverage > prev_lev:
                raise ScenarioError(
                    f"{here}.max_leverage", item["max_leverage"], "is above the previous tier's max leverage"
                )
        rows.append((floor, item.get("cap"), max_leverage, rate, amount))

    tiers: list[Tier] = []
    with engine_context():
        for i, (floor, raw_cap, max_leverage, rate, amount) in enumerate(rows):
            here = f"{path}[{i}]"
            next_floor = rows[i + 1][0] if i + 1 < len(rows) else None
            cap: Decimal | None = next_floor
            if raw_cap is not None:
                given = to_decimal(raw_cap, f"{here}.cap", positive=True)
                if next_floor is not None and given != next_floor:
                    raise ScenarioError(f"{here}.cap", raw_cap, f"is not the next tier's floor ({next_floor})")
                if next_floor is None:
                    if given <= floor:
                        raise ScenarioError(f"{here}.cap", raw_cap, "is not above the tier's floor")
                    cap = given
            if not tiers and amount:
                # From a floor of 0 a positive amount would make small positions' maintenance margin negative.
                raise ScenarioError(f"{here}.amount", amount, "must be 0 for the first tier (it starts at 0)")
            if tiers:
                prev = tiers[-1]
                expected = prev.amount + floor * (rate - prev.rate)
                if amount is not None and amount != expected:
                    raise ScenarioError(
                        f"{here}.amount",
                        amount,
                        f"breaks continuity: amount(n−1) + floor × (rate − previous rate) = {expected}",
                    )
                amount = expected
            tiers.append(Tier(floor, cap, max_leverage, rate, amount if amount is not None else Decimal(0)))
    return TierTable(name=name, tiers=tuple(tiers), source=source)


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
        raise ScenarioError("tiers", name, f"is not a known tier table; known: {', '.join(_PACKAGED)}")
    # The only I/O in the engine: package data, read through importlib.resources so it
    # works wherever the package lives (site-packages, a zip, Pyodide's in-memory FS).
    text = (resources.files("calc") / "tiers" / f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    table = parse_tiers(data["tiers"], f"calc/tiers/{name}.json:tiers", name=name, source=data["source"])
    return TierTable(
        name=name,
        tiers=table.tiers,
        source=data["source"],
        retrieved=data["retrieved"],
        exchange=data["exchange"],
        symbol=data["symbol"],
        note=data.get("note"),
    )
