"""After one visit, the site works with no network: every page, the calculator and the cards' live re-check.

The build's service worker (Workbox, written by the post-build step) precaches every file of the site; the glue
registers it once the first page has started. These tests visit once online, wait for the worker to take control,
cut the network and visit again.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.conftest import Build
from tests.site.test_pages import PAGES, page_url

CALCULATOR = "[data-margin-calculator]"


def _visit_then_go_offline(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    # Installed (every file precached), active, and controlling this page.
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    page.context.set_offline(True)


def test_a_second_visit_works_offline(browser: Browser, site_url: str) -> None:
    """With the network off, every page renders, the calculator starts and computes, and the cards re-check."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _visit_then_go_offline(page, site_url)
    for name in PAGES:
        page.goto(page_url(site_url, name))
        expect(page.locator("h1").first).to_be_visible()
    page.goto(site_url + "?leverage=25#calculator")
    calculator = page.locator(CALCULATOR)
    expect(calculator).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(calculator).to_have_attribute("data-stale", "false", timeout=30_000)
    expect(page.locator("[data-margin-example]").first).to_have_attribute("data-state", "verified", timeout=30_000)
    assert page.evaluate("navigator.onLine") is False
    context.close()
    assert not errors, errors


def test_every_page_names_the_service_worker_at_the_site_root(built_site: Build) -> None:
    """Each page points at one worker, relative to itself, at the root of the site (whose scope is all of it)."""
    assert (built_site.site / "sw.js").is_file()
    for page in built_site.site.rglob("*.html"):
        if "assets" in page.parts:
            continue
        depth = len(page.relative_to(built_site.site).parts) - 1
        assert f'<meta name="margin:offline" content="{"../" * depth}sw.js">' in page.read_text(encoding="utf-8"), page
