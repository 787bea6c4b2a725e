"""Record step (needs the internet): each exchange's raw tier answers, fetched through ccxt, saved with the date.

Every request goes through ccxt's implicit endpoint methods, which return the exchange's answer as it came (the
unified ``fetch_leverage_tiers`` drops the maintenance amounts the build checks). Only Binance needs a key
(``BINANCE_API_KEY`` and ``BINANCE_API_SECRET`` from the environment, never stored): its bracket endpoint is signed.

A recording is saved only when it is whole and good: the build's reader and the engine's tier rules accept every
table in it, and it lists at least :data:`MIN_SHARE` of the symbols the shipped file has. Otherwise the step says
why and the last good recording and the shipped file stay as they were. The file is written beside its final name
and renamed, so an interrupted run leaves no half file.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .build import LABELS, BuildError, build_exchange

__all__ = ["FETCHERS", "MIN_SHARE", "RecordError", "record"]

#: A new recording must list at least this share of the symbols already shipped (a partial answer lists fewer).
MIN_SHARE = 0.9
TIMEOUT_MS = 20_000


class RecordError(Exception):
    """A fetch that failed, or an answer the step will not save, naming the exchange."""


def _binance(ccxt: Any) -> dict[str, Any]:
    key, secret = os.environ.get("BINANCE_API_KEY"), os.environ.get("BINANCE_API_SECRET")
    if not key or not secret:
        raise RecordError("Binance: GET /fapi/v1/leverageBracket is signed; set BINANCE_API_KEY and BINANCE_API_SECRET")
    exchange = ccxt.binanceusdm({"apiKey": key, "secret": secret, "timeout": TIMEOUT_MS})
    info = exchange.fapiPublicGetExchangeInfo()
    perpetuals = sorted(s["symbol"] for s in info["symbols"] if s.get("contractType") == "PERPETUAL")
    return {"perpetuals": perpetuals, "brackets": exchange.fapiPrivateGetLeverageBracket()}


def _bybit(ccxt: Any) -> dict[str, Any]:
    exchange = ccxt.bybit({"timeout": TIMEOUT_MS})
    tiers: list[Any] = []
    cursor = ""
    for _ in range(1000):  # bounded: Bybit pages with a cursor
        answer = exchange.publicGetV5MarketRiskLimit({"category": "linear", "cursor": cursor} if cursor
                                                      else {"category": "linear"})
        tiers += answer["result"]["list"]
        cursor = answer["result"].get("nextPageCursor") or ""
        if not cursor:
            return {"list": tiers}
    raise RecordError("Bybit: the risk-limit pages did not end")


def _okx(ccxt: Any) -> dict[str, Any]:
    exchange = ccxt.okx({"timeout": TIMEOUT_MS})
    instruments = exchange.publicGetPublicInstruments({"instType": "SWAP"})["data"]
    families = sorted({i["instFamily"] for i in instruments if i.get("ctType") == "linear" and i["settleCcy"] == "USDT"})
    tiers: list[Any] = []
    for family in families:
        tiers += exchange.publicGetPublicPositionTiers({"instType": "SWAP", "tdMode": "cross",
                                                        "instFamily": family})["data"]
    return {"instruments": instruments, "tiers": tiers}


def _bitget(ccxt: Any) -> dict[str, Any]:
    exchange = ccxt.bitget({"timeout": TIMEOUT_MS})
    contracts = exchange.publicMixGetV2MixMarketContracts({"productType": "USDT-FUTURES"})["data"]
    symbols = sorted(c["symbol"] for c in contracts if c.get("symbolType", "perpetual") == "perpetual")
    return {"symbols": {s: exchange.publicMixGetV2MixMarketQueryPositionLever({"productType": "USDT-FUTURES",
                                                                                "symbol": s})["data"]
                        for s in symbols}}


def _gate(ccxt: Any) -> dict[str, Any]:
    exchange = ccxt.gate({"timeout": TIMEOUT_MS})
    tiers: list[Any] = []
    for page in range(1000):  # bounded: 100 tiers a page
        answer = exchange.publicFuturesGetSettleRiskLimitTiers({"settle": "usdt", "limit": 100, "offset": page * 100})
        tiers += answer
        if len(answer) < 100:
            return {"tiers": tiers}
    raise RecordError("Gate: the risk-limit pages did not end")


def _hyperliquid(ccxt: Any) -> dict[str, Any]:
    return dict(ccxt.hyperliquid({"timeout": TIMEOUT_MS}).publicPostInfo({"type": "meta"}))


FETCHERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "binance": _binance, "bitget": _bitget, "bybit": _bybit, "gate": _gate, "hyperliquid": _hyperliquid,
    "okx": _okx,
}
SOURCES = {
    "binance": "Binance USDⓈ-M Futures API GET /fapi/v1/leverageBracket (https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets)",
    "bitget": "Bitget API GET /api/v2/mix/market/query-position-lever, productType USDT-FUTURES (https://www.bitget.com/api-doc/contract/position/Get-Query-Position-Lever)",
    "bybit": "Bybit API GET /v5/market/risk-limit, category linear (https://bybit-exchange.github.io/docs/v5/market/risk-limit)",
    "gate": "Gate API GET /futures/usdt/risk_limit_tiers (https://www.gate.com/docs/developers/apiv4/#list-risk-limit-tiers)",
    "hyperliquid": "Hyperliquid info endpoint, type meta (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals)",
    "okx": "OKX API GET /api/v5/public/position-tiers, instType SWAP, tdMode cross, with GET /api/v5/public/instruments for ctVal (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers)",
}


def record(exchange: str, folder: Path, shipped: Path, ccxt: Any, today: datetime.date | None = None) -> Path:
    """Fetch *exchange*'s answers through *ccxt* (the module, or a stand-in in tests) and save them in
    ``<folder>/<exchange>/<date>.json`` when they are whole and good; the path saved, or :class:`RecordError`."""
    day = (today or datetime.datetime.now(datetime.UTC).date()).isoformat()
    try:
        answers = FETCHERS[exchange](ccxt)
    except RecordError:
        raise
    except Exception as error:  # ccxt's NetworkError, RequestTimeout, ExchangeError, and any shape surprise
        raise RecordError(f"{LABELS[exchange]}: the fetch failed ({type(error).__name__}: {error})") from error
    recording = {"exchange": exchange, "recorded": day, "source": SOURCES[exchange], "answers": answers}
    try:
        built = build_exchange(exchange, [recording])
    except BuildError as error:
        raise RecordError(f"not saved: {error}") from error
    shipped_file = shipped / f"{exchange}.json"
    if shipped_file.exists():
        before = len(json.loads(shipped_file.read_text(encoding="utf-8"))["symbols"])
        if len(built.symbols) < MIN_SHARE * before:
            raise RecordError(f"{LABELS[exchange]}: not saved, the answer lists {len(built.symbols)} symbols where "
                              f"the shipped data has {before} (a partial answer?)")
    target = folder / exchange / f"{day}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".json.part")
    partial.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(target)
    return target
