"""The calculator's form: raw text from fields or a link in, validated inputs, scenarios and display text out.

One function, :func:`respond`, serves both the build (which pre-renders the figures for the initial inputs) and
the browser worker (which recomputes them as the reader types), so the two print identical text.

The form has one trade, shown in isolated margin, cross margin or both side by side. Its fields are the URL
query parameters too (``mode``, ``side``, ``entry``, ``margin``, ``balance``, ``leverage``, ``price``, ``preset``,
``fee``, …), so a link restores exactly what the reader saw.

>>> response = respond({})
>>> response["view"]["modes"]["isolated"]["figures"]["liquidation_price"]
'$45,180.72'
>>> response["errors"]
{}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final
from urllib.parse import parse_qsl, urlencode

from . import format as fmt
from .account import evaluate, result_to_data
from .chart import pnl_chart
from .errors import NumberFormatError, ScenarioError
from .figures import FigureKeyError, figure_text
from .numbers import engine_context, plain
from .scenario import Scenario, parse_scenario
from .strings import strings
from .tiers import FLAT_MAX_LEVERAGE, TierTable, flat_table, load_table

__all__ = [
    "DEFAULTS",
    "FIELDS",
    "Inputs",
    "field_errors",
    "form_for_scenario",
    "max_leverage",
    "respond",
    "scenario_data",
]

#: Every field of the form, in the order links list them. Sliders are views of ``leverage`` and ``price``.
FIELDS: Final = (
    "mode",
    "side",
    "entry",
    "margin",
    "balance",
    "leverage",
    "added",
    "price",
    "preset",
    "rate",
    "convention",
    "fee",
    "second",
    "second_side",
    "second_entry",
    "second_price",
    "second_margin",
    "second_leverage",
)
SLIDERS: Final = ("leverage_slider", "price_slider")

#: The original guide page's trade: long, entry 50,000, margin 1,000, 10x, a 5,000 wallet, Binance's tiers.
DEFAULTS: Final[Mapping[str, str]] = {
    "mode": "both",
    "side": "long",
    "entry": "50000",
    "margin": "1000",
    "balance": "5000",
    "leverage": "10",
    "added": "0",
    "price": "50000",
    "preset": "binance-btcusdt",
    "rate": "0.5",
    "convention": "liquidation",
    "fee": "0",
    "second": "none",
    "second_side": "long",
    "second_entry": "3000",
    "second_price": "3000",
    "second_margin": "500",
    "second_leverage": "10",
}

CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "mode": ("both", "isolated", "cross"),
    "side": ("long", "short"),
    "second_side": ("long", "short"),
    "preset": ("binance-btcusdt", "bybit-btcusdt", "custom"),
    "convention": ("liquidation", "entry"),
    "second": ("none", "hedge", "other"),
}

#: The second position's symbol when it is not a hedge, and its flat maintenance rate (stated in the form).
OTHER_SYMBOL: Final = "ETHUSDT"
OTHER_RATE: Final = Decimal("0.005")
#: Prices, margins and balances above this are not trades anyone places; they only risk absurd output.
MAX_AMOUNT: Final = Decimal("1e12")
#: Rates are typed in percent.
MAX_FEE_PERCENT: Final = Decimal(5)
#: How far the price slider reaches either side of the entry, in percent, and its step.
SLIDER_SPAN: Final = Decimal(50)
SLIDER_STEP: Final = Decimal("0.5")
CENT: Final = Decimal("0.01")

#: Figures each mode's panel shows (figure keys, see calc.figures): the main ones, then "more figures".
MAIN_FIGURES: Final = (
    "notional",
    "quantity",
    "liquidation_price",
    "bankruptcy_price",
    "distance_to_liquidation",
    "unrealized_pnl",
    "roe",
    "max_loss",
    "risk_level",
)
MORE_FIGURES: Final[Mapping[str, tuple[str, ...]]] = {
    "isolated": ("margin", "leverage", "maintenance_rate", "maintenance_margin"),
    "cross": (
        "margin",
        "leverage",
        "maintenance_rate",
        "maintenance_margin",
        "account.margin_balance",
        "account.maintenance_margin",
        "account.margin_ratio",
        "positions[1].liquidation_price",
    ),
}

# Which form field a scenario error belongs beside, by the path calc reports.
_POSITION_FIELDS: Final = {
    "entry_price": "entry",
    "mark_price": "price",
    "margin": "margin",
    "leverage": "leverage",
    "quantity": "margin",
    "notional": "margin",
    "tiers": "preset",
    "maintenance_margin_rate": "rate",
}


@dataclass(frozen=True, slots=True)
class Inputs:
    """The form's values once every field has been read; numbers are Decimals, rates fractions."""

    mode: str
    side: str
    entry: Decimal
    margin: Decimal
    balance: Decimal
    leverage: Decimal
    added: Decimal
    price: Decimal
    preset: str
    rate: Decimal
    convention: str
    fee: Decimal
    second: str
    second_side: str
    second_entry: Decimal
    second_price: Decimal
    second_margin: Decimal
    second_leverage: Decimal

    @property
    def modes(self) -> tuple[str, ...]:
        return ("isolated", "cross") if self.mode == "both" else (self.mode,)


