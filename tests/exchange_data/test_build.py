"""The build step, offline, on one small recorded answer per exchange (``fixtures/``, shaped as each exchange answers).

Expected rows are read off the exchanges' published tables (sources in each fixture), not off the build's output.
"""

from __future__ import annotations

import copy
import difflib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from exchange_data.build import BuildError, build_all, build_exchange, read_recordings, render

FIXTURES = Path(__file__).parent / "fixtures"
EXCHANGES = ("binance", "bitget", "bybit", "gate", "hyperliquid", "okx")


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def table(built: Any, symbol: str) -> list[list[str | None]]:
    return [list(row) for row in built.tables[built.symbols[symbol]][1]]


@pytest.mark.parametrize("name", EXCHANGES)
def test_every_exchange_recording_builds_with_its_date_and_source(name: str) -> None:
    """Each fixture passes the engine's tier rules and keeps its recording's date and source beside the tables."""
    built = build_exchange(name, [fixture(name)])
    assert built.symbols and built.sources == [{"source": fixture(name)["source"],
                                                "recorded": fixture(name)["recorded"]}]


def test_binance_brackets_keep_floor_cap_leverage_and_rate_and_leave_dated_futures_out() -> None:
    """SOLUSDT's second bracket is 50,000-400,000 USDT at 75x and 0.65 %; BTCUSDT_260327 is a dated future."""
    built = build_exchange("binance", [fixture("binance")])
    assert table(built, "SOLUSDT")[1] == ["50000", "400000", "75", "0.0065"]
    assert "BTCUSDT_260327" not in built.symbols and len(built.symbols) == 4


def test_symbols_that_share_a_table_share_it_in_the_file() -> None:
    """1000CATUSDT and AEVOUSDT have the same brackets: one table, two symbols pointing at it."""
    built = build_exchange("binance", [fixture("binance")])
    assert built.symbols["1000CATUSDT"] == built.symbols["AEVOUSDT"] and len(built.tables) == 3


def test_okx_sizes_in_contracts_become_coins_by_the_contract_value() -> None:
    """OKX's tier 1 of BTC-USDT is 1,000 contracts of 0.01 BTC: 10 BTC; ETH-USDT's is 5,000 of 0.1 ETH: 500 ETH.
    The inverse BTC-USD family is left out."""
    built = build_exchange("okx", [fixture("okx")])
    assert table(built, "BTCUSDT")[:2] == [["0", "10", "100", "0.004"], ["10", "50", "66.66", "0.005"]]
    assert table(built, "ETHUSDT") == [["0", "500", "100", "0.004"]]
    assert set(built.symbols) == {"BTCUSDT", "ETHUSDT"}


def test_hyperliquid_rates_are_half_the_initial_rate_and_small_ids_are_one_tier() -> None:
    """Hyperliquid's Margin tiers page: maintenance = 1 / (2 × max leverage); table id 5 is one tier at 5x; the
    delisted MATIC is left out."""
    built = build_exchange("hyperliquid", [fixture("hyperliquid")])
    assert table(built, "SOLUSDT") == [["0", None, "20", "0.025"], ["70000000", None, "10", "0.05"]]
    assert table(built, "ATOMUSDT") == [["0", None, "5", "0.1"]]
    assert "MATICUSDT" not in built.symbols


def test_bybit_and_gate_floors_are_the_cap_before() -> None:
    assert table(build_exchange("bybit", [fixture("bybit")]), "BTCUSDT")[1] == ["2000000", "2600000", "90", "0.0056"]
    assert table(build_exchange("gate", [fixture("gate")]), "BTCUSDT")[1] == ["500000", "1000000", "100", "0.005"]


@pytest.mark.parametrize(("name", "where", "symbol"), [
    ("binance", ("brackets", 0, "brackets", 1, "cum"), "SOLUSDT"),
    ("bybit", ("list", 1, "mmDeduction"), "BTCUSDT"),
    ("gate", ("tiers", 1, "deduction"), "BTCUSDT"),
])
def test_a_published_amount_that_breaks_continuity_is_refused_naming_exchange_and_symbol(
        name: str, where: tuple[str | int, ...], symbol: str) -> None:
    """Binance cum, Bybit mmDeduction and Gate deduction must equal what the continuity rule gives."""
    recording = copy.deepcopy(fixture(name))
    holder: Any = recording["answers"]
    for key in where[:-1]:
        holder = holder[key]
    holder[where[-1]] = str(Decimal(str(holder[where[-1]])) + 1)
    with pytest.raises(BuildError, match=rf"{symbol}.*amount"):
        build_exchange(name, [recording])


