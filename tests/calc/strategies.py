"""Hypothesis strategies for valid scenarios (plain data, as the CLI and the browser send them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from calc.tiers import load_table

Data = dict[str, Any]


def _decimal_text(low: int, high: int, places: int) -> st.SearchStrategy[str]:
    """Decimal strings with *places* decimals between low and high (inclusive)."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: str(Decimal(n).scaleb(-places)))


prices = _decimal_text(1, 200_000, 2).filter(lambda s: Decimal(s) > 0)
margins = _decimal_text(1, 200_000, 2).filter(lambda s: Decimal(s) > 0)
#: An inverse contract's margin is coins.
coin_margins = _decimal_text(0, 20, 4).filter(lambda s: Decimal(s) > 0)
haircuts = st.sampled_from(["0", "0.01", "0.05", "0.1", "0.5"])
#: The symbols drawn, and the contract of each: BTCUSD is the coin-margined (inverse) perpetual.
SYMBOLS = ("BTCUSDT", "ETHUSDT", "BTCUSD")
INVERSE = frozenset({"BTCUSD"})
#: The coin each symbol trades: symbols of one coin share one mark in a cross account.
ASSET = {"BTCUSDT": "BTC", "ETHUSDT": "ETH", "BTCUSD": "BTC"}
fee_rates = st.sampled_from(["0", "0.0002", "0.0004", "0.0005", "0.00075", "0.001"])
conventions = st.sampled_from(["liquidation", "entry"])
sides = st.sampled_from(["long", "short"])
flat_rates = st.sampled_from(["0.004", "0.005", "0.01", "0.025", "0.05", "0.1"])


@st.composite
def inline_tiers(draw: st.DrawFn, unit: int = 1000) -> list[Data]:
    """A valid inline tier list without amounts (the engine derives them), floors in steps of *unit*."""
    count = draw(st.integers(1, 5))
    floors = [0] + sorted(draw(st.sets(st.integers(1, 5_000), min_size=count - 1, max_size=count - 1)))
    rates = sorted(draw(st.lists(st.integers(1, 300), min_size=count, max_size=count)))
    levs = sorted(draw(st.lists(st.integers(1, 125), min_size=count, max_size=count)), reverse=True)
    return [
        {"floor": str(Decimal(f) * unit / 1000 if unit < 1000 else f * unit), "max_leverage": str(lev), "rate": str(Decimal(r).scaleb(-4))}
        for f, r, lev in zip(floors, rates, levs)
    ]


@st.composite
def tier_choice(draw: st.DrawFn, symbol: str) -> Data:
    """The tier keys of one position: a packaged table (BTCUSDT, BTCUSD), a flat rate or an inline list."""
    packaged = {"BTCUSDT": ["binance-btcusdt", "bybit-btcusdt"], "BTCUSD": ["binance-btcusd"]}
    kind = draw(st.sampled_from(["flat", "inline", *packaged.get(symbol, [])]))
    if kind == "flat":
        return {"maintenance_margin_rate": draw(flat_rates)}
    if kind == "inline":
        # An inverse table brackets coins: floors of a few coins rather than thousands of dollars.
        return {"tiers": draw(inline_tiers(1 if symbol in INVERSE else 1000))}
    return {"tiers": kind}


def max_leverage_for(tiers: Data, notional: Decimal) -> Decimal:
    """The bracket maximum the engine will check, computed from the data."""
    if "maintenance_margin_rate" in tiers:
        return Decimal(125)
    raw = tiers["tiers"]
    if isinstance(raw, str):
        return load_table(raw).bracket_for(notional).max_leverage
    best = Decimal(raw[0]["max_leverage"])
    for tier in raw:
        if Decimal(tier["floor"]) <= notional:
            best = Decimal(tier["max_leverage"])
    return best


