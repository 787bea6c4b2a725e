"""Faults: the runtime or the engine missing, too slow, blocked by CSP, or the worker dying mid-session.

In each, the calculator reaches an error state with a retry within a bounded time, the pre-rendered figures and
the guide stay readable, and no exception escapes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from margin_view.text.catalogue import strings
from tests.calculator.expected import DEFAULT_INPUTS, expected_figures
from tests.conftest import Guard

CALCULATOR = "[data-margin-calculator]"
STATUS = strings("en")["calculator"]["status"]
LABELS = strings("en")["calculator"]["labels"]
# The engine gives up waiting for a boot after 20 s (engine.js); allow for a slow machine on top.
BOUND_MS = 35_000


def assert_page_still_reads_well(page: Page) -> None:
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "error", timeout=BOUND_MS)
    expect(page.get_by_role("button", name=STATUS["retry"])).to_be_visible()
    expect(page.locator(f"{CALCULATOR} [data-calc-status]")).to_have_text(STATUS["error"])
    isolated = expected_figures(DEFAULT_INPUTS, "isolated")
    expect(page.locator(f"{CALCULATOR} [data-mode=isolated] [data-result=liquidation_price]")).to_have_text(
        isolated["liquidation_price"])
    expect(page.get_by_role("heading", name="Key takeaways")).to_be_attached()


def not_found(route: Route) -> None:
    route.fulfill(status=404, body="not found")


@pytest.mark.parametrize("asset", ["**/pyodide.asm.wasm", "**/pyodide.mjs", "**/stdlib-*.zip",
                                   "**/assets/calc/calc-*.zip", "**/margin/worker.js"])
def test_a_missing_file_ends_in_an_error_state_with_retry(page: Page, guard: Guard, site_url: str,
                                                           asset: str) -> None:
    """A 404 for any file the engine needs: error state, retry button, figures and content still there."""
    guard.allowed_console_errors.append("Failed to load resource")
    # Pyodide's own loader, in the worker, may report the file it could not load before the worker gives up
    # (whether it gets to depends on timing): the fault this test makes, said in Pyodide's words.
    guard.allowed_console_errors += ["Error occurred while installing the standard library", "request failed"]
    page.route(asset, not_found)
    page.goto(site_url)
    assert_page_still_reads_well(page)


def test_a_runtime_that_never_arrives_is_given_up_on_in_bounded_time(page: Page, guard: Guard,
                                                                      site_url: str) -> None:
    """A response that never comes (a stalled connection) leads to the error state, then a retry recovers."""
    stalled: list[Route] = []
    page.route("**/stdlib-*.zip", lambda route: stalled.append(route))
    page.goto(site_url)
    assert_page_still_reads_well(page)
    page.unroute("**/stdlib-*.zip")  # releases the stalled request too
    page.get_by_role("button", name=STATUS["retry"]).click()
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)


def test_a_csp_that_blocks_webassembly_ends_in_an_error_state(page: Page, guard: Guard, site_url: str) -> None:
    """The worker served under a policy without 'wasm-unsafe-eval' cannot compile Pyodide: error, not a hang."""
    guard.allowed_console_errors.append("Content Security Policy")
    guard.allowed_console_errors.append("WebAssembly")

    def strict_worker(route: Route) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'"}
        route.fulfill(response=response, headers=headers)

    page.route("**/margin/worker.js", strict_worker)
    page.goto(site_url)
    assert_page_still_reads_well(page)


def test_a_worker_that_dies_mid_session_is_noticed_and_can_be_restarted(page: Page, guard: Guard,
                                                                        site_url: str) -> None:
    """The worker closes after start-up: the next input ends in the error state; retry brings it back."""
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    engine = next(worker for worker in page.workers if worker.url.endswith("/margin/worker.js"))
    engine.evaluate("self.close()")
    page.get_by_label(LABELS["leverage"], exact=True).fill("20")
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "error", timeout=BOUND_MS)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-stale", "true")
    page.get_by_role("button", name=STATUS["retry"]).click()
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    expected = expected_figures({**DEFAULT_INPUTS, "leverage": "20"}, "isolated")
    expect(page.locator(f"{CALCULATOR} [data-mode=isolated] [data-result=liquidation_price]")).to_have_text(
        expected["liquidation_price"])


@pytest.mark.parametrize("fault", ["missing", "corrupt"])
def test_an_unusable_snapshot_falls_back_to_a_plain_start(page: Page, guard: Guard, site_url: str,
                                                           fault: str) -> None:
    """The memory snapshot is an optimisation: without it (or with a damaged one) Python starts the slow way."""
    guard.allowed_console_errors.append("Failed to load resource")

    def damage(route: Route) -> None:
        if fault == "missing":
            route.fulfill(status=404, body="not found")
        else:
            route.fulfill(status=200, body=b"\x1f\x8b" + bytes(range(256)) * 64,
                          headers={"content-type": "application/gzip"})

    page.route("**/snapshot-*.bin.gz", damage)
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    page.get_by_label(LABELS["leverage"], exact=True).fill("20")
    expected = expected_figures({**DEFAULT_INPUTS, "leverage": "20"}, "isolated")
    expect(page.locator(f"{CALCULATOR} [data-mode=isolated] [data-result=liquidation_price]")).to_have_text(
        expected["liquidation_price"])
