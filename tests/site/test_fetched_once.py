"""Each runtime file comes over the network once per visit, whatever the host's cache headers (issue 29).

A page and its module worker share only the browser's HTTP cache, which the host's ``Cache-Control`` governs: a
file both of them asked for could come twice, or be revalidated by the second. The test server sends each host's
headers and logs what it answered, so the count is the server's, not the browser's.
"""

from __future__ import annotations

import collections

import pytest
from playwright.sync_api import Browser, expect

from harness import CACHE_PROFILES, Answer, SiteServer
from tests.conftest import Build

RUNTIME = ("/assets/pyodide/", "/assets/calc/")


@pytest.mark.parametrize("cache", list(CACHE_PROFILES))
def test_a_cold_visit_fetches_each_runtime_file_once(browser: Browser, built_site: Build, cache: str) -> None:
    """Sent whole once, never revalidated, until the calculator is ready, under every host profile."""
    log: list[Answer] = []
    with SiteServer(built_site.site, cache=cache, log=log) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator("[data-margin-calculator]")).to_have_attribute("data-state", "ready", timeout=60_000)
        context.close()
    answers = [(answer.path, answer.status) for answer in log if answer.path.startswith(RUNTIME)]
    counted = collections.Counter(answers)
    assert [entry for entry, times in counted.items() if entry[1] != 200 or times > 1] == [], counted
    assert any(path.endswith("/pyodide.asm.wasm") for path, _ in answers)
