"""The calculator's sliders and its link: what a slider move writes into its field, what the sliders show, what a
link's query holds and what in it could not be used.

The price slider reaches ``calc.LIMITS.price_span`` either side of the entry price, the same span the chart
draws; its range and steps reach the template as data (:func:`slider_ranges`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final
from urllib.parse import parse_qsl, urlencode

from calc import CHOICES, LIMITS, ScenarioError, engine_context, load_profile, plain

from ..text import format as fmt
from ..text.catalogue import section
from ..text.parse import form_text
from .read import field_errors, in_form, read_number
from .scenario import INVERSE_SYMBOL, SYMBOL, Inputs
from .schema import (
    COIN_ROWS,
    CUSTOM,
    FORM,
    INVERSE_PRESETS,
    MAX_WICK_PERCENT,
    TAB,
    TABLE_PRESETS,
    TEXT_MAX,
    Form,
)

__all__ = [
    "LINK_LOCALE",
    "LINK_MAX",
    "apply_contract",
    "apply_exchange",
    "apply_sliders",
    "link_notices",
    "query",
    "slider_ranges",
    "slider_text",
    "slider_values",
]

#: The price slider, in percent from entry: its reach either side and its step.
PRICE_REACH: Final = LIMITS.price_span * 100
PRICE_STEP: Final = Decimal("0.5")
CENT: Final = Decimal("0.01")
#: A coin amount converted from dollars keeps eight decimals, a satoshi.
SATOSHI: Final = Decimal("1e-8")
#: Longest query a link may carry into the form (anything longer is not a link this site wrote).
LINK_MAX: Final = 2000


def slider_ranges(leverage_max: int) -> dict[str, dict[str, str]]:
    """Minimum, maximum and step of each slider, for the template and the page."""
    return {
        "leverage_slider": {"min": "1", "max": str(leverage_max), "step": "1"},
        "price_slider": {"min": plain(-PRICE_REACH), "max": plain(PRICE_REACH), "step": plain(PRICE_STEP)},
        "wick": {"min": "0", "max": plain(MAX_WICK_PERCENT), "step": "10"},
    }


#: The language whose number format links and range inputs use, whatever the page's: ``fee=0.05`` is five
#: hundredths, and a slider's ``-2.5`` is minus two and a half, everywhere.
LINK_LOCALE: Final = "en"


def slider_values(inputs: Inputs, ceiling: int) -> dict[str, str]:
    """Where each slider sits for these inputs (rounded to its step, kept within its reach)."""
    with engine_context():
        lever = min(max(inputs.leverage.to_integral_value(ROUND_HALF_EVEN), Decimal(1)), Decimal(ceiling))
        offset = (inputs.price / inputs.entry - 1) * 100
        steps = (offset / PRICE_STEP).to_integral_value(ROUND_HALF_EVEN) * PRICE_STEP
        offset = min(max(steps, -PRICE_REACH), PRICE_REACH)
    return {"leverage_slider": plain(lever), "price_slider": plain(offset)}


def slider_text(inputs: Inputs, locale: str) -> dict[str, str]:
    """What a screen reader announces for each slider (``aria-valuetext``) and the page prints beside it."""
    templates = section(locale, "calculator", "slider_text")
    with engine_context():
        offset = inputs.price / inputs.entry - 1
    return {
        "leverage_slider": templates["leverage"].format(value=fmt.leverage(inputs.leverage, locale).rstrip("x")),
        "price_slider": templates["price"].format(
            value=fmt.money(inputs.price, locale), percent=fmt.percent(offset, locale, signed=True)
        ),
        "wick": templates["wick"].format(percent=fmt.percent(inputs.wick.scaleb(-2), locale, places=0)),
    }


def apply_exchange(values: dict[str, str], moved: set[str], locale: str) -> dict[str, str]:
    """An exchange the reader chose: fill the settings it has rules for (its tiers for the form's contract, where it
    values maintenance, its closing-fee rate in percent, the haircut of each coin held) and return them, for the
    page to show. They stay editable: a setting typed in the same request as the choice wins. A coin chosen while an
    exchange is selected takes that exchange's haircut the same way."""
    name = values.get("exchange")
    if name not in CHOICES["exchange"] or not {"exchange", *COIN_ROWS} & moved:
        return {}
    profile = load_profile(name)
    filled: dict[str, str] = {}
    if "exchange" in moved:
        with engine_context():
            fee = profile.fee_rate * 100 if profile.closing_fee != "none" else Decimal(0)
        filled.update(convention=profile.maintenance_price, fee=form_text(fee, locale))
        table = profile.tables.get(INVERSE_SYMBOL if values.get("contract") == "inverse" else SYMBOL)
        if table is not None:  # without one, the engine says the exchange has no table for this contract
            filled["preset"] = table
    for row in COIN_ROWS:
        coin = values.get(row, "none")
        if ("exchange" in moved or row in moved) and profile.haircuts and coin in profile.haircuts.haircuts:
            with engine_context():
                filled[f"{row}_haircut"] = form_text(profile.haircuts.haircuts[coin] * 100, locale)
    filled = {field: value for field, value in filled.items() if field not in moved}
    values.update(filled)
    return filled


