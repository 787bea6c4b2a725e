"""The symbol field in the view layer, without a browser: reading, routing, the date beside it, the comparison on the
reader's symbol, and what the worker is told to fetch."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import calc.listings as listings
from calc import ScenarioError, evaluate, parse_scenario, result_to_data
from margin_view.exchange_comparison import comparison
from margin_view.form.respond import respond
from margin_view.service import data_needed
from margin_view.text import dates
from margin_view.text.catalogue import section
from margin_view.text.figures import format_figure

SOL = {"exchange": "binance", "symbol": "solusdt", "entry": "150", "price": "150", "margin": "1000", "leverage": "10"}


def ask(values: dict[str, str], language: str = "en") -> dict[str, object]:
    return respond({"values": values, "sources": ["exchange"]}, language)


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_listed_symbol_is_valued_with_the_exchanges_table_and_dated(locale: str) -> None:
    """The figures are the engine's for the trade on Binance's SOLUSDT table, and the note beside the field dates
    that table, in both editions."""
    reply = ask(SOL, locale)
    assert reply["errors"] == {}
    note = section(locale, "calculator")["tiers_as_of"].format(exchange="Binance", date=dates.date("2026-03-05", locale))
    assert reply["normalised"] == {"symbol": note}  # type: ignore[comparison-overlap]
    assert "symbol=SOLUSDT" in str(reply["query"]) and {"preset", "rate"} <= set(reply["hidden"])  # type: ignore[arg-type]
    engine = result_to_data(evaluate(parse_scenario({"mode": "isolated", "exchange": "binance", "positions": [
        {"symbol": "SOLUSDT", "side": "long", "entry_price": 150, "mark_price": 150, "margin": 1000, "leverage": 10,
         "tiers": "binance/SOLUSDT"}]})))
    view = reply["view"]
    assert isinstance(view, dict)
    assert view["modes"]["isolated"]["figures"]["liquidation_price"] == format_figure(engine, "liquidation_price",
                                                                                       locale)


def test_without_an_exchange_the_symbol_is_hidden_and_the_trade_is_btcusdt() -> None:
    reply = ask({"symbol": "SOLUSDT"})
    assert "symbol" in reply["hidden"] and "symbol" not in str(reply["query"])  # type: ignore[operator]


@pytest.mark.parametrize("typed", ["", " ", "SOL/USDT", "sol-usdt", '"><svg onload=alert(1)>', "x" * 40, "ÉTHUSDT"])
def test_what_is_not_a_symbol_is_refused_beside_the_field(typed: str) -> None:
    reply = ask({**SOL, "symbol": typed})
    assert reply["errors"] == {"symbol": section("en", "errors")["symbol"]} and reply["view"] is None


def test_a_symbol_the_exchange_does_not_list_names_the_exchange_and_the_data_date() -> None:
    reply = ask({**SOL, "symbol": "NOPEUSDT", "exchange": "binance"})
    errors = reply["errors"]
    assert isinstance(errors, dict) and set(errors) == {"symbol"}
    assert "Binance" in errors["symbol"] and "2026-03-05" in errors["symbol"]  # the engine's words give the day as data


@pytest.fixture
def no_data() -> Iterator[None]:
    """As in the browser before any fetch: the index ships, no exchange's data file is here."""
    real = listings._read

    def missing(exchange: str) -> object:
        raise ScenarioError(("exchange",), "data_missing", exchange=listings._label(exchange))

    listings._read = missing  # type: ignore[assignment]
    listings.listing.cache_clear()
    listings.data_table.cache_clear()
    yield
    listings._read = real  # type: ignore[assignment]
    listings.listing.cache_clear()
    listings.data_table.cache_clear()


def test_the_worker_is_told_to_fetch_the_picked_exchange_and_for_the_comparison_the_others(no_data: None) -> None:
    shipped = sorted(listings.shipped())
    assert data_needed(json.dumps({"op": "calculator", "values": {"exchange": "binance", "symbol": "BTCUSDT"},
                                   "explain": True})) == ["binance"]
    assert sorted(data_needed(json.dumps({"op": "calculator", "values": SOL, "explain": True}))) == shipped
    assert data_needed(json.dumps({"op": "calculator", "values": {"exchange": "none"}})) == []
    assert data_needed(json.dumps({"op": "calculator", "values": {"exchange": "../etc"}})) == []
    assert data_needed("not json") == [] and data_needed(json.dumps({"op": "example"})) == []


def test_before_the_data_arrives_btcusdt_computes_and_another_symbol_waits_for_it(no_data: None) -> None:
    assert ask({**SOL, "symbol": "BTCUSDT", "entry": "50000", "price": "50000"})["errors"] == {}
    errors = ask(SOL)["errors"]
    assert isinstance(errors, dict) and set(errors) == {"symbol"} and "Binance" in errors["symbol"]


def test_the_comparison_values_the_readers_symbol_on_each_exchange_or_says_it_is_not_listed() -> None:
    """SOLUSDT traded on Binance: Hyperliquid values it with its own table, OKX and Bybit say they list none."""
    scenario = parse_scenario({"exchange": "binance", "positions": [
        {"symbol": "SOLUSDT", "side": "long", "entry_price": 150, "margin": 1000, "leverage": 10}]})
    html = comparison(scenario)
    for name, label in (("okx", "OKX"), ("bybit", "Bybit")):
        column = html.split(f'data-exchange="{name}"')[1].split('data-exchange="')[0]
        assert f"{label} lists no tier table for SOLUSDT" in column
    hyperliquid = html.split('data-exchange="hyperliquid"')[1].split('data-exchange="')[0]
    assert "Maintenance rate 2.50%" in hyperliquid


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "BTC%2FUSDT", "../calc/exchanges/okx", ""])
def test_a_link_with_a_hostile_symbol_opens_on_btcusdt_with_a_notice(hostile: str) -> None:
    """A link someone edited: the symbol falls back to BTCUSDT and the page says the link's value was not used."""
    reply = respond({"values": {"exchange": "binance", "symbol": hostile}, "from_link": ["exchange", "symbol"]})
    assert reply["errors"] == {} and reply["replace"] == {"symbol": "BTCUSDT"}
    assert reply["notices"] and reply["view"] is not None
