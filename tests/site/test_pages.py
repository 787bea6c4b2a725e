"""Every page in headless Chromium: nothing from other origins, no console errors; the guide's outline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, Guard
from tests.site.html import site_pages

PAGES = sorted(
    path.relative_to(ROOT / "docs").with_suffix("").as_posix() for path in (ROOT / "docs").rglob("*.md")
    if "snippets" not in path.parts
)

GUIDE_SECTIONS = [
    "In short",
    "What is margin trading?",
    "Cross margin explained",
    "Isolated margin explained",
    "Key differences",
    "When to use each",
    "Pros and cons",
    "Liquidation price calculator",
    "Worked examples",
    "Beyond the basics",
    "How exchanges differ",
    "Common risk practice",
    "Frequently asked questions",
    "Key takeaways",
]


def page_url(site_url: str, name: str) -> str:
    return site_url if name == "index" else f"{site_url}{name}/"


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_only_its_own_files_without_errors(page: Page, guard: Guard, site_url: str, name: str) -> None:
    """The page renders, requests nothing from another origin and logs no error."""
    page.goto(page_url(site_url, name), wait_until="networkidle")
    expect(page.locator("h1").first).to_be_visible()


def test_every_built_page_is_covered(built_site) -> None:  # type: ignore[no-untyped-def]
    """The page list above is the site: a new page cannot escape the browser checks."""
    built = {p.relative_to(built_site.site).parent.as_posix() for p in site_pages(built_site.site)}
    expected = {"." if name == "index" else name for name in PAGES}
    assert built == expected


def test_guide_has_its_sections_in_order(page: Page, guard: Guard, site_url: str) -> None:
    """The guide's second-level headings are the sections readers look for, in reading order."""
    page.goto(site_url)
    headings = [text.replace("¶", "").strip() for text in page.locator("article h2").all_inner_texts()]
    positions = [headings.index(section) for section in GUIDE_SECTIONS if section in headings]
    missing = [section for section in GUIDE_SECTIONS if section not in headings]
    assert not missing, f"missing sections: {missing}; found {headings}"
    assert positions == sorted(positions), headings


def test_faq_has_at_least_ten_questions(page: Page, guard: Guard, site_url: str) -> None:
    """The FAQ answers at least ten questions, each in a collapsible block."""
    page.goto(site_url)
    faq = page.locator("h2:has-text('Frequently asked questions') ~ details")
    assert faq.count() >= 10


def test_search_opens_under_the_policy(page: Page, guard: Guard, site_url: str) -> None:
    """The search dialog opens on "/" with a named search box; its styles are not blocked (the guard fails on the
    console error a Content-Security-Policy violation logs)."""
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # both themes open search on "/"
    expect(page.get_by_role("dialog", name="Search").first).to_be_attached()
    box = page.get_by_role("textbox", name="Search").or_(page.get_by_placeholder("Search")).first
    expect(box).to_be_visible()
    box.fill("bankruptcy")
    expect(box).to_have_value("bankruptcy")
