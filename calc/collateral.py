"""Collateral in coins besides a cross wallet's dollars, each valued at its price less a haircut.

A cross account may hold coins as margin: Binance Multi-Assets Mode (USDⓈ-M, cross only), Bybit's and OKX's unified
accounts, Kraken's multi-collateral. Each counts at its price times a collateral ratio, ``1 − haircut`` (Binance,
"What Is Multi-Assets Mode", 2021-05-28: "BNB with a market value of $1000 will be valued at $950"; Kraken: "Margin
Equity = [Balance Value in USD × (1 − Haircut)] + unrealized P&L"). A coin-margined (inverse) cross account is the
same with no haircut: its wallet is coins.

A coin the positions trade has one price, their mark: in the liquidation solve it moves with that symbol's price,
so ``units`` coins are worth ``units × P`` (:class:`calc.liquidation.MarginCurve`).

>>> c = Collateral("BTC", Decimal("0.5"), Decimal("50000"), Decimal("0.05"))
>>> c.value, c.units, c.market_value
(Decimal('23750.000'), Decimal('0.475'), Decimal('25000.0'))
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Final, cast

from .errors import MISSING, Path, ScenarioError
from .number_input import to_decimal
from .numbers import engine_context
from .position import Position, check_keys

__all__ = ["COLLATERAL_KEYS", "MAX_COLLATERAL", "Collateral", "HaircutTable", "cross_funds", "load_haircuts",
           "read_collateral"]

COLLATERAL_KEYS: Final = ("asset", "amount", "price", "haircut")
#: Most collateral entries accepted (one per coin; real accounts hold a handful).
MAX_COLLATERAL: Final = 10
_ASSET: Final = re.compile(r"[A-Za-z0-9]{1,12}")
_PACKAGED: Final = ("binance-multi-assets",)


@dataclass(frozen=True, slots=True)
class Collateral:
    """An amount of one coin held as cross margin, its price in dollars and the share of its value not counted."""

    asset: str
    amount: Decimal
    price: Decimal
    haircut: Decimal

    @property
    def units(self) -> Decimal:
        """The coins that count as margin: ``amount × (1 − haircut)``."""
        with engine_context():
            return self.amount * (1 - self.haircut)

    @property
    def value(self) -> Decimal:
        """What the coins count for as margin, in dollars: ``amount × price × (1 − haircut)``."""
        with engine_context():
            return self.units * self.price

    @property
    def market_value(self) -> Decimal:
        """What the coins are worth, in dollars (what a liquidation can take)."""
        with engine_context():
            return self.amount * self.price


def cross_funds(wallet: Decimal | None, collateral: Sequence[Collateral]) -> Decimal:
    """What backs a cross account before PnL, in dollars: the wallet balance plus its collateral's value."""
    with engine_context():
        return (wallet or Decimal(0)) + sum((c.value for c in collateral), Decimal(0))


@dataclass(frozen=True, slots=True)
class HaircutTable:
    """An exchange's haircut by coin, and where and when it was read."""

    name: str
    exchange: str
    source: str
    retrieved: str
    haircuts: Mapping[str, Decimal]

    def __hash__(self) -> int:
        return hash(self.name)


@functools.cache
def load_haircuts(name: str) -> HaircutTable:
    """A packaged haircut table (``calc/haircuts/<name>.json``, collateral ratios as published)."""
    if name not in _PACKAGED:
        raise ValueError(f"no haircut table {name!r}")
    data = json.loads((resources.files("calc") / "haircuts" / f"{name}.json").read_text(encoding="utf-8"))
    ratios = cast("Mapping[str, str]", data["collateral_ratios"])
    with engine_context():
        haircuts = {asset: 1 - Decimal(ratio) for asset, ratio in ratios.items()}
    if any(not 0 <= h < 1 for h in haircuts.values()):
        raise ValueError(f"calc/haircuts/{name}.json: a collateral ratio is not in (0, 1]")
    return HaircutTable(name, str(data["exchange"]), str(data["source"]), str(data["retrieved"]), haircuts)


def _price(item: Mapping[str, object], asset: str, positions: Sequence[Position], path: Path) -> Decimal:
    """The coin's price: given, or the mark of the positions that trade it, which a given price must equal (and which
    must be one: two symbols of the coin at two marks leave the coin two prices)."""
    given = to_decimal(item["price"], (*path, "price"), positive=True) if "price" in item else None
    first: Position | None = None
    for p in positions:
        if p.asset != asset:
            continue
        if given is not None and given != p.mark_price:
            raise ScenarioError((*path, "price"), "collateral_price_differs", item["price"], mark=p.mark_price,
                                symbol=p.symbol)
        if first is not None and first.mark_price != p.mark_price:
            raise ScenarioError((*path, "asset"), "collateral_marks_differ", item["asset"], symbol=first.symbol,
                                mark=first.mark_price, other_symbol=p.symbol, other_mark=p.mark_price)
        first = first or p
    if given is None and first is None:
        raise ScenarioError((*path, "price"), "collateral_price_needed", asset=asset)
    return given if given is not None else first.mark_price  # type: ignore[union-attr]


def _haircut(item: Mapping[str, object], asset: str, table: HaircutTable | None, path: Path) -> Decimal:
    """The haircut given (0 to under 1), else the exchange's for the coin, else none."""
    if "haircut" in item:
        haircut = to_decimal(item["haircut"], (*path, "haircut"), non_negative=True)
        if haircut >= 1:
            raise ScenarioError((*path, "haircut"), "not_a_haircut", item["haircut"])
        return haircut
    if table is None:
        return Decimal(0)
    if asset not in table.haircuts:
        raise ScenarioError((*path, "asset"), "no_haircut", item["asset"], exchange=table.exchange,
                            known=tuple(table.haircuts))
    return table.haircuts[asset]


def _entry(raw: object, positions: Sequence[Position], table: HaircutTable | None, path: Path) -> Collateral:
    if not isinstance(raw, Mapping):
        raise ScenarioError(path, "not_an_object", raw)
    item = cast("Mapping[str, object]", raw)
    check_keys(item, COLLATERAL_KEYS, path)
    asset = item.get("asset", MISSING)
    if asset is MISSING:
        raise ScenarioError((*path, "asset"), "missing")
    if not isinstance(asset, str) or not _ASSET.fullmatch(asset):
        raise ScenarioError((*path, "asset"), "not_an_asset", asset)
    if "amount" not in item:
        raise ScenarioError((*path, "amount"), "missing")
    amount = to_decimal(item["amount"], (*path, "amount"), positive=True)
    name = asset.upper()
    return Collateral(name, amount, _price(item, name, positions, path), _haircut(item, name, table, path))


def read_collateral(raw: object, positions: Sequence[Position], table: HaircutTable | None) -> tuple[Collateral, ...]:
    """Validate the scenario's ``collateral`` list (cross mode): one entry per coin, each priced and haircut."""
    path: Path = ("collateral",)
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise ScenarioError(path, "not_a_list", raw)
    if len(raw) > MAX_COLLATERAL:
        raise ScenarioError(path, "too_many_entries", count=len(raw), maximum=MAX_COLLATERAL)
    entries: list[Collateral] = []
    for i, item in enumerate(raw):
        entry = _entry(item, positions, table, (*path, i))
        if any(e.asset == entry.asset for e in entries):
            raise ScenarioError((*path, i, "asset"), "duplicate_asset", cast("Mapping[str, object]", item)["asset"])
        entries.append(entry)
    return tuple(entries)
