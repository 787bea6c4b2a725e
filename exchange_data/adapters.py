"""From each exchange's raw answer to tier rows: one small reader per exchange, where its units and names differ.

A reader takes the ``answers`` of a recording (what the exchange's endpoint returned, kept as it came) and yields
``(symbol, rows)``: the symbol as this site names it (``SOLUSDT``) and the rows as the engine reads them, each with
``floor``, ``cap``, ``max_leverage``, ``rate`` and, where the exchange publishes one, its maintenance ``amount``
(Binance ``cum``, Bybit ``mmDeduction``, Gate ``deduction``). Numbers stay text: the engine converts them once.

Why not ccxt's unified tiers alone: they carry no maintenance amount (so nothing would check the exchange's own
amounts against the continuity rule), and OKX's ``minNotional``/``maxNotional`` are sizes in contracts, not values.
The raw answers are what ccxt's implicit endpoint methods return, so the record step still fetches through ccxt.

>>> rows = dict(hyperliquid({"universe": [{"name": "SOL", "marginTableId": 54}],
...     "marginTables": [[54, {"marginTiers": [{"lowerBound": "0.0", "maxLeverage": 20},
...                                            {"lowerBound": "70000000.0", "maxLeverage": 10}]}]]}))
>>> [(row["floor"], row["rate"]) for row in rows["SOLUSDT"]]
[('0', '0.025'), ('70000000', '0.05')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_DOWN, Context, Decimal
from typing import Any

__all__ = ["READERS", "Rows", "binance", "bitget", "bybit", "gate", "hyperliquid", "okx"]

Rows = list[dict[str, str | None]]
#: Wide enough that no recorded number is rounded on its way to text.
_WIDE = Context(prec=60)
Answers = Any  # a recorded JSON answer: its shape is each reader's to check


def _text(value: object) -> str:
    """A number as plain text without a trailing ``.0`` (answers mix ``50000``, ``50000.0`` and ``"50000"``)."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1), context=_WIDE))
    return format(number.normalize(_WIDE), "f")


def _row(floor: object, cap: object | None, leverage: object, rate: object, amount: object | None = None
         ) -> dict[str, str | None]:
    return {"floor": _text(floor), "cap": None if cap is None else _text(cap), "max_leverage": _text(leverage),
            "rate": _text(rate), "amount": None if amount in (None, "") else _text(amount)}


