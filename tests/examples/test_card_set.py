"""The guide's cards as a set: each result is shown where it teaches something, not again and again. Read from the
built pages of every edition (the cards' own figures are checked against calc by tests/examples/test_cards.py)."""

from __future__ import annotations

import collections
import re

import pytest

from tests.conftest import EDITIONS, Build

#: A card's shown figures, in the HTML the build writes (``data-result="key">text<``).
RESULT = re.compile(r'data-result="liquidation_price"[^>]*>([^<]+)<')
CARD = re.compile(r"<article[^>]*data-margin-example.*?</article>", re.S)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_no_liquidation_price_is_shown_on_more_than_two_cards(built_site: Build, edition: str) -> None:
    """Across every page of an edition, one liquidation price stands on at most two cards (the review found one on
    five): a result repeated teaches nothing new."""
    folder = built_site.site / EDITIONS[edition].strip("/")
    # An edition at the root holds the others' folders: their pages are theirs.
    others = {EDITIONS[other].strip("/") for other in EDITIONS if other != edition} - {""}
    pages = [path for path in folder.rglob("index.html") if path.relative_to(folder).parts[0] not in others]
    counts: collections.Counter[str] = collections.Counter()
    for page in pages:
        for card in CARD.findall(page.read_text(encoding="utf-8")):
            counts.update(set(RESULT.findall(card)))
    assert counts, "no card shows a liquidation price"
    repeated = {price: count for price, count in counts.items() if count > 2}
    assert not repeated, repeated