def tier_table(preset: str, rate: Decimal) -> TierTable:
    """The maintenance schedule a preset names; ``custom`` is one flat rate (a fraction)."""
    return flat_table(rate) if preset == "custom" else load_table(preset)


def max_leverage(table: TierTable, margin: Decimal) -> int:
    """Highest whole leverage the bracket of the resulting size allows: ``L ≤ max_leverage(bracket(margin × L))``.

    The bracket depends on the size and the size on the leverage, so walk down from the table's highest.
    """
    with engine_context():
        top = int(max(tier.max_leverage for tier in table.tiers))
        for candidate in range(top, 1, -1):
            if table.bracket_for(margin * candidate).max_leverage >= candidate:
                return candidate
    return 1


# --- Reading fields -------------------------------------------------------------------------------------


def _messages(locale: str) -> Mapping[str, str]:
    messages: Mapping[str, str] = strings(locale)["errors"]
    return messages


def _number_error(error: NumberFormatError, locale: str) -> str:
    messages = _messages(locale)
    return messages["too_large"] if "too large" in error.reason or "too long" in error.reason else (
        messages["required"] if error.reason == "empty" else messages["not_a_number"]
    )


def _read_number(text: str, locale: str) -> tuple[Decimal, bool]:
    value, normalised = fmt.parse_number(text, locale)
    if abs(value) > MAX_AMOUNT:
        raise NumberFormatError(text, "too large")
    return value, normalised


def _check_range(name: str, value: Decimal, ceiling: int, locale: str) -> str | None:
    """The message for a number outside its field's range, or None."""
    messages = _messages(locale)
    if name == "fee":
        return None if 0 <= value <= MAX_FEE_PERCENT else messages["fee_range"]
    if name == "rate":
        return None if 0 < value < 100 else messages["rate_range"]
    if name == "added":
        return None if value >= 0 else messages["non_negative"]
    if name in ("leverage", "second_leverage"):
        return None if 1 <= value <= ceiling else messages["leverage_range"].format(max=ceiling)
    return None if value > 0 else messages["positive"]


def _read_fields(values: Mapping[str, str], locale: str) -> tuple[dict[str, object], dict[str, str], dict[str, str]]:
    """Parse each field on its own: (parsed values, error per field, 'read as …' note per field)."""
    parsed: dict[str, object] = {}
    errors: dict[str, str] = {}
    notes: dict[str, str] = {}
    messages = _messages(locale)
    for name in FIELDS:
        text = values[name]
        if name in CHOICES:
            if text in CHOICES[name]:
                parsed[name] = text
            else:
                errors[name] = messages["choice"]
            continue
        try:
            value, normalised = _read_number(text, locale)
        except NumberFormatError as error:
            errors[name] = _number_error(error, locale)
            continue
        parsed[name] = value
        if normalised:
            notes[name] = messages["normalised"].format(value=plain(value))
    # Leverage's ceiling depends on the size, which depends on the margin and the tier preset.
    ceiling = _leverage_ceiling(parsed) or int(FLAT_MAX_LEVERAGE)
    for name in FIELDS:
        if name in CHOICES or name not in parsed:
            continue
        limit = ceiling if name == "leverage" else int(FLAT_MAX_LEVERAGE)
        problem = _check_range(name, _as_decimal(parsed[name]), limit, locale)
        if problem:
            errors[name] = problem
            notes.pop(name, None)
            del parsed[name]
    return parsed, errors, notes


