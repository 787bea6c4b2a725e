"""The calculator on the built site: pre-rendered figures, live figures, links, phone width.

Every expectation comes from `python -m calc` for the same scenario (tests/calculator/expected.py), never from a
number typed into a test. Each test runs in every edition (``language``): the reader types numbers as their
language writes them, and reads the figures in it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from calc.numbers import plain
from calc.profiles import PROFILE_NAMES, load_profile
from margin_view.text.catalogue import strings
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures, random_inputs, typed
from tests.conftest import Guard

pytestmark = pytest.mark.every_language

CALCULATOR = "[data-margin-calculator]"
PHONE = {"width": 390, "height": 844}
#: Generated trades per test and edition. The explainers' suite (tests/explainers/) types twelve more English
#: trades, and opens twelve from links, checking these figures for each as well as its own.
TRADES = 5


def calculator_url(site_url: str, inputs: Mapping[str, str] | None = None) -> str:
    return f"{site_url}?{urlencode(dict(inputs))}" if inputs else site_url


def page_language(page: Page) -> str:
    """The language the page is written in (Material writes theme.language into ``<html lang>``)."""
    return str(page.evaluate("document.documentElement.lang"))


def wait_ready(page: Page) -> None:
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)


def assert_figures(page: Page, inputs: Mapping[str, str], language: str = "en") -> None:
    """Each panel shows exactly calc's figures for these inputs, in *language*."""
    for mode in ("isolated", "cross"):
        panel = page.locator(f"{CALCULATOR} [data-mode={mode}]")
        for key, text in expected_figures(inputs, mode, language).items():
            expect(panel.locator(f'[data-result="{key}"]')).to_have_text(text)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")


def set_through_controls(page: Page, inputs: Mapping[str, str], ui: Mapping[str, Any], language: str) -> None:
    """Type and click as a reader of *language* would, by the visible labels."""
    labels = ui["calculator"]["labels"]
    page.get_by_role("radio", name=ui["calculator"]["options"]["side"][inputs["side"]]).check()
    advanced = page.locator(f"{CALCULATOR} details").first
    if advanced.get_attribute("open") is None:
        advanced.locator("summary").click()
    page.get_by_label(labels["preset"]).select_option(inputs["preset"])
    page.get_by_label(labels["fee"]).fill(typed(inputs["fee"], language))
    for name in ("entry", "margin", "balance", "leverage", "price"):
        page.get_by_label(labels[name], exact=True).fill(typed(inputs[name], language))


@pytest.mark.both_builders
def test_without_javascript_the_default_figures_are_on_the_page(browser: Browser, site_url: str,
                                                                language: str) -> None:
    """A reader without JavaScript sees the default trade's figures, as `python -m calc` computes them."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert_figures(page, DEFAULT_INPUTS, language)
    context.close()


@pytest.mark.both_builders
def test_ready_calculator_keeps_the_prerendered_figures(page: Page, guard: Guard, site_url: str,
                                                        language: str) -> None:
    """Once Python is ready, the live text for the default inputs is the pre-rendered text."""
    page.goto(site_url)
    wait_ready(page)
    assert_figures(page, DEFAULT_INPUTS, language)


def test_figures_follow_inputs_typed_into_the_controls(page: Page, guard: Guard, site_url: str, ui: Mapping[str, Any],
                                                       language: str) -> None:
    """Generated trades, typed into the form one after another, each show calc's figures."""
    page.goto(site_url)
    wait_ready(page)
    rng = random.Random(20261126)
    for _ in range(TRADES):
        inputs = random_inputs(rng)
        set_through_controls(page, inputs, ui, language)
        assert_figures(page, inputs, language)


def test_figures_follow_inputs_given_in_the_link(page: Page, guard: Guard, site_url: str, ui: Mapping[str, Any],
                                                 language: str) -> None:
    """Generated trades, each opened from a link, each show calc's figures; a link writes its numbers one way
    in every language (``0.05``), and the form shows them as its language writes them (``0,05``)."""
    rng = random.Random(1126)
    for _ in range(TRADES):
        inputs = random_inputs(rng)
        page.goto(calculator_url(site_url, inputs))
        wait_ready(page)
        assert_figures(page, inputs, language)
        for name in ("entry", "fee", "price"):
            expect(page.get_by_label(ui["calculator"]["labels"][name], exact=True)).to_have_value(
                typed(inputs[name], language))


