"""Every perpetual in the shipped data: symbols never in the project before give the liquidation price their published
brackets give, every table is dated and sourced, and bad names and files are refused with a path and a kind.

Expected prices are worked out here from Binance's FAQ formula ("How to Calculate Liquidation Price of USDⓈ-M
Futures Contracts"), one position, one-way mode::

    LP = (WB + cum − side × Q × EP) / (Q × MMR − side × Q)

with the bracket (MMR, cum) that holds at LP, read off the brackets Binance returned on 2026-03-05 as freqtrade
recorded them: https://github.com/freqtrade/freqtrade/blob/2832c6b8588dbbf35d5e66e28a679fa99255ef32/freqtrade/exchange/binance_leverage_tiers.json
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
from decimal import Decimal, localcontext
from importlib import resources
from typing import Any

import pytest

from calc import ScenarioError, TierTable, evaluate, load_profile, parse_scenario, result_to_data
from calc.listings import data_table, listed_symbols, listing, shipped
from postbuild.archive import _entries

#: Issue 28's budget per exchange file, compressed.
MAX_GZIP_BYTES = 40_000


def binance_lp(wallet: str, cum: str, side: int, quantity: str, entry: str, rate: str) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 34
        q = Decimal(quantity)
        return (Decimal(wallet) + Decimal(cum) - side * q * Decimal(entry)) / (q * Decimal(rate) - side * q)


def run(scenario: dict[str, Any]) -> dict[str, Any]:
    return result_to_data(evaluate(parse_scenario({"exchange": "binance", **scenario})))


@pytest.mark.parametrize(("scenario", "wallet", "cum", "rate"), [
    # SOLUSDT bracket 2 (50,000-400,000 USDT): MMR 0.65 %, cum 75.
    ({"mode": "isolated", "positions": [{"symbol": "SOLUSDT", "side": "long", "entry_price": 150, "quantity": 1000,
                                         "leverage": 10}]}, "15000", "75", "0.0065"),
    # DOGEUSDT bracket 3 (150,000-750,000): MMR 1.25 %, cum 655; a cross short on a 20,000 USDT wallet.
    ({"mode": "cross", "wallet_balance": 20000, "positions": [{"symbol": "DOGEUSDT", "side": "short",
                                                              "entry_price": "0.2", "quantity": 1000000,
                                                              "leverage": 10}]}, "20000", "655", "0.0125"),
    # XRPUSDT opens at 40,000 USDT (bracket 2, 75x) and is liquidated below it, in bracket 1 (MMR 0.5 %, cum 0).
    ({"mode": "isolated", "positions": [{"symbol": "XRPUSDT", "side": "long", "entry_price": 2, "quantity": 20000,
                                         "leverage": 50}]}, "800", "0", "0.005"),
    # XRPUSDT cross short at 200,000 USDT: liquidated in bracket 4 (150,000-400,000: MMR 1.25 %, cum 735).
    ({"mode": "cross", "wallet_balance": 30000, "positions": [{"symbol": "XRPUSDT", "side": "short", "entry_price": 2,
                                                              "quantity": 100000, "leverage": 10}]}, "30000", "735",
     "0.0125"),
])
def test_binance_symbols_new_to_the_project_liquidate_where_their_brackets_say(
        scenario: dict[str, Any], wallet: str, cum: str, rate: str) -> None:
    position = scenario["positions"][0]
    side = 1 if position["side"] == "long" else -1
    expected = binance_lp(wallet, cum, side, str(position["quantity"]), str(position["entry_price"]), rate)
    result = run(scenario)
    assert Decimal(result["positions"][0]["liquidation_price"]) == pytest.approx(expected, rel=Decimal("1e-20"))


def test_the_reply_names_the_table_and_its_date() -> None:
    """``assumptions.exchange`` says which table each symbol used and as of when."""
    result = run({"mode": "isolated", "positions": [{"symbol": "SOLUSDT", "side": "long", "entry_price": 150,
                                                      "quantity": 10, "leverage": 10}]})
    assert result["assumptions"]["exchange"]["tables"] == [{"symbol": "SOLUSDT", "name": "binance/SOLUSDT",
                                                           "recorded": "2026-03-05"}]
    source = result["assumptions"]["tiers"][0]["source"]
    assert "2832c6b8588dbbf35d5e66e28a679fa99255ef32" in source


def test_a_scenario_naming_a_data_table_round_trips() -> None:
    """A position valued with ``binance/SOLUSDT`` writes that name back, and it parses to the same table."""
    from calc import scenario_to_data

    scenario = parse_scenario({"positions": [{"symbol": "SOLUSDT", "side": "long", "entry_price": 150,
                                              "quantity": 10, "leverage": 10, "tiers": "binance/SOLUSDT"}]})
    data = scenario_to_data(scenario)
    assert data["positions"][0]["tiers"] == "binance/SOLUSDT"
    assert parse_scenario(data).positions[0].tiers == scenario.positions[0].tiers


def test_okx_brackets_reach_all_99_tiers() -> None:
    """OKX BTC-USDT-SWAP, tier 26 of its published 99: 4,800-5,000 BTC at 12.75 %; above 19,400 BTC, tier 99."""
    table = data_table("okx", "BTCUSDT")
    assert len(table.tiers) == 99
    assert table.bracket_of(Decimal(4900), Decimal(1)).rate == Decimal("0.1275")
    assert table.tiers[-1].rate == Decimal("0.4875") and table.tiers[-1].max_leverage == Decimal(2)


@pytest.mark.parametrize(("exchange", "symbol", "bundled"), [
    ("binance", "BTCUSDT", "binance-btcusdt-2025-08"), ("binance", "ETHUSDT", "binance-ethusdt-2025-08"),
    ("hyperliquid", "BTCUSDT", "hyperliquid-btcusdt"), ("hyperliquid", "ETHUSDT", "hyperliquid-ethusdt"),
    ("okx", "ETHUSDT", "okx-ethusdt"),
])
def test_the_data_agrees_with_the_bundled_tables_read_from_other_copies(exchange: str, symbol: str,
                                                                       bundled: str) -> None:
    """Two copies of one exchange table, read separately, give the same tiers."""
    assert data_table(exchange, symbol).tiers == TierTable.load(bundled).tiers


@pytest.mark.parametrize("exchange", sorted(shipped()))
def test_every_shipped_table_has_a_source_and_a_date_and_passes_the_tier_rules(exchange: str) -> None:
    found = listing(exchange)
    for source in found.sources:
        assert source["source"].strip() and "http" in source["source"], source
        assert datetime.date.fromisoformat(source["recorded"]) <= datetime.date.today()
    for symbol in listed_symbols(exchange):
        table = data_table(exchange, symbol)
        assert table.retrieved and table.source and table.symbol == symbol


@pytest.mark.parametrize("exchange", sorted(shipped()))
def test_the_index_describes_each_file_and_each_file_fits_its_budget(exchange: str) -> None:
    data = (resources.files("calc") / "exchanges" / f"{exchange}.json").read_bytes()
    entry = shipped()[exchange]
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["symbols"] == len(listed_symbols(exchange))
    assert entry["recorded"] == listing(exchange).recorded
    assert len(gzip.compress(data, 9)) <= MAX_GZIP_BYTES


def test_binance_ships_every_usdt_and_usdc_perpetual_of_its_recording() -> None:
    """682 perpetuals in the 2026-03-05 recording: 644 USDT- and 38 USDC-margined (dated futures left out)."""
    symbols = listed_symbols("binance")
    assert len(symbols) == 682 and sum(s.endswith("USDC") for s in symbols) == 38
    assert {"SOLUSDT", "DOGEUSDT", "XRPUSDT", "1000PEPEUSDT"} <= set(symbols)


def test_a_symbol_the_exchange_does_not_list_is_refused_with_the_data_date() -> None:
    with pytest.raises(ScenarioError) as caught:
        run({"positions": [{"symbol": "NOPEUSDT", "side": "long", "entry_price": 1, "quantity": 1, "leverage": 1}]})
    assert (caught.value.where, caught.value.kind) == ("positions[0].tiers", "no_profile_table")
    assert caught.value.params["recorded"] == "2026-03-05" and "NOPEUSDT" in str(caught.value)


@pytest.mark.parametrize("name", ["binance/NOPEUSDT", "binance/../profiles/okx", "okx/", "kraken/BTCUSDT",
                                  "binance/BTCUSDT\n"])
def test_hostile_or_unknown_data_table_names_are_refused_at_the_tiers_field(name: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"positions": [{"symbol": "BTCUSDT", "side": "long", "entry_price": 1, "quantity": 1,
                                       "leverage": 1, "tiers": name}]})
    assert caught.value.where == "positions[0].tiers"
    assert caught.value.kind in ("symbol_not_listed", "unknown_table", "table_for_other_symbol")


@pytest.mark.parametrize(("text", "kind"), [("{\"exchange\": \"okx\", \"tab", "data_unreadable"),
                                            ("{\"exchange\": \"okx\"}", "data_unreadable"),
                                            (None, "data_missing")])
def test_a_truncated_malformed_or_missing_file_is_an_error_and_the_bundled_tables_still_work(
        text: str | None, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import calc.listings as listings

    def read(exchange: str) -> object:
        if text is None:
            raise ScenarioError(("exchange",), "data_missing", exchange="OKX")
        try:
            return json.loads(text)
        except ValueError as error:
            raise ScenarioError(("exchange",), "data_unreadable", exchange="OKX") from error

    monkeypatch.setattr(listings, "_read", read)
    listings.listing.cache_clear()
    listings.data_table.cache_clear()
    try:
        with pytest.raises(ScenarioError) as caught:
            parse_scenario({"exchange": "okx", "positions": [{"symbol": "SOLUSDT", "side": "long", "entry_price": 150,
                                                              "quantity": 1, "leverage": 10}]})
        assert caught.value.kind == kind and caught.value.params["exchange"] == "OKX"
        # The profile's bundled BTC table is read without the data file.
        assert load_profile("okx").table_for("BTCUSDT") is not None
    finally:
        listings.listing.cache_clear()
        listings.data_table.cache_clear()


def test_the_engine_archive_leaves_the_data_files_out_and_keeps_the_index() -> None:
    names = [name for name, _ in _entries("calc") if name.startswith("calc/exchanges/")]
    assert names == ["calc/exchanges/index.json"]
