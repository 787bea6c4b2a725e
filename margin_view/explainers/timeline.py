""""After the trigger": the liquidation of one position as a timeline in the reader's dollars (HTML).

The amounts are :func:`calc.aftermath.aftermath`'s; the steps and the exchanges named in them follow the published
processes that module cites. Each step is one list item (``data-step``), so a screen reader announces it as a step
of an ordered list.

>>> from calc.aftermath import aftermath
>>> from calc.scenario import parse_scenario
>>> html = timeline(aftermath(parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...     "leverage": 10}]}), 0))
>>> "$45,180.72" in html and "$36.14" in html and "$90.00 for each 1%" in html
True
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from html import escape

from calc import Aftermath

from ..text import format as fmt
from ..text.catalogue import section

__all__ = ["timeline"]


def _item(step: str, sentence: str) -> str:
    return f'<li data-step="{step}"><p>{escape(sentence)}</p></li>'


def timeline(after: Aftermath, locale: str = "en") -> str:
    """The steps from the trigger to auto-deleveraging, for one position."""
    ui = section(locale, "explain", "aftermath")
    money = partial(fmt.money, locale=locale)
    if after.liquidation_price is None:
        return f'<p class="mdx-explain__note">{escape(ui["none"])}</p>'
    assert after.equity_at_liquidation is not None and after.loss_to_liquidation is not None
    assert after.notional_at_liquidation is not None
    items = []
    if after.already_triggered:
        items.append(f'<p class="mdx-explain__note">{escape(ui["already"])}</p>')
    steps = [
        _item("trigger", ui["trigger"].format(
            liquidation=fmt.price(after.liquidation_price, locale), left=money(after.equity_at_liquidation),
            loss=money(max(after.loss_to_liquidation, Decimal(0))))),
        _item("takeover", ui["takeover"]),
        _item("partial", ui["partial"].format(notional=money(after.notional_at_liquidation),
                                              partial=money(after.partial_notional)))
        if after.partial_notional is not None else _item("whole", ui["whole"]),
    ]
    if after.bankruptcy_price is None or after.fund_per_percent is None:
        steps.append(_item("no-bankruptcy", ui["no_bankruptcy"]))
    else:
        bankruptcy = fmt.price(after.bankruptcy_price, locale)
        steps += [
            _item("bankruptcy", ui["bankruptcy"].format(bankruptcy=bankruptcy,
                                                        left=money(after.equity_at_liquidation))),
            _item("beyond", ui["beyond"].format(bankruptcy=bankruptcy, per_percent=money(after.fund_per_percent))),
            _item("adl", ui["adl"]),
        ]
    return "".join(items) + '<ol class="mdx-timeline">' + "".join(steps) + "</ol>"
