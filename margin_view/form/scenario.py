"""Form ↔ scenario, both ways: the calculator's inputs as a scenario of :mod:`calc`'s contract, and back.

The form holds one BTCUSDT trade (or, coin-margined, BTCUSD, its margin and cross wallet in BTC) sized by margin ×
leverage (plus added margin in isolated mode) and, in cross mode, an optional second position (the other leg of a
hedge, or an ETHUSDT position at a flat 0.50%) and up to two coins held as margin besides the wallet. Going back,
:func:`margin_view.form.from_scenario.form_values` gives the fields that rebuild a scenario exactly, or None when the form
cannot hold it.
Engine errors come back to the field they belong beside by their path, never by their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from calc import ScenarioError, TierTable, engine_context, load_profile, plain

from ..text import format as fmt
from ..text.catalogue import section
from ..text.messages import reason
from .read import max_leverage, symbol_table, tier_table
from .schema import (
    BY_NAME,
    CHOICES,
    COIN_ROWS,
    DEFAULTS,
    FIELDS,
    NO_EXCHANGE,
    SYMBOL,
    TEXTS,
    listed_symbol,
    traded_coins,
)

__all__ = ["INVERSE_SYMBOL", "OTHER_RATE", "OTHER_SYMBOL", "SYMBOL", "Inputs", "field_for", "form_message", "inputs_from",
           "scenario_data"]

#: The form's trade as a coin-margined (inverse) contract.
INVERSE_SYMBOL: Final = "BTCUSD"
#: The second position's symbol when it is not a hedge, and its flat maintenance rate (stated in the form).
OTHER_SYMBOL: Final = "ETHUSDT"
OTHER_RATE: Final = Decimal("0.005")

# Which form field an engine error belongs beside: the field whose scenario paths hold the error's path.
_FIELD_AT: Final = {path: name for name, field in BY_NAME.items() for path in field.paths}


class Inputs:
    """The form's values once every field has been read: numbers are Decimals (a percentage as a fraction), choices
    strings, one per field of the schema.

    The fields the form's rules read by name are declared below for the type checker; every field, declared or not,
    is an attribute, and :meth:`number` and :meth:`choice` read one by a name made at run time (a coin row's).
    A field added to the schema needs no line here.
    """

    mode: str
    side: str
    contract: str
    entry: Decimal
    margin: Decimal
    balance: Decimal
    leverage: Decimal
    added: Decimal
    price: Decimal
    exchange: str
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

    def __init__(self, values: Mapping[str, Decimal | str]) -> None:
        # Each field an attribute: read as often as the form's rules read them, at a plain attribute's cost.
        object.__setattr__(self, "__dict__", dict(values))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Inputs are read-only: {name}")

    @property
    def values(self) -> Mapping[str, Decimal | str]:
        """Every field's value, by name."""
        return MappingProxyType(self.__dict__)

    def number(self, name: str) -> Decimal:
        value = self.values[name]
        assert isinstance(value, Decimal), name
        return value

    def choice(self, name: str) -> str:
        value = self.values[name]
        assert isinstance(value, str), name
        return value

    @property
    def inverse(self) -> bool:
        """The trade is coin-margined: its margin, added margin and cross wallet are BTC."""
        return self.contract == "inverse"

    @property
    def symbol(self) -> str:
        """The trade's symbol: BTCUSD coin-margined; the symbol field's with an exchange chosen; else BTCUSDT."""
        if self.inverse:
            return INVERSE_SYMBOL
        return str(self.__dict__["symbol"]) if self.exchange != NO_EXCHANGE else SYMBOL

    @property
    def modes(self) -> tuple[str, ...]:
        return ("isolated", "cross") if self.mode == "both" else (self.mode,)

    @property
    def table(self) -> TierTable:
        """The trade's tiers: the chosen exchange's table for a symbol from its data, else the preset's."""
        if not listed_symbol(self.values):
            return tier_table(self.preset, self.rate)
        table = symbol_table(self.exchange, self.symbol)
        if table is None:  # not listed, or the data is not here: the engine says which, at the symbol
            profile = load_profile(self.exchange)
            try:
                table = profile.table_for(self.symbol, ("positions", 0, "symbol"))
            except ScenarioError as error:
                raise ScenarioError(("positions", 0, "symbol"), error.kind, self.symbol, **error.params) from error
            if table is None or table.contract == "inverse":
                raise ScenarioError(("positions", 0, "symbol"), "symbol_not_listed", self.symbol,
                                    exchange=profile.label, recorded=profile.recorded or "-")
        return table

    def second_table(self) -> TierTable:
        """The second position's tiers: a hedge leg uses the trade's, another symbol the flat rate."""
        return self.table if self.second == "hedge" else TierTable.flat(OTHER_RATE)


def inputs_from(parsed: Mapping[str, object]) -> Inputs:
    """Inputs from parsed fields; a field not read takes its default (only irrelevant fields are ever absent)."""
    merged: dict[str, Decimal | str] = {}
    for name in FIELDS:
        if name in parsed:
            value = parsed[name]
            assert isinstance(value, (Decimal, str)), name
            merged[name] = value
        else:
            merged[name] = DEFAULTS[name] if name in CHOICES or name in TEXTS else Decimal(DEFAULTS[name])
    with engine_context():
        for percent in (name for name, field in BY_NAME.items() if field.percent):
            value = merged[percent]
            assert isinstance(value, Decimal)
            merged[percent] = value / 100
    return Inputs(merged)


def _main_position(inputs: Inputs, mode: str) -> dict[str, object]:
    """Margin × leverage sets the size (coins, for an inverse contract: its dollar size is that times the entry
    price); in isolated mode, added margin sits on top of the initial margin, and so does the fee to close where the
    chosen exchange holds it in the margin (Bybit; see :meth:`calc.Profile.margin_held_to_close`)."""
    with engine_context():
        value = inputs.margin * inputs.leverage
        margin = inputs.margin + inputs.added
        if inputs.exchange != NO_EXCHANGE:
            margin += load_profile(inputs.exchange).margin_held_to_close("inverse" if inputs.inverse else "linear", inputs.side, value,
                                                                         inputs.leverage, inputs.fee)
        notional = value * inputs.entry if inputs.inverse else value
    position: dict[str, object] = {
        "symbol": inputs.symbol, "side": inputs.side, "entry_price": plain(inputs.entry),
        "mark_price": plain(inputs.price), "notional": plain(notional), "leverage": plain(inputs.leverage),
        **inputs.table.to_data(),
    }
    if inputs.inverse:
        position["contract"] = "inverse"
    if mode == "isolated":
        position["margin"] = plain(margin)
    return position


def _second_position(inputs: Inputs) -> dict[str, object]:
    if inputs.second == "hedge":
        # The other leg of a hedge: same symbol, contract and tiers, opposite side, opened at the same price.
        with engine_context():
            notional = inputs.second_margin * inputs.second_leverage * (inputs.entry if inputs.inverse else 1)
        return {**_main_position(inputs, "cross"), "side": "short" if inputs.side == "long" else "long",
                "notional": plain(notional), "leverage": plain(inputs.second_leverage)}
    return {
        "symbol": OTHER_SYMBOL, "side": inputs.second_side, "entry_price": plain(inputs.second_entry),
        "mark_price": plain(inputs.second_price), "margin": plain(inputs.second_margin),
        "leverage": plain(inputs.second_leverage), **inputs.second_table().to_data(),
    }


def _collateral(inputs: Inputs) -> list[tuple[str, dict[str, object]]]:
    """The cross account's coins, each with the form field its errors belong beside: an inverse trade's wallet (BTC),
    then each coin row chosen, with its haircut as typed. A coin the positions trade takes their mark (no price)."""
    coins: list[tuple[str, dict[str, object]]] = []
    if inputs.inverse and inputs.balance:
        # A coin-margined wallet is the contract's own margin, not collateral: no exchange haircuts it.
        coins.append(("balance", {"asset": "BTC", "amount": plain(inputs.balance), "haircut": "0"}))
    traded = traded_coins({"mode": "cross", "second": inputs.second, "exchange": inputs.exchange,
                           "contract": inputs.contract, "symbol": inputs.symbol})
    for row in COIN_ROWS:
        coin = inputs.choice(row)
        if coin == "none":
            continue
        entry: dict[str, object] = {"asset": coin, "amount": plain(inputs.number(f"{row}_amount")),
                                    "haircut": plain(inputs.number(f"{row}_haircut"))}
        if coin not in traded:
            entry["price"] = plain(inputs.number(f"{row}_price"))
        coins.append((row, entry))
    return coins


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
        if not inputs.inverse and inputs.balance:  # an empty wallet: the coins below back the account alone
            data["wallet_balance"] = plain(inputs.balance)
        coins = _collateral(inputs)
        if coins:
            data["collateral"] = [entry for _, entry in coins]
        if inputs.second != "none":
            data["positions"] = [_main_position(inputs, mode), _second_position(inputs)]
    return data


def field_for(error: ScenarioError, inputs: Inputs) -> str:
    """The form field an engine error belongs beside, read from its path (:attr:`Field.paths
    <margin_view.form.schema.Field.paths>`); what no field holds goes beside the position's first field."""
    path = error.path
    if error.kind == "no_profile_table":
        return "exchange"  # the chosen exchange has no table for this contract
    if path[:3] == ("positions", 0, "tiers") and listed_symbol(inputs.values):
        return "symbol"  # the symbol's table, not a preset, sized this position
    if path and path[0] == "collateral":
        # The list of coins: the entry's own row (an inverse trade's wallet is the first), its field by key.
        if error.kind == "wallet_below_margin" or len(path) < 2:
            return "balance"
        row = _collateral(inputs)[int(path[1])][0]
        return "balance" if row == "balance" else _FIELD_AT.get(f"collateral[{row}].{path[-1]}", row)
    if len(path) > 1 and path[0] == "positions":
        index, key = int(path[1]), path[2] if len(path) > 2 else ""
        if own := _FIELD_AT.get(f"positions[{index}].{key}"):
            return own
        # The second position has fewer fields: what sizes or prices it goes beside its margin, the rest its entry.
        first = _FIELD_AT.get(f"positions[0].{key}", "entry")
        return first if index == 0 else "second_entry" if first == "entry" else "second_margin"
    return _FIELD_AT.get(str(path[0]), "entry") if path else "entry"


def form_message(error: ScenarioError, inputs: Inputs, locale: str) -> str:
    """The form's words for an engine error about its inputs, chosen by the error's kind and path."""
    messages: Mapping[str, str] = section(locale, "errors")
    if error.kind == "cross_needs_wallet":
        return messages["balance_needed"]
    if error.kind == "wallet_below_margin":
        needed = error.params["initial"]
        assert isinstance(needed, Decimal)
        if inputs.inverse:  # the wallet is BTC: the margin it must cover, in BTC at the mark
            with engine_context():
                return messages["balance_below_margin"].format(needed=fmt.coin(needed / inputs.price, locale))
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
