"""What the calculator must show, computed independently of the page: scenario JSON → `python -m calc` → format.

The mapping from the form's inputs to calc's scenario contract is written out here again on purpose (not taken
from margin_view), so a mistake in the calculator's own mapping cannot hide behind itself.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
import sys
from collections.abc import Mapping
from decimal import Decimal, localcontext

from calc.errors import ScenarioError
from calc.evaluate import evaluate_data
from calc.tiers import load_table
from margin_view.text import format as fmt
from margin_view.text.figures import format_result

FIGURES = (
    "notional",
    "quantity",
    "liquidation_price",
    "bankruptcy_price",
    "distance_to_liquidation",
    "unrealized_pnl",
    "roe",
    "max_loss",
    "distance_band",
)
DEFAULT_INPUTS: Mapping[str, str] = {
    "mode": "both",
    "side": "long",
    "entry": "50000",
    "margin": "1000",
    "balance": "5000",
    "leverage": "10",
    "price": "50000",
    "preset": "binance-btcusdt",
    "fee": "0",
}


def scenario(inputs: Mapping[str, str], mode: str) -> dict[str, object]:
    """calc's scenario for one panel of the calculator (one BTCUSDT position sized by margin × leverage)."""
    position = {
        "symbol": inputs.get("symbol", "BTCUSDT"),
        "side": inputs["side"],
        "entry_price": inputs["entry"],
        "mark_price": inputs["price"],
        "margin": inputs["margin"],
        "leverage": inputs["leverage"],
        "tiers": inputs["preset"],
    }
    inverse = inputs.get("contract") == "inverse"
    if inverse:
        # Coin-margined BTCUSD: margin × leverage is its size in BTC, which calc reads from margin and leverage.
        position.update(symbol="BTCUSD", contract="inverse")
    data: dict[str, object] = {
        "mode": mode,
        "fee_rate": str(Decimal(inputs["fee"]) / 100),
        "positions": [position],
    }
    if mode == "cross":
        coins: list[dict[str, str]] = []
        if inverse:
            coins.append({"asset": "BTC", "amount": inputs["balance"], "haircut": "0"})  # the wallet is BTC
        else:
            data["wallet_balance"] = inputs["balance"]
        if inputs.get("coin", "none") != "none":
            coin = {"asset": inputs["coin"], "amount": inputs["coin_amount"],
                    "haircut": str(Decimal(inputs["coin_haircut"]) / 100)}
            if inputs["coin"] != "BTC":  # BTC is priced at the trade's mark
                coin["price"] = inputs["coin_price"]
            coins.append(coin)
        if coins:
            data["collateral"] = coins
    exchange = inputs.get("exchange", "none")
    if exchange != "none":
        # The exchange's rules on top of the form's settings: where its fee is valued, its return and ratio.
        data["exchange"] = exchange
        if exchange == "bybit" and mode == "isolated":
            # Bybit holds the fee to close in the isolated margin (the form's fee rate, on the value at the
            # bankruptcy price the leverage sets).
            side = 1 if inputs["side"] == "long" else -1
            margin, leverage = Decimal(inputs["margin"]), Decimal(inputs["leverage"])
            with localcontext() as exact:
                exact.prec = 60
                fee = Decimal(inputs["fee"]) / 100 * margin * leverage * (1 - side / leverage)
                position["notional"] = str(margin * leverage)  # the size stays margin × leverage
                position["margin"] = str(margin + fee)
    return data


def run_calc(data: Mapping[str, object], *options: str) -> subprocess.CompletedProcess[str]:
    """`python -m calc [options]` on *data*; the same question asked twice is answered once (a test checks the
    figures and then the explainers of one trade)."""
    return _run_calc(json.dumps(data, sort_keys=True), options)


@functools.lru_cache(maxsize=256)
def _run_calc(data: str, options: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calc", *options], input=data, capture_output=True, text=True,
                          timeout=60)


def expected_figures(inputs: Mapping[str, str], mode: str, language: str = "en") -> dict[str, str]:
    """The display text of each figure in *mode*'s panel, per `python -m calc` and calc's formatter, in *language*."""
    result = run_calc(scenario(inputs, mode))
    assert result.returncode == 0, result.stderr
    text = format_result(json.loads(result.stdout), language)
    figures = {key: text["positions"][0][key] for key in FIGURES}  # type: ignore[index]
    if mode == "cross":
        figures["account.margin_ratio"] = text["account"]["margin_ratio"]  # type: ignore[index]
    return figures


EXCHANGES = ("binance", "bybit", "hyperliquid", "okx")
#: Bybit's base taker rate, which its profile values the fee to close with.
BYBIT_TAKER = Decimal("0.00055")


def on_exchange(inputs: Mapping[str, str], mode: str, exchange: str) -> dict[str, object]:
    """The panel's trade under *exchange*'s own rules: its tier table, convention and fee instead of the form's.
    Bybit also holds its fee to close (the taker rate on the value at the bankruptcy price the leverage sets) in an
    isolated margin, as it reserves it when the position opens."""
    data = scenario(inputs, mode)
    del data["fee_rate"]
    data["exchange"] = exchange
    position = data["positions"][0]  # type: ignore[index]
    del position["tiers"]
    if exchange == "bybit" and mode == "isolated":
        side = 1 if inputs["side"] == "long" else -1
        margin, leverage = Decimal(inputs["margin"]), Decimal(inputs["leverage"])
        with localcontext() as exact:
            exact.prec = 60
            # The size stays margin × leverage: given apart, since a margin with a leverage would size it.
            position["notional"] = str(margin * leverage)
            position["margin"] = str(margin + BYBIT_TAKER * margin * leverage * (1 - side / leverage))
    return data


