"""Links someone edited: bad values fall back to defaults with a notice; nothing in a link becomes HTML."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from margin_view.fields import DEFAULTS
from margin_view.strings import strings
from tests.conftest import Guard

LABELS = strings("en")["calculator"]["labels"]
OPTIONS = strings("en")["calculator"]["options"]
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
def test_an_edited_link_falls_back_with_a_notice(page: Page, guard: Guard, site_url: str, case: str) -> None:
    """The calculator opens on valid inputs and a notice says what it could not use."""
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
        expect(page.get_by_label(LABELS["exchange"])).to_have_value(DEFAULTS["exchange"])
    if case == "an exchange's leverage ceiling":  # Hyperliquid's BTC tier allows 40x: the link's 75x is not kept
        expect(page.get_by_label(LABELS["leverage"], exact=True)).to_have_value(DEFAULTS["leverage"])
    if case in ("malformed number", "negative", "oversized", "empty value"):
        field = EDITED[case].split("=", 1)[0]
        expect(page.get_by_label(LABELS[field], exact=True)).to_have_value(DEFAULTS[field])
    if case == "unknown contract":
        expect(page.get_by_role("radio", name=OPTIONS["contract"]["linear"])).to_be_checked()
    if case == "a haircut of 100%":
        expect(page.get_by_label(LABELS["coin_haircut"], exact=True)).to_have_value(DEFAULTS["coin_haircut"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_link_values_are_never_inserted_as_html(page: Page, guard: Guard, site_url: str, payload: str) -> None:
    """Script and event-handler payloads in every parameter stay text: no element, no dialog, no script."""
    query = "&".join(f"{name}={quote(payload)}" for name in ("mode", "side", "entry", "preset", "second", "margin"))
    open_link(page, site_url, query)
    assert page.locator("img[src=x], svg[onload], [onfocus]").count() == 0
    assert payload not in page.locator(CALCULATOR).inner_html()
