"""The calculator's explainers on the built site (the MkDocs build: the Zensical build writes the same article, see
tests/site/test_generators_agree.py): their numbers are `python -m calc --explain`'s for the same trade,
pre-rendered without JavaScript, kept live through the controls and through a link.

Expectations come from the CLI and the formatter (tests/calculator/expected.py), never from the page's own code.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from playwright.sync_api import Browser, Locator, Page, expect

from margin_view.text.catalogue import strings
from tests.calculator.expected import DEFAULT_INPUTS, expected_exchanges, expected_explainers, random_inputs
from tests.calculator.test_calculator import (
    CALCULATOR,
    assert_figures,
    calculator_url,
    set_through_controls,
    wait_ready,
)
from tests.conftest import Guard

# The explainers are English here: their numbers are the same text in every edition's formatter, which the
# calculator's suites check in each language.
LABELS = strings("en")["calculator"]["labels"]
WICK = strings("en")["explain"]["wick"]
COMPARE = strings("en")["compare"]
EXPLAIN = f"{CALCULATOR} [data-calc-explain]"
#: Generated trades per test, each checked for its figures and every explainer.
TRADES = 12


def open_explainers(page: Page) -> None:
    """Open each explainer by its summary, as a reader would."""
    for details in page.locator(f"{EXPLAIN} details").all():
        if details.get_attribute("open") is None:
            details.locator("> summary").click()


def body(page: Page, explainer: str, mode: str) -> Locator:
    return page.locator(f'{EXPLAIN} [data-explainer="{explainer}"] [data-explain-mode="{mode}"] [data-explain]')


def assert_explainers(page: Page, inputs: Mapping[str, str]) -> None:
    """Each explainer of each mode shows the CLI's numbers for these inputs."""
    expect(page.locator(EXPLAIN)).not_to_have_attribute("data-current", "false")
    for mode in ("isolated", "cross"):
        expected = expected_explainers(inputs, mode)
        for name in ("worked", "aftermath"):
            text = body(page, name, mode).text_content() or ""
            for key, value in expected[name].items():
                assert value in text, (mode, name, key, value, inputs)
        wick = body(page, "wick", mode)
        if not expected["wick"]:
            expect(wick).to_contain_text(WICK["none"])
        elif "already" in expected["wick"]:
            expect(wick).to_contain_text(WICK["already"])
        else:
            for key in ("liquidation", "last", "mark"):
                expect(wick.locator(f'[data-wick="{key}"] dd')).to_have_text(expected["wick"][key])
            extreme = expected["wick"]["extreme"]
            expect(wick.locator('[data-wick="last"] dt')).to_have_text(f"{extreme} last price")
            outcome = wick.locator('[data-wick="outcome"]')
            expect(outcome).to_contain_text("is liquidated" if expected["wick"]["outcome"] == "liquidated"
                                            else "survives")
        for exchange, price in expected_exchanges(inputs, mode).items():
            column = body(page, "exchanges", mode).locator(f'[data-exchange="{exchange}"]')
            if price is None:
                expect(column.locator(".mdx-exchange__why")).to_contain_text(COMPARE["cannot"].split("{")[0].strip())
            else:
                expect(column.locator('[data-figure="liquidation_price"] dd')).to_have_text(price)


def test_without_javascript_the_explainers_of_the_default_trade_are_on_the_page(browser: Browser,
                                                                                 site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    open_explainers(page)
    assert_explainers(page, DEFAULT_INPUTS)
    context.close()


def test_explainers_follow_trades_typed_into_the_controls(page: Page, guard: Guard, site_url: str) -> None:
    """Generated trades typed into the form, with the explainers open and the wick's depth moved."""
    page.goto(site_url)
    wait_ready(page)
    open_explainers(page)
    rng = random.Random(20261204)
    for _ in range(TRADES):
        inputs = {**random_inputs(rng), "wick": str(rng.randrange(0, 31) * 10)}
        set_through_controls(page, inputs, strings("en"), "en")
        page.get_by_label(LABELS["wick"]).fill(inputs["wick"])
        assert_figures(page, inputs)
        assert_explainers(page, inputs)


def test_explainers_follow_trades_given_in_the_link(page: Page, guard: Guard, site_url: str) -> None:
    """Generated trades opened from links (the wick's depth among the fields), explainers opened after."""
    rng = random.Random(1204)
    for _ in range(TRADES):
        inputs = {**random_inputs(rng), "wick": str(rng.randrange(0, 31) * 10)}
        page.goto(calculator_url(site_url, inputs))
        wait_ready(page)
        assert_figures(page, inputs)
        expect(page.locator(EXPLAIN)).to_have_attribute("data-current", "false")
        open_explainers(page)
        assert_explainers(page, inputs)


def test_explainers_closed_are_not_recomputed_and_catch_up_when_opened(page: Page, guard: Guard,
                                                                       site_url: str) -> None:
    """A change while every explainer is closed marks them out of date; opening one brings all up to date."""
    page.goto(site_url)
    wait_ready(page)
    inputs = {**DEFAULT_INPUTS, "leverage": "20", "price": "48000"}
    page.get_by_label(LABELS["leverage"], exact=True).fill(inputs["leverage"])
    page.get_by_label(LABELS["price"], exact=True).fill(inputs["price"])
    assert_figures(page, inputs)
    expect(page.locator(EXPLAIN)).to_have_attribute("data-current", "false")
    page.locator(f'{EXPLAIN} [data-explainer="aftermath"] > summary').click()
    expect(page.locator(EXPLAIN)).to_have_attribute("data-current", "true")
    open_explainers(page)
    assert_explainers(page, inputs)


def test_formulas_are_announced_as_mathematics_with_their_numbers(page: Page, guard: Guard, site_url: str) -> None:
    """The accessibility tree has each formula as a math node named by its sentence: the solve reads "Liquidation
    price = numerator ÷ denominator = exact", with the CLI's numbers, in both modes."""
    page.goto(site_url)
    wait_ready(page)
    page.locator(f'{EXPLAIN} [data-explainer="worked"] > summary').click()
    for mode in ("isolated", "cross"):
        numbers = expected_explainers(DEFAULT_INPUTS, mode)["worked"]
        tree = body(page, "worked", mode).aria_snapshot()
        assert tree.count("- math ") == 4, tree
        solved = f'math "Liquidation price = {numbers["numerator"]} ÷ {numbers["denominator"]} = {numbers["exact"]}"'
        assert solved in tree, tree
        assert f'math "Maintenance margin = {numbers["rate"]} × {numbers["notional_in_formula"]} = {numbers["maintenance"]}"' \
            in tree, tree
