"""Form ↔ scenario, both ways: the calculator's inputs as a scenario of :mod:`calc`'s contract, and back.

The form holds one BTCUSDT trade sized by margin × leverage (plus added margin in isolated mode) and, in cross
mode, an optional second position: the other leg of a hedge, or an ETHUSDT position at a flat 0.50%. Going back,
:func:`form_values` gives the fields that rebuild a scenario exactly, or None when the form cannot hold it; the
round trip is guarded by property tests rather than by recomputing, so a card costs one parse and one evaluation.
Engine errors come back to the field they belong beside by their path, never by their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from calc.errors import ScenarioError
from calc.numbers import engine_context, plain
from calc.scenario import Position, Scenario
from calc.profiles import load_profile
from calc.tiers import FLAT_MAX_LEVERAGE, TierTable, flat_table

from . import format as fmt
from .fields import (CHOICES, CUSTOM, DEFAULTS, FIELDS, NO_EXCHANGE, TABLE_PRESETS, max_leverage, read_fields,
                     relevant, tier_table)
from .messages import reason
from .strings import section

__all__ = ["Inputs", "field_for", "form_message", "form_values", "inputs_from", "scenario_data"]

SYMBOL: Final = "BTCUSDT"
#: The second position's symbol when it is not a hedge, and its flat maintenance rate (stated in the form).
OTHER_SYMBOL: Final = "ETHUSDT"
OTHER_RATE: Final = Decimal("0.005")

# Which form field an engine error belongs beside, by the position key in its path.
_POSITION_FIELDS: Final = {
    "entry_price": "entry", "mark_price": "price", "margin": "margin", "leverage": "leverage", "quantity": "margin",
    "notional": "margin", "tiers": "preset", "maintenance_margin_rate": "rate",
}
_ACCOUNT_FIELDS: Final = {"wallet_balance": "balance", "fee_rate": "fee"}


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
    wick: Decimal  # percent of the way to the liquidation price
    exchange: str

    @property
    def modes(self) -> tuple[str, ...]:
        return ("isolated", "cross") if self.mode == "both" else (self.mode,)

    @property
    def table(self) -> TierTable:
        return tier_table(self.preset, self.rate)

    def second_table(self) -> TierTable:
        """The second position's tiers: a hedge leg uses the trade's, another symbol the flat rate."""
        return self.table if self.second == "hedge" else flat_table(OTHER_RATE)


def inputs_from(parsed: Mapping[str, object]) -> Inputs:
    """Inputs from parsed fields; a field not read takes its default (only irrelevant fields are ever absent)."""
    merged: dict[str, object] = {}
    for name in FIELDS:
        if name in parsed:
            merged[name] = parsed[name]
        else:
            merged[name] = DEFAULTS[name] if name in CHOICES else Decimal(DEFAULTS[name])
    with engine_context():
        for percent in ("rate", "fee"):
            value = merged[percent]
            assert isinstance(value, Decimal)
            merged[percent] = value / 100
    return Inputs(**merged)  # type: ignore[arg-type]


def _main_position(inputs: Inputs, mode: str) -> dict[str, object]:
    """Margin × leverage sets the size; in isolated mode, added margin sits on top of the initial margin, and so
    does the fee to close where the chosen exchange holds it in the margin (Bybit: ``notional × (1 ∓ 1/L) × fee``,
    see :func:`calc.scenario.parse_scenario`)."""
    with engine_context():
        notional = inputs.margin * inputs.leverage
        margin = inputs.margin + inputs.added
        if inputs.exchange != NO_EXCHANGE and load_profile(inputs.exchange).closing_fee == "bankruptcy":
            side = 1 if inputs.side == "long" else -1
            margin += inputs.fee * notional * (1 - side / inputs.leverage)
    position: dict[str, object] = {
        "symbol": SYMBOL, "side": inputs.side, "entry_price": plain(inputs.entry), "mark_price": plain(inputs.price),
        "notional": plain(notional), "leverage": plain(inputs.leverage), **inputs.table.to_data(),
    }
    if mode == "isolated":
        position["margin"] = plain(margin)
    return position


def _second_position(inputs: Inputs) -> dict[str, object]:
    if inputs.second == "hedge":
        # The other leg of a hedge: same symbol and tiers, opposite side, opened at the same price.
        with engine_context():
            notional = inputs.second_margin * inputs.second_leverage
        return {**_main_position(inputs, "cross"), "side": "short" if inputs.side == "long" else "long",
                "notional": plain(notional), "leverage": plain(inputs.second_leverage)}
    return {
        "symbol": OTHER_SYMBOL, "side": inputs.second_side, "entry_price": plain(inputs.second_entry),
        "mark_price": plain(inputs.second_price), "margin": plain(inputs.second_margin),
        "leverage": plain(inputs.second_leverage), **inputs.second_table().to_data(),
    }


def scenario_data(inputs: Inputs, mode: str) -> dict[str, object]:
    """The scenario (calc's JSON contract) that one mode's panel shows."""
    data: dict[str, object] = {
        "mode": mode, "maintenance_price": inputs.convention, "fee_rate": plain(inputs.fee),
        "positions": [_main_position(inputs, mode)],
    }
    if inputs.exchange != NO_EXCHANGE:
        # The form's tiers, convention and fee rate stand (the exchange choice filled them); the profile adds where
        # its fee is valued, what its return divides by and its own margin ratio.
        data["exchange"] = inputs.exchange
    if mode == "cross":
        data["wallet_balance"] = plain(inputs.balance)
        if inputs.second != "none":
            data["positions"] = [_main_position(inputs, mode), _second_position(inputs)]
    return data


def field_for(error: ScenarioError) -> str:
    """The form field an engine error belongs beside, read from its path."""
    path = error.path
    if path and path[0] in _ACCOUNT_FIELDS:
        return _ACCOUNT_FIELDS[str(path[0])]
    key = str(path[2]) if len(path) > 2 and path[0] == "positions" else ""
    field = _POSITION_FIELDS.get(key, "entry")
    if len(path) > 1 and path[1] == 1:
        return f"second_{field}" if f"second_{field}" in FIELDS else "second_margin"
    return field


def form_message(error: ScenarioError, inputs: Inputs, locale: str) -> str:
    """The form's words for an engine error about its inputs, chosen by the error's kind and path."""
    messages: Mapping[str, str] = section(locale, "errors")
    if error.kind == "wallet_below_margin":
        with engine_context():
            needed = inputs.margin + (inputs.second_margin if inputs.second != "none" else 0)
        return messages["balance_below_margin"].format(needed=fmt.money(needed, locale))
    if error.path and error.path[-1] == "leverage":
        # The ceiling for that position's own size: a hedge leg or another symbol has its own.
        second = len(error.path) > 1 and error.path[1] == 1
        # A hedge leg opens at the trade's entry price; another symbol at its own.
        second_entry = inputs.entry if inputs.second == "hedge" else inputs.second_entry
        table, margin, entry = ((inputs.second_table(), inputs.second_margin, second_entry) if second
                                else (inputs.table, inputs.margin, inputs.entry))
        return messages["leverage_range"].format(max=max_leverage(table, margin, entry))
    text = reason(error, locale)
    return text[:1].upper() + text[1:] + "."


# --- From a scenario back to the form (for example cards' "Open in calculator" links) ---------------------


def _preset(table: TierTable) -> tuple[str, str] | None:
    """(preset, rate in percent) for a tier table the form can select, or None."""
    if table.name in TABLE_PRESETS:  # a packaged table the form offers (an inline one is named "custom" too)
        return table.name, DEFAULTS["rate"]
    first = table.tiers[0]
    if table.is_flat and first.amount == 0 and first.max_leverage == FLAT_MAX_LEVERAGE:
        with engine_context():
            return CUSTOM, plain(first.rate * 100)
    return None


def _margin(position: Position) -> Decimal | None:
    """The initial margin that, times the leverage, gives back the position's size exactly (None if none does, or
    the position gives no leverage: the form sizes every position by margin × leverage)."""
    if position.leverage is None:
        return None
    with engine_context():
        margin = position.entry_notional / position.leverage
        exact = margin * position.leverage == position.entry_notional
        same_quantity = position.entry_notional / position.entry_price == position.quantity
    return margin if exact and same_quantity else None


def _second_values(scenario: Scenario, values: dict[str, str]) -> bool:
    """Fill the second position's fields; False when the form cannot hold it."""
    first, second = scenario.positions
    margin = _margin(second)
    if margin is None or second.leverage is None:
        return False
    values.update(second_margin=plain(margin), second_leverage=plain(second.leverage))
    if second.symbol == first.symbol:
        hedge = second.side != first.side and second.entry_price == first.entry_price and second.tiers == first.tiers
        values["second"] = "hedge"
        return hedge
    values.update(second="other", second_side=second.side, second_entry=plain(second.entry_price),
                  second_price=plain(second.mark_price))
    return second.symbol == OTHER_SYMBOL and second.tiers == flat_table(OTHER_RATE)