def field_errors(values: Mapping[str, str], locale: str = "en") -> dict[str, str]:
    """Every field's own error, whether or not the current choices use the field (a page author's initial
    inputs must all be valid, since the reader may switch to a mode that shows them)."""
    return _read_fields({**DEFAULTS, **values}, locale)[1]


def _leverage_ceiling(parsed: Mapping[str, object]) -> int | None:
    """The leverage slider's maximum for the margin and tiers read so far; None while either is unreadable."""
    table = _table_or_none(parsed)
    margin = parsed.get("margin")
    if table is None or not isinstance(margin, Decimal):
        return None
    return max_leverage(table, _positive(margin))


def _as_decimal(value: object) -> Decimal:
    assert isinstance(value, Decimal)
    return value


def _positive(value: object) -> Decimal:
    number = _as_decimal(value)
    return number if number > 0 else Decimal(1)


def _table_or_none(parsed: Mapping[str, object]) -> TierTable | None:
    preset = parsed.get("preset")
    rate = parsed.get("rate")
    if preset == "custom":
        if not isinstance(rate, Decimal) or not 0 < rate < 100:
            return None
        return tier_table("custom", rate / 100)
    return tier_table(str(preset), Decimal(0)) if isinstance(preset, str) else None


def _relevant(name: str, parsed: Mapping[str, object]) -> bool:
    """Whether a field matters for the current choices (an error in a hidden field must not block)."""
    mode = parsed.get("mode", DEFAULTS["mode"])
    second = parsed.get("second", DEFAULTS["second"])
    if name == "balance":
        return mode != "isolated"
    if name == "added":
        return mode != "cross"
    if name == "rate":
        return parsed.get("preset") == "custom"
    if name.startswith("second_"):
        if mode == "isolated" or second == "none":
            return False
        return name in ("second_margin", "second_leverage") or second == "other"
    if name == "second":
        return mode != "isolated"
    return True


# --- Scenarios ------------------------------------------------------------------------------------------


def _inputs(parsed: Mapping[str, object]) -> Inputs:
    merged: dict[str, object] = {}
    for name in FIELDS:
        if name in parsed:
            merged[name] = parsed[name]
        elif name in CHOICES:
            merged[name] = DEFAULTS[name]
        else:
            merged[name] = Decimal(DEFAULTS[name])
    with engine_context():
        merged["rate"] = _as_decimal(merged["rate"]) / 100
        merged["fee"] = _as_decimal(merged["fee"]) / 100
    return Inputs(**merged)  # type: ignore[arg-type]


def _main_position(inputs: Inputs, mode: str) -> dict[str, object]:
    """Margin × leverage sets the size; in isolated mode, added margin sits on top of the initial margin."""
    table = tier_table(inputs.preset, inputs.rate)
    with engine_context():
        notional = inputs.margin * inputs.leverage
        margin = inputs.margin + inputs.added
    position: dict[str, object] = {
        "symbol": "BTCUSDT",
        "side": inputs.side,
        "entry_price": plain(inputs.entry),
        "mark_price": plain(inputs.price),
        "notional": plain(notional),
        "leverage": plain(inputs.leverage),
        "tiers": inputs.preset if inputs.preset != "custom" else _table_data(table),
    }
    if mode == "isolated":
        position["margin"] = plain(margin)
    return position


def _table_data(table: TierTable) -> list[dict[str, str]]:
    return [
        {"floor": plain(t.floor), "max_leverage": plain(t.max_leverage), "rate": plain(t.rate), "amount": plain(t.amount)}
        for t in table.tiers
    ]


def _second_position(inputs: Inputs) -> dict[str, object]:
    if inputs.second == "hedge":
        # The other leg of a hedge: same symbol and tiers, opposite side, opened at the same price.
        leg = _main_position(inputs, "cross")
        with engine_context():
            leg["notional"] = plain(inputs.second_margin * inputs.second_leverage)
        leg["side"] = "short" if inputs.side == "long" else "long"
        leg["leverage"] = plain(inputs.second_leverage)
        return leg
    return {
        "symbol": OTHER_SYMBOL,
        "side": inputs.second_side,
        "entry_price": plain(inputs.second_entry),
        "mark_price": plain(inputs.second_price),
        "margin": plain(inputs.second_margin),
        "leverage": plain(inputs.second_leverage),
        "maintenance_margin_rate": plain(OTHER_RATE),
    }


