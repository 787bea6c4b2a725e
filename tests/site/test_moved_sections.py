"""Links to the single-page guide's sections (``index.html#funding``) still reach them on the pages they moved to,
in every edition: the mapping (margin_fences.moved.MOVED) is checked against the pages' Markdown, the fence against
a conversion, and a few old links in a browser."""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import pytest
from mkdocs.config import load_config
from playwright.sync_api import Page, expect

from margin_fences import MOVED, BlockError
from tests.conftest import EDITIONS, ROOT, Guard
from tests.site.test_guide_length import LIMITS, heading_ids
from tests.site.test_pages import page_url

pytestmark = [pytest.mark.both_builders, pytest.mark.every_language]

#: The heading ids of the guide while it was one page (docs/index.md before the split; the Dutch headings had
#: the same ids). Each must still lead somewhere.
SINGLE_PAGE_IDS = (
    "cross-margin-vs-isolated-margin", "in-short", "what-is-margin-trading", "cross-margin-explained",
    "what-the-pool-holds", "portfolio-margin", "isolated-margin-explained", "key-differences", "when-to-use-each",
    "pros-and-cons", "liquidation-price-calculator", "worked-examples", "the-three-classic-examples",
    "same-trade-cross-and-isolated", "adding-margin-to-an-isolated-position", "the-leverage-setting-in-cross-mode",
    "a-second-cross-position-pulls-the-first-toward-liquidation", "beyond-the-basics", "mark-price-vs-last-price",
    "bankruptcy-price", "tiers-and-the-maintenance-amount", "what-happens-at-liquidation", "partial-liquidation",
    "the-insurance-fund", "auto-deleveraging-adl", "adding-and-removing-margin", "hedge-mode",
    "coin-margined-contracts", "fees", "funding", "leverage-in-cross-mode", "why-figures-differ",
    "how-exchanges-differ", "common-risk-practice", "frequently-asked-questions", "key-takeaways",
)

#: Old links opened in the browser: a section moved whole, one merged into another page's, one merged on the first
#: page, and one nested a level deeper before.
FOLLOWED = {
    "funding": ("liquidation-price", "funding"),
    "why-figures-differ": ("liquidation-price", "how-exchanges-differ"),
    "pros-and-cons": ("index", "key-differences"),
    "hedge-mode": ("beyond-one-position", "hedge-mode"),
}


def ids_of(edition: str, page: str) -> dict[str, str]:
    return heading_ids((LIMITS[edition][0] / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("edition", sorted(LIMITS))
def test_every_section_the_single_page_had_still_leads_somewhere(edition: str) -> None:
    """Each heading of the one-page guide is either still on the first page or in the mapping, never both (the
    script would carry a reader away from a section that is there)."""
    here = set(ids_of(edition, "index.md"))
    assert not here & set(MOVED), sorted(here & set(MOVED))
    lost = [anchor for anchor in SINGLE_PAGE_IDS if anchor not in here and anchor not in MOVED]
    assert not lost, lost


@pytest.mark.parametrize("edition", sorted(LIMITS))
def test_every_new_address_is_a_section_of_a_page_of_the_edition(edition: str) -> None:
    """Each target names a page of the edition and, when it names a section, a heading id on that page."""
    wrong = []
    for old, target in MOVED.items():
        name, _, anchor = target.partition("#")
        if not (LIMITS[edition][0] / name).is_file():
            wrong.append(f"{old} → {target}: no page {name}")
        elif anchor and anchor not in ids_of(edition, name):
            wrong.append(f"{old} → {target}: no heading #{anchor} on {name}")
    assert not wrong, wrong


@pytest.mark.parametrize("edition", sorted(LIMITS))
def test_the_first_page_carries_the_fence(edition: str) -> None:
    """The first page of each edition holds the ```margin-moved``` fence, once."""
    page = (LIMITS[edition][0] / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^```margin-moved\s*$", page, re.M)) == 1


@pytest.fixture
def convert() -> Callable[[str], str]:
    """Convert Markdown as MkDocs converts a page, with mkdocs.yml's extensions and their settings."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs).convert(text)


def test_the_fence_writes_each_old_id_with_its_address(convert: Callable[[str], str]) -> None:
    """The fence becomes one script holding every old id with its address from the home page."""
    html = convert("# Guide\n\n```margin-moved\n```\n")
    assert html.count("<script data-margin-moved>") == 1
    assert '"funding": "liquidation-price/#funding"' in html
    assert '"pros-and-cons": "#key-differences"' in html
    assert '"beyond-the-basics": "liquidation-price/"' in html


def test_a_fence_given_a_field_stops_the_build(convert: Callable[[str], str]) -> None:
    """The mapping lives in one place: a field in the fence is an error naming it."""
    with pytest.raises(BlockError) as raised:
        convert("```margin-moved\nfunding: fees.md\n```\n")
    assert raised.value.field == "funding"


@pytest.mark.parametrize("old", sorted(FOLLOWED))
def test_an_old_link_reaches_the_section_on_its_new_page(page: Page, guard: Guard, site_url: str, old: str,
                                                         language: str) -> None:
    """Opening the home page at an old section's id lands on the section's new page, scrolled to it."""
    name, anchor = FOLLOWED[old]
    page.goto(f"{site_url}#{old}")
    expect(page).to_have_url(f"{page_url(site_url, name)}#{anchor}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(f"article [id='{anchor}']")).to_be_in_viewport()


def test_the_editions_are_the_ones_checked() -> None:
    """The mapping's checks read every edition the site builds."""
    assert set(LIMITS) == set(EDITIONS)
