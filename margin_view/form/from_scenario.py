"""From a scenario back to the calculator's form: the field values that rebuild it exactly, or None.

Example cards' "Open in calculator" links are made this way. The round trip (form → scenario → form) is guarded by
property tests rather than by recomputing, so a card costs one parse and one evaluation.
"""

from __future__ import annotations

from decimal import Decimal

from calc import LIMITS, Position, Scenario, TierTable, engine_context, plain

from .read import read_fields, symbol_table
from .scenario import INVERSE_SYMBOL, OTHER_RATE, OTHER_SYMBOL, SYMBOL
from .schema import CHOICES, COIN_ROWS, CUSTOM, DEFAULTS, FIELDS, INVERSE_PRESETS, NO_EXCHANGE, TABLE_PRESETS, relevant

__all__ = ["form_values"]


def _preset(table: TierTable) -> tuple[str, str] | None:
    """(preset, rate in percent) for a tier table the form can select, or None."""
    if table.name in (*TABLE_PRESETS, *INVERSE_PRESETS):  # a packaged table the form offers (an inline one is named
        # "custom" too)
        return table.name, DEFAULTS["rate"]
    first = table.tiers[0]
    if table.is_flat and first.amount == 0 and first.max_leverage == LIMITS.flat_max_leverage:
        with engine_context():
            return CUSTOM, plain(first.rate * 100)
    return None


def _margin(position: Position) -> Decimal | None:
    """The initial margin that, times the leverage, gives back the position's size exactly (None if none does, or
    the position gives no leverage: the form sizes every position by margin × leverage)."""
    if position.leverage is None:
        return None
    with engine_context():
        if position.inverse:  # coins: the dollar size over the entry price, over the leverage
            margin = position.entry_notional / position.entry_price / position.leverage
            return margin if margin * position.leverage * position.entry_price == position.entry_notional else None
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
        hedge = (second.side != first.side and second.entry_price == first.entry_price and second.tiers == first.tiers
                 and second.contract == first.contract)
        values["second"] = "hedge"
        return hedge
    values.update(second="other", second_side=second.side, second_entry=plain(second.entry_price),
                  second_price=plain(second.mark_price))
    return second.symbol == OTHER_SYMBOL and second.tiers == TierTable.flat(OTHER_RATE) and not second.inverse


def _coin_values(scenario: Scenario, values: dict[str, str]) -> bool:
    """Fill the balance and coin rows from the cross account's wallet and collateral; False when the form cannot
    hold them (an inverse trade's wallet is its BTC, which then has no haircut; at most two other coins, of those
    the form offers, priced at the positions' mark where they trade them)."""
    coins = list(scenario.collateral)
    if scenario.positions[0].inverse:
        wallet = next((c for c in coins if c.asset == "BTC"), None)
        if scenario.wallet_balance is not None or (wallet is not None and wallet.haircut):
            return False
        values["balance"] = plain(wallet.amount) if wallet is not None else "0"
        if wallet is not None:
            coins.remove(wallet)
    else:
        values["balance"] = plain(scenario.wallet_balance) if scenario.wallet_balance is not None else "0"
    if len(coins) > len(COIN_ROWS):
        return False
    with engine_context():
        for row, coin in zip(COIN_ROWS, coins):
            values.update({row: coin.asset, f"{row}_amount": plain(coin.amount), f"{row}_price": plain(coin.price),
                           f"{row}_haircut": plain(coin.haircut * 100)})
    return all(coin.asset in CHOICES["coin"] for coin in coins)


def _fee_price(scenario: Scenario) -> str:
    """Where the form values the closing fee for *scenario*'s exchange: as that exchange's rules do."""
    profile = scenario.exchange
    return "bankruptcy" if profile is not None and profile.closing_fee == "bankruptcy" else "liquidation"


def _added(scenario: Scenario, first: Position, margin: Decimal) -> Decimal:
    """The isolated margin added on top of the initial *margin*: what the position holds beyond it and beyond the fee
    to close its exchange holds in it (Bybit; the form adds that fee back, :func:`.scenario.scenario_data`)."""
    if scenario.mode != "isolated" or first.margin is None:
        return Decimal(0)
    held = Decimal(0)
    if scenario.exchange is not None and first.leverage is not None:
        held = scenario.exchange.margin_held_to_close(first.contract, first.side, margin * first.leverage,
                                                      first.leverage, scenario.fee_rate)
    added = first.margin - margin - held
    # The form wrote the margin as initial + added + fee to close, rounded to the engine's 34 significant digits:
    # what is left within a unit of the 34th digit is that rounding, not margin added.
    last_digit = Decimal(1).scaleb(first.margin.adjusted() - 33)
    return Decimal(0) if abs(added) <= last_digit else added


def form_values(scenario: Scenario) -> dict[str, str] | None:
    """The calculator's field values that rebuild *scenario* exactly, or None when the form cannot hold it."""
    first = scenario.positions[0]
    margin = _margin(first)
    symbol = INVERSE_SYMBOL if first.inverse else SYMBOL
    # Another symbol is the symbol field's, valued by the exchange's own table for it (the presets are BTCUSDT's).
    listed = (scenario.exchange is not None and first.symbol != symbol and not first.inverse
              and symbol_table(scenario.exchange.name, first.symbol) == first.tiers)
    preset = (DEFAULTS["preset"], DEFAULTS["rate"]) if listed else _preset(first.tiers)
    if (first.symbol != symbol and not listed) or preset is None or margin is None or first.leverage is None:
        return None
    if len(scenario.positions) > (2 if scenario.mode == "cross" else 1):
        return None
    # The form has no field for where the closing fee is valued: its exchange choice carries it (Bybit's rules value
    # it at the bankruptcy price, every other choice at the liquidation price). A scenario that values it elsewhere
    # than its exchange does gets no link rather than a near one.
    if scenario.fee_price != _fee_price(scenario):
        return None
    with engine_context():
        values = {
            **DEFAULTS, "mode": scenario.mode, "side": first.side, "entry": plain(first.entry_price),
            "price": plain(first.mark_price), "margin": plain(margin), "leverage": plain(first.leverage),
            "added": plain(_added(scenario, first, margin)),
            "preset": preset[0], "rate": preset[1], "convention": scenario.maintenance_price,
            "fee": plain(scenario.fee_rate * 100),
            "exchange": scenario.exchange.name if scenario.exchange else NO_EXCHANGE, "contract": first.contract,
            "symbol": first.symbol if listed else DEFAULTS["symbol"],
        }
    if scenario.mode == "cross" and not _coin_values(scenario, values):
        return None
    if len(scenario.positions) == 2 and not _second_values(scenario, values):
        return None
    # The form's own limits (added margin not negative, leverage within the slider's reach, fee up to 5%).
    if any(relevant(name, values) for name in read_fields(values).errors):
        return None
    return {name: values[name] for name in FIELDS if relevant(name, values)}