def scenario_data(inputs: Inputs, mode: str) -> dict[str, object]:
    """The scenario (calc's JSON contract) that one mode's panel shows."""
    data: dict[str, object] = {
        "mode": mode,
        "maintenance_price": inputs.convention,
        "fee_rate": plain(inputs.fee),
        "positions": [_main_position(inputs, mode)],
    }
    if mode == "cross":
        data["wallet_balance"] = plain(inputs.balance)
        if inputs.second != "none":
            data["positions"] = [_main_position(inputs, mode), _second_position(inputs)]
    return data


def _field_for(error: ScenarioError) -> str:
    """The form field a scenario error belongs beside."""
    path = error.path
    if path == "wallet_balance":
        return "balance"
    if path == "fee_rate":
        return "fee"
    second = path.startswith("positions[1]")
    key = path.split(".", 1)[1].split(".", 1)[0].split("[", 1)[0] if "." in path else ""
    field = _POSITION_FIELDS.get(key, "entry")
    if second:
        return f"second_{field}" if f"second_{field}" in FIELDS else "second_margin"
    return field


def _scenario_message(error: ScenarioError, inputs: Inputs, locale: str) -> str:
    messages = _messages(locale)
    if error.path == "wallet_balance":
        needed = inputs.margin + (inputs.second_margin if inputs.second != "none" else 0)
        return messages["balance_below_margin"].format(needed=fmt.money(needed, locale))
    if error.path.endswith("leverage"):
        if error.path.startswith("positions[1]"):
            # The second position: a hedge leg uses the trade's tiers, another symbol a flat rate.
            table = tier_table(inputs.preset, inputs.rate) if inputs.second == "hedge" else flat_table(OTHER_RATE)
            return messages["leverage_range"].format(max=max_leverage(table, inputs.second_margin))
        table = tier_table(inputs.preset, inputs.rate)
        return messages["leverage_range"].format(max=max_leverage(table, inputs.margin))
    return error.reason[:1].upper() + error.reason[1:] + "."


# --- The view -------------------------------------------------------------------------------------------


def _mode_view(mode: str, scenario: Scenario, locale: str) -> dict[str, object]:
    ui = strings(locale)["calculator"]
    result = result_to_data(evaluate(scenario))
    text = fmt.format_result(result, locale)
    raw_first = result["positions"][0]
    figures: dict[str, str] = {}
    for key in (*MAIN_FIGURES, *MORE_FIGURES[mode]):
        try:
            figures[key] = figure_text(text, key)
        except FigureKeyError:
            pass  # e.g. no second position: the page hides that row
    liquidated = bool(raw_first["liquidated"])
    return {
        "shown": True,
        "main": list(MAIN_FIGURES),
        "more": list(MORE_FIGURES[mode]),
        "figures": figures,
        "liquidated": liquidated,
        "gauge": raw_first["gauge"],
        "note": ui["notes"]["liquidated" if liquidated else mode],
    }


def _hidden_view(mode: str) -> dict[str, object]:
    return {
        "shown": False,
        "main": list(MAIN_FIGURES),
        "more": list(MORE_FIGURES[mode]),
        "figures": {},
        "liquidated": False,
        "gauge": "0",
        "note": "",
    }


def _slider_values(inputs: Inputs, ceiling: int) -> dict[str, str]:
    with engine_context():
        lever = min(max(inputs.leverage.to_integral_value(ROUND_HALF_EVEN), Decimal(1)), Decimal(ceiling))
        offset = (inputs.price / inputs.entry - 1) * 100
        steps = (offset / SLIDER_STEP).to_integral_value(ROUND_HALF_EVEN) * SLIDER_STEP
        offset = min(max(steps, -SLIDER_SPAN), SLIDER_SPAN)
    return {"leverage_slider": plain(lever), "price_slider": plain(offset)}


def _slider_text(inputs: Inputs, locale: str) -> dict[str, str]:
    templates = strings(locale)["calculator"]["slider_text"]
    with engine_context():
        offset = inputs.price / inputs.entry - 1
    return {
        "leverage_slider": templates["leverage"].format(value=fmt.leverage(inputs.leverage, locale).rstrip("x")),
        "price_slider": templates["price"].format(
            value=fmt.money(inputs.price, locale), percent=fmt.percent(offset, locale, signed=True)
        ),
    }