@st.composite
def positions(draw: st.DrawFn, symbol: str | None = None, mark: str | None = None, side: str | None = None) -> Data:
    """One valid position sized by margin and leverage, with its leverage inside its bracket."""
    symbol = symbol or draw(st.sampled_from(SYMBOLS))
    entry = draw(prices)
    margin = draw(coin_margins if symbol in INVERSE else margins)
    tiers = draw(tier_choice(symbol))
    lev = Decimal(draw(st.integers(1, 125)))
    # Clamp to the bracket at the resulting notional: a lower leverage means a smaller notional,
    # whose bracket allows at least as much, so the clamped value is always valid.
    lev = min(lev, max_leverage_for(tiers, Decimal(margin) * lev))
    item: Data = {
        "symbol": symbol,
        "side": side or draw(sides),
        "entry_price": entry,
        "mark_price": mark if mark is not None else draw(prices),
        "margin": margin,
        "leverage": str(lev),
        **tiers,
    }
    if symbol in INVERSE:
        item["contract"] = "inverse"
    return item


def initial_in_dollars(item: Data) -> Decimal:
    """A generated position's initial margin in dollars at its mark (an inverse one's margin is coins)."""
    margin = Decimal(item["margin"])
    return margin * Decimal(item["mark_price"]) if item.get("contract") == "inverse" else margin


@st.composite
def collateral(draw: st.DrawFn, marks: dict[str, str]) -> list[Data]:
    """Zero to two coins held as cross margin: BTC (priced at the BTC positions' mark when there are any) and SOL,
    which no position trades."""
    entries: list[Data] = []
    for asset in draw(st.sets(st.sampled_from(["BTC", "SOL"]), max_size=2)):
        entry: Data = {"asset": asset, "amount": draw(_decimal_text(0, 50, 3).filter(lambda s: Decimal(s) > 0))}
        if asset not in marks or draw(st.booleans()):
            entry["price"] = marks.get(asset) or draw(prices)
        if draw(st.booleans()):
            entry["haircut"] = draw(haircuts)
        entries.append(entry)
    return entries


@st.composite
def scenarios(draw: st.DrawFn, mode: str | None = None, max_positions: int = 4) -> Data:
    """A valid scenario of either mode, conventions and fee included."""
    mode = mode or draw(st.sampled_from(["isolated", "cross"]))
    count = draw(st.integers(1, max_positions))
    marks: dict[str, str] = {}
    items = []
    for _ in range(count):
        symbol = draw(st.sampled_from(SYMBOLS))
        if mode == "cross":
            marks.setdefault(ASSET[symbol], draw(prices))
        items.append(draw(positions(symbol=symbol, mark=marks.get(ASSET[symbol]))))
    data: Data = {
        "mode": mode,
        "maintenance_price": draw(conventions),
        "fee_rate": draw(fee_rates),
        # Where the fee is valued: on the notional at the liquidation price, or Bybit's at the bankruptcy price.
        "fee_price": draw(st.sampled_from(["liquidation", "liquidation", "bankruptcy"])),
        "positions": items,
    }
    if mode == "cross":
        initial = sum(initial_in_dollars(p) for p in items)
        data["wallet_balance"] = str(initial * Decimal(draw(st.sampled_from(["1", "1.5", "2", "5", "20"]))))
        coins = draw(collateral(marks))
        if coins:
            data["collateral"] = coins
            value = sum(Decimal(c["amount"]) * Decimal(c.get("price") or marks[c["asset"]])
                        * (1 - Decimal(c.get("haircut", "0"))) for c in coins)
            # An account of coins alone, as a coin-margined account is, when they cover the initial margin.
            if value >= initial and draw(st.booleans()):
                del data["wallet_balance"]
        # Some cross positions as exchanges publish them: sized by notional, with no leverage at all.
        for item in items:
            if draw(st.integers(0, 3)) == 0:
                item["notional"] = str(Decimal(item.pop("margin")) * Decimal(item.pop("leverage")))
    return data
