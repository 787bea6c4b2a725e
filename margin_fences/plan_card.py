"""```margin-plan```: a planned-trade card, a planning question whose figures calc computes at build time and the
reader's browser checks again.

    ```margin-plan
    title: 1 % of the account at a 2 % stop, 25x isolated
    question:
      side: long
      entry_price: 50000
      stop_price: 49000
      account_balance: 10000
      risk: 0.01
      leverage: 25
      mode: isolated
      tiers: binance-btcusdt
    show: [quantity, margin, liquidation_price, stop_before_liquidation, max_leverage]
    caption: The stop fires 808 dollars before liquidation.
    ```

The question follows ``python -m calc plan``'s contract (its ``question`` key is implied); ``show`` lists keys of
the answer's figure table (:attr:`calc.Plan.FIGURES`).
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from calc import ScenarioError
from margin_view.plan_cards import plan_card_view
from margin_view.text.catalogue import section

from .blocks import Block
from .errors import engine_words, guarded, options_rejected
from .extension import calculator_url
from .templates import render

KIND = "margin-plan"

validate_plan_card = options_rejected(KIND)


@guarded(KIND)
def plan_card_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                    **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    card = block.mapping()
    try:
        view = plan_card_view(card, block.language)
    except ScenarioError as error:
        raise block.fail(error.where, engine_words(error)) from None
    return render("margin-plan.html", c=view, s=section(block.language, "plan_card"),
                  e=section(block.language, "example"),
                  card={"title": view["title"], "question": view["question"], "show": view["show"]},
                  planner=calculator_url(md))
