"""The results stay in view while the inputs move: beside the inputs on a wide screen, in a compact summary at the
bottom of a phone's screen. "In view" is checked the way a reader sees it: the element showing a mode's
liquidation price lies inside the window, below Material's header, and is the element actually drawn at its
centre (nothing covers it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from margin_view.explainers.panels import EXPLAINERS
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures
from tests.calculator.test_calculator import CALCULATOR, PHONE, page_language, wait_ready

pytestmark = pytest.mark.every_language

DESKTOP = {"width": 1280, "height": 900}
MODES = ("isolated", "cross")

# For one mode: is an element showing its liquidation price (its panel's row, or the summary's) drawn in the
# window? Returns that element's text, or null.
SHOWN_PRICE = """(mode) => {
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const candidates = [
    document.querySelector(`[data-margin-calculator] .mdx-calc__mode[data-mode="${mode}"] [data-result=liquidation_price]`),
    document.querySelector(`[data-margin-calculator] [data-glance="${mode}"] [data-result=liquidation_price]`),
  ];
  for (const node of candidates) {
    if (!node || node.offsetParent === null) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.top < header || box.bottom > innerHeight) continue;
    const drawn = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (drawn && (drawn === node || node.contains(drawn))) return node.textContent;
  }
  return null;
}"""

SCROLL_SLIDER = """(where) => {
  const slider = document.querySelector("[data-margin-calculator] input[name=price_slider]");
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const box = slider.getBoundingClientRect();
  window.scrollBy(0, where === "top" ? box.top - header - 4 : box.bottom - innerHeight + 4);
}"""


def open_calculator(browser: Browser, site_url: str, viewport: dict[str, int]) -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(site_url + "#liquidation-price-calculator")
    wait_ready(page)
    return page


def assert_prices_in_view(page: Page, where: str) -> None:
    language = page_language(page)
    expected = {mode: expected_figures(DEFAULT_INPUTS, mode, language)["liquidation_price"] for mode in MODES}
    # The summary appears a moment after the panels scroll away (an IntersectionObserver callback).
    page.wait_for_timeout(150)
    shown = {mode: page.evaluate(SHOWN_PRICE, mode) for mode in MODES}
    assert shown == expected, f"{where}: {shown}"


def assert_no_horizontal_overflow(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_on_a_wide_screen_both_prices_stay_in_view_beside_the_mark_price_slider(browser: Browser, site_url: str,
                                                                                 where: str) -> None:
    """1280 × 900: with the slider focused at the top or the bottom of the window, both prices are drawn."""
    page = open_calculator(browser, site_url, DESKTOP)
    page.focus(f"{CALCULATOR} input[name=price_slider]")
    page.evaluate(SCROLL_SLIDER, where)
    assert_prices_in_view(page, f"slider at the {where}")
    assert_no_horizontal_overflow(page)
    page.context.close()


def test_on_a_wide_screen_the_summary_keeps_both_prices_in_view_from_the_explainers(browser: Browser,
                                                                                   site_url: str) -> None:
    """1280 × 900: below the two columns, with the wick's depth focused, the summary shows both prices."""
    page = open_calculator(browser, site_url, DESKTOP)
    page.locator(f"{CALCULATOR} [data-explainer=wick] > summary").click()
    page.focus(f"{CALCULATOR} input[name=wick]")
    assert_prices_in_view(page, "focus on the wick's depth")
    assert_no_horizontal_overflow(page)
    page.context.close()


def test_on_a_phone_the_summary_keeps_both_prices_in_view_from_every_input(browser: Browser, site_url: str) -> None:
    """390 × 844: whichever field has the focus (scrolled into view as a browser does), both prices are drawn,
    and the field itself is not under the summary."""
    page = open_calculator(browser, site_url, PHONE)
    # Every explainer open: the wick's depth is a field too, and the formulas must not widen the page.
    for explainer in EXPLAINERS:
        page.locator(f"{CALCULATOR} [data-explainer={explainer}] > summary").click()
    fields = page.locator(f"{CALCULATOR} input:visible, {CALCULATOR} select:visible")
    count = fields.count()
    assert count >= 10
    assert fields.evaluate_all("nodes => nodes.some(node => node.name === 'wick')")
    for index in range(count):
        field = fields.nth(index)
        field.focus()
        assert_prices_in_view(page, f"focus on {field.get_attribute('name')}")
        box = field.bounding_box()
        glance = page.locator(f"{CALCULATOR} [data-calc-glance]")
        if box and glance.is_visible():
            assert box["y"] + box["height"] <= (glance.bounding_box() or {"y": 1e9})["y"] + 1, field.get_attribute("name")
    assert_no_horizontal_overflow(page)
    page.context.close()


def test_the_summary_follows_the_panels_and_stays_out_of_the_way_without_javascript(
        browser: Browser, site_url: str, ui: Mapping[str, Any], language: str) -> None:
    """The summary repeats the panels' text after a change; with no JavaScript it is not shown at all."""
    page = open_calculator(browser, site_url, PHONE)
    page.get_by_label(ui["calculator"]["labels"]["leverage"], exact=True).fill("20")
    expected = expected_figures({**DEFAULT_INPUTS, "leverage": "20"}, "isolated", language)
    glance = page.locator(f"{CALCULATOR} [data-glance=isolated]")
    expect(glance.locator("[data-result=liquidation_price]")).to_have_text(expected["liquidation_price"])
    expect(glance.locator("[data-result=distance_to_liquidation]")).to_have_text(expected["distance_to_liquidation"])
    page.context.close()

    static = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    static.goto(site_url + "#liquidation-price-calculator")
    expect(static.locator(f"{CALCULATOR} [data-calc-glance]")).to_be_hidden()
    expect(static.locator(f"{CALCULATOR} .mdx-calc__mode[data-mode=isolated] [data-result=liquidation_price]")) \
        .to_have_text(expected_figures(DEFAULT_INPUTS, "isolated", language)["liquidation_price"])
    static.context.close()
