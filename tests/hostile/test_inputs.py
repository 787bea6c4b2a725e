"""Every field against hostile text: a message beside it, the last good figures kept and marked stale.

Which values must be refused is not typed into the test: the form model decides (margin_view.form.respond.respond),
and the page must then show exactly that decision. What the test does fix is how the page shows it. Every test
runs in each edition, whose form reads numbers its own way ("50.5" is ambiguous to a Dutch form).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from margin_view.form.read import in_form
from margin_view.form.respond import respond
from margin_view.form.schema import DEFAULTS
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures, typed
from tests.conftest import Guard

pytestmark = pytest.mark.every_language

CALCULATOR = "[data-margin-calculator]"
HOSTILE = [
    "", "-", "abc", "1e309", "NaN", "Infinity", "-5", "0", "1e15", "50000.12345678901234567890", "50,000",
    "50 000", "\u2212 3", "$1,000", "１２", "0x10", "1_000", "<b>9</b>", "50.5", "50.000,5", "1.234.5", "50,000.5",
]
FIELDS = ["entry", "margin", "balance", "leverage", "added", "price", "fee"]
#: The fields typed in the browser in every edition: a price and a percentage, whose decimal separators differ
#: between languages. The others are typed in English here; tests/view/test_hostile_form.py sends every hostile value
#: through every field in every language in-process, where the page's only part is to show the reply's words.
IN_EVERY_LANGUAGE = ("entry", "fee")
FORBIDDEN = re.compile(r"\b(NaN|Infinity|undefined|null|None)\b|Traceback")


def visible_text(page: Page) -> str:
    return page.locator(CALCULATOR).inner_text()


def figures_now(page: Page) -> list[str]:
    return page.locator(f"{CALCULATOR} [data-result]").all_text_contents()


def open_calculator(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)


@pytest.mark.parametrize("field", FIELDS)
def test_hostile_values_get_a_message_beside_the_field(page: Page, guard: Guard, site_url: str, field: str,
                                                       ui: Mapping[str, Any], language: str) -> None:
    """Each hostile value is refused beside its field (or read as the number it means, and said so)."""
    if language != "en" and field not in IN_EVERY_LANGUAGE:
        pytest.skip("typed in English; every language is checked in-process (tests/view/test_hostile_form.py)")
    open_calculator(page, site_url)
    defaults = in_form(DEFAULTS, language)
    box = page.get_by_label(ui["calculator"]["labels"][field], exact=True)
    if not box.is_visible():  # the fee sits in the "maintenance margin, convention and fees" disclosure
        page.locator(f"{CALCULATOR} details").first.locator("summary").click()
    message = page.locator(f"#{box.get_attribute('aria-describedby').split()[0]}")
    good = figures_now(page)
    for value in HOSTILE:
        decision = respond({"values": {**defaults, field: value}}, language)
        box.fill(value)
        errors = decision["errors"]
        if field in errors:  # type: ignore[operator]
            expect(message).to_have_text(errors[field])  # type: ignore[index]
            expect(box).to_have_attribute("aria-invalid", "true")
            expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "true")
            assert figures_now(page) == good, f"{field}={value!r} changed the figures"
        else:
            expect(box).not_to_have_attribute("aria-invalid", "true")
            note = decision["normalised"].get(field, "")  # type: ignore[union-attr]
            expect(message).to_have_text(note)
        assert not FORBIDDEN.search(visible_text(page)), f"{field}={value!r}: {FORBIDDEN.search(visible_text(page))}"
        box.fill(defaults[field])
        expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
    assert figures_now(page) == good


def test_coin_fields_refuse_hostile_values(page: Page, guard: Guard, site_url: str, ui: Mapping[str, Any],
                                           language: str) -> None:
    """A coin held as cross margin: hostile text in its amount, price or haircut gets the form model's message
    beside that field, and the figures shown before stay."""
    open_calculator(page, site_url)
    labels = ui["calculator"]["labels"]
    page.locator(f"{CALCULATOR} details", has_text=ui["calculator"]["legend"]["coins"]).locator("summary").click()
    page.get_by_label(labels["coin"], exact=True).select_option("SOL")
    values = {**in_form(DEFAULTS, language), "coin": "SOL"}
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
    good = figures_now(page)
    for field in ("coin_amount", "coin_price", "coin_haircut"):
        box = page.get_by_label(labels[field], exact=True)
        message = page.locator(f"#{box.get_attribute('aria-describedby').split()[0]}")
        for value in ("abc", "-5", "1e309", "100", "<b>9</b>", "0.5.1"):
            errors = respond({"values": {**values, field: value}}, language)["errors"]
            box.fill(value)
            if field in errors:  # type: ignore[operator]
                expect(message).to_have_text(errors[field])  # type: ignore[index]
                expect(box).to_have_attribute("aria-invalid", "true")
                assert figures_now(page) == good, f"{field}={value!r} changed the figures"
            else:  # a usable value (100 SOL, say): its figures are the last good ones from now on
                expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
                good = figures_now(page)
        box.fill(values[field])
        expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
        good = figures_now(page)
    assert not FORBIDDEN.search(visible_text(page))


def test_a_custom_rate_refuses_hostile_values(page: Page, guard: Guard, site_url: str, ui: Mapping[str, Any],
                                              language: str) -> None:
    """The flat custom maintenance rate is checked like every other field."""
    open_calculator(page, site_url)
    page.locator(f"{CALCULATOR} details").first.locator("summary").click()
    page.get_by_label(ui["calculator"]["labels"]["preset"]).select_option("custom")
    box = page.get_by_label(ui["calculator"]["labels"]["rate"], exact=True)
    for value in ["0", "100", "-1", "abc", ""]:
        box.fill(value)
        expect(box).to_have_attribute("aria-invalid", "true")
        assert not FORBIDDEN.search(visible_text(page))
    box.fill(typed("0.5", language))
    expect(box).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")


def test_leverage_above_the_brackets_maximum_is_refused(page: Page, guard: Guard, site_url: str,
                                                        ui: Mapping[str, Any]) -> None:
    """The leverage ceiling is the bracket's for this size; one more is refused, with the ceiling named."""
    open_calculator(page, site_url)
    ceiling = respond({"values": dict(DEFAULTS)})["leverage_max"]
    slider = page.get_by_label(ui["calculator"]["labels"]["leverage_slider"])
    expect(slider).to_have_attribute("max", str(ceiling))
    box = page.get_by_label(ui["calculator"]["labels"]["leverage"], exact=True)
    box.fill(str(ceiling + 1))
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{box.get_attribute('aria-describedby').split()[0]}")).to_contain_text(f"{ceiling}x")


