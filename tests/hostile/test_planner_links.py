"""Planner links someone edited: what the planner cannot use falls back to its default with a notice, what does not
work together is kept with a message beside the field, and nothing in a link becomes HTML. The fallbacks are the
form model's (margin_view.planner.respond), as in the liquidation calculator's suite; tests/view/test_planner.py
sends every hostile value through every field in-process."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from margin_view.form.read import in_form
from margin_view.planner.respond import respond_plan
from margin_view.planner.schema import PLAN_FORM
from tests.conftest import Guard
from tests.hostile.test_links import PAYLOADS

pytestmark = pytest.mark.every_language

PLANNER = "#planner"
EDITED = {
    "malformed risk": "risk=abc",
    "a risk of 100%": "risk=100",
    "negative balance": "balance=-1",
    "oversized stop": "stop=" + "9" * 5000,
    "unknown choice": "mode=sideways",
    "unknown parameter": "colour=red",
    "duplicated": "leverage=20&leverage=30",
}
#: Values each fine alone that the engine refuses together: kept, with the form model's message beside the field.
REFUSED = {
    "a long's stop above its entry": ("stop=60000", "stop"),
    "Hyperliquid's leverage cap": ("exchange=hyperliquid&leverage=60", "leverage"),
}


#: The cases opened in every edition (a number a Dutch form reads its own way, and a choice); the rest in English,
#: since the fallbacks are the form model's alone (tests/view/test_planner.py runs them in every language).
IN_EVERY_LANGUAGE = ("malformed risk", "unknown choice")


def open_planner(page: Page, site_url: str, query: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site_url}calculator/?tab=plan&{query}")
    expect(page.locator(PLANNER)).to_have_attribute("data-state", "ready", timeout=60_000)
    return dialogs


@pytest.mark.parametrize("case", list(EDITED))
def test_an_edited_link_falls_back_with_a_notice(page: Page, guard: Guard, site_url: str, case: str,
                                                 ui: Mapping[str, Any], language: str) -> None:
    """The planner opens on valid inputs: an unusable value shows the default, and a notice says so."""
    if language != "en" and case not in IN_EVERY_LANGUAGE:
        pytest.skip("opened in English; the form model's fallbacks are checked in every language in-process")
    open_planner(page, site_url, EDITED[case])
    expect(page.locator(PLANNER)).to_have_attribute("data-stale", "false")
    labels = ui["plan"]["labels"]
    defaults = in_form(PLAN_FORM.defaults, language)
    if case == "duplicated":
        expect(page.locator(PLANNER).get_by_label(labels["leverage"], exact=True)).to_have_value("20")
        return
    expect(page.locator(f"{PLANNER} [data-calc-notices]")).to_be_visible()
    name = EDITED[case].split("=", 1)[0]
    if name in labels:
        box = page.locator(PLANNER).get_by_label(labels[name], exact=True)
        expect(box).to_have_value(defaults[name])
        expect(box).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("case", list(REFUSED))
def test_values_that_do_not_work_together_are_kept_with_a_message(page: Page, guard: Guard, site_url: str,
                                                                  case: str, ui: Mapping[str, Any],
                                                                  language: str) -> None:
    """The link's values stay as given and the engine's refusal is shown beside the field it came from."""
    query, field = REFUSED[case]
    open_planner(page, site_url, query)
    values = {name: value for name, value in (pair.split("=") for pair in query.split("&"))}
    reply = respond_plan({"values": {**in_form(PLAN_FORM.defaults, language), **values}}, language)
    box = page.locator(PLANNER).get_by_label(ui["plan"]["labels"][field], exact=True)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{box.get_attribute('aria-describedby').split()[0]}")).to_have_text(
        reply["errors"][field])  # type: ignore[index]


@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_link_values_are_never_inserted_as_html(page: Page, guard: Guard, site_url: str, payload: str,
                                                language: str) -> None:
    """Script payloads in every planner parameter stay text: no element, no dialog."""
    query = "&".join(f"{name}={quote(payload)}" for name in PLAN_FORM.fields)
    dialogs = open_planner(page, site_url, query)
    assert page.locator("img[src=x], svg[onload], [onfocus]").count() == 0
    assert payload not in page.locator(PLANNER).inner_html()
    assert not dialogs