def test_a_copied_link_restores_the_same_figures(browser: Browser, site_url: str, ui: Mapping[str, Any],
                                                 language: str) -> None:
    """Set inputs, copy the link, open it in a fresh page: the same inputs and figures come back."""
    labels = ui["calculator"]["labels"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url)
    wait_ready(page)
    inputs = random_inputs(random.Random(7))
    set_through_controls(page, inputs, ui, language)
    assert_figures(page, inputs, language)
    page.get_by_role("button", name=labels["copy_link"]).click()
    link = page.evaluate("navigator.clipboard.readText()")
    fresh = context.new_page()
    fresh.goto(link)
    wait_ready(fresh)
    assert_figures(fresh, inputs, language)
    for name in ("entry", "margin", "leverage", "price"):
        expect(fresh.get_by_label(labels[name], exact=True)).to_have_value(typed(inputs[name], language))
    context.close()


def test_the_dutch_calculator_writes_numbers_the_dutch_way(browser: Browser, server_url: str) -> None:
    """The guide's default trade, whose isolated liquidation price the original guide published as 45,180.72, reads
    as a Dutch reader writes numbers: a dot between thousands, a decimal comma, a space after the dollar sign (one
    that never breaks the line), "9,64%" and "10x"; and the same without JavaScript."""
    nbsp = "\u00a0"
    for javascript in (True, False):
        page = browser.new_context(java_script_enabled=javascript).new_page()
        page.goto(server_url + "nl/")
        if javascript:
            wait_ready(page)
        panel = page.locator(f"{CALCULATOR} .mdx-calc__mode[data-mode=isolated]")
        expect(panel.locator("[data-result=liquidation_price]")).to_have_text(f"${nbsp}45.180,72")
        expect(panel.locator("[data-result=notional]")).to_have_text(f"${nbsp}10.000,00")
        expect(panel.locator("[data-result=distance_to_liquidation]")).to_have_text("9,64%")
        expect(panel.locator("[data-result=leverage]")).to_have_text("10x")
        page.context.close()


def test_a_dutch_readers_link_opens_both_editions_with_the_same_trade(browser: Browser, server_url: str) -> None:
    """A trade typed the Dutch way ("50.123,45", a decimal comma) on the Dutch page, shared: the link opens the Dutch
    calculator with Dutch figures and the English one with English figures, both calc's for the same trade."""
    dutch = strings("nl")["calculator"]["labels"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server_url + "nl/")
    wait_ready(page)
    inputs = {**random_inputs(random.Random(31)), "entry": "50123.45", "fee": "0.05"}
    set_through_controls(page, inputs, strings("nl"), "nl")
    page.get_by_label(dutch["entry"], exact=True).fill("50.123,45")  # with a thousands dot, as Dutch is written
    assert_figures(page, inputs, "nl")
    page.get_by_role("button", name=dutch["copy_link"]).click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "entry=50123.45" in link and "fee=0.05" in link, link
    for edition, language in ((link, "nl"), (link.replace("/nl/", "/"), "en")):
        fresh = context.new_page()
        fresh.goto(edition)
        wait_ready(fresh)
        assert_figures(fresh, inputs, language)
    context.close()


def test_choosing_an_exchange_fills_its_settings_and_values_the_trade_its_way(page: Page, guard: Guard,
                                                                              site_url: str, ui: Mapping[str, Any],
                                                                              language: str) -> None:
    """Each exchange chosen in the form fills in its BTCUSDT tiers and its closing-fee rate; the figures are calc's
    for the trade under that exchange's profile, and the link the page writes opens with the same."""
    # Every exchange in English; in another edition, one that fills a fee with decimals and one that fills none.
    for name in PROFILE_NAMES if language == "en" else ("bybit", "binance"):
        page.goto(site_url)
        wait_ready(page)
        advanced = page.locator(f"{CALCULATOR} details").first
        if advanced.get_attribute("open") is None:
            advanced.locator("summary").click()
        labels = ui["calculator"]["labels"]
        page.get_by_label(labels["exchange"]).select_option(name)
        profile = load_profile(name)
        fee = plain(profile.fee_rate * 100) if profile.closing_fee != "none" else "0"
        expect(page.get_by_label(labels["preset"])).to_have_value(profile.tables["BTCUSDT"])
        expect(page.get_by_label(labels["fee"])).to_have_value(typed(fee, language))
        inputs = {**DEFAULT_INPUTS, "exchange": name, "preset": profile.tables["BTCUSDT"], "fee": fee}
        assert_figures(page, inputs, language)
        expect(page).to_have_url(re.compile(f"exchange={name}"), timeout=5_000)
        page.goto(page.url)
        wait_ready(page)
        assert_figures(page, inputs, language)