def form_values(scenario: Scenario) -> dict[str, str] | None:
    """The calculator's field values that rebuild *scenario* exactly, or None when the form cannot hold it."""
    first = scenario.positions[0]
    preset = _preset(first.tiers)
    margin = _margin(first)
    if first.symbol != SYMBOL or preset is None or margin is None or first.leverage is None:
        return None
    if len(scenario.positions) > (2 if scenario.mode == "cross" else 1):
        return None
    # A fee valued at the bankruptcy price changes the margin the form would hold: no link rather than a near one.
    if scenario.fee_price == "bankruptcy":
        return None
    with engine_context():
        values = {
            **DEFAULTS, "mode": scenario.mode, "side": first.side, "entry": plain(first.entry_price),
            "price": plain(first.mark_price), "margin": plain(margin), "leverage": plain(first.leverage),
            "added": plain(first.margin - margin) if scenario.mode == "isolated" and first.margin is not None else "0",
            "preset": preset[0], "rate": preset[1], "convention": scenario.maintenance_price,
            "fee": plain(scenario.fee_rate * 100),
            "exchange": scenario.exchange.name if scenario.exchange else NO_EXCHANGE,
        }
        if scenario.mode == "cross":
            values["balance"] = plain(scenario.wallet_balance or Decimal(0))
    if len(scenario.positions) == 2 and not _second_values(scenario, values):
        return None
    # The form's own limits (added margin not negative, leverage within the slider's reach, fee up to 5%).
    if any(relevant(name, values) for name in read_fields(values).errors):
        return None
    return {name: values[name] for name in FIELDS if relevant(name, values)}
