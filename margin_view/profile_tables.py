"""The exchange profiles' rules as HTML tables, one per exchange, for the Methodology page: each rule's value in
words, what its source says, and the source with the day it was checked. Written from :mod:`calc.profiles`, so the
page cannot drift from the data the engine applies.

>>> html = profile_rules("okx")
>>> "Equity ÷ (maintenance margin + fees)" in html and "okx-btcusdt" in html and "5 December 2026" in html
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from calc import Profile, TierTable, engine_context, load_profile

from .text import dates, profile_words
from .text import format as fmt
from .text.catalogue import section

__all__ = ["profile_rules", "tier_table"]


#: The address in a data source's description (the recording it was built from, at its commit).
_ADDRESS = re.compile(r"https?://[^\s)]+")


def _data(profile: Profile, locale: str) -> str:
    """What the exchange's data file adds: how many symbols, as of when, and a link to each recording it was built
    from (the sources' full descriptions, English data, stay in the file and in the engine's output)."""
    if not profile.listed or profile.recorded is None:
        return ""
    ui = section(locale, "profiles")
    links = []
    for source, day in profile.data_sources:
        words = escape(ui["recorded"].format(date=dates.date(day, locale)))
        address = _ADDRESS.search(source)
        links.append(f'<a href="{escape(address.group())}">{words}</a>' if address else words)
    text = ui["data"].format(exchange=profile.label, count=len(profile.listed), date=dates.date(profile.recorded, locale))
    return f'<br><span data-tier-data="{escape(profile.name)}">{escape(text)} {"; ".join(links)}.</span>'


def _value(key: str, profile: Profile, words: Mapping[str, Any], locale: str) -> str:
    """The rule's value in words (a table's name as code)."""
    if key == "tiers":
        bundled = ", ".join(f"{escape(symbol)}: <code>{escape(table)}</code>" for symbol, table in profile.tables.items())
        return bundled + _data(profile, locale)
    if key == "closing_fee":
        with engine_context():
            return escape(str(words["closing_fee"][profile.closing_fee]).format(rate=fmt.rate(profile.fee_rate, locale)))
    if key == "max_leverage":
        tables = (profile.table_for(symbol) for symbol in profile.symbols)
        return escape(", ".join(f"{table.symbol} {fmt.leverage(table.tiers[0].max_leverage, locale)}"
                                for table in tables if table is not None))
    value = {"maintenance_price": profile.maintenance_price, "margin_ratio": profile.margin_ratio,
             "roe": profile.roe, "mode_scope": profile.mode_scope,
             "funding_in_isolated": profile.funding_in_isolated}[key]
    return escape(str(words[key][value]))


def _in_english(locale: str) -> str:
    """The ``lang`` attribute for a tier table's own words (its note, its source's title), which are English data
    quoted from English pages: a screen reader then reads them as English on a Dutch page."""
    return "" if locale == "en" else ' lang="en"'


def _quoted(words: profile_words.Words) -> str:
    """A profile's words as HTML: marked with their language where it is not the page's."""
    lang = f' lang="{words.lang}"' if words.lang else ""
    return f"<span{lang}>{escape(words.text)}</span>"


def profile_rules(name: str, locale: str = "en") -> str:
    """One profile's rules as a description list (it reads on a phone and in a screen reader, where four columns of
    prose would not): each rule's value, then what its source says, the source and the day it was checked."""
    ui = section(locale, "profiles")
    profile = load_profile(name)
    items = []
    for key in Profile.RULES:
        rule = profile.rules[key]
        # Eight links read "Source" on each profile: a screen reader's list of links names each one in full.
        link_name = str(ui["source_of"]).format(source=ui["source"], rule=ui["rules"][key], exchange=profile.label)
        items.append(
            f'<div data-rule="{key}"><dt>{escape(ui["rules"][key])}</dt>'
            f'<dd class="mdx-profile__value">{_value(key, profile, ui["values"], locale)}</dd>'
            f'<dd class="mdx-profile__source">{_quoted(profile_words.says(profile, key, locale))} '
            f'<a href="{escape(rule.source)}" aria-label="{escape(link_name)}">{escape(ui["source"])}</a>, '
            f'{escape(ui["checked"].format(date=dates.date(rule.checked, locale)))}.</dd></div>')
    return (f'<p class="mdx-profile__title">{_quoted(profile_words.title(profile, locale))}: '
            f'<code>"exchange": "{escape(name)}"</code></p>'
            f'<dl class="mdx-profile" data-profile="{escape(name)}">{"".join(items)}</dl>')


def tier_table(name: str, locale: str = "en") -> str:
    """A packaged tier table as an HTML table: each tier's range (of value, or of size for a table of size
    brackets; an inverse table's value and amount in its coin), maximum leverage, maintenance rate and amount; the
    source and date above it."""
    ui = section(locale, "profiles", "tiers")
    table = TierTable.load(name)
    by_size = table.basis == "quantity"
    in_coin = by_size or table.contract == "inverse"  # an inverse table brackets value in its coin
    asset = fmt.base_asset(table.symbol or "")

    def edge(value: object) -> str:
        return fmt.quantity(value, locale, asset) if in_coin else fmt.money(value, locale, places=0)  # type: ignore[arg-type]

    def amount(value: object) -> str:
        return fmt.coin(value, locale, asset) if table.contract == "inverse" else fmt.money(value, locale)  # type: ignore[arg-type]

    head = "".join(f'<th scope="col">{escape(ui[column])}</th>'
                   for column in ("size" if by_size else "value", "max", "rate", "amount"))
    rows = "".join(
        f"<tr><td>{escape(edge(tier.floor))} – {escape(edge(tier.cap) if tier.cap is not None else ui['up'])}</td>"
        f"<td>{escape(fmt.leverage(tier.max_leverage, locale))}</td><td>{escape(fmt.rate(tier.rate, locale))}</td>"
        f"<td>{escape(amount(tier.amount))}</td></tr>"
        for tier in table.tiers)
    about = ui["about"].format(exchange=table.exchange, symbol=table.symbol,
                               retrieved=dates.date(table.retrieved, locale) if table.retrieved else "")
    quoted = _in_english(locale)
    note = f'<p class="mdx-tiers__note"{quoted}>{escape(table.note)}</p>' if table.note else ""
    return (f'<p class="mdx-tiers__about">{escape(about)} <span{quoted}>{escape(table.source)}</span></p>{note}'
            # The rows are data, not prose anyone searches: left out of the search index (Material's attribute).
            f'<div class="mdx-compact" data-search-exclude><table data-tiers="{escape(name)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")
