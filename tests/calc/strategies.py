"""Hypothesis strategies for valid scenarios (plain data, as the CLI and the browser send them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from calc import load_table

Data = dict[str, Any]


def _decimal_text(low: int, high: int, places: int) -> st.SearchStrategy[str]:
    """Decimal strings with *places* decimals between low and high (inclusive)."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: str(Decimal(n).scaleb(-places)))


prices = _decimal_text(1, 200_000, 2).filter(lambda s: Decimal(s) > 0)
margins = _decimal_text(1, 200_000, 2).filter(lambda s: Decimal(s) > 0)
fee_rates = st.sampled_from(["0", "0.0002", "0.0004", "0.0005", "0.00075", "0.001"])
conventions = st.sampled_from(["liquidation", "entry"])
sides = st.sampled_from(["long", "short"])
flat_rates = st.sampled_from(["0.004", "0.005", "0.01", "0.025", "0.05", "0.1"])


@st.composite
def inline_tiers(draw: st.DrawFn) -> list[Data]:
    """A valid inline tier list without amounts (the engine derives them)."""
    count = draw(st.integers(1, 5))
    floors = [0] + sorted(draw(st.sets(st.integers(1, 5_000), min_size=count - 1, max_size=count - 1)))
    rates = sorted(draw(st.lists(st.integers(1, 300), min_size=count, max_size=count)))
    levs = sorted(draw(st.lists(st.integers(1, 125), min_size=count, max_size=count)), reverse=True)
    return [
        {"floor": str(f * 1000), "max_leverage": str(lev), "rate": str(Decimal(r).scaleb(-4))}
        for f, r, lev in zip(floors, rates, levs)
    ]


@st.composite
def tier_choice(draw: st.DrawFn, symbol: str) -> Data:
    """The tier keys of one position: a packaged table (BTCUSDT only), a flat rate or an inline list."""
    options = ["flat", "inline"] + (["binance-btcusdt", "bybit-btcusdt"] if symbol == "BTCUSDT" else [])
    kind = draw(st.sampled_from(options))
    if kind == "flat":
        return {"maintenance_margin_rate": draw(flat_rates)}
    if kind == "inline":
        return {"tiers": draw(inline_tiers())}
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
    symbol = symbol or draw(st.sampled_from(["BTCUSDT", "ETHUSDT"]))
    entry = draw(prices)
    margin = draw(margins)
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
    return item


@st.composite
def scenarios(draw: st.DrawFn, mode: str | None = None, max_positions: int = 4) -> Data:
    """A valid scenario of either mode, conventions and fee included."""
    mode = mode or draw(st.sampled_from(["isolated", "cross"]))
    count = draw(st.integers(1, max_positions))
    marks: dict[str, str] = {}
    items = []
    for _ in range(count):
        symbol = draw(st.sampled_from(["BTCUSDT", "ETHUSDT"]))
        if mode == "cross":
            marks.setdefault(symbol, draw(prices))
        items.append(draw(positions(symbol=symbol, mark=marks.get(symbol))))
    data: Data = {
        "mode": mode,
        "maintenance_price": draw(conventions),
        "fee_rate": draw(fee_rates),
        # Where the fee is valued: on the notional at the liquidation price, or Bybit's at the bankruptcy price.
        "fee_price": draw(st.sampled_from(["liquidation", "liquidation", "bankruptcy"])),
        "positions": items,
    }
    if mode == "cross":
        initial = sum(Decimal(p["margin"]) for p in items)
        data["wallet_balance"] = str(initial * Decimal(draw(st.sampled_from(["1", "1.5", "2", "5", "20"]))))
        # Some cross positions as exchanges publish them: sized by notional, with no leverage at all.
        for item in items:
            if draw(st.integers(0, 3)) == 0:
                item["notional"] = str(Decimal(item.pop("margin")) * Decimal(item.pop("leverage")))
    return data