def test_a_coin_margined_trade_backed_by_another_coin(browser: Browser, site_url: str, ui: Mapping[str, Any],
                                                      language: str) -> None:
    """Switch the contract to coin-margined: the margin and wallet become BTC at the entry price and the tiers
    Binance COIN-M's; add SOL as cross margin; the figures are calc's, the coin figures appear, and the copied link
    reopens the same trade."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url)
    wait_ready(page)
    text = ui["calculator"]
    page.get_by_role("radio", name=text["options"]["contract"]["inverse"]).check()
    labels = text["labels_inverse"]
    # 1,000 USDT at 50,000
    expect(page.get_by_label(labels["margin"], exact=True)).to_have_value(typed("0.02", language))
    expect(page.get_by_label(labels["balance"], exact=True)).to_have_value(typed("0.1", language))
    expect(page.get_by_label(text["labels"]["preset"])).to_have_value("binance-btcusd")
    coins = page.locator(f"{CALCULATOR} details", has_text=text["legend"]["coins"])
    coins.locator("summary").click()
    page.get_by_label(text["labels"]["coin"], exact=True).select_option("SOL")
    for name, value in (("coin_amount", "20.5"), ("coin_price", "150"), ("coin_haircut", "10")):
        page.get_by_label(text["labels"][name], exact=True).fill(typed(value, language))
    inputs = {**DEFAULT_INPUTS, "contract": "inverse", "margin": "0.02", "balance": "0.1", "preset": "binance-btcusd",
              "coin": "SOL", "coin_amount": "20.5", "coin_price": "150", "coin_haircut": "10"}
    assert_figures(page, inputs, language)
    for mode in ("isolated", "cross"):
        expect(page.locator(f'{CALCULATOR} [data-mode={mode}] [data-result="max_loss_coin"]')).not_to_be_empty()
    page.get_by_role("button", name=text["labels"]["copy_link"]).click()
    fresh = context.new_page()
    fresh.goto(page.evaluate("navigator.clipboard.readText()"))
    wait_ready(fresh)
    assert_figures(fresh, inputs, language)
    context.close()


@pytest.mark.both_builders
def test_phone_width_shows_the_same_figures_without_overflow(page: Page, guard: Guard, site_url: str,
                                                             ui: Mapping[str, Any], language: str) -> None:
    """At 390 px the calculator works the same and nothing is wider than the screen."""
    page.set_viewport_size(PHONE)
    inputs = random_inputs(random.Random(390))
    page.goto(calculator_url(site_url, inputs))
    wait_ready(page)
    assert_figures(page, inputs, language)
    set_through_controls(page, DEFAULT_INPUTS, ui, language)
    assert_figures(page, DEFAULT_INPUTS, language)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_inputs_changed_while_python_loads_are_computed_once_it_is_ready(page: Page, guard: Guard, site_url: str,
                                                                          ui: Mapping[str, Any], language: str) -> None:
    """The reader types before the engine is up: the status says so, and nothing typed is lost."""
    held = []
    page.route("**/python_stdlib.zip", lambda route: held.append(route))
    page.goto(site_url)
    calculator = page.locator(CALCULATOR)
    expect(calculator).to_have_attribute("data-state", "loading")
    inputs = {**DEFAULT_INPUTS, "leverage": "20", "price": "48000.5"}
    labels = ui["calculator"]["labels"]
    page.get_by_label(labels["leverage"], exact=True).fill(inputs["leverage"])
    page.get_by_label(labels["price"], exact=True).fill(typed(inputs["price"], language))
    expect(calculator).to_have_attribute("data-stale", "true")
    expect(calculator.locator("[data-calc-status]")).to_have_text(ui["calculator"]["status"]["pending"])
    page.unroute("**/python_stdlib.zip")  # lets the held request through
    wait_ready(page)
    assert_figures(page, inputs, language)
