"""Bridges from public recordings that are not our own record step's output.

freqtrade refreshes ``freqtrade/exchange/binance_leverage_tiers.json`` weekly with a key (ccxt's
``fetch_leverage_tiers``: unified tiers, each carrying Binance's raw bracket in ``info``). The bracket objects are
exactly what ``GET /fapi/v1/leverageBracket`` returns, so they become a recording of that endpoint; the unified
symbol (``SOL/USDT:USDT``, dated ones ``BTC/USDT:USDT-260327``) says which are perpetuals. The copy itself is
never committed: the build derives our compact file from it.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["from_freqtrade"]


def from_freqtrade(file: Path, url: str, recorded: str, folder: Path) -> Path:
    """A Binance recording in ``<folder>/binance/<recorded>-freqtrade.json`` from freqtrade's file."""
    data = json.loads(file.read_text(encoding="utf-8"))
    brackets, perpetuals = [], []
    for unified, tiers in sorted(data.items()):
        raw_id = "".join(unified.split(":")[0].split("/"))
        settle = unified.partition(":")[2]
        if "-" in settle or settle not in ("USDT", "USDC"):
            continue  # dated futures and coin-margined contracts
        perpetuals.append(raw_id)
        brackets.append({"symbol": raw_id, "brackets": [tier["info"] for tier in tiers]})
    recording = {"exchange": "binance", "recorded": recorded,
                 "source": f"Binance USDⓈ-M Futures API GET /fapi/v1/leverageBracket, default brackets, as recorded "
                           f"by freqtrade's weekly job in {url}",
                 "note": "notional brackets in the quote currency; an account's own brackets can differ "
                         "(notionalCoef)",
                 "answers": {"perpetuals": perpetuals, "brackets": brackets}}
    target = folder / "binance" / f"{recorded}-freqtrade.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(recording, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