def test_a_non_monotonic_table_is_refused() -> None:
    """A rate that falls from one bracket to the next is no tier table."""
    recording = copy.deepcopy(fixture("binance"))
    recording["answers"]["brackets"][1]["brackets"][2]["maintMarginRatio"] = 0.001
    with pytest.raises(BuildError, match="XRPUSDT"):
        build_exchange("binance", [recording])


def test_an_answer_of_the_wrong_shape_or_empty_is_refused() -> None:
    with pytest.raises(BuildError, match="not shaped"):
        build_exchange("okx", [{**fixture("okx"), "answers": {"data": []}}])
    with pytest.raises(BuildError, match="no table"):
        build_exchange("hyperliquid", [{**fixture("hyperliquid"), "answers": {"universe": [], "marginTables": []}}])


def write_recordings(folder: Path, recordings: dict[str, dict[str, Any]]) -> None:
    for name, recording in recordings.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "r.json").write_text(json.dumps(recording), encoding="utf-8")


def test_a_changed_bracket_changes_that_table_and_nothing_else(tmp_path: Path) -> None:
    """One bracket of XRPUSDT moves in a new recording: the shipped files differ in XRPUSDT's line alone."""
    recordings, out = tmp_path / "recordings", tmp_path / "out"
    out.mkdir()
    write_recordings(recordings, {name: fixture(name) for name in EXCHANGES})
    build_all(recordings, out)
    before = {path.name: path.read_text(encoding="utf-8") for path in out.glob("*.json") if path.name != "index.json"}
    changed = copy.deepcopy(fixture("binance"))
    changed["answers"]["brackets"][1]["brackets"][2]["initialLeverage"] = 40
    write_recordings(recordings, {"binance": changed})
    build_all(recordings, out)
    after = {path.name: path.read_text(encoding="utf-8") for path in out.glob("*.json") if path.name != "index.json"}
    assert {name for name in before if before[name] != after[name]} == {"binance.json"}
    diff = [line for line in difflib.unified_diff(before["binance.json"].splitlines(), after["binance.json"].splitlines(),
                                                  lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(diff) == 2 and '["80000","150000","40","0.01"]' in diff[1]


def test_a_bad_recording_leaves_every_shipped_file_as_it_was(tmp_path: Path) -> None:
    """The build checks every exchange before it writes one: a refused Gate answer leaves Binance's file too."""
    recordings, out = tmp_path / "recordings", tmp_path / "out"
    out.mkdir()
    write_recordings(recordings, {"binance": fixture("binance")})
    build_all(recordings, out)
    shipped = (out / "binance.json").read_text(encoding="utf-8")
    broken = copy.deepcopy(fixture("gate"))
    broken["answers"]["tiers"][1]["maintenance_rate"] = "0.001"
    changed = copy.deepcopy(fixture("binance"))
    changed["answers"]["brackets"][0]["brackets"][0]["initialLeverage"] = 125
    write_recordings(recordings, {"gate": broken, "binance": changed})
    with pytest.raises(BuildError, match="Gate BTCUSDT"):
        build_all(recordings, out)
    assert (out / "binance.json").read_text(encoding="utf-8") == shipped and not (out / "gate.json").exists()


def test_a_truncated_recording_is_refused(tmp_path: Path) -> None:
    (tmp_path / "okx").mkdir()
    (tmp_path / "okx" / "r.json").write_text(json.dumps(fixture("okx"))[:200], encoding="utf-8")
    with pytest.raises(BuildError, match="not JSON"):
        read_recordings(tmp_path, "okx")


def test_a_newer_recording_replaces_an_older_ones_table_and_the_file_names_both_sources() -> None:
    older, newer = fixture("okx"), copy.deepcopy(fixture("okx"))
    newer["recorded"] = "2026-10-01"
    newer["answers"]["tiers"] = [t for t in newer["answers"]["tiers"] if t["instFamily"] == "ETH-USDT"]
    newer["answers"]["tiers"][0]["maxLever"] = "75"
    built = build_exchange("okx", [older, newer])
    assert table(built, "ETHUSDT") == [["0", "500", "75", "0.004"]]
    assert [s["recorded"] for s in built.sources] == ["2026-09-25", "2026-10-01"]
    assert json.loads(render(built))["symbols"] == {"BTCUSDT": 0, "ETHUSDT": 1}


def test_a_rate_given_in_percent_is_refused() -> None:
    """Bybit's documentation shows an inverse example with maintenanceMargin "0.5" beside initialMargin "1": read as
    a fraction, 50 % at 100x is no tier an exchange publishes, and the build says so rather than ship it."""
    recording = copy.deepcopy(fixture("bybit"))
    recording["answers"]["list"][2]["maintenanceMargin"] = "0.5"
    with pytest.raises(BuildError, match="Bybit ETHUSDT: a maintenance rate of 0.5 at 100x"):
        build_exchange("bybit", [recording])
