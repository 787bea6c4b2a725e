"""Which fields the calculator shows: only those that matter for the reader's choices, by Python's one rule
(margin_view.form.schema), in every edition. A hidden field cannot be typed into, blocks nothing and stays out of
the link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Guard

pytestmark = pytest.mark.every_language

CALCULATOR = "[data-margin-calculator]"
SECOND_FIELDS = ("second_side", "second_entry", "second_price", "second_margin", "second_leverage")
#: What the reader sees of the second position for each choice of it (the issue's own statement of the rule).
SHOWN_FOR = {
    "none": (),
    "hedge": ("second_margin", "second_leverage"),
    "other": SECOND_FIELDS,
}


def test_the_second_position_shows_only_the_fields_its_kind_uses(page: Page, guard: Guard, site_url: str,
                                                                  ui: Mapping[str, Any]) -> None:
    """None: no field of it; a hedge: its margin and leverage; another symbol: all five."""
    page.goto(f"{site_url}?mode=cross")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    labels = ui["calculator"]["labels"]
    page.locator(CALCULATOR).get_by_text(ui["calculator"]["legend"]["second"], exact=True).click()
    for kind in ("other", "hedge", "none", "other"):
        page.get_by_label(labels["second"], exact=True).select_option(kind)
        for name in SECOND_FIELDS:
            field = page.get_by_label(labels[name], exact=True)
            if name in SHOWN_FOR[kind]:
                expect(field).to_be_visible()
            else:
                expect(field).to_be_hidden()
        expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "false")
        # The address follows the inputs after a pause (calculator.js debounces it): wait for this kind's link.
        page.wait_for_function("kind => location.search.includes(`second=${kind}`)", arg=kind)
        shared = page.evaluate("location.search")
        assert all(f"{name}=" not in shared for name in set(SECOND_FIELDS) - set(SHOWN_FOR[kind])), shared


def test_isolated_mode_hides_every_cross_field_and_their_groups(page: Page, guard: Guard, site_url: str,
                                                                ui: Mapping[str, Any]) -> None:
    """In isolated mode the wallet, the second position and the coins held are hidden, groups and all; cross mode
    shows them again and hides the added margin."""
    page.goto(f"{site_url}?mode=isolated")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    legend, labels = ui["calculator"]["legend"], ui["calculator"]["labels"]
    for group in ("second", "coins"):
        expect(page.locator(CALCULATOR).get_by_text(legend[group], exact=True)).to_be_hidden()
    expect(page.get_by_label(labels["balance"], exact=True)).to_be_hidden()
    expect(page.get_by_label(labels["added"], exact=True)).to_be_visible()
    page.get_by_role("radio", name=ui["calculator"]["options"]["mode"]["cross"], exact=True).check()
    for group in ("second", "coins"):
        expect(page.locator(CALCULATOR).get_by_text(legend[group], exact=True)).to_be_visible()
    expect(page.get_by_label(labels["balance"], exact=True)).to_be_visible()
    expect(page.get_by_label(labels["added"], exact=True)).to_be_hidden()