def _apply_sliders(values: dict[str, str], moved: set[str], locale: str) -> None:
    """Sliders the reader moved: write the values they stand for into their text fields.

    A text field typed after its slider wins: the page lists every control changed since its last request, and
    a field listed with its slider keeps what was typed.
    """
    if "leverage_slider" in moved and "leverage" not in moved:
        values["leverage"] = values.get("leverage_slider", values["leverage"])
    if "price_slider" in moved and "price" not in moved:
        try:
            entry, _ = _read_number(values["entry"], locale)
            offset, _ = _read_number(values.get("price_slider", "0"), locale)
        except NumberFormatError:
            return
        if entry > 0 and -SLIDER_SPAN <= offset <= SLIDER_SPAN:
            with engine_context():
                price = (entry * (1 + offset / 100)).quantize(CENT, rounding=ROUND_HALF_EVEN)
            values["price"] = plain(price)


def _link_notices(query: str | None, locale: str) -> list[str]:
    """Notices about a link's query: settings this form does not know, and values it could not use.

    Radio buttons and menus cannot hold a value they do not offer, so a link's bad choice never reaches the
    form's fields; it is reported from the query itself.
    """
    if not query:
        return []
    pairs = parse_qsl(query.lstrip("?")[:2000], keep_blank_values=True)
    names = [name for name, _ in pairs]
    notices: list[str] = []
    if any(name not in FIELDS for name in names) or len(names) != len(set(names)):
        notices.append(_messages(locale)["link_unknown"])
    first: dict[str, str] = {}
    for name, value in pairs:
        first.setdefault(name, value[:64])
    for name, value in first.items():
        if name in FIELDS and name in field_errors({name: value}, locale):
            notices.append(_messages(locale)["link_fallback"].format(field=name))
    return notices


def _query(values: Mapping[str, str], parsed: Mapping[str, object]) -> str:
    """The link that restores this form: every field that matters now, as read (not as typed)."""
    pairs: list[tuple[str, str]] = []
    for name in FIELDS:
        if not _relevant(name, parsed) or name not in parsed:
            continue
        value = parsed[name]
        pairs.append((name, plain(value) if isinstance(value, Decimal) else str(value)))
    return urlencode(pairs)


def respond(request: Mapping[str, object], locale: str = "en") -> dict[str, object]:
    """Read a form, compute every mode it shows, and return what the page displays.

    ``request``: ``values`` (field name → text as typed; missing fields take :data:`DEFAULTS`), ``sources``
    (the controls the reader changed since the last request), ``from_link`` (fields whose text came from the
    page's link: when unusable they fall back to the default with a notice instead of an error) and
    ``link_query`` (the raw query, to report settings the calculator does not know).

    Returns ``values`` (controls whose text changes), ``errors`` and ``normalised`` (a message per field),
    ``notices``, ``replace`` (link fields reset to defaults), ``query`` (the link for these inputs),
    ``leverage_max``, ``slider_text`` and ``view`` (None while any relevant field is invalid: the page keeps its
    last good figures). Never raises for anything a reader can type.
    """
    raw_values = request.get("values", {})
    typed = raw_values if isinstance(raw_values, Mapping) else {}
    values = {name: str(typed.get(name, DEFAULTS[name]))[:64] for name in FIELDS}
    for slider in SLIDERS:
        if isinstance(typed.get(slider), str):
            values[slider] = str(typed[slider])[:64]
    raw_moved = request.get("sources", [])
    moved = {name for name in raw_moved if isinstance(name, str)} if isinstance(raw_moved, list) else set()
    _apply_sliders(values, moved, locale)

    from_link_raw = request.get("from_link", [])
    from_link = {name for name in from_link_raw if isinstance(name, str)} if isinstance(from_link_raw, list) else set()
    link_query = request.get("link_query")
    notices = _link_notices(link_query if isinstance(link_query, str) else None, locale)

    parsed, errors, notes = _read_fields(values, locale)
    replace: dict[str, str] = {}
    for name in sorted(from_link & set(errors)):
        # A link someone edited: show the default rather than a broken field, and say so once per field.
        replace[name] = DEFAULTS[name]
        values[name] = DEFAULTS[name]
        notice = _messages(locale)["link_fallback"].format(field=name)
        if notice not in notices:
            notices.append(notice)
    if replace:
        parsed, errors, notes = _read_fields(values, locale)

    errors = {name: message for name, message in errors.items() if _relevant(name, parsed)}
    changed: dict[str, str] = dict(replace)
    for slider, field in (("leverage_slider", "leverage"), ("price_slider", "price")):
        if slider in moved and field not in moved:
            changed[field] = values[field]

    ceiling = _leverage_ceiling(parsed) or 1
    response: dict[str, object] = {
        "values": changed,
        "errors": errors,
        "normalised": notes,
        "notices": notices,
        "replace": replace,
        "query": _query(values, parsed),
        "leverage_max": ceiling,
        "slider_text": {},
        "view": None,
    }
    if errors:
        return response

    inputs = _inputs(parsed)
    changed.update(_slider_values(inputs, ceiling))
    response["slider_text"] = _slider_text(inputs, locale)
    views: dict[str, object] = {}
    scenarios: dict[str, Scenario] = {}
    for mode in ("isolated", "cross"):
        if mode not in inputs.modes:
            views[mode] = _hidden_view(mode)
            continue
        try:
            scenarios[mode] = parse_scenario(scenario_data(inputs, mode))
        except ScenarioError as error:
            errors[_field_for(error)] = _scenario_message(error, inputs, locale)
            continue
        views[mode] = _mode_view(mode, scenarios[mode], locale)
    if errors:
        return response
    ui = strings(locale)["calculator"]
    response["view"] = {
        "mode": inputs.mode,
        "modes": views,
        "chart": pnl_chart(scenarios, locale),
        "summary": " ".join(
            ui["summary"].format(
                mode=ui["modes"][mode],
                price=views[mode]["figures"]["liquidation_price"],  # type: ignore[index]
                risk=views[mode]["figures"]["risk_level"],  # type: ignore[index]
            )
            for mode in inputs.modes
        ),
    }
    return response


