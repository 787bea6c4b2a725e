"""```margin-moved```: on the guide's first page, the sections that moved to other pages, and a tiny script that
follows a link to one of them there.

The guide was one page (``index.md``) until it was split into a few. Links to its sections live on where we
cannot change them: bookmarks, shared messages, other sites, search results. ``index.html#funding`` must still
reach *Funding*, now on ``liquidation-price/``. A fragment never reaches the server, so only the page can follow
it: the fence writes :data:`MOVED` into the home page as a script that, when the address names a section that
moved, replaces the address with the section's new one. Every edition has the same pages and the same heading
ids (the Dutch headings keep the English ids), so one mapping serves them all.

MOVED is the one record of where each section went. A section still on the first page is not in it; a section
merged into another maps to the one it joined. Tests check that every target exists in every edition, that no
key is still a heading of the first page, and that every heading the single page had is either still there or
here (tests/site/test_moved_sections.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from markdown import Markdown

from .blocks import Block
from .errors import guarded, options_rejected
from .extension import current_page
from .templates import render

__all__ = ["MOVED", "moved_fence", "target_address", "validate_moved"]

KIND = "margin-moved"

#: The page the fence belongs on (its source name), and the name Python-Markdown alone gives a page.
HOME: Final = "index.md"
UNNAMED: Final = "page"

#: Each heading id of the single-page guide that is no longer on the first page → where its section is now: a
#: page's source name, with the id of the heading there (none: the top of the page).
MOVED: Final[Mapping[str, str]] = MappingProxyType({
    # Merged into the comparison table on the first page.
    "when-to-use-each": "index.md#key-differences",
    "pros-and-cons": "index.md#key-differences",
    # How the liquidation price is set.
    "worked-examples": "liquidation-price.md#worked-examples",
    "the-three-classic-examples": "liquidation-price.md#the-three-classic-examples",
    "beyond-the-basics": "liquidation-price.md",
    "mark-price-vs-last-price": "liquidation-price.md#mark-price-vs-last-price",
    "bankruptcy-price": "liquidation-price.md#bankruptcy-price",
    "tiers-and-the-maintenance-amount": "liquidation-price.md#tiers-and-the-maintenance-amount",
    "fees": "liquidation-price.md#fees",
    "funding": "liquidation-price.md#funding",
    "adding-and-removing-margin": "liquidation-price.md#adding-and-removing-margin",
    "adding-margin-to-an-isolated-position": "liquidation-price.md#adding-and-removing-margin",
    "leverage-in-cross-mode": "liquidation-price.md#leverage-in-cross-mode",
    "the-leverage-setting-in-cross-mode": "liquidation-price.md#leverage-in-cross-mode",
    "what-happens-at-liquidation": "liquidation-price.md#what-happens-at-liquidation",
    "partial-liquidation": "liquidation-price.md#partial-liquidation",
    "the-insurance-fund": "liquidation-price.md#the-insurance-fund",
    "auto-deleveraging-adl": "liquidation-price.md#auto-deleveraging-adl",
    "why-figures-differ": "liquidation-price.md#how-exchanges-differ",
    "how-exchanges-differ": "liquidation-price.md#how-exchanges-differ",
    # Beyond one coin and one position.
    "what-the-pool-holds": "beyond-one-position.md#what-the-pool-holds",
    "portfolio-margin": "beyond-one-position.md#portfolio-margin",
    "a-second-cross-position-pulls-the-first-toward-liquidation":
        "beyond-one-position.md#a-second-cross-position-pulls-the-first-toward-liquidation",
    "hedge-mode": "beyond-one-position.md#hedge-mode",
    "coin-margined-contracts": "beyond-one-position.md#coin-margined-contracts",
})


def target_address(target: str) -> str:
    """A target's address from the home page, with directory URLs as both generators write them.

    >>> target_address("liquidation-price.md#funding")
    'liquidation-price/#funding'
    >>> target_address("liquidation-price.md")
    'liquidation-price/'
    >>> target_address("index.md#key-differences")
    '#key-differences'
    """
    page, _, fragment = target.partition("#")
    folder = "" if page == HOME else page.removesuffix(".md") + "/"
    return folder + (f"#{fragment}" if fragment else "")


validate_moved = options_rejected(KIND)


@guarded(KIND)
def moved_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    if block.mapping():
        field = str(next(iter(block.mapping())))
        raise block.fail(field, "unknown field; the fence takes none (the sections that moved are moved.MOVED)")
    page = current_page(md)
    if page not in (HOME, UNNAMED):
        raise block.fail("", f"belongs on the guide's first page ({HOME}), whose old links it follows")
    return render("margin-moved.html", moved={old: target_address(new) for old, new in MOVED.items()})
