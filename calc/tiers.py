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
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Final, Literal

from .choices import CONTRACTS, Contract
from .errors import Path, ScenarioError
from .numbers import engine_context, plain
from .tier_rows import Row, Tier, cap_of, check_order, read_row, tier_of

__all__ = [
    "FLAT_MAX_LEVERAGE",
    "Basis",
    "MAX_TIERS",
    "Tier",
    "TierTable",
    "flat_table",
    "load_table",
    "parse_tiers",
    "table_names",
]

#: The packaged tables, by the name a scenario uses in ``"tiers"``.
_PACKAGED: Final = (
    "binance-btcusd", "binance-btcusdt", "binance-btcusdt-2025-08", "binance-ethusdt-2025-08", "bybit-btcusdt", "hyperliquid-btcusdt",
    "hyperliquid-ethusdt", "okx-btcusdt", "okx-ethusdt",
)

#: What a table's brackets measure: the position's notional (Binance, Bybit, Hyperliquid), or its size in the base
#: asset (OKX's position tiers, "maxSz" in contracts), where the maintenance margin is the size's rate times the
#: notional with no deduction.
Basis = Literal["notional", "quantity"]

#: Max leverage of the one-tier table made by the ``maintenance_margin_rate`` shorthand
#: (Binance's first-bracket maximum for BTCUSDT; the shorthand has no key to change it).
FLAT_MAX_LEVERAGE: Final = Decimal(125)

#: Longest tier list accepted (most real tables have about a dozen; OKX's BTC-USDT-SWAP has 99).
MAX_TIERS: Final = 100

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
    basis: Basis = "notional"
    #: The contract a packaged table is for (its brackets are in dollars for linear, in the coin for inverse); None
    #: for a table given in a scenario, which serves either.
    contract: Contract | None = None

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

    def bracket_of(self, quantity: Decimal, notional: Decimal) -> Tier:
        """The tier of a position of *quantity* whose notional is *notional*, by what this table's brackets measure.

        >>> load_table("okx-btcusdt").bracket_of(Decimal("12"), Decimal("1200000")).rate
        Decimal('0.005')
        """
        return self.bracket_for(quantity if self.basis == "quantity" else notional)

    def maintenance_margin(self, notional: Decimal) -> Decimal:
        """``notional × rate − amount`` with the bracket of *notional* (no fee allowance). Brackets of value only: a
        table of size brackets needs the size too (:meth:`bracket_of`)."""
        if self.basis == "quantity":
            raise ValueError(f"{self.name} brackets sizes: use bracket_of(quantity, notional)")
        tier = self.bracket_for(notional)
        with engine_context():
            return notional * tier.rate - tier.amount

    @staticmethod
    def load(name: str) -> TierTable:
        """The packaged table *name* (:func:`load_table`): how clients of the package read one."""
        return load_table(name)

    @staticmethod
    def flat(rate: Decimal, amount: Decimal = Decimal(0), max_leverage: Decimal = FLAT_MAX_LEVERAGE) -> TierTable:
        """A one-bracket table of *rate* (:func:`flat_table`): how clients of the package make one."""
        return flat_table(rate, amount, max_leverage)

    @property
    def is_flat(self) -> bool:
        """True for a one-tier table made by :func:`flat_table`."""
        return self.name == "flat"

    @classmethod
    def from_rows(cls, rows: object, name: str, *, basis: Basis = "notional") -> TierTable:
        """A table from rows given as data, checked by every rule of :func:`parse_tiers` (a given amount must agree
        with the continuity rule): how a tool outside the engine checks an exchange's table before shipping it.

        >>> TierTable.from_rows([{"floor": "0", "max_leverage": "20", "rate": "0.025"}], "x/Y").tiers[0].cap is None
        True
        """
        return parse_tiers(rows, (name,), name=name, source=name, basis=basis)

    def to_data(self) -> dict[str, object]:
        """The position fields that name this table in a scenario: the one way a table is written as data.

        A packaged table by its name, the flat shorthand by its rate and amount, anything else as its tier list.

        >>> flat_table(Decimal("0.005")).to_data()
        {'maintenance_margin_rate': '0.005', 'maintenance_amount': '0'}
        """
        if self.name in _PACKAGED or self.exchange is not None:
            # A packaged table, or one from an exchange's data file (``binance/SOLUSDT``): named, not copied.
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


def parse_tiers(raw: object, path: Path, *, name: str = "custom", source: str = "scenario",
                basis: Basis = "notional") -> TierTable:
    """Validate a tier list given as data (inline in a scenario, or a packaged file's ``"tiers"``).

    Rules: 1 to :data:`MAX_TIERS` tiers; floors strictly ascending from 0; ``cap`` optional, equal to
    the next floor when given (the last may be null or any number above its floor); rates in (0, 1),
    non-decreasing; ``max_leverage`` >= 1, non-increasing; ``amount`` optional — when omitted it is
    derived from the continuity rule ``amount(n) = amount(n−1) + floor(n) × (rate(n) − rate(n−1))``
    (the first tier's amount defaults to 0), and when given it must agree with that rule exactly. Brackets of
    size (*basis* ``"quantity"``) carry no amount: maintenance jumps with the size, not with the price.

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
    rows: list[Row] = []
    for i, item in enumerate(raw):
        row = read_row(item, (*path, i))
        if rows:
            check_order(rows[-1], row)
        elif row.floor != 0:
            raise ScenarioError((*row.path, "floor"), "first_floor_not_zero", row.raw["floor"])
        rows.append(row)
    tiers: list[Tier] = []
    with engine_context():
        for i, row in enumerate(rows):
            next_floor = rows[i + 1].floor if i + 1 < len(rows) else None
            cap = cap_of(row, next_floor)
            if basis == "quantity":
                if row.amount:
                    raise ScenarioError((*row.path, "amount"), "first_amount_not_zero", row.amount)
                tiers.append(Tier(row.floor, cap, row.max_leverage, row.rate, Decimal(0)))
            else:
                tiers.append(tier_of(row, cap, tiers[-1] if tiers else None))
    return TierTable(name=name, tiers=tuple(tiers), source=source, basis=basis)


def table_names() -> tuple[str, ...]:
    """Names of the packaged tier tables.

    >>> table_names()[:2]
    ('binance-btcusd', 'binance-btcusdt')
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
    basis = data.get("basis", "notional")
    if basis not in ("notional", "quantity"):
        raise ValueError(f"calc/tiers/{name}.json: basis {basis!r}")
    contract = data.get("contract", "linear")
    if contract not in CONTRACTS:
        raise ValueError(f"calc/tiers/{name}.json: contract {contract!r}")
    table = parse_tiers(data["tiers"], (f"calc/tiers/{name}.json", "tiers"), name=name, source=data["source"],
                        basis=basis)
    return TierTable(
        name=name,
        tiers=table.tiers,
        source=data["source"],
        retrieved=data["retrieved"],
        exchange=data["exchange"],
        symbol=data["symbol"],
        note=data.get("note"),
        basis=table.basis,
        contract=contract,
    )
