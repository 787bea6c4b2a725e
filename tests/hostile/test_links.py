"""Links someone edited: bad values fall back to defaults with a notice; nothing in a link becomes HTML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from margin_view.form.read import in_form
from margin_view.form.schema import DEFAULTS
from tests.calculator.expected import typed
from tests.conftest import Guard

pytestmark = pytest.mark.every_language

CALCULATOR = "[data-margin-calculator]"
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "' onfocus='alert(1)' autofocus='",
]

EDITED = {
    "malformed number": "leverage=abc",
    "negative": "entry=-1",
    "unknown choice": "mode=sideways",
    "unknown exchange": "exchange=kraken",
    "an exchange's leverage ceiling": "exchange=hyperliquid&preset=hyperliquid-btcusdt&leverage=75",
    "oversized": "entry=" + "9" * 5000,
    "duplicated": "leverage=20&leverage=30",
    "unknown parameter": "colour=red",
    "broken encoding": "entry=%E0%A4%A",
    "empty value": "margin=",
    "unknown contract": "contract=quanto",
    "unknown coin": "mode=cross&coin=DOGE",
    "a haircut of 100%": "mode=cross&coin=SOL&coin_haircut=100",
}


def open_link(page: Page, site_url: str, query: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_url}?{query}")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
    assert not dialogs, dialogs


@pytest.mark.parametrize("case", list(EDITED))
def test_an_edited_link_falls_back_with_a_notice(page: Page, guard: Guard, site_url: str, case: str,
                                                 ui: Mapping[str, Any], language: str) -> None:
    """The calculator opens on valid inputs and a notice says what it could not use."""
    LABELS, OPTIONS = ui["calculator"]["labels"], ui["calculator"]["options"]  # noqa: N806 - read as constants
    defaults = in_form(DEFAULTS, language)
    open_link(page, site_url, EDITED[case])
    notices = page.locator(f"{CALCULATOR} [data-calc-notices]")
    if case == "duplicated":
        expect(page.get_by_label(LABELS["leverage"], exact=True)).to_have_value("20")
    elif case != "empty value":
        expect(notices).to_be_visible()
    for field in ("entry", "margin", "leverage"):
        box = page.get_by_label(LABELS[field], exact=True)
        expect(box).not_to_have_attribute("aria-invalid", "true")
    if case == "unknown exchange":
        expect(page.get_by_label(LABELS["exchange"])).to_have_value(defaults["exchange"])
    if case == "an exchange's leverage ceiling":  # Hyperliquid's BTC tier allows 40x: the link's 75x is not kept
        expect(page.get_by_label(LABELS["leverage"], exact=True)).to_have_value(defaults["leverage"])
    if case in ("malformed number", "negative", "oversized", "empty value"):
        field = EDITED[case].split("=", 1)[0]
        expect(page.get_by_label(LABELS[field], exact=True)).to_have_value(defaults[field])
    if case == "unknown contract":
        expect(page.get_by_role("radio", name=OPTIONS["contract"]["linear"])).to_be_checked()
    if case == "a haircut of 100%":
        expect(page.get_by_label(LABELS["coin_haircut"], exact=True)).to_have_value(defaults["coin_haircut"])


def test_a_links_decimals_read_the_same_in_every_language(page: Page, guard: Guard, site_url: str,
                                                          ui: Mapping[str, Any], language: str) -> None:
    """A link's numbers are read the English way in every edition: the Dutch form reads "0.05" as five hundredths
    (not as a misplaced thousands dot), shows it as "0,05", and gives no notice."""
    open_link(page, site_url, "mode=cross&entry=50,000&coin=SOL&coin_amount=2.5&coin_price=150.25&fee=0.05")
    expect(page.locator(f"{CALCULATOR} [data-calc-notices]")).to_be_hidden()
    # "50,000" is fifty thousand in every edition (a Dutch form alone would read fifty): the address says so.
    expect(page).to_have_url(re.compile(r"[?&]entry=50000&"))
    labels = ui["calculator"]["labels"]
    for name, value in (("coin_amount", "2.5"), ("coin_price", "150.25"), ("fee", "0.05")):
        box = page.get_by_label(labels[name], exact=True)
        expect(box).to_have_value(typed(value, language))
        expect(box).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_link_values_are_never_inserted_as_html(page: Page, guard: Guard, site_url: str, payload: str) -> None:
    """Script and event-handler payloads in every parameter stay text: no element, no dialog, no script."""
    query = "&".join(f"{name}={quote(payload)}" for name in ("mode", "side", "entry", "preset", "second", "margin"))
    open_link(page, site_url, query)
    assert page.locator("img[src=x], svg[onload], [onfocus]").count() == 0
    assert payload not in page.locator(CALCULATOR).inner_html()
