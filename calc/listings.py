"""Every perpetual an exchange lists: one compact data file per exchange in ``calc/exchanges/``, each table dated.

The data tool (``python -m exchange_data``, outside this package) records the exchanges' answers and builds these
files; the engine only reads them. A file holds each distinct tier table once and maps every symbol to its table,
so the several hundred perpetuals of one exchange fit in a few kilobytes::

    {"exchange": "binance", "label": "Binance", "basis": "notional", "contract": "linear",
     "sources": [{"source": "<URL at a commit>", "recorded": "2026-03-05", "note": "..."}],
     "tables": [[0, [["0", "50000", "100", "0.005"], ["50000", "400000", "75", "0.0065"], ...]], ...],
     "symbols": {"SOLUSDT": 0, ...}}

Each table is ``[source index, rows]`` and each row ``[floor, cap, max_leverage, rate]`` (cap null on the last row
only); the maintenance amount is derived by the continuity rule, as :func:`calc.tiers.parse_tiers` does for every
table. A table is read and checked only when a position asks for its symbol. In the browser the file is not in the
engine's archive: the page fetches it when the reader picks the exchange and writes it where this module reads.

A table from these files is named ``<exchange>/<SYMBOL>`` (``binance/SOLUSDT``); :func:`calc.tiers.load_table`
accepts that name as it accepts a packaged one.

>>> table = data_table("binance", "SOLUSDT")
>>> table.name, table.retrieved, table.tiers[1].amount
('binance/SOLUSDT', '2026-03-05', Decimal('75.0000'))
>>> "DOGEUSDT" in listed_symbols("binance")
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Final, cast

from .choices import CONTRACTS, Contract
from .errors import Path, ScenarioError
from .tiers import Basis, TierTable, parse_tiers

__all__ = ["DATA_EXCHANGES", "Listing", "data_table", "listed_symbols", "listing", "shipped", "split_name"]

#: The exchanges that may have a data file, by the name a scenario gives in ``"exchange"``.
DATA_EXCHANGES: Final = ("binance", "bitget", "bybit", "gate", "hyperliquid", "okx")


@dataclass(frozen=True, slots=True)
class Listing:
    """One exchange's data file, read but not yet checked table by table."""

    exchange: str
    label: str
    basis: Basis
    contract: Contract
    sources: tuple[Mapping[str, str], ...]
    tables: tuple[Sequence[object], ...]
    symbols: Mapping[str, int]

    @property
    def recorded(self) -> str:
        """The newest recording date among the file's sources (ISO dates sort as text)."""
        return max(source["recorded"] for source in self.sources)


def split_name(name: str) -> tuple[str, str] | None:
    """``("binance", "SOLUSDT")`` for a data table's name ``binance/SOLUSDT``; None for any other name."""
    exchange, slash, symbol = name.partition("/")
    return (exchange, symbol) if slash and exchange in DATA_EXCHANGES and symbol else None


@functools.cache
def shipped() -> Mapping[str, Mapping[str, object]]:
    """``calc/exchanges/index.json``: each exchange whose data ships, with its date, counts, size and digest.

    The index travels in the engine's archive (it is small); the files it lists do not, in the browser.
    """
    file = resources.files("calc") / "exchanges" / "index.json"
    try:
        return cast("Mapping[str, Mapping[str, object]]", json.loads(file.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}


def _label(exchange: str) -> str:
    return str(shipped().get(exchange, {}).get("label", exchange))


def _read(exchange: str) -> object:
    """The parsed file; ``data_missing`` when there is none (not shipped, or in the browser not fetched yet),
    ``data_unreadable`` when it is not JSON (truncated, say)."""
    file = resources.files("calc") / "exchanges" / f"{exchange}.json"
    try:
        text = file.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as error:
        raise ScenarioError(("exchange",), "data_missing", exchange=_label(exchange)) from error
    try:
        return json.loads(text)
    except ValueError as error:
        raise ScenarioError(("exchange",), "data_unreadable", exchange=_label(exchange)) from error


def _sources(raw: object) -> tuple[Mapping[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        raise TypeError("sources")
    for source in raw:
        if not (isinstance(source, dict) and all(isinstance(source.get(key), str) and source[key]
                                                 for key in ("source", "recorded"))):
            raise TypeError("a source without its URL or date")
    return tuple(cast("list[Mapping[str, str]]", raw))


@functools.cache
def listing(exchange: str) -> Listing:
    """Read *exchange*'s data file (cached): its sources, its tables unchecked and its symbols.

    Anything not shaped as the module docstring says is ``data_unreadable``: a malformed file is refused whole.
    """
    if exchange not in DATA_EXCHANGES:
        raise ScenarioError(("exchange",), "not_one_of", exchange, options=DATA_EXCHANGES)
    data = _read(exchange)
    try:
        assert isinstance(data, dict) and data["exchange"] == exchange
        basis, contract = data["basis"], data["contract"]
        assert basis in ("notional", "quantity") and contract in CONTRACTS
        tables, symbols = data["tables"], data["symbols"]
        assert isinstance(tables, list) and isinstance(symbols, dict)
        sources = _sources(data["sources"])
        for index in symbols.values():
            assert isinstance(index, int) and 0 <= index < len(tables)
        for table in tables:
            assert isinstance(table, list) and len(table) == 2 and isinstance(table[1], list)
            assert isinstance(table[0], int) and 0 <= table[0] < len(sources)
    except (AssertionError, KeyError, TypeError) as error:
        raise ScenarioError(("exchange",), "data_unreadable", exchange=_label(exchange)) from error
    return Listing(exchange, str(data.get("label", exchange)), cast(Basis, basis), cast(Contract, contract), sources,
                   tuple(tables), cast("Mapping[str, int]", symbols))


def listed_symbols(exchange: str) -> tuple[str, ...]:
    """Every symbol *exchange*'s data file has a table for, sorted."""
    return tuple(sorted(listing(exchange).symbols))


_ROW_KEYS: Final = ("floor", "cap", "max_leverage", "rate")


@functools.cache
def data_table(exchange: str, symbol: str, path: Path = ("positions", 0, "symbol")) -> TierTable:
    """*symbol*'s table from *exchange*'s data file, checked by the engine's own tier rules; ``symbol_not_listed``
    (at *path*) when the exchange's data has no such symbol, ``data_unreadable`` when its table breaks a rule."""
    found = listing(exchange)
    index = found.symbols.get(symbol)
    if index is None:
        raise ScenarioError(path, "symbol_not_listed", symbol, exchange=found.label, recorded=found.recorded)
    source_index, rows = found.tables[index]
    source = found.sources[cast(int, source_index)]
    try:
        raw = [dict(zip(_ROW_KEYS, cast("Sequence[object]", row), strict=True)) for row in cast("list[object]", rows)]
        table = parse_tiers(raw, (f"calc/exchanges/{exchange}.json", "tables", index), basis=found.basis)
    except (ScenarioError, TypeError, ValueError) as error:
        raise ScenarioError(path, "data_unreadable", symbol, exchange=found.label) from error
    return TierTable(
        name=f"{exchange}/{symbol}", tiers=table.tiers, source=source["source"], retrieved=source["recorded"],
        exchange=found.label, symbol=symbol, note=source.get("note"), basis=found.basis, contract=found.contract,
    )
