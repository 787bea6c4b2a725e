"""Every page of every edition in headless Chromium: nothing from other origins, no console errors; the guide's
pages' outlines; the language switch."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import EDITIONS, ROOT, Guard
from tests.site.html import site_pages

pytestmark = [pytest.mark.both_builders, pytest.mark.every_language]

PAGES = sorted(
    path.relative_to(ROOT / "docs").with_suffix("").as_posix() for path in (ROOT / "docs").rglob("*.md")
    if "snippets" not in path.parts
)

#: Each guide page's sections readers look for, in reading order, by their headings' ids (the same in every
#: edition). The guide's pages follow one another in the navigation (tests/site/test_guide_length.py).
GUIDE_SECTIONS = {
    "index": [
        "in-short",
        "what-is-margin-trading",
        "cross-margin-explained",
        "isolated-margin-explained",
        "key-differences",
        "same-trade-cross-and-isolated",
        "liquidation-price-calculator",
        "common-risk-practice",
        "frequently-asked-questions",
        "key-takeaways",
    ],
    "liquidation-price": [
        "worked-examples",
        "mark-price-vs-last-price",
        "bankruptcy-price",
        "tiers-and-the-maintenance-amount",
        "fees",
        "funding",
        "adding-and-removing-margin",
        "leverage-in-cross-mode",
        "what-happens-at-liquidation",
        "how-exchanges-differ",
    ],
    "beyond-one-position": [
        "what-the-pool-holds",
        "portfolio-margin",
        "a-second-cross-position-pulls-the-first-toward-liquidation",
        "hedge-mode",
        "coin-margined-contracts",
    ],
}


def page_url(site_url: str, name: str) -> str:
    return site_url if name == "index" else f"{site_url}{name}/"


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_only_its_own_files_without_errors(page: Page, guard: Guard, site_url: str, name: str) -> None:
    """The page renders, requests nothing from another origin and logs no error."""
    page.goto(page_url(site_url, name), wait_until="networkidle")
    expect(page.locator("h1").first).to_be_visible()


def test_every_built_page_is_covered_in_every_edition(built_site) -> None:  # type: ignore[no-untyped-def]
    """The page list above is the site, in each edition: a new page cannot escape the browser checks, and every
    English page has its counterpart in every other language (and no edition has a page the others lack)."""
    built = {p.relative_to(built_site.site).parent.as_posix() for p in site_pages(built_site.site)}
    expected = {(folder + ("" if name == "index" else name)).rstrip("/") or "." for folder in EDITIONS.values()
                for name in PAGES}
    assert built == expected


@pytest.mark.parametrize("name", sorted(GUIDE_SECTIONS))
def test_guide_has_its_sections_in_order(page: Page, guard: Guard, site_url: str, name: str) -> None:
    """Each guide page's second-level headings are the sections readers look for there, in reading order."""
    page.goto(page_url(site_url, name))
    headings = page.locator("article h2").evaluate_all("headings => headings.map(h => h.id)")
    positions = [headings.index(section) for section in GUIDE_SECTIONS[name] if section in headings]
    missing = [section for section in GUIDE_SECTIONS[name] if section not in headings]
    assert not missing, f"missing sections: {missing}; found {headings}"
    assert positions == sorted(positions), headings


def test_faq_keeps_the_questions_that_add_something(page: Page, guard: Guard, site_url: str) -> None:
    """The FAQ answers at least five questions, each in a collapsible block (review 3, C13: the ones that only
    repeated the pages went)."""
    page.goto(site_url)
    faq = page.locator("h2#frequently-asked-questions ~ details")
    assert faq.count() >= 5


#: Material's name for search in each edition's language (its partials/languages/<lang>.html), and a word to look up.
SEARCH = {"en": ("Search", "bankruptcy"), "nl": ("Zoeken", "faillissementsprijs")}


def test_search_opens_under_the_policy(page: Page, guard: Guard, site_url: str, language: str) -> None:
    """The search dialog opens on "/" with a named search box, in the page's language; its styles are not blocked
    (the guard fails on the console error a Content-Security-Policy violation logs)."""
    name, word = SEARCH[language]
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # both themes open search on "/"
    expect(page.get_by_role("dialog", name=name).first).to_be_attached()
    box = page.get_by_role("textbox", name=name).or_(page.get_by_placeholder(name)).first
    expect(box).to_be_visible()
    box.fill(word)
    expect(box).to_have_value(word)


def test_the_language_switch_leads_to_the_same_page_in_each_language(browser: Browser, server_url: str) -> None:
    """From each page of each edition, the switch names the same page in every language (its hreflang and lang
    say which), and following it opens that page, written in that language. The switch is plain links: checked
    without JavaScript, so no page starts the calculator."""
    page = browser.new_context(java_script_enabled=False).new_page()
    for name in PAGES:
        for here in EDITIONS.values():
            page.goto(page_url(server_url + here, name))
            for language, folder in EDITIONS.items():
                switch = page.locator(f".md-select__link[hreflang={language}]")
                expect(switch).to_have_attribute("lang", language)
                assert page.evaluate("(a) => a.href", switch.element_handle()) == page_url(server_url + folder, name)
    for here, there in itertools.permutations(EDITIONS, 2):
        page.goto(page_url(server_url + EDITIONS[here], "methodology"))
        page.locator(".md-header .md-select button").hover()
        page.locator(f".md-select__link[hreflang={there}]").click()
        expect(page).to_have_url(page_url(server_url + EDITIONS[there], "methodology"))
        expect(page.locator("html")).to_have_attribute("lang", there)
    page.context.close()
