"""The calculator page's Risk & stop tab in the browser: a link opens it with its inputs, its figures are the
planner's (checked against the CLI in tests/view/test_planner.py), a change updates them and the address, and the
address opens the same figures again; the figures are in the page before any script runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect

from margin_view.form.read import in_form
from margin_view.planner.respond import respond_plan
from margin_view.planner.schema import PLAN_FORM
from tests.conftest import Build, Guard

pytestmark = pytest.mark.every_language

PLANNER = "#planner"
LIQUIDATION = "#calculator"
LINK = "tab=plan&mode=both&side=long&balance=10000&risk=1&entry=50000&stop=49000&leverage=50"


def planner_figures(page: Page) -> dict[str, str]:
    """Every figure the planner shows now, by key, prefixed by its mode's panel ("isolated.liquidation_price")."""
    return page.evaluate("""() => {
      const out = {};
      for (const node of document.querySelectorAll("#planner [data-common] [data-result]")) {
        out[node.dataset.result] = node.textContent;
      }
      for (const panel of document.querySelectorAll("#planner .mdx-calc__mode")) {
        if (panel.hidden) continue;
        for (const node of panel.querySelectorAll("[data-result]")) out[`${panel.dataset.mode}.${node.dataset.result}`] = node.textContent;
      }
      return out;
    }""")


def expected(values: Mapping[str, str], language: str) -> dict[str, str]:
    """What the planner must show for *values*: its own reply, computed here in CPython."""
    view = respond_plan({"values": in_form({**PLAN_FORM.defaults, **values}, language)}, language)["view"]
    assert isinstance(view, dict)
    out = dict(view["figures"])
    for mode, panel in view["modes"].items():
        if panel["shown"]:
            out |= {f"{mode}.{key}": text for key, text in panel["figures"].items()}
    return out


def open_planner(page: Page, site_url: str, query: str) -> None:
    page.goto(f"{site_url}calculator/?{query}")
    expect(page.locator(PLANNER)).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(page.locator(PLANNER)).to_have_attribute("data-stale", "false")


def test_a_link_opens_the_tab_with_its_figures(page: Page, guard: Guard, site_url: str, language: str) -> None:
    """A planner link opens the Risk & stop tab, fills it, and shows the figures those inputs give; the liquidation
    calculator on the same page leaves the link alone (no notice, its defaults)."""
    open_planner(page, site_url, LINK)
    expect(page.locator(PLANNER)).to_be_visible()
    expect(page.locator(LIQUIDATION)).to_be_hidden()
    assert planner_figures(page) == expected(dict(parse_qsl(LINK)), language)
    expect(page.locator(f"{LIQUIDATION} [data-calc-notices]")).to_be_hidden()


def test_a_change_updates_the_figures_and_the_address_round_trips(page: Page, guard: Guard, site_url: str,
                                                                  language: str, ui: Mapping[str, Any]) -> None:
    """Typing a new stop recomputes every figure; the address follows, and opening it shows the same figures."""
    open_planner(page, site_url, LINK)
    stop = page.locator(PLANNER).get_by_label(ui["plan"]["labels"]["stop"], exact=True)
    typed = "49400" if language == "en" else "49400"
    stop.fill(typed)
    values = {**dict(parse_qsl(LINK)), "stop": typed}
    want = expected(values, language)
    expect(page.locator(f"{PLANNER} .mdx-calc__mode[data-mode=isolated] [data-result=stop_before_liquidation]")) \
        .to_have_text(want["isolated.stop_before_liquidation"])
    assert planner_figures(page) == want
    page.wait_for_function("() => location.search.includes('stop=49400')")
    address = page.url
    assert dict(parse_qsl(urlsplit(address).query))["tab"] == "plan"
    page.goto(address)
    expect(page.locator(PLANNER)).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(page.locator(PLANNER)).to_have_attribute("data-stale", "false")
    assert planner_figures(page) == want


def test_the_figures_are_in_the_page_before_any_script(built_site: Build, language: str) -> None:
    """The built page holds the planner's default figures as text (readable without JavaScript)."""
    folder = built_site.site / ("nl" if language == "nl" else "") / "calculator"
    html = (folder / "index.html").read_text(encoding="utf-8")
    for key, text in expected({}, language).items():
        if "." in key:
            continue  # a mode's panel repeats keys; the shared figures are enough to find
        assert f'data-result="{key}">{text}<' in html, key


def test_the_target_tab_opens_from_its_link_and_follows_its_inputs(page: Page, guard: Guard, site_url: str,
                                                                   language: str, ui: Mapping[str, Any]) -> None:
    """A Target & break-even link opens that tab with its figures (the tab's own reply, checked against the CLI in
    tests/view/test_questions.py); typing a new return recomputes them and the address follows."""
    from margin_view.questions.respond import respond_question
    from margin_view.questions.tabs import TABS

    tab = page.locator("#question-targets")
    page.goto(f"{site_url}calculator/?tab=targets&roe=80")
    expect(tab).to_be_visible()
    expect(tab).to_have_attribute("data-state", "ready", timeout=60_000)
    form = TABS["targets"].form

    def want(values: dict[str, str]) -> str:
        view = respond_question({"values": in_form({**form.defaults, **values}, language)}, language, "targets")
        return str(view["view"]["figures"]["target_price"])  # type: ignore[index]

    expect(tab.locator("[data-result=target_price]")).to_have_text(want({"roe": "80"}))
    tab.get_by_label(ui["targets"]["labels"]["roe"], exact=True).fill("120")
    expect(tab.locator("[data-result=target_price]")).to_have_text(want({"roe": "120"}))
    page.wait_for_function("() => location.search.includes('roe=120')")
    assert "tab=targets" in page.url