# --- From a scenario back to the form (for example cards' "Open in calculator" links) ---------------------


def _preset_of(table: TierTable) -> tuple[str, str] | None:
    """(preset, rate in percent) for a tier table the form can select, or None."""
    if table.name in CHOICES["preset"]:
        return table.name, DEFAULTS["rate"]
    if table.is_flat and table.tiers[0].amount == 0 and table.tiers[0].max_leverage == FLAT_MAX_LEVERAGE:
        with engine_context():
            return "custom", plain(table.tiers[0].rate * 100)
    return None


def form_for_scenario(data: Mapping[str, object]) -> dict[str, str] | None:
    """The calculator's field values that reproduce *data*, or None when the form cannot hold that scenario.

    The form holds one BTCUSDT position sized by margin × leverage (plus added margin in isolated mode) and, in
    cross mode, a hedge leg or an ETHUSDT position at a flat 0.50%. The values are checked by rebuilding the
    scenario from them and comparing every result, so a link never opens on different figures.
    """
    scenario = parse_scenario(data)
    first = scenario.positions[0]
    preset = _preset_of(first.tiers)
    if first.symbol != "BTCUSDT" or preset is None or len(scenario.positions) > (2 if scenario.mode == "cross" else 1):
        return None
    with engine_context():
        margin = first.entry_notional / first.leverage
        values = {
            **DEFAULTS,
            "mode": scenario.mode,
            "side": first.side,
            "entry": plain(first.entry_price),
            "price": plain(first.mark_price),
            "margin": plain(margin),
            "leverage": plain(first.leverage),
            "added": plain(first.margin - margin) if scenario.mode == "isolated" else "0",
            "preset": preset[0],
            "rate": preset[1],
            "convention": scenario.maintenance_price,
            "fee": plain(scenario.fee_rate * 100),
        }
        if scenario.mode == "cross":
            values["balance"] = plain(scenario.wallet_balance or Decimal(0))
        if len(scenario.positions) == 2:
            second = scenario.positions[1]
            values["second_margin"] = plain(second.entry_notional / second.leverage)
            values["second_leverage"] = plain(second.leverage)
            if second.symbol == first.symbol:
                values["second"] = "hedge"
            else:
                values["second"] = "other"
                values.update(second_side=second.side, second_entry=plain(second.entry_price),
                              second_price=plain(second.mark_price))
    response = respond({"values": values})
    if response["errors"] or response["view"] is None:
        return None
    try:
        rebuilt = parse_scenario(scenario_data(_inputs(_read_fields(values, "en")[0]), scenario.mode))
    except ScenarioError:
        return None
    same = result_to_data(evaluate(rebuilt))["positions"] == result_to_data(evaluate(scenario))["positions"]
    return {name: values[name] for name in FIELDS if _relevant(name, values)} if same else None
