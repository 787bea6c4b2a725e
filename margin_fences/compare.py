"""```margin-compare```: one trade on every exchange profile, side by side, computed at build time.

    ```margin-compare
    title: A 10x long of 0.2 BTC on four exchanges
    scenario:
      positions:
        - {side: long, entry_price: 50000, margin: 1000, leverage: 10}
    caption: The same trade, four sets of rules.
    ```

The scenario follows ``python -m calc``'s contract; the tiers, convention and fee each column uses are that
exchange's (:func:`margin_view.exchange_comparison.on_exchange`), so a scenario that gives its own is refused here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markdown import Markdown

from calc import ScenarioError, parse_scenario
from margin_view.exchange_comparison import comparison

from .blocks import Block
from .errors import engine_words, guarded, options_rejected

KIND = "margin-compare"
_KEYS = ("title", "scenario", "caption")
#: What each exchange's rules fill: a card that sets them would not show those rules.
_RULES = ("exchange", "maintenance_price", "fee_rate", "fee_price")
_TIERS = ("tiers", "maintenance_margin_rate", "maintenance_amount")

validate_compare = options_rejected(KIND)


def _checked_scenario(block: Block) -> dict[str, Any]:
    block.check_keys(_KEYS)
    card = block.mapping()
    for key in ("title", "scenario"):
        if key not in card:
            raise block.fail(key, "is missing")
    scenario = card["scenario"]
    if not isinstance(scenario, dict):
        raise block.fail("scenario", "must be a scenario (name: value fields)")
    for key in _RULES:
        if key in scenario:
            raise block.fail(f"scenario.{key}", "is each exchange's own here: leave it out")
    for i, position in enumerate(scenario.get("positions") or []):
        for key in _TIERS:
            if isinstance(position, dict) and key in position:
                raise block.fail(f"scenario.positions[{i}].{key}", "is each exchange's own here: leave it out")
    return scenario


@guarded(KIND)
def compare_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                  **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    scenario = _checked_scenario(block)
    card = block.mapping()
    try:
        body = comparison(parse_scenario(scenario), block.language)
    except ScenarioError as error:
        raise block.fail(f"scenario.{error.where}", engine_words(error)) from None
    caption = f'<p class="mdx-card__caption">{escape(str(card["caption"]))}</p>' if card.get("caption") else ""
    title = escape(str(card["title"]))
    return (f'<article class="mdx-card mdx-card--compare" data-margin-compare aria-label="{title}">'
            f'<p class="mdx-card__title">{title}</p>{body}{caption}</article>')