def test_a_wallet_smaller_than_the_margin_is_refused_beside_the_balance(page: Page, guard: Guard, site_url: str,
                                                                       ui: Mapping[str, Any]) -> None:
    """Cross cannot hold a position whose initial margin exceeds the wallet: said beside the balance field."""
    open_calculator(page, site_url)
    box = page.get_by_label(ui["calculator"]["labels"]["balance"], exact=True)
    box.fill(str(int(DEFAULTS["margin"]) // 2))
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "true")


@pytest.mark.parametrize("side", ["long", "short"])
def test_mark_price_at_or_past_liquidation_shows_the_liquidated_state(page: Page, guard: Guard, site_url: str,
                                                                   side: str, ui: Mapping[str, Any],
                                                                   language: str) -> None:
    """Moving the mark to or past the liquidation price is a state of the trade, not an input error."""
    open_calculator(page, site_url)
    page.get_by_role("radio", name=ui["calculator"]["options"]["side"][side]).check()
    inputs = {**DEFAULT_INPUTS, "side": side}
    liquidation = respond({"values": {**DEFAULTS, "side": side}})["view"]["modes"]["isolated"]["figures"][  # type: ignore[index]
        "liquidation_price"]
    at = liquidation.replace("$", "").replace(",", "")
    beyond = str(int(float(at) * (0.9 if side == "long" else 1.1)))
    for price in (at, beyond):
        page.get_by_label(ui["calculator"]["labels"]["price"], exact=True).fill(typed(price, language))
        panel = page.locator(f"{CALCULATOR} [data-mode=isolated]")
        expect(panel).to_have_attribute("data-liquidated", "true")
        expected = expected_figures({**inputs, "price": price}, "isolated", language)
        expect(panel.locator("[data-result=distance_band]")).to_have_text(expected["distance_band"])
        expect(panel.locator("[data-result=unrealized_pnl]")).to_have_text(expected["unrealized_pnl"])
        expect(panel.locator("[data-calc-note]")).to_have_text(ui["calculator"]["notes"]["liquidated"])
        assert not FORBIDDEN.search(visible_text(page))
