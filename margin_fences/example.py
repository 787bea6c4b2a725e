"""```margin-example```: a worked-example card whose figures calc computes at build time.

    ```margin-example
    title: Isolated, 10x long
    scenario:
      mode: isolated
      positions:
        - {side: long, entry_price: 50000, margin: 1000, leverage: 10, tiers: binance-btcusdt}
    show: [margin, leverage, liquidation_price, max_loss]
    caption: Loss is capped at the margin you put on this trade.
    worked: true
    ```

The scenario follows ``python -m calc``'s contract; ``show`` lists figure keys (calc's figure table,
``calc.results``); ``worked: true`` (optional) adds the first position's worked equation, as the calculator's
"How this was computed" shows it.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from calc import ScenarioError
from margin_view.cards import example_view
from margin_view.text.catalogue import section

from .blocks import Block
from .errors import engine_words, guarded, options_rejected
from .extension import calculator_url
from .templates import render

KIND = "margin-example"


validate_example = options_rejected(KIND)


@guarded(KIND)
def example_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                  **kwargs: Any) -> str:
    block = Block(KIND, source, md)
    card = block.mapping()
    try:
        view = example_view(card, block.language)
    except ScenarioError as error:
        raise block.fail(error.where, engine_words(error)) from None
    return render("margin-example.html", c=view, s=section(block.language, "example"),
                  # The normalised scenario (decimal strings): JSON numbers would lose digits in JavaScript.
                  card={"title": view["title"], "scenario": view["scenario"], "show": view["show"],
                        "worked": view["worked"] is not None},
                  calculator=calculator_url(md))
