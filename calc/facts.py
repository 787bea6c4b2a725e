"""The engine's vocabulary and reach as data, for its clients: what each scenario key may choose, how far inputs go.

A view that offers a choice or bounds a field takes it from here, so the form, the fences and the page (which
Python hands these to as data) can never offer what the engine refuses. Each value is defined where the rule it
belongs to is written; this module only gathers them.

>>> CHOICES["mode"], CHOICES["exchange"][:2], LIMITS.text_length
(('isolated', 'cross'), ('binance', 'bybit'), 64)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from .choices import CONTRACTS, FEE_PRICES, MAINTENANCE_PRICES, MODES, SIDES
from .errors import LINE_MAX
from .numbers import MAX_ADJUSTED, MAX_TEXT
from .profiles import PROFILE_NAMES
from .risk import BANDS
from .sweep import PRICE_SPAN
from .tiers import FLAT_MAX_LEVERAGE, table_names
from .wick import DEPTH_DEFAULT, DEPTH_MAX

__all__ = ["CHOICES", "LIMITS", "Limits"]

#: The options of every scenario key that takes one of a list (``tiers`` also takes a table given inline), and
#: ``distance_band``, the words the engine answers with.
CHOICES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "mode": MODES,
    "side": SIDES,
    "contract": CONTRACTS,
    "maintenance_price": MAINTENANCE_PRICES,
    "fee_price": FEE_PRICES,
    "exchange": PROFILE_NAMES,
    "tiers": table_names(),
    "distance_band": BANDS,
})


@dataclass(frozen=True, slots=True)
class Limits:
    """How far the engine's inputs and outputs reach."""

    #: Longest text a number may be written in (:mod:`calc.number_input`).
    text_length: int
    #: Most digits a number may have on either side of its point (``|adjusted exponent|``).
    exponent: int
    #: Longest one-line message the engine writes (:func:`calc.errors.one_line`).
    line_length: int
    #: The leverage a flat maintenance rate allows (:func:`calc.tiers.flat_table`).
    flat_max_leverage: Decimal
    #: The PnL sweep's reach either side of the mark, as a fraction (:data:`calc.sweep.PRICE_SPAN`).
    price_span: Decimal
    #: The wick's default and greatest depth, as a fraction of the way to the liquidation price (1.5: half as far
    #: again; :mod:`calc.wick`).
    wick_depth_default: Decimal
    wick_depth_max: Decimal


LIMITS: Final = Limits(
    text_length=MAX_TEXT, exponent=MAX_ADJUSTED, line_length=LINE_MAX, flat_max_leverage=FLAT_MAX_LEVERAGE,
    price_span=PRICE_SPAN, wick_depth_default=DEPTH_DEFAULT, wick_depth_max=DEPTH_MAX,
)
