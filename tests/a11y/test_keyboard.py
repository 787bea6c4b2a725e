"""The calculator with the keyboard alone: Tab to each control, arrows on radios and sliders, typing in fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from margin_view.form.read import in_form
from margin_view.form.respond import respond
from margin_view.form.schema import DEFAULTS
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures, typed
from tests.conftest import Guard

pytestmark = [pytest.mark.both_builders, pytest.mark.every_language]

CALCULATOR = "[data-margin-calculator]"


def focused_name(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.name || ''")


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        if focused_name(page) == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {name}")


def test_calculator_works_from_the_keyboard_alone(page: Page, guard: Guard, site_url: str,
                                                   ui: Mapping[str, Any], language: str) -> None:
    """Switch to short with the arrows, type an entry, raise leverage with the slider's arrow keys."""
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    page.locator(f"{CALCULATOR} input[name=mode]").first.focus()
    tab_to(page, "side")
    page.keyboard.press("ArrowRight")  # long → short
    tab_to(page, "entry")
    page.keyboard.press("Control+A")
    page.keyboard.type("60000")
    tab_to(page, "leverage_slider")
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # 10x → 15x
    tab_to(page, "price")
    page.keyboard.press("Control+A")
    page.keyboard.type(typed("60000.5", language))
    page.keyboard.press("Tab")
    inputs = {**DEFAULT_INPUTS, "side": "short", "entry": "60000", "leverage": "15", "price": "60000.5"}
    for mode in ("isolated", "cross"):
        panel = page.locator(f"{CALCULATOR} [data-mode={mode}]")
        for key, text in expected_figures(inputs, mode, language).items():
            expect(panel.locator(f'[data-result="{key}"]')).to_have_text(text)
    expect(page.get_by_label(ui["calculator"]["labels"]["leverage"], exact=True)).to_have_value("15")


def test_sliders_announce_their_value_with_units(page: Page, guard: Guard, site_url: str,
                                                   ui: Mapping[str, Any], language: str) -> None:
    """Screen readers hear "10 times leverage", not a bare number; the text follows the slider."""
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    slider = page.get_by_label(ui["calculator"]["labels"]["leverage_slider"])
    defaults = in_form(DEFAULTS, language)
    expected = respond({"values": defaults}, language)["slider_text"]["leverage_slider"]  # type: ignore[index]
    expect(slider).to_have_attribute("aria-valuetext", expected)
    slider.focus()
    page.keyboard.press("ArrowRight")
    moved = respond({"values": {**defaults, "leverage": "11"}}, language)["slider_text"][  # type: ignore[index]
        "leverage_slider"]
    expect(slider).to_have_attribute("aria-valuetext", moved)
    assert moved == ui["calculator"]["slider_text"]["leverage"].format(value="11")  # "11 times leverage"


def test_results_are_announced_politely_and_the_gauge_has_words(page: Page, guard: Guard, site_url: str,
                                                   ui: Mapping[str, Any], language: str) -> None:
    """A polite live region carries a summary; the risk gauge is named and speaks its level, not a colour."""
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    summary = page.locator(f"{CALCULATOR} [data-calc-summary]")
    expect(summary).to_have_attribute("aria-live", "polite")
    expect(summary).not_to_be_empty()
    gauge = page.locator(f"{CALCULATOR} [data-mode=isolated] meter")
    level = expected_figures(DEFAULT_INPUTS, "isolated", language)["distance_band"]
    expect(gauge).to_have_attribute("aria-valuetext", level)
    expect(page.locator(f"{CALCULATOR} [data-mode=isolated] [data-result=distance_band]")).to_have_text(level)


def test_the_planner_tab_and_its_fields_work_from_the_keyboard(page: Page, guard: Guard, site_url: str,
                                                               ui: Mapping[str, Any], language: str) -> None:
    """On the calculator page: the arrow keys move from the first tab to Risk & stop, Tab reaches its risk field, and
    typing there recomputes the planner's figures."""
    page.goto(f"{site_url}calculator/")
    expect(page.locator("#planner")).to_have_attribute("data-state", "ready", timeout=60_000)
    page.locator(".tabbed-set > input").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#planner")).to_be_visible()
    tab_to(page, "risk")
    before = page.locator("#planner [data-common] [data-result=quantity]").text_content()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(typed("2", language))
    expect(page.locator("#planner [data-common] [data-result=quantity]")).not_to_have_text(before or "")
    expect(page.locator("#planner")).to_have_attribute("data-stale", "false")
