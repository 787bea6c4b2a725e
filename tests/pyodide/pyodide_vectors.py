"""Test vectors for CPython/Pyodide parity: a seeded scenario generator and the runner both sides use.

``run_vectors`` is executed unchanged by CPython (in the test) and by the Python inside the pinned
Pyodide (through ``run_vectors.mjs``); the two output strings must be byte-identical.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "BTCUSD")
#: BTCUSD is the coin-margined (inverse) perpetual; symbols of one coin share one mark in a cross account.
INVERSE = frozenset({"BTCUSD"})
ASSET = {"BTCUSDT": "BTC", "ETHUSDT": "ETH", "SOLUSDT": "SOL", "BTCUSD": "BTC"}
FEES: tuple[Any, ...] = ("0", 0, "0.0004", 0.0005, "0.001")
EXCHANGES = (None, None, None, "binance", "bybit", "okx", "hyperliquid")


def _number(rng: random.Random, low: float, high: float, places: int) -> Any:
    """A value as a decimal string, a JSON int or a JSON float: all three reach the engine."""
    value = round(rng.uniform(low, high), places)
    kind = rng.random()
    if kind < 0.5:
        return f"{value:.{places}f}"
    if kind < 0.7 and value == int(value):
        return int(value)
    return value


def _tiers(rng: random.Random, symbol: str) -> dict[str, Any]:
    packaged = {"BTCUSDT": ["binance-btcusdt", "bybit-btcusdt", "okx-btcusdt"], "BTCUSD": ["binance-btcusd"]}
    kinds = ["flat", "inline", "default", *packaged.get(symbol, [])]
    kind = rng.choice(kinds)
    if kind == "default":
        return {}
    if kind == "flat":
        out: dict[str, Any] = {"maintenance_margin_rate": rng.choice(["0.004", "0.005", 0.01, "0.025", "0.1"])}
        if rng.random() < 0.3:
            out["maintenance_amount"] = rng.choice([0, "50", 16300])
        return out
    if kind == "inline":
        floors = [0, *sorted(rng.sample(range(1, 2000), rng.randint(0, 4)))]
        rates = sorted(rng.randint(20, 400) for _ in floors)
        levs = sorted((rng.randint(1, 100) for _ in floors), reverse=True)
        unit = Decimal("0.1") if symbol in INVERSE else 1000  # an inverse table brackets coins
        return {"tiers": [{"floor": str(f * unit), "max_leverage": lev, "rate": f"0.{r:04d}"}
                          for f, r, lev in zip(floors, rates, levs)]}
    return {"tiers": kind}


def _position(rng: random.Random, mode: str, symbol: str, mark: Any) -> dict[str, Any]:
    entry = _number(rng, 0.5, 120_000, 2)
    position: dict[str, Any] = {"symbol": symbol, "side": rng.choice(["long", "short"]), "entry_price": entry}
    if mark is not None:
        position["mark_price"] = mark
    leverage = rng.choice([1, 2, 3, 5, 10, 12.5, "20", 25, 50, 75, 100, 125])
    sizing = rng.choice(["quantity", "notional", "margin"] + (["quantity+margin", "all"] if mode == "isolated" else []))
    if sizing == "quantity":
        position.update(quantity=_number(rng, 0.001, 50, 3), leverage=leverage)
    elif sizing == "notional":
        position.update(notional=_number(rng, 10, 2_000_000, 2), leverage=leverage)
    elif sizing == "margin":
        position.update(margin=_number(rng, 10, 100_000, 2), leverage=leverage)
    elif sizing == "quantity+margin":
        position.update(quantity=_number(rng, 0.001, 50, 3), margin=_number(rng, 10, 100_000, 2))
    else:
        position.update(quantity=_number(rng, 0.001, 50, 3), leverage=leverage, margin=_number(rng, 10, 100_000, 2))
    if symbol in INVERSE:
        _inverse_size(rng, position, sizing, leverage)
    position.update(_tiers(rng, symbol))
    return position


def _inverse_size(rng: random.Random, position: dict[str, Any], sizing: str, leverage: Any) -> None:
    """Resize an inverse position as it is sized: dollars (a notional, or contracts of 1, 10 or 100 dollars), a
    margin in coins, or (isolated) contracts and a margin, with or without the leverage."""
    for key in ("quantity", "notional", "margin", "leverage"):
        position.pop(key, None)
    position["contract"] = "inverse"
    contracts = {"contracts": rng.randint(1, 20_000), "contract_value": rng.choice([1, "10", 100])}
    margin = _number(rng, 0.001, 20, 4)
    if sizing == "quantity":
        position.update(contracts, leverage=leverage)
    elif sizing == "notional":
        position.update(notional=_number(rng, 10, 2_000_000, 2), leverage=leverage)
    elif sizing == "margin":
        position.update(margin=margin, leverage=leverage)
    elif sizing == "quantity+margin":
        position.update(contracts, margin=margin)
    else:
        position.update(contracts, margin=margin, leverage=leverage)


def _collateral(rng: random.Random, marks: dict[str, Any]) -> list[dict[str, Any]]:
    """Coins held as cross margin: BTC (at the BTC positions' mark unless none trades it) and DOGE, which none
    does; a haircut given, or (with an exchange) taken from its table."""
    entries: list[dict[str, Any]] = []
    for asset in rng.sample(["BTC", "DOGE"], rng.randint(1, 2)):
        entry: dict[str, Any] = {"asset": asset, "amount": _number(rng, 0.001, 50_000, 3)}
        if asset not in marks:
            entry["price"] = _number(rng, 0.05, 120_000, 2)
        if rng.random() < 0.6:
            entry["haircut"] = rng.choice(["0", 0.05, "0.1", "0.5"])
        entries.append(entry)
    return entries


def _scenario(rng: random.Random) -> dict[str, Any]:
    mode = rng.choice(["isolated", "cross"])
    data: dict[str, Any] = {"mode": mode}
    exchange = rng.choice(EXCHANGES)
    if exchange:
        data["exchange"] = exchange  # its tables fill "default" tiers, even for ETHUSDT
    if rng.random() < 0.2:
        data["fee_price"] = rng.choice(["liquidation", "bankruptcy"])
    if rng.random() < 0.7:
        data["maintenance_price"] = rng.choice(["liquidation", "entry"])
    if rng.random() < 0.6:
        data["fee_rate"] = rng.choice(FEES)
    marks: dict[str, Any] = {}
    positions = []
    for _ in range(rng.randint(1, 4)):
        symbol = rng.choice(SYMBOLS)
        if mode == "cross":
            mark = marks.setdefault(ASSET[symbol], _number(rng, 0.5, 120_000, 2))
        else:
            mark = _number(rng, 0.5, 120_000, 2) if rng.random() < 0.8 else None
        positions.append(_position(rng, mode, symbol, mark))
    data["positions"] = positions
    if mode == "cross":
        data["wallet_balance"] = _number(rng, 100, 5_000_000, 2)
        if rng.random() < 0.35:
            data["collateral"] = _collateral(rng, marks)
            if rng.random() < 0.3:
                del data["wallet_balance"]  # an account of coins alone
    return data


def generate_scenarios(count: int, seed: int = 1234) -> list[dict[str, Any]]:
    """*count* scenarios from a seeded generator: mostly valid, about one in ten invalid on purpose.

    Scenarios that happen to be invalid (leverage above a bracket, wallet too small) are replaced
    by new draws, except the deliberate ones, whose one-line error messages are compared too.
    """
    from calc import ScenarioError, parse_scenario

    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < count:
        data = _scenario(rng)
        try:
            parse_scenario(data)
        except ScenarioError:
            if rng.random() < 0.1:
                out.append(data)  # keep a few naturally invalid ones: errors must match too
            continue
        if rng.random() < 0.05:
            data["positions"][0]["leverage"] = rng.choice([0, -1, "NaN", 1e309, True, "abc", 10_000])
        out.append(data)
    return out


def run_vectors(text: str) -> str:
    """Evaluate every scenario in the JSON list *text*; return one canonical JSON string.

    Per scenario: the canonical result JSON, its display strings in both locales, a 20-point PnL sweep of the
    first position, and the explainers (their data for every position, and the first position's HTML, the wick
    at a depth that cycles through its range: exp and ln must round alike on both sides) — or the one-line error
    message.
    """
    from decimal import Decimal

    from calc import ScenarioError, evaluate, parse_scenario, plain, pnl_sweep
    from calc.evaluate import evaluate_data
    from calc.explainer_data import explainers_data
    from margin_view.explainers.panels import explainers
    from margin_view.text.figures import format_result

    out: list[dict[str, Any]] = []
    for data in json.loads(text):
        try:
            result = evaluate_data(data)
        except ScenarioError as err:
            out.append({"error": str(err)})
            continue
        scenario = parse_scenario(data)
        sweep = [[plain(p), plain(v)] for p, v in pnl_sweep(scenario, points=20)]
        depth = Decimal(len(out) % 31) / 10
        out.append({
            "result": json.dumps(result, sort_keys=False, separators=(",", ":")),
            "en": format_result(result, "en"),
            "nl": format_result(result, "nl"),
            "sweep": sweep,
            "explain": explainers_data(data, depth),
            "explain_html": explainers(scenario, evaluate(scenario), depth),
        })
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False)
