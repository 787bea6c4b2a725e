"""axe-core (bundled with axe-playwright-python, so nothing is fetched) finds no violation on any page,
in light and in dark mode, with the calculator loaded and its disclosures open."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.site.test_pages import PAGES, page_url

pytestmark = [pytest.mark.both_builders, pytest.mark.every_language]

AXE = Axe()


#: The colour schemes checked in each edition: both in English; another edition's pages use the same stylesheets,
#: so its colours are checked there, and its own words in the light scheme.
SCHEMES = {"en": ("light", "dark")}
OTHER_SCHEMES = ("light",)


#: Each page as it first opens, and the calculator page with each further tab open (axe checks only what is shown).
VIEWS = [(name, "") for name in PAGES] + [("calculator", f"?tab={tab}") for tab in ("plan", "targets", "orders")]


@pytest.mark.parametrize(("name", "query"), VIEWS)
def test_page_has_no_accessibility_violations(browser: Browser, site_url: str, name: str, query: str,
                                              language: str) -> None:
    """No axe violation, whatever the colour scheme."""
    for scheme in SCHEMES.get(language, OTHER_SCHEMES):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(page_url(site_url, name) + query)
        for calculator in page.locator("[data-margin-calculator]").all():
            expect(calculator).to_have_attribute("data-state", "ready", timeout=60_000)
        # Open every disclosure so that what it hides is checked too, and let the calculator settle (an explainer
        # opened after a change brings itself up to date).
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        for calculator in page.locator("[data-margin-calculator]").all():
            expect(calculator).to_have_attribute("data-stale", "false")
        if page.locator("[data-calc-explain]").count():
            expect(page.locator("[data-calc-explain]").first).not_to_have_attribute("data-current", "false")
        results = AXE.run(page)
        context.close()
        assert results.violations_count == 0, f"{scheme} scheme:\n{results.generate_report()}"