def apply_contract(values: dict[str, str], moved: set[str], locale: str) -> dict[str, str]:
    """The contract the reader switched: the same trade, margined the other way. Margin, added margin and the cross
    wallet change unit at the entry price (1,000 USDT at 50,000 is 0.02 BTC), and a packaged tier table becomes the
    other contract's default (a flat custom rate stays). Returns what changed, for the page to show."""
    if "contract" not in moved or values.get("contract") not in ("linear", "inverse"):
        return {}
    inverse = values["contract"] == "inverse"
    filled: dict[str, str] = {}
    if values.get("preset") != CUSTOM:
        filled["preset"] = INVERSE_PRESETS[0] if inverse else TABLE_PRESETS[0]
    try:
        entry, _ = read_number("entry", values["entry"], locale)
        amounts = {name: read_number(name, values[name], locale)[0] for name in ("margin", "added", "balance")}
    except ScenarioError:
        amounts, entry = {}, Decimal(0)
    if entry > 0:
        with engine_context():
            for name, amount in amounts.items():
                converted = amount / entry if inverse else amount * entry
                filled[name] = form_text(converted.quantize(SATOSHI if inverse else CENT, rounding=ROUND_HALF_EVEN),
                                         locale)
    filled = {field: value for field, value in filled.items() if field not in moved}
    values.update(filled)
    return filled


def apply_sliders(values: dict[str, str], moved: set[str], locale: str) -> None:
    """Sliders the reader moved: write the values they stand for into their text fields.

    A text field typed after its slider wins: the page lists every control changed since its last request, and
    a field listed with its slider keeps what was typed.
    """
    if "leverage_slider" in moved and "leverage" not in moved:
        slider = values.get("leverage_slider", values["leverage"])
        values["leverage"] = in_form({"leverage": slider}, locale)["leverage"]
    if "price_slider" in moved and "price" not in moved:
        try:
            entry, _ = read_number("entry", values["entry"], locale)
            offset, _ = read_number("price_slider", values.get("price_slider", "0"), LINK_LOCALE)
        except ScenarioError:
            return
        if entry > 0 and -PRICE_REACH <= offset <= PRICE_REACH:
            with engine_context():
                price = (entry * (1 + offset / 100)).quantize(CENT, rounding=ROUND_HALF_EVEN)
            values["price"] = form_text(price, locale)


def link_notices(link_query: str | None, locale: str, form: Form = FORM) -> list[str]:
    """Notices about a link's query: settings this form does not know, and values it could not use.

    Radio buttons and menus cannot hold a value they do not offer, so a link's bad choice never reaches the
    form's fields; it is reported from the query itself.
    """
    if not link_query:
        return []
    messages = section(locale, "errors")
    pairs = parse_qsl(link_query.lstrip("?")[:LINK_MAX], keep_blank_values=True)
    names = [name for name, _ in pairs]
    notices: list[str] = []
    known = (*form.fields, *((TAB,) if form.tab else ()))
    if any(name not in known for name in names) or len(names) != len(set(names)):
        notices.append(messages["link_unknown"])
    first: dict[str, str] = {}
    for name, value in pairs:
        first.setdefault(name, value[:TEXT_MAX])
    chosen = {**form.defaults, **{name: value for name, value in first.items() if name in form.fields}}
    for name, value in first.items():
        # Read as links are written, whatever the page's language (the notice itself is in the page's). A field
        # the link's own choices leave out is ignored like a hidden one: no notice.
        if (name in form.fields and form.relevant(name, chosen)
                and name in field_errors({name: value}, LINK_LOCALE, form)):
            notices.append(messages["link_fallback"].format(field=name))
    return notices


def query(parsed: Mapping[str, object], unused: frozenset[str], form: Form = FORM) -> str:
    """The link that restores this form: its tab on a page of several (first, so that the page opens it), then every
    field that matters now (none of *unused*, the fields :meth:`~margin_view.form.schema.Form.hidden` leaves out), as
    read (not as typed), its numbers plain (the English reading of them, :data:`LINK_LOCALE`)."""
    pairs: list[tuple[str, str]] = [(TAB, form.tab)] if form.tab else []
    for name in form.fields:
        if name in unused or name not in parsed:
            continue
        value = parsed[name]
        pairs.append((name, plain(value) if isinstance(value, Decimal) else str(value)))
    return urlencode(pairs)
