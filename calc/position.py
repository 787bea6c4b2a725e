"""One position of a scenario: read from data, its tier table resolved, sized, its leverage checked.

A position is sized by exactly one of ``quantity``, ``notional``, ``contracts × contract_value`` or ``margin ×
leverage``; its leverage is given, or (isolated) implied by its margin. The leverage must fit the bracket of the
entry value, as exchanges check it when the order is placed.

An *inverse* (coin-margined) contract is sized in US dollars and margined in its coin: its ``notional`` is in USD,
its ``margin`` and its tier brackets in the coin (Binance COIN-M, Bybit and Kraken inverse, BitMEX XBTUSD).

Reading one from data is :func:`calc.position_input.read_position`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from .choices import Contract, MaintenancePrice, Side
from .errors import Path, ScenarioError
from .numbers import engine_context
from .tiers import Tier, TierTable

__all__ = ["DEFAULT_INVERSE_SYMBOL", "DEFAULT_INVERSE_TIERS", "DEFAULT_SYMBOL", "DEFAULT_TIERS", "POSITION_KEYS", "SYMBOL_PATTERN", "Position", "base_asset",
           "check_keys", "choice",
           "maintenance_margin", "opening_fee_to_close"]

DEFAULT_SYMBOL: Final = "BTCUSDT"
#: The symbol of an inverse position that names none, and the tier table used when a BTCUSD inverse position names
#: none (Binance COIN-M's BTCUSD perpetual).
DEFAULT_INVERSE_SYMBOL: Final = "BTCUSD"
DEFAULT_INVERSE_TIERS: Final = "binance-btcusd"
#: Tier table used when a BTCUSDT position names none.
DEFAULT_TIERS: Final = "binance-btcusdt"
POSITION_KEYS: Final = (
    "symbol",
    "contract",
    "side",
    "entry_price",
    "mark_price",
    "quantity",
    "notional",
    "contracts",
    "contract_value",
    "leverage",
    "margin",
    "tiers",
    "maintenance_margin_rate",
    "maintenance_amount",
    "stop_price",
)
#: What a symbol may look like.
SYMBOL_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}")
#: Quote currencies a symbol ends with, longest first where one ends another ("BUSD" before "USD").
_QUOTES: Final = ("USDT", "USDC", "BUSD", "USD")
#: Suffixes of perpetual and dated contract names (Binance COIN-M "BTCUSD_PERP", "BTCUSD_250926").
_CONTRACT_SUFFIX: Final = re.compile(r"[-_.]?(PERP|P|SWAP|\d{6})$")


def base_asset(symbol: str) -> str:
    """The coin a symbol trades, which a quantity counts and an inverse contract settles in.

    >>> base_asset("BTCUSDT"), base_asset("ETHBUSD"), base_asset("BTCUSD_PERP"), base_asset("SOL")
    ('BTC', 'ETH', 'BTC', 'SOL')
    """
    name = symbol.upper()
    trimmed = _CONTRACT_SUFFIX.sub("", name)
    for quote in _QUOTES:
        if trimmed.endswith(quote) and len(trimmed) > len(quote):
            return trimmed[: -len(quote)]
    return trimmed or name


@dataclass(frozen=True, slots=True)
class Position:
    """One position, fully sized.

    ``entry_notional`` is the size in US dollars as given: ``quantity × entry_price``, or the ``notional``,
    ``contracts × contract_value`` or ``margin × leverage`` the position was sized by — exact, whereas ``quantity``
    derived from it is rounded to 34 digits; bracket and initial-margin checks use the exact figure.
    ``margin`` is the isolated margin as it stands (isolated mode) or the initial margin
    ``entry value / leverage`` reserved for it (cross mode), in the margin asset: the coin of an inverse contract.

    For an inverse contract of ``N`` US dollars, ``quantity`` is its value in the coin at entry, ``N / EP``. Its
    profit, ``N × (1/EP − 1/P)`` coins (BitMEX, "Inverse Futures"), is worth ``side × N/EP × (P − EP)`` dollars at
    ``P``: the linear formula with that quantity, so PnL in dollars is computed one way for both. A cross position sized by ``quantity`` or
    ``notional`` may leave its leverage out: in cross the leverage setting only sets the initial margin reserved, it
    does not move the liquidation price (Binance's FAQ cross example and dYdX's documented example give none), so
    ``leverage`` and ``margin`` are then None, and so are the figures that need them (initial margin, ROE).
    """

    symbol: str
    side: Side
    entry_price: Decimal
    mark_price: Decimal
    quantity: Decimal
    entry_notional: Decimal
    leverage: Decimal | None
    margin: Decimal | None
    tiers: TierTable
    contract: Contract = "linear"
    #: A stop-loss, on the losing side of the mark price; None without one.
    stop_price: Decimal | None = None

    @staticmethod
    def asset_of(symbol: str) -> str:
        """The coin *symbol* trades (:func:`base_asset`), for views that name it."""
        return base_asset(symbol)

    @property
    def inverse(self) -> bool:
        """True for a coin-margined contract: margin, maintenance and profit are counted in its coin."""
        return self.contract == "inverse"

    @property
    def asset(self) -> str:
        """The coin the position trades (and, inverse, is margined in)."""
        return base_asset(self.symbol)

    @property
    def entry_value(self) -> Decimal:
        """The value at entry in the margin asset: the entry notional (linear), ``N / EP`` coins (inverse)."""
        return self.quantity if self.inverse else self.entry_notional

    def value_at(self, price: Decimal) -> Decimal:
        """The position's value in its margin asset at *price*, which its tier bracket measures: ``Q × P`` dollars
        (linear), ``N / P`` coins (inverse: Binance COIN-M brackets the notional value in the coin).

        Computed in the caller's decimal context: every caller is already inside :func:`engine_context`, and the
        liquidation solve asks for it on every piece of the curve, where entering a context each time would cost
        more than the arithmetic."""
        return self.entry_notional / price if self.inverse else self.quantity * price

    def to_usd(self, amount: Decimal, price: Decimal) -> Decimal:
        """An *amount* of the margin asset in US dollars at *price*: as it is (linear), times the price (inverse)."""
        if not self.inverse:
            return amount  # the common case: no arithmetic, so no context to enter
        with engine_context():
            return amount * price

    @property
    def sign(self) -> Decimal:
        """+1 for a long, −1 for a short: the ``side`` of the exchanges' formulas."""
        return Decimal(1) if self.side == "long" else Decimal(-1)

    def fee_to_close(self, fee_rate: Decimal) -> Decimal:
        """Bybit's estimated fee to close as the position opens, in its margin asset (:func:`opening_fee_to_close`)."""
        return opening_fee_to_close(self.contract, self.sign, self.entry_value, self.leverage, fee_rate)

    def pnl_at(self, price: Decimal) -> Decimal:
        """Unrealized PnL if the mark were *price*: ``side × Q × (price − entry)``."""
        with engine_context():
            return self.sign * self.quantity * (price - self.entry_price)


