"""Build step (offline): recorded answers in, one compact data file per exchange out (``calc/exchanges/``).

A recording is our own JSON file ``<recordings>/<exchange>/<name>.json``::

    {"exchange": "binance", "recorded": "2026-03-05", "source": "<URL, at a commit where it is a copy>",
     "note": "optional: what the copy is", "answers": <the exchange's raw answers, as the record step saved them>}

For each exchange the recordings are read oldest first, so a newer recording's table for a symbol replaces an older
one's. Every table is checked by the engine's own rules (:func:`calc.tiers.parse_tiers`) *with the amounts the
exchange published*, so a non-monotonic or discontinuous table, or a published amount that disagrees with the
continuity rule, stops the build with the exchange and the symbol named; nothing is written then. Tables that are
equal are stored once. ``index.json`` beside the files lists what ships, with dates, sizes and digests.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from calc import ScenarioError, TierTable

from .adapters import READERS, Rows

__all__ = ["BASIS", "LABELS", "BuildError", "Built", "build_exchange", "build_all", "read_recordings", "render"]

LABELS = {"binance": "Binance", "bitget": "Bitget", "bybit": "Bybit", "gate": "Gate", "hyperliquid": "Hyperliquid",
          "okx": "OKX"}
#: What each exchange's brackets measure: OKX brackets the size (in the coin, once converted from contracts).
BASIS = {name: "quantity" if name == "okx" else "notional" for name in LABELS}


class BuildError(Exception):
    """A recording the build refuses, naming the exchange, the symbol where there is one, and why."""


@dataclass
class Built:
    """One exchange's data as the build makes it: sources, distinct tables, and each symbol's table."""

    exchange: str
    sources: list[dict[str, str]] = field(default_factory=list)
    tables: list[tuple[int, tuple[tuple[str | None, ...], ...]]] = field(default_factory=list)
    symbols: dict[str, int] = field(default_factory=dict)


def read_recordings(folder: Path, exchange: str) -> list[dict[str, Any]]:
    """*exchange*'s recordings in *folder*, oldest first (by their ``recorded`` date, then file name)."""
    found = []
    for path in sorted((folder / exchange).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise BuildError(f"{exchange}: {path.name} is not JSON ({error})") from error
        for key in ("exchange", "recorded", "source", "answers"):
            if not data.get(key):
                raise BuildError(f"{exchange}: {path.name} has no {key!r}")
        if data["exchange"] != exchange:
            raise BuildError(f"{exchange}: {path.name} is a recording of {data['exchange']!r}")
        found.append(data)
    return sorted(found, key=lambda data: str(data["recorded"]))


def _checked(exchange: str, symbol: str, rows: Rows) -> tuple[tuple[str | None, ...], ...]:
    """The rows as the file stores them, after the engine accepted them with the published amounts."""
    try:
        TierTable.from_rows(rows, f"{exchange}/{symbol}", basis="quantity" if BASIS[exchange] == "quantity" else "notional")
    except ScenarioError as error:
        raise BuildError(f"{LABELS[exchange]} {symbol}: the recorded table breaks the engine's tier rules "
                         f"({error})") from error
    except (KeyError, TypeError, ValueError) as error:
        raise BuildError(f"{LABELS[exchange]} {symbol}: the recorded table is malformed ({error!r})") from error
    # A unit slip (a rate in percent, a cap in contracts) can still pass the rules above; a maintenance rate at or
    # above the initial rate its leverage allows (1 / max leverage) is one no exchange publishes.
    for row in rows:
        if Decimal(str(row["rate"])) * Decimal(str(row["max_leverage"])) >= 1:
            raise BuildError(f"{LABELS[exchange]} {symbol}: a maintenance rate of {row['rate']} at "
                             f"{row['max_leverage']}x is not below the initial rate (a rate in percent?)")
    return tuple((row["floor"], row["cap"], row["max_leverage"], row["rate"]) for row in rows)


def build_exchange(exchange: str, recordings: Iterable[Mapping[str, Any]]) -> Built:
    """*exchange*'s data from its *recordings* (oldest first), every table checked."""
    latest: dict[str, tuple[int, tuple[tuple[str | None, ...], ...]]] = {}
    built = Built(exchange)
    for recording in recordings:
        source = {"source": str(recording["source"]), "recorded": str(recording["recorded"])}
        if recording.get("note"):
            source["note"] = str(recording["note"])
        built.sources.append(source)
        try:
            read = list(READERS[exchange](recording["answers"]))
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise BuildError(f"{LABELS[exchange]}: the answer recorded {recording['recorded']} is not shaped as "
                             f"expected ({error!r})") from error
        if not read:
            raise BuildError(f"{LABELS[exchange]}: the answer recorded {recording['recorded']} holds no table")
        for symbol, rows in read:
            latest[symbol] = (len(built.sources) - 1, _checked(exchange, symbol, rows))
    used = sorted({index for index, _ in latest.values()})
    renumber = {old: new for new, old in enumerate(used)}
    built.sources = [built.sources[old] for old in used]
    seen: dict[tuple[int, tuple[tuple[str | None, ...], ...]], int] = {}
    for symbol in sorted(latest):
        index, stored = latest[symbol]
        key = (renumber[index], stored)
        if key not in seen:
            seen[key] = len(built.tables)
            built.tables.append(key)
        built.symbols[symbol] = seen[key]
    return built


def render(built: Built) -> str:
    """The file's text: one table and one symbol a line, so a changed bracket is a one-line diff."""
    head = {"exchange": built.exchange, "label": LABELS[built.exchange], "basis": BASIS[built.exchange],
            "contract": "linear"}

    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = [line(head)[:-1] + ',\n"sources":[\n' + ",\n".join(line(s) for s in built.sources) + "\n],"]
    parts.append('"tables":[\n' + ",\n".join(line([i, [list(r) for r in rows]]) for i, rows in built.tables) + "\n],")
    parts.append('"symbols":{\n' + ",\n".join(f"{line(s)}:{i}" for s, i in built.symbols.items()) + "\n}}\n")
    return "\n".join(parts)


def build_all(recordings: Path, out: Path) -> dict[str, dict[str, object]]:
    """Build every exchange that has recordings into *out* and write ``index.json``; return the index.

    Every exchange is built before anything is written, so one bad recording leaves every file as it was.
    """
    built_ones = [build_exchange(exchange, found) for exchange in LABELS
                  if (found := read_recordings(recordings, exchange))]
    index_file = out / "index.json"
    # Exchanges without a recording this time keep their file and their line in the index.
    index: dict[str, dict[str, object]] = json.loads(index_file.read_text(encoding="utf-8")) if index_file.exists() else {}
    for built in built_ones:
        exchange = built.exchange
        text = render(built)
        data = text.encode("utf-8")
        (out / f"{exchange}.json").write_bytes(data)
        index[exchange] = {"label": LABELS[exchange], "recorded": max(s["recorded"] for s in built.sources),
                           "symbols": len(built.symbols), "tables": len(built.tables), "bytes": len(data),
                           "gzip_bytes": len(gzip.compress(data, 9, mtime=0)),
                           "sha256": hashlib.sha256(data).hexdigest()}
    index_file.write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return index