def expected_exchanges(inputs: Mapping[str, str], mode: str) -> dict[str, str | None]:
    """Each exchange's liquidation price for the trade, as the comparison shows it; None where the engine refuses
    the trade on that exchange (a leverage above its maximum, say). calc's evaluate_data is the function
    `python -m calc` runs; called in-process here (four exchanges, two modes, forty trades)."""
    expected: dict[str, str | None] = {}
    for name in EXCHANGES:
        try:
            result = evaluate_data(on_exchange(inputs, mode, name))
        except ScenarioError:
            expected[name] = None
            continue
        expected[name] = fmt.price(result["positions"][0]["liquidation_price"])
    return expected


#: How a reader of each language writes a decimal number in a form field.
DECIMAL_MARK = {"en": ".", "nl": ","}


def typed(text: str, language: str) -> str:
    """A number written as in a link and in the inputs here (``0.05``), as a reader of *language* types it into the
    form (``0,05`` in Dutch); anything else as it is."""
    if any(c.isalpha() for c in text):
        return text
    return text.replace(".", DECIMAL_MARK[language])


def random_inputs(rng: random.Random) -> dict[str, str]:
    """A valid trade: a leverage the bracket allows, a wallet that covers the margin, a mark within ±50%."""
    while True:
        preset = rng.choice(["binance-btcusdt", "bybit-btcusdt"])
        entry = Decimal(rng.randrange(2_000_00, 150_000_00)) / 100
        margin = Decimal(rng.choice([50, 250, 1000, 2500, 12000, 40000]))
        leverage = rng.choice([1, 2, 3, 5, 10, 20, 25, 50, 75])
        table = load_table(preset)
        if table.bracket_for(margin * leverage).max_leverage < leverage:
            continue
        price = (entry * Decimal(rng.randrange(50, 151)) / 100).quantize(Decimal("0.01"))
        inputs = {
            "mode": "both",
            "side": rng.choice(["long", "short"]),
            "entry": str(entry),
            "margin": str(margin),
            "balance": str(margin * rng.choice([1, 2, 5, 10])),
            "leverage": str(leverage),
            "price": str(price),
            "preset": preset,
            "fee": rng.choice(["0", "0.05", "0.1"]),
        }
        if all(run_calc(scenario(inputs, mode)).returncode == 0 for mode in ("isolated", "cross")):
            return inputs


def expected_explainers(inputs: Mapping[str, str], mode: str) -> dict[str, dict[str, str]]:
    """The numbers each explainer of *mode* must show, per `python -m calc --explain` and the formatter.

    ``wick`` maps each figure of the wick (``data-wick`` key) to its exact text; ``worked`` and ``aftermath`` map a
    name to a text the explainer's body must contain.
    """
    depth = Decimal(inputs.get("wick", "150")) / 100
    result = run_calc(scenario(inputs, mode), "--explain", "--wick", str(depth))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["positions"][0]
    equation, after, wick = data["equation"], data["aftermath"], data["wick"]
    lp = equation["liquidation_price"]
    if lp is None:
        return {"worked": {}, "wick": {}, "aftermath": {}}
    leg = equation["legs"][0]
    # Sentences write money with its sign; formulas without it (fmt.amount), to fit a phone.
    worked = {
        "collateral": fmt.money(equation["collateral"]),
        "maintenance": fmt.amount(leg["maintenance"]),
        "numerator": fmt.amount(equation["numerator"]),
        "denominator": fmt.number(equation["denominator"]),
        "exact": fmt.number(lp),
        "shown": fmt.price(lp),
        "rate": fmt.rate(leg["tier"]["rate"], "en"),
    }
    if equation["convention"] == "liquidation":
        worked["notional"] = fmt.money(leg["notional_at_liquidation"])
        worked["notional_in_formula"] = fmt.amount(leg["notional_at_liquidation"])
    aftermath = {
        "liquidation": fmt.price(after["liquidation_price"]),
        "left": fmt.money(after["equity_at_liquidation"]),
        "loss": fmt.money(max(Decimal(after["loss_to_liquidation"]), Decimal(0))),
    }
    if after["bankruptcy_price"] is not None:
        aftermath["bankruptcy"] = fmt.price(after["bankruptcy_price"])
        aftermath["per_percent"] = fmt.money(after["fund_per_percent"])
    if after["partial_notional"] is not None:
        aftermath["partial"] = fmt.money(after["partial_notional"])
    evaluated = run_calc(scenario(inputs, mode))
    if json.loads(evaluated.stdout)["positions"][0]["liquidated"]:
        return {"worked": worked, "wick": {"already": "true"}, "aftermath": aftermath}
    lowest = wick["direction"] < 0
    figures = {
        "liquidation": fmt.price(wick["liquidation_price"]),
        "last": fmt.price(wick["extreme_last"]),
        "mark": fmt.price(wick["extreme_mark"]),
        "outcome": "liquidated" if wick["liquidated_at"] is not None else "survives",
        "extreme": "Lowest" if lowest else "Highest",
    }
    return {"worked": worked, "wick": figures, "aftermath": aftermath}