def binance(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """``GET /fapi/v1/leverageBracket``: per symbol, brackets with ``notionalFloor``, ``notionalCap``,
    ``initialLeverage``, ``maintMarginRatio`` and ``cum``. ``perpetuals`` (the recording's list of perpetual
    symbols, from the exchange's contract list) leaves out the dated futures that share the endpoint."""
    perpetuals = set(answers["perpetuals"])
    for entry in answers["brackets"]:
        if entry["symbol"] not in perpetuals:
            continue
        brackets = sorted(entry["brackets"], key=lambda b: Decimal(str(b["notionalFloor"])))
        yield entry["symbol"], [_row(b["notionalFloor"], b["notionalCap"], b["initialLeverage"], b["maintMarginRatio"],
                                     b["cum"]) for b in brackets]


def bybit(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """``GET /v5/market/risk-limit?category=linear`` (all pages): per symbol, tiers with ``riskLimitValue`` (the
    cap), ``maintenanceMargin``, ``maxLeverage`` and ``mmDeduction``; a tier's floor is the cap before it."""
    by_symbol: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for tier in answers["list"]:
        if tier["symbol"].endswith("USDT"):
            by_symbol[tier["symbol"]].append(tier)
    for symbol, tiers in sorted(by_symbol.items()):
        tiers.sort(key=lambda t: Decimal(t["riskLimitValue"]))
        floor: object = 0
        rows: Rows = []
        for tier in tiers:
            rows.append(_row(floor, tier["riskLimitValue"], tier["maxLeverage"], tier["maintenanceMargin"],
                             tier.get("mmDeduction")))
            floor = tier["riskLimitValue"]
        yield symbol, rows


def okx(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """``GET /api/v5/public/position-tiers`` (SWAP, per instrument family) with ``GET /api/v5/public/instruments``:
    OKX brackets sizes in contracts (``maxSz``), so each is turned into the coin by the instrument's ``ctVal``; a
    tier's floor is the size cap before it. Rows are in the coin; the file's basis is ``quantity``."""
    contract_value = {i["instFamily"]: Decimal(i["ctVal"]) for i in answers["instruments"]
                      if i.get("ctType", "linear") == "linear" and i["instId"].endswith("-SWAP")}
    by_family: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for tier in answers["tiers"]:
        if tier["instFamily"] in contract_value:
            by_family[tier["instFamily"]].append(tier)
    for family, tiers in sorted(by_family.items()):
        tiers.sort(key=lambda t: int(t["tier"]))
        size = contract_value[family]
        floor = Decimal(0)
        rows: Rows = []
        for tier in tiers:
            cap = Decimal(tier["maxSz"]) * size
            rows.append(_row(floor, cap, tier["maxLever"], tier["mmr"]))
            floor = cap
        yield family.replace("-", ""), rows


def bitget(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """``GET /api/v2/mix/market/query-position-lever`` (USDT-FUTURES), one answer per symbol: levels with
    ``startUnit``, ``endUnit`` (USDT of position value), ``leverage`` and ``keepMarginRate``."""
    for symbol, levels in sorted(answers["symbols"].items()):
        levels = sorted(levels, key=lambda t: int(t["level"]))
        yield symbol, [_row(t["startUnit"], t["endUnit"], t["leverage"], t["keepMarginRate"]) for t in levels]


def gate(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """``GET /futures/usdt/risk_limit_tiers`` (all pages): per contract, tiers with ``risk_limit`` (the cap),
    ``leverage_max``, ``maintenance_rate`` and ``deduction``; a tier's floor is the cap before it."""
    by_contract: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for tier in answers["tiers"]:
        by_contract[tier["contract"]].append(tier)
    for contract, tiers in sorted(by_contract.items()):
        tiers.sort(key=lambda t: int(t["tier"]))
        floor: object = 0
        rows: Rows = []
        for tier in tiers:
            rows.append(_row(floor, tier["risk_limit"], tier["leverage_max"], tier["maintenance_rate"],
                             tier.get("deduction")))
            floor = tier["risk_limit"]
        yield contract.replace("_", ""), rows


#: Hyperliquid's maintenance rate is half the initial rate at a tier's maximum leverage, 1 / (2 × max leverage);
#: a third (1/30 at 15x) does not end, so it is cut at 30 places, as the bundled ETH table is.
_HL_PLACES = Decimal(10) ** -30


def hyperliquid(answers: Answers) -> Iterator[tuple[str, Rows]]:
    """The info endpoint's ``meta``: each perpetual's ``marginTableId``; ``marginTables`` gives a table's tiers by
    ``lowerBound`` (position value in USDC) and ``maxLeverage``. An id under 50 names no table: one tier at that
    leverage. Delisted perpetuals are left out. Named ``<COIN>USDT`` so one trade compares across exchanges."""
    tables = {table_id: table["marginTiers"] for table_id, table in answers["marginTables"]}
    for coin in answers["universe"]:
        if coin.get("isDelisted"):
            continue
        table_id = coin["marginTableId"]
        tiers = tables[table_id] if table_id >= 50 else [{"lowerBound": "0", "maxLeverage": table_id}]
        rows: Rows = []
        for tier in sorted(tiers, key=lambda t: Decimal(str(t["lowerBound"]))):
            rate = _WIDE.divide(1, 2 * Decimal(tier["maxLeverage"])).quantize(_HL_PLACES, ROUND_DOWN, _WIDE)
            rows.append(_row(tier["lowerBound"], None, tier["maxLeverage"], rate))
        yield f"{coin['name']}USDT", rows


READERS: dict[str, Callable[[Answers], Iterator[tuple[str, Rows]]]] = {
    "binance": binance, "bitget": bitget, "bybit": bybit, "gate": gate, "hyperliquid": hyperliquid, "okx": okx,
}
