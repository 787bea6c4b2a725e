"""The calculator on the built site: pre-rendered figures, live figures, links, phone width.

Every expectation comes from `python -m calc` for the same scenario (tests/calculator/expected.py), never from a
number typed into a test.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page, expect

from calc.numbers import plain
from calc.profiles import PROFILE_NAMES, load_profile
from margin_view.strings import strings
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures, random_inputs
from tests.conftest import Guard

LABELS = strings("en")["calculator"]["labels"]
OPTIONS = strings("en")["calculator"]["options"]
CALCULATOR = "[data-margin-calculator]"
PHONE = {"width": 390, "height": 844}


def calculator_url(site_url: str, inputs: Mapping[str, str] | None = None) -> str:
    return f"{site_url}?{urlencode(dict(inputs))}" if inputs else site_url


def wait_ready(page: Page) -> None:
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)


def assert_figures(page: Page, inputs: Mapping[str, str]) -> None:
    """Each panel shows exactly calc's figures for these inputs."""
    for mode in ("isolated", "cross"):
        panel = page.locator(f"{CALCULATOR} [data-mode={mode}]")
        for key, text in expected_figures(inputs, mode).items():
            expect(panel.locator(f'[data-result="{key}"]')).to_have_text(text)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")


def set_through_controls(page: Page, inputs: Mapping[str, str]) -> None:
    """Type and click as a reader would, by the visible labels."""
    page.get_by_role("radio", name=OPTIONS["side"][inputs["side"]]).check()
    advanced = page.locator(f"{CALCULATOR} details").first
    if advanced.get_attribute("open") is None:
        advanced.locator("summary").click()
    page.get_by_label(LABELS["preset"]).select_option(inputs["preset"])
    page.get_by_label(LABELS["fee"]).fill(inputs["fee"])
    for name in ("entry", "margin", "balance", "leverage", "price"):
        page.get_by_label(LABELS[name], exact=True).fill(inputs[name])


def test_without_javascript_the_default_figures_are_on_the_page(browser: Browser, site_url: str) -> None:
    """A reader without JavaScript sees the default trade's figures, as `python -m calc` computes them."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert_figures(page, DEFAULT_INPUTS)
    context.close()


def test_ready_calculator_keeps_the_prerendered_figures(page: Page, guard: Guard, site_url: str) -> None:
    """Once Python is ready, the live text for the default inputs is the pre-rendered text."""
    page.goto(site_url)
    wait_ready(page)
    assert_figures(page, DEFAULT_INPUTS)


def test_figures_follow_inputs_typed_into_the_controls(page: Page, guard: Guard, site_url: str) -> None:
    """Twenty generated trades, typed into the form one after another, each show calc's figures."""
    page.goto(site_url)
    wait_ready(page)
    rng = random.Random(20261126)
    for _ in range(20):
        inputs = random_inputs(rng)
        set_through_controls(page, inputs)
        assert_figures(page, inputs)


def test_figures_follow_inputs_given_in_the_link(page: Page, guard: Guard, site_url: str) -> None:
    """Twenty generated trades, each opened from a link, each show calc's figures."""
    rng = random.Random(1126)
    for _ in range(20):
        inputs = random_inputs(rng)
        page.goto(calculator_url(site_url, inputs))
        wait_ready(page)
        assert_figures(page, inputs)


def test_a_copied_link_restores_the_same_figures(browser: Browser, site_url: str) -> None:
    """Set inputs, copy the link, open it in a fresh page: the same inputs and figures come back."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url)
    wait_ready(page)
    inputs = random_inputs(random.Random(7))
    set_through_controls(page, inputs)
    assert_figures(page, inputs)
    page.get_by_role("button", name=LABELS["copy_link"]).click()
    link = page.evaluate("navigator.clipboard.readText()")
    fresh = context.new_page()
    fresh.goto(link)
    wait_ready(fresh)
    assert_figures(fresh, inputs)
    for name in ("entry", "margin", "leverage", "price"):
        expect(fresh.get_by_label(LABELS[name], exact=True)).to_have_value(inputs[name])
    context.close()


def test_choosing_an_exchange_fills_its_settings_and_values_the_trade_its_way(page: Page, guard: Guard,
                                                                              site_url: str) -> None:
    """Each exchange chosen in the form fills in its BTCUSDT tiers and its closing-fee rate; the figures are calc's
    for the trade under that exchange's profile, and the link the page writes opens with the same."""
    for name in PROFILE_NAMES:
        page.goto(site_url)
        wait_ready(page)
        advanced = page.locator(f"{CALCULATOR} details").first
        if advanced.get_attribute("open") is None:
            advanced.locator("summary").click()
        page.get_by_label(LABELS["exchange"]).select_option(name)
        profile = load_profile(name)
        fee = plain(profile.fee_rate * 100) if profile.closing_fee != "none" else "0"
        expect(page.get_by_label(LABELS["preset"])).to_have_value(profile.tables["BTCUSDT"])
        expect(page.get_by_label(LABELS["fee"])).to_have_value(fee)
        inputs = {**DEFAULT_INPUTS, "exchange": name, "preset": profile.tables["BTCUSDT"], "fee": fee}
        assert_figures(page, inputs)
        expect(page).to_have_url(re.compile(f"exchange={name}"), timeout=5_000)
        page.goto(page.url)
        wait_ready(page)
        assert_figures(page, inputs)


