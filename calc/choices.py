"""The words a scenario chooses between: margin modes, sides, and where maintenance margin is valued.

Each is a ``Literal`` type for the checker and a tuple for validation and for views that offer the choice
(the calculator's form lists exactly these), so the options are written once.

>>> MODES, SIDES, MAINTENANCE_PRICES, FEE_PRICES, CONTRACTS
(('isolated', 'cross'), ('long', 'short'), ('liquidation', 'entry'), ('liquidation', 'bankruptcy'), ('linear', 'inverse'))
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["CONTRACTS", "FEE_PRICES", "MAINTENANCE_PRICES", "MODES", "SIDES", "Contract", "FeePrice", "MaintenancePrice", "Mode", "Side"]

Mode = Literal["isolated", "cross"]
Side = Literal["long", "short"]
#: Where maintenance margin is valued: at the liquidation price (Binance, Hyperliquid, dYdX)
#: or at entry notional (Bybit's and BitMEX's published examples).
MaintenancePrice = Literal["liquidation", "entry"]
#: Where the closing fee added to maintenance is valued: on the notional at the liquidation price (OKX's
#: liquidation fee) or at the bankruptcy price (Bybit's "estimated fee to close").
FeePrice = Literal["liquidation", "bankruptcy"]
#: How a contract settles: in the quote currency, sized in the coin (linear, USDⓈ-margined), or in the coin, sized in
#: US dollars (inverse, coin-margined: BitMEX XBTUSD, Binance COIN-M, Bybit and Kraken inverse).
Contract = Literal["linear", "inverse"]

MODES: Final[tuple[Mode, ...]] = get_args(Mode)
SIDES: Final[tuple[Side, ...]] = get_args(Side)
MAINTENANCE_PRICES: Final[tuple[MaintenancePrice, ...]] = get_args(MaintenancePrice)
FEE_PRICES: Final[tuple[FeePrice, ...]] = get_args(FeePrice)
CONTRACTS: Final[tuple[Contract, ...]] = get_args(Contract)
