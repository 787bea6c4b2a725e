"""The symbol field on the built site: a symbol from an exchange's data is valued with that exchange's table and says
as of when; bad and unknown symbols are answered beside the field; the data is fetched when the exchange is picked,
a failed fetch is an error there while BTCUSDT keeps working, and after one visit it works offline.

Figures come from `python -m calc` for the same trade, with the exchange's data table named (``binance/SOLUSDT``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from margin_view.text import dates
from tests.calculator.expected import DEFAULT_INPUTS, typed
from tests.calculator.test_calculator import CALCULATOR, assert_figures, wait_ready
from tests.conftest import Guard

SOL = {**DEFAULT_INPUTS, "exchange": "binance", "symbol": "SOLUSDT", "preset": "binance/SOLUSDT", "entry": "150",
       "price": "150", "fee": "0"}
DATA_DATE = "2026-03-05"


def pick_symbol(page: Page, ui: Mapping[str, Any], language: str, symbol: str, exchange: str = "binance") -> None:
    """Open the exchange settings, choose *exchange*, type *symbol* (in lower case, as a reader might) and the
    trade's prices, as a reader would, by the visible labels."""
    labels = ui["calculator"]["labels"]
    advanced = page.locator(f"{CALCULATOR} details").first
    if advanced.get_attribute("open") is None:
        advanced.locator("summary").click()
    page.get_by_label(labels["exchange"]).select_option(exchange)
    page.get_by_label(labels["symbol"], exact=True).fill(symbol.lower())
    for name in ("entry", "price"):
        page.get_by_label(labels[name], exact=True).fill(typed("150", language))


def message(page: Page) -> Any:
    return page.locator(f'{CALCULATOR} [data-message-for="symbol"]')


@pytest.mark.every_language
def test_a_symbol_from_the_exchanges_data_gives_its_figures_and_their_date(page: Page, guard: Guard, site_url: str,
                                                                          ui: Mapping[str, Any],
                                                                          language: str) -> None:
    """SOLUSDT on Binance: calc's figures with Binance's SOLUSDT brackets, '<exchange> tiers as of <date>' beside
    the field, the symbol in the link, and the link reopens the same trade."""
    page.goto(site_url)
    wait_ready(page)
    pick_symbol(page, ui, language, "SOLUSDT")
    assert_figures(page, SOL, language)
    expect(message(page)).to_have_text(ui["calculator"]["tiers_as_of"].format(
        exchange="Binance", date=dates.date(DATA_DATE, language)))
    expect(page).to_have_url(re.compile("symbol=SOLUSDT"), timeout=5_000)
    page.goto(page.url)
    wait_ready(page)
    assert_figures(page, SOL, language)


def test_unknown_and_hostile_symbols_are_answered_beside_the_field(page: Page, guard: Guard, site_url: str,
                                                                  ui: Mapping[str, Any]) -> None:
    """A symbol Binance's data does not list says so with the data's date; markup or punctuation is not a symbol;
    neither reaches the figures, and a listed symbol afterwards computes again."""
    page.goto(site_url)
    wait_ready(page)
    pick_symbol(page, ui, "en", "NOPEUSDT")
    expect(message(page)).to_contain_text(DATA_DATE)
    for hostile in ('"><img src=x onerror=alert(1)>', "SOL/USDT", "../../index", "x" * 200):
        page.get_by_label(ui["calculator"]["labels"]["symbol"], exact=True).fill(hostile)
        expect(message(page)).to_have_text(ui["errors"]["symbol"])
    page.get_by_label(ui["calculator"]["labels"]["symbol"], exact=True).fill("solusdt")
    assert_figures(page, SOL)


def test_a_failed_data_fetch_is_an_error_beside_the_symbol_and_btcusdt_still_works(browser: Browser, site_url: str,
                                                                                   ui: Mapping[str, Any]) -> None:
    """Binance's data file cannot be fetched (no service worker, the request fails): SOLUSDT says the data is
    missing, and BTCUSDT on Binance, whose table the engine bundles, still gives its figures."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    asked: list[str] = []

    def refuse(route: Any) -> None:
        asked.append(route.request.url)
        route.abort()

    page.route("**/assets/calc/exchanges/*.json", refuse)
    page.goto(site_url)
    wait_ready(page)
    pick_symbol(page, ui, "en", "SOLUSDT")
    expect(message(page)).to_contain_text("Binance")
    expect(message(page)).not_to_contain_text(DATA_DATE)
    assert any(url.endswith("/binance.json") for url in asked)
    page.get_by_label(ui["calculator"]["labels"]["symbol"], exact=True).fill("BTCUSDT")
    btc = {**DEFAULT_INPUTS, "exchange": "binance", "preset": "binance-btcusdt-2025-08", "entry": "150",
           "price": "150", "fee": "0"}
    assert_figures(page, btc)
    context.close()


def test_the_data_is_fetched_when_an_exchange_is_picked_not_before(browser: Browser, site_url: str,
                                                                    ui: Mapping[str, Any]) -> None:
    """Start-up fetches no exchange's data (it is not on the cold start's path); picking Binance fetches Binance's
    file once, and no other exchange's."""
    context = browser.new_context(service_workers="block")  # the service worker's precache would fetch them all
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/assets/calc/exchanges/" in request.url
            else None)
    page.goto(site_url)
    wait_ready(page)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
    assert fetched == []
    pick_symbol(page, ui, "en", "SOLUSDT")
    assert_figures(page, SOL)
    page.get_by_label(ui["calculator"]["labels"]["symbol"], exact=True).fill("XRPUSDT")
    expect(message(page)).to_have_text(ui["calculator"]["tiers_as_of"].format(exchange="Binance",
                                                                          date=dates.date(DATA_DATE, "en")))
    assert [url.rsplit("/", 1)[1] for url in fetched] == ["binance.json"]
    context.close()


def test_after_one_visit_a_symbol_from_the_data_works_offline(browser: Browser, site_url: str,
                                                              ui: Mapping[str, Any]) -> None:
    """The service worker precaches every exchange's data with the site: offline, SOLUSDT on Binance computes."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    wait_ready(page)
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    context.set_offline(True)
    page.goto(site_url)
    wait_ready(page)
    pick_symbol(page, ui, "en", "SOLUSDT")
    assert_figures(page, SOL)
    context.close()
