"""The build's readers against ccxt's own parsers, offline, on the same recorded answers: where ccxt is right
(Binance's brackets) they agree bracket for bracket, and ccxt's unified tiers carry no maintenance amount, which is
why the build reads the raw answer; where it is not (OKX), the difference is exactly the contract size."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from exchange_data.adapters import READERS

from .test_build import fixture

ccxt = pytest.importorskip("ccxt")


def market(market_id: str, base: str, size: str = "1", **info: str) -> dict[str, Any]:
    """A linear perpetual as ccxt describes a market, with only what its tier parsers read."""
    return {"id": market_id, "symbol": f"{base}/USDT:USDT", "base": base, "quote": "USDT", "settle": "USDT",
            "baseId": base, "quoteId": "USDT", "settleId": "USDT", "type": "swap", "spot": False, "margin": False,
            "swap": True, "future": False, "option": False, "active": True, "contract": True, "linear": True,
            "inverse": False, "contractSize": Decimal(size), "precision": {}, "limits": {}, "info": info}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no request may be made")

    monkeypatch.setattr(ccxt.Exchange, "fetch", refuse)


def test_binance_brackets_read_as_ccxt_parses_them_plus_the_amount_it_drops() -> None:
    answers = fixture("binance")["answers"]
    exchange = ccxt.binanceusdm({"number": Decimal})
    exchange.set_markets([market("SOLUSDT", "SOL"), market("XRPUSDT", "XRP")])
    unified = exchange.parse_leverage_tiers([e for e in answers["brackets"] if e["symbol"] in ("SOLUSDT", "XRPUSDT")],
                                            None, "symbol")
    ours = dict(READERS["binance"](answers))
    for symbol, base in (("SOLUSDT", "SOL"), ("XRPUSDT", "XRP")):
        theirs = [(t["minNotional"], t["maxNotional"], t["maxLeverage"], t["maintenanceMarginRate"])
                  for t in unified[f"{base}/USDT:USDT"]]
        mine = [tuple(Decimal(str(row[key])) for key in ("floor", "cap", "max_leverage", "rate")) for row in ours[symbol]]
        assert mine == theirs
        assert all("amount" not in tier or tier.get("amount") is None for tier in unified[f"{base}/USDT:USDT"])
        assert [row["amount"] for row in ours[symbol]] == [str(b["cum"]).removesuffix(".0") for b in
                                                           next(e for e in answers["brackets"]
                                                                if e["symbol"] == symbol)["brackets"]]


def test_okx_tiers_are_contracts_in_ccxt_and_coins_in_the_build() -> None:
    """ccxt's OKX min/max notional are maxSz in contracts; the build's caps are those times ctVal (0.01 BTC)."""
    answers = fixture("okx")["answers"]
    exchange = ccxt.okx({"number": Decimal})
    exchange.set_markets([market("BTC-USDT-SWAP", "BTC", "0.01", instFamily="BTC-USDT")])
    unified = exchange.parse_market_leverage_tiers([t for t in answers["tiers"] if t["instFamily"] == "BTC-USDT"],
                                                   exchange.market("BTC/USDT:USDT"))
    ours = dict(READERS["okx"](answers))["BTCUSDT"]
    assert [t["maxNotional"] * Decimal("0.01") for t in unified] == [Decimal(str(row["cap"])) for row in ours]
    assert [t["maintenanceMarginRate"] for t in unified] == [Decimal(str(row["rate"])) for row in ours]
