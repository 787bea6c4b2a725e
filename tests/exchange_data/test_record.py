"""The record step with ccxt's real exchange classes and no network: ccxt's one door to HTTP (``Exchange.fetch``) is
replaced by the fixtures' answers, and any other request fails the test, so every endpoint the step calls is known.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from exchange_data.record import RecordError, record

from .test_build import EXCHANGES, fixture

ccxt = pytest.importorskip("ccxt")
DAY = datetime.date(2026, 12, 8)


def envelope(name: str) -> dict[str, Any]:
    """Each endpoint's answer as the exchange wraps it, by a piece of its URL."""
    answers = fixture(name)["answers"]
    if name == "binance":
        contracts = [{"symbol": s, "contractType": "PERPETUAL"} for s in answers["perpetuals"]]
        return {"exchangeInfo": {"symbols": [*contracts, {"symbol": "BTCUSDT_260327", "contractType": "CURRENT_QUARTER"}]},
                "leverageBracket": answers["brackets"]}
    if name == "bybit":
        return {"risk-limit": {"retCode": 0, "retMsg": "OK",
                               "result": {"category": "linear", "list": answers["list"], "nextPageCursor": ""}}}
    if name == "okx":
        return {"public/instruments": {"code": "0", "msg": "", "data": answers["instruments"]},
                "position-tiers": "per family"}
    if name == "bitget":
        return {"market/contracts": {"code": "00000", "data": [{"symbol": s, "symbolType": "perpetual"}
                                                               for s in answers["symbols"]]},
                "query-position-lever": "per symbol"}
    return {"risk_limit_tiers": answers["tiers"]} if name == "gate" else {"/info": answers}


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Serve the fixtures through ccxt's ``fetch``; return the URLs asked for."""
    asked: list[str] = []

    def fetch(self: Any, url: str, method: str = "GET", headers: Any = None, body: Any = None) -> Any:
        asked.append(url)
        name = self.id.replace("usdm", "")
        for piece, answer in envelope(name).items():
            if piece in url:
                if answer == "per family":
                    family = url.split("instFamily=")[1].split("&")[0]
                    return {"code": "0", "data": [t for t in fixture("okx")["answers"]["tiers"]
                                                  if t["instFamily"] == family]}
                if answer == "per symbol":
                    symbol = url.split("symbol=")[1].split("&")[0]
                    return {"code": "00000", "data": fixture("bitget")["answers"]["symbols"][symbol]}
                return answer
        raise AssertionError(f"a request the test did not expect: {method} {url}")

    monkeypatch.setattr(ccxt.Exchange, "fetch", fetch)
    monkeypatch.setenv("BINANCE_API_KEY", "test-key")
    monkeypatch.setenv("BINANCE_API_SECRET", "test-secret")
    return asked


@pytest.mark.parametrize("name", EXCHANGES)
def test_each_exchange_is_recorded_through_ccxt_and_builds_as_its_fixture(name: str, tmp_path: Path,
                                                                          offline: list[str]) -> None:
    """The saved answers build to the same tables as the fixture they were served from."""
    from exchange_data.build import build_exchange

    saved = record(name, tmp_path, tmp_path / "shipped", ccxt, today=DAY)
    assert saved == tmp_path / name / "2026-12-08.json" and offline
    recording = json.loads(saved.read_text(encoding="utf-8"))
    assert recording["recorded"] == "2026-12-08" and recording["source"]
    ours, theirs = build_exchange(name, [recording]), build_exchange(name, [fixture(name)])
    assert ours.symbols.keys() >= theirs.symbols.keys() and ours.tables == theirs.tables


def test_binance_without_a_key_says_so_and_asks_nothing(tmp_path: Path, offline: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BINANCE_API_KEY")
    with pytest.raises(RecordError, match="BINANCE_API_KEY"):
        record("binance", tmp_path, tmp_path, ccxt, today=DAY)
    assert not offline


def test_a_failed_fetch_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A time-out (ccxt's RequestTimeout) is reported with the exchange's name, and no file appears."""
    def timeout(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise ccxt.RequestTimeout("bybit GET https://api.bybit.com/v5/market/risk-limit request timeout")

    monkeypatch.setattr(ccxt.Exchange, "fetch", timeout)
    with pytest.raises(RecordError, match="Bybit: the fetch failed .*RequestTimeout"):
        record("bybit", tmp_path, tmp_path, ccxt, today=DAY)
    assert not list(tmp_path.rglob("*.json*"))


def test_a_partial_answer_does_not_replace_good_data(tmp_path: Path, offline: list[str]) -> None:
    """Shipped data with far more symbols than the new answer: the answer is not saved."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "hyperliquid.json").write_text(json.dumps({"symbols": {f"C{i}USDT": 0 for i in range(100)}}),
                                              encoding="utf-8")
    with pytest.raises(RecordError, match="lists 5 symbols where the shipped data has 100"):
        record("hyperliquid", tmp_path / "recordings", shipped, ccxt, today=DAY)
    assert not (tmp_path / "recordings").exists()


def test_an_answer_that_breaks_the_tier_rules_is_not_saved(tmp_path: Path, offline: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    broken = fixture("gate")
    broken["answers"]["tiers"][1]["maintenance_rate"] = "0.001"
    monkeypatch.setattr("tests.exchange_data.test_record.fixture",
                        lambda name: broken if name == "gate" else fixture(name))
    with pytest.raises(RecordError, match="not saved: Gate BTCUSDT"):
        record("gate", tmp_path, tmp_path, ccxt, today=DAY)
    assert not list(tmp_path.rglob("*.json*"))