def test_a_coin_margined_trade_backed_by_another_coin(browser: Browser, site_url: str) -> None:
    """Switch the contract to coin-margined: the margin and wallet become BTC at the entry price and the tiers
    Binance COIN-M's; add SOL as cross margin; the figures are calc's, the coin figures appear, and the copied link
    reopens the same trade."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url)
    wait_ready(page)
    page.get_by_role("radio", name=OPTIONS["contract"]["inverse"]).check()
    labels = strings("en")["calculator"]["labels_inverse"]
    expect(page.get_by_label(labels["margin"], exact=True)).to_have_value("0.02")  # 1,000 USDT at 50,000
    expect(page.get_by_label(labels["balance"], exact=True)).to_have_value("0.1")
    expect(page.get_by_label(LABELS["preset"])).to_have_value("binance-btcusd")
    coins = page.locator(f"{CALCULATOR} details", has_text=strings("en")["calculator"]["legend"]["coins"])
    coins.locator("summary").click()
    page.get_by_label(LABELS["coin"], exact=True).select_option("SOL")
    for name, value in (("coin_amount", "20"), ("coin_price", "150"), ("coin_haircut", "10")):
        page.get_by_label(LABELS[name], exact=True).fill(value)
    inputs = {**DEFAULT_INPUTS, "contract": "inverse", "margin": "0.02", "balance": "0.1", "preset": "binance-btcusd",
              "coin": "SOL", "coin_amount": "20", "coin_price": "150", "coin_haircut": "10"}
    assert_figures(page, inputs)
    for mode in ("isolated", "cross"):
        expect(page.locator(f'{CALCULATOR} [data-mode={mode}] [data-result="max_loss_coin"]')).not_to_be_empty()
    page.get_by_role("button", name=LABELS["copy_link"]).click()
    fresh = context.new_page()
    fresh.goto(page.evaluate("navigator.clipboard.readText()"))
    wait_ready(fresh)
    assert_figures(fresh, inputs)
    context.close()


def test_phone_width_shows_the_same_figures_without_overflow(page: Page, guard: Guard, site_url: str) -> None:
    """At 390 px the calculator works the same and nothing is wider than the screen."""
    page.set_viewport_size(PHONE)
    inputs = random_inputs(random.Random(390))
    page.goto(calculator_url(site_url, inputs))
    wait_ready(page)
    assert_figures(page, inputs)
    set_through_controls(page, DEFAULT_INPUTS)
    assert_figures(page, DEFAULT_INPUTS)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_inputs_changed_while_python_loads_are_computed_once_it_is_ready(page: Page, guard: Guard,
                                                                          site_url: str) -> None:
    """The reader types before the engine is up: the status says so, and nothing typed is lost."""
    held = []
    page.route("**/python_stdlib.zip", lambda route: held.append(route))
    page.goto(site_url)
    calculator = page.locator(CALCULATOR)
    expect(calculator).to_have_attribute("data-state", "loading")
    inputs = {**DEFAULT_INPUTS, "leverage": "20", "price": "48000"}
    page.get_by_label(LABELS["leverage"], exact=True).fill(inputs["leverage"])
    page.get_by_label(LABELS["price"], exact=True).fill(inputs["price"])
    expect(calculator).to_have_attribute("data-stale", "true")
    expect(calculator.locator("[data-calc-status]")).to_have_text(strings("en")["calculator"]["status"]["pending"])
    page.unroute("**/python_stdlib.zip")  # lets the held request through
    wait_ready(page)
    assert_figures(page, inputs)
