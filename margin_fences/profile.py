"""```margin-profile``` and ```margin-tiers```: an exchange profile's rules (each with its source and the day it
was checked) and a packaged tier table, written from the data the engine applies (:mod:`calc.profiles`,
:mod:`calc.tiers`), so the page cannot drift from it.

    ```margin-profile
    exchange: okx
    ```

    ```margin-tiers
    table: okx-btcusdt
    ```
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from calc import CHOICES
from margin_view.profile_tables import profile_rules, tier_table

from .blocks import Block
from .errors import guarded, options_rejected

KIND = "margin-profile"
TIERS_KIND = "margin-tiers"

validate_profile = options_rejected(KIND)
validate_tiers = options_rejected(TIERS_KIND)


@guarded(KIND)
def profile_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                  **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    block.check_keys(("exchange",))
    name = block.mapping().get("exchange")
    if name not in CHOICES["exchange"]:
        raise block.fail("exchange", f"must be one of: {', '.join(CHOICES['exchange'])}")
    return f'<div class="mdx-profile-rules">{profile_rules(str(name), block.language)}</div>'


@guarded(TIERS_KIND)
def tiers_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                **kwargs: Any) -> str:
    block = Block(TIERS_KIND, source, md)
    block.check_keys(("table",))
    name = block.mapping().get("table")
    if name not in CHOICES["tiers"]:
        raise block.fail("table", f"must be one of: {', '.join(CHOICES['tiers'])}")
    return tier_table(str(name), block.language)
