"""After one visit, the site works with no network: every page, the calculator and the cards' live re-check.

The build's service worker (Workbox, written by the post-build step) precaches every file of the site; the glue
registers it once the first page has started. These tests visit once online, wait for the worker to take control,
cut the network and visit again.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Build
from tests.site.test_pages import PAGES, page_url

pytestmark = pytest.mark.both_builders

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
    # The memory snapshot, which a first visit may skip on a slow link, came from the worker's cache this time.
    assert page.evaluate(BOOT) == ["margin:boot:snapshot"]
    context.close()
    assert not errors, errors


BOOT = """performance.getEntriesByType("mark").map((mark) => mark.name).filter((name) => name.startsWith("margin:boot:"))"""


def test_a_cold_visit_on_a_slow_link_boots_plainly_and_precaches_the_snapshot(browser: Browser, site_url: str,
                                                                             ) -> None:
    """Below the rate at which it pays, the snapshot is not downloaded before the calculator is ready; the service
    worker fetches it afterwards, for the next visit."""
    context = browser.new_context()
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    # 4 Mbit/s: fast enough for a quick test, well below the snapshot's threshold.
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20,
                                                      "downloadThroughput": 500_000, "uploadThroughput": 500_000})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url)
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=120_000)
    assert page.evaluate(BOOT) == ["margin:boot:plain"]
    assert not [url for url in fetched if "/snapshot-" in url], "the snapshot was downloaded before ready"
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    snapshot = page.evaluate("""async () => {
      const url = new URL(document.querySelector('meta[name="margin:snapshot"]').content, document.baseURI).href;
      return !!(await caches.match(url));
    }""")
    assert snapshot, "the service worker did not precache the snapshot"
    context.close()


def test_every_page_names_the_service_worker_at_the_site_root(built_site: Build) -> None:
    """Each page points at one worker, relative to itself, at the root of the site (whose scope is all of it)."""
    assert (built_site.site / "sw.js").is_file()
    for page in built_site.site.rglob("*.html"):
        if "assets" in page.parts:
            continue
        depth = len(page.relative_to(built_site.site).parts) - 1
        assert f'<meta name="margin:offline" content="{"../" * depth}sw.js">' in page.read_text(encoding="utf-8"), page


def test_pages_with_a_calculator_start_the_engine_from_their_head(built_site: Build) -> None:
    """The head's start script and its module preload name files the build wrote, relative to each page (both
    builders); the runtime itself is left to the worker, which fetches each file once."""
    checked = 0
    for page in sorted(built_site.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-margin-calculator" not in html and "data-margin-example" not in html:
            continue
        head = html.split("</head>", 1)[0]
        start = re.findall(r'<script type="module" async src="([^"]+)" data-margin></script>', head)
        preloads = re.findall(r'<link rel="(?:preload|modulepreload)" href="([^"]+)"[^>]*data-margin>', head)
        assert len(start) == 1 and len(preloads) == 1, page
        assert not re.findall(r'<link rel="preload"[^>]*data-margin>', head), page
        assert all((page.parent / url).is_file() for url in start + preloads), page
        checked += 1
    assert checked >= 2


def test_the_worker_keeps_the_snapshot_raw_for_the_next_visit(browser: Browser, site_url: str) -> None:
    """Once it has inflated the gzip snapshot, the worker keeps it raw in a cache of its own, one copy under the
    snapshot's own name (issue 29: a warm visit then reads it without inflating); the next visit restores it."""
    context = browser.new_context()
    page = context.new_page()
    _visit_then_go_offline(page, site_url)
    page.reload()
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    assert page.evaluate(BOOT) == ["margin:boot:snapshot"]
    kept = page.wait_for_function("""async () => {
      const url = new URL(document.querySelector('meta[name="margin:snapshot"]').content, document.baseURI).href;
      const keys = await (await caches.open("margin-snapshot-raw")).keys();
      return keys.length === 1 && keys[0].url === url + "?raw";
    }""", timeout=30_000)
    assert kept
    page.reload()
    expect(page.locator(CALCULATOR)).to_have_attribute("data-state", "ready", timeout=60_000)
    assert page.evaluate(BOOT) == ["margin:boot:snapshot"]
    context.close()