def check_keys(data: Mapping[str, object], known: tuple[str, ...], path: Path) -> None:
    """Refuse a key the contract does not define (a typo would otherwise be ignored silently)."""
    for key in data:
        if key not in known:
            raise ScenarioError((*path, str(key)), "unknown_key", known=known)


def choice(data: Mapping[str, object], key: str, options: tuple[str, ...], default: str, path: Path) -> str:
    """``data[key]`` (or *default*) when it is one of *options*."""
    raw = data.get(key, default)
    if not isinstance(raw, str) or raw not in options:
        raise ScenarioError((*path, key), "not_one_of", raw, options=options)
    return raw


def maintenance_margin(
    position: Position, price: Decimal, fee_rate: Decimal, convention: MaintenancePrice,
    fee_to_close: Decimal | None = None,
) -> tuple[Decimal, Tier]:
    """Maintenance margin of *position* if its mark were *price*, in its margin asset, with the tier it falls in.

    ``(rate + fee_rate) × n − amount`` where ``n`` is the position's value at *price* (convention
    ``"liquidation"``) or at entry (convention ``"entry"``), and the tier is ``n``'s bracket: dollars for a linear
    contract, coins for an inverse one (Binance COIN-M: "maintenance margin = notional value in coin × MMR − cum").
    The fee rate is the closing-fee allowance OKX, Gate and Phemex add to the maintenance rate. Given a
    *fee_to_close* (an amount: Bybit's fee valued at a bankruptcy price), that is added instead of the rate,
    ``rate × n − amount + fee_to_close``.
    """
    with engine_context():
        value = position.value_at(price) if convention == "liquidation" else position.entry_value
        tier = position.tiers.bracket_of(position.quantity, value)
        if fee_to_close is not None:
            return tier.rate * value - tier.amount + fee_to_close, tier
        return (tier.rate + fee_rate) * value - tier.amount, tier


def opening_fee_to_close(contract: Contract, sign: Decimal, entry_value: Decimal, leverage: Decimal | None,
                         fee_rate: Decimal) -> Decimal:
    """Bybit's estimated fee to close a position as it opens, in its margin asset: the taker rate on its value at the
    bankruptcy price its initial margin sets. Linear: ``fee_rate × entry value × (1 ∓ 1/L)`` ("The New Margin
    Calculation: Adjustments and Implications", 2025-09-18); inverse: ``fee_rate × N / BP`` with ``BP = EP × L /
    (L ± 1)``, so ``fee_rate × entry value in coins × (1 ± 1/L)`` (help centre "Bankruptcy Price", inverse
    contracts). On the entry value without a leverage (a cross position that gives none). The calculator's form
    reserves it in an isolated margin with this same function.

    >>> opening_fee_to_close("linear", Decimal(1), Decimal(10000), Decimal(10), Decimal("0.00055"))
    Decimal('4.950000')
    """
    with engine_context():
        if leverage is None:
            return fee_rate * entry_value
        if contract == "inverse":
            return fee_rate * entry_value * (1 + sign / leverage)
        return fee_rate * entry_value * (1 - sign / leverage)
