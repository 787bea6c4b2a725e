"""The same trade on every exchange profile, side by side (HTML): what each exchange's rules make of the reader's
trade, and one line saying what sets it apart.

Each column is the trade's scenario with one exchange's rules in place of its own (:func:`on_exchange`), evaluated
by the engine; the figures go through the one formatter. A trade an exchange cannot take as entered (a leverage
above its maximum, say) gets the engine's reason instead of figures.

>>> from calc.scenario import parse_scenario
>>> html = comparison(parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...                                                  "leverage": 10}]}))
>>> html.count('class="mdx-exchange"'), "falls to 100%" in html
(4, True)
"""

from __future__ import annotations

from html import escape
from typing import Any

from calc import (
    CHOICES,
    Profile,
    Scenario,
    ScenarioError,
    engine_context,
    evaluate,
    load_profile,
    parse_scenario,
    plain,
    result_to_data,
    scenario_to_data,
)

from .text import format as fmt
from .text import profile_words
from .text.catalogue import section
from .text.figures import format_figure, label
from .text.messages import reason

__all__ = ["COMPARED", "comparison", "on_exchange"]

#: The figures each exchange's column shows (the margin ratio is written in the exchange's terms apart).
COMPARED = ("liquidation_price", "bankruptcy_price", "maintenance_margin")

_OWN_RULES = ("maintenance_price", "fee_rate", "fee_price")
_OWN_TIERS = ("tiers", "maintenance_margin_rate", "maintenance_amount")


def on_exchange(scenario: Scenario, name: str) -> dict[str, Any]:
    """*scenario* as data, valued by exchange *name*'s rules: its tier table for each symbol (a position on another
    exchange's table takes this one's, or the engine's word that this exchange lists none; positions with a table
    of the reader's own keep it; an inverse one, without a table of the exchange's own, gets the engine's refusal,
    since the profile's rules are for its linear contracts), its convention and fee. An isolated margin is the
    reader's; where the exchange also holds a fee to close in it (Bybit), that fee is added, as the exchange would
    reserve it."""
    profile = load_profile(name)
    data = scenario_to_data(scenario)
    for key in _OWN_RULES:
        data.pop(key, None)
    data["exchange"] = name
    for item, position in zip(data["positions"], scenario.positions):
        # An exchange's table (bundled, or from its data) is that exchange's: another exchange values the symbol with
        # its own, or says it lists none. A table of the reader's own (a tier list, a flat rate) stays.
        if position.symbol in profile.tables or position.inverse or position.tiers.exchange is not None:
            for key in _OWN_TIERS:
                item.pop(key, None)
        if "margin" in item and position.margin is not None and profile.closing_fee == "bankruptcy":
            with engine_context():
                item["margin"] = plain(position.margin + position.fee_to_close(profile.fee_rate))
    return data


def _why(profile: Profile, rate: str, locale: str) -> str:
    ui = section(locale, "compare")
    table = profile.table_for(next(iter(profile.tables)))
    basis = table.basis if table is not None else "notional"
    with engine_context():
        fee = str(ui["fee"][profile.closing_fee]).format(rate=fmt.rate(profile.fee_rate, locale))
    return str(ui["why"]).format(rate=rate, basis=ui["basis"][basis], valued=ui["valued"][profile.maintenance_price],
                                 fee=fee)


def _column(scenario: Scenario, profile: Profile, locale: str) -> str:
    ui = section(locale, "compare")
    title = profile_words.title(profile, locale)
    lang = f' lang="{title.lang}"' if title.lang else ""
    head = (f'<p class="mdx-exchange__name">{escape(profile.label)}'
            f'<span class="mdx-exchange__account"{lang}>{escape(title.text)}</span></p>')
    try:
        data = result_to_data(evaluate(parse_scenario(on_exchange(scenario, profile.name))))
    except ScenarioError as error:
        text = str(ui["cannot"]).format(reason=reason(error, locale))
        return (f'<div class="mdx-exchange" data-exchange="{profile.name}" role="group" '
                f'aria-label="{escape(profile.label)}">{head}<p class="mdx-exchange__why">{escape(text)}</p></div>')
    figures = "".join(f'<div data-figure="{key}"><dt>{escape(label(key, locale))}</dt>'
                      f'<dd>{escape(format_figure(data, key, locale))}</dd></div>' for key in COMPARED)
    # The margin ratio in the exchange's own terms, with the way it moves; the engine's where the exchange names none.
    ratio_key = "margin_ratio" if profile.margin_ratio == "none" else "exchange_margin_ratio"
    figures += (f'<div data-figure="margin_ratio"><dt>{escape(label("margin_ratio", locale))}</dt>'
                f'<dd>{escape(format_figure(data, ratio_key, locale))}'
                f'<span class="mdx-exchange__note">{escape(ui["ratio"][profile.margin_ratio])}</span></dd></div>')
    why = _why(profile, format_figure(data, "maintenance_rate", locale), locale)
    return (f'<div class="mdx-exchange" data-exchange="{profile.name}" role="group" '
            f'aria-label="{escape(profile.label)}">{head}<dl>{figures}</dl>'
            f'<p class="mdx-exchange__why">{escape(why)}</p></div>')


def comparison(scenario: Scenario, locale: str = "en") -> str:
    """One column per exchange profile, in :data:`calc.profiles.PROFILE_NAMES` order."""
    columns = "".join(_column(scenario, load_profile(name), locale) for name in CHOICES["exchange"])
    return f'<div class="mdx-exchanges">{columns}</div>'
