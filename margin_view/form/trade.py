"""The form's trade: on which exchange's rules, and on which symbol.

Without an exchange the trade is BTCUSDT (BTCUSD coin-margined), valued with the tier presets; with one, a linear
trade may be on any symbol that exchange's tables cover (its bundled ones, or its data's, :mod:`calc.listings`).

>>> listed_symbol({"exchange": "binance", "symbol": "SOLUSDT"}), listed_symbol({"symbol": "SOLUSDT"})
(True, False)
>>> base_coin("1000PEPEUSDT"), base_coin("BTCUSDC")
('1000PEPE', 'BTC')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

__all__ = ["NO_EXCHANGE", "SYMBOL", "SYMBOL_TEXT", "base_coin", "listed_symbol", "symbol_field"]

#: No exchange profile: the settings below the choice are the reader's own.
NO_EXCHANGE: Final = "none"
#: The form's linear trade without an exchange, and the symbol field's default: the tier presets are its tables.
SYMBOL: Final = "BTCUSDT"
#: What the symbol field takes, once trimmed and in capitals: letters and digits, as exchanges write a perpetual's
#: name without separators (SOLUSDT, 1000PEPEUSDT).
SYMBOL_TEXT: Final = re.compile(r"[A-Z0-9]{2,24}")
#: The quote currencies of the symbols the exchanges' data lists.
_QUOTES: Final = ("USDT", "USDC")


def symbol_field(values: Mapping[str, object]) -> bool:
    """An exchange is chosen for a linear trade: the symbol is the reader's (a coin-margined trade stays BTCUSD,
    whose table only Binance's profile has)."""
    return values.get("exchange", NO_EXCHANGE) != NO_EXCHANGE and values.get("contract", "linear") != "inverse"


def listed_symbol(values: Mapping[str, object]) -> bool:
    """The trade is on a symbol other than BTCUSDT, from the chosen exchange's tables: the presets (BTCUSDT's tables
    and the flat rate) do not apply, the exchange's table for that symbol does."""
    return symbol_field(values) and values.get("symbol", SYMBOL) != SYMBOL


def base_coin(symbol: str) -> str:
    """The coin a symbol trades: the symbol less its quote currency."""
    return next((symbol[: -len(quote)] for quote in _QUOTES if symbol.endswith(quote)), symbol)
