"""The engine's numbers: its decimal context, the reach of an input number, and how a result number is spelled.

Everything the engine computes is a :class:`~decimal.Decimal` under :data:`CONTEXT`, applied
with :func:`decimal.localcontext` inside each public function, so whatever context the caller
(or Pyodide's host) has set never changes a result. Output numbers are spelled once, here; input numbers are
converted once, in :mod:`calc.number_input`. Rounding for display lives in the view layer. This module imports
nothing of the engine's: everything else may import it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Final

__all__ = ["CONTEXT", "MAX_ADJUSTED", "MAX_TEXT", "engine_context", "plain"]

#: The engine's arithmetic: 34 significant digits (IEEE decimal128), banker's rounding,
#: and traps on anything that would silently produce NaN or infinity.
CONTEXT: Final = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

#: Inputs may have at most this many digits on either side of the decimal point
#: (|adjusted exponent| <= 30): far beyond any price or size, far inside the context.
MAX_ADJUSTED: Final = 30

#: Longest accepted numeric string; longer input is a mistake or an attack, not a price.
MAX_TEXT: Final = 64


def engine_context() -> AbstractContextManager[Context]:
    """Return a context manager that makes :data:`CONTEXT` current.

    ``localcontext`` copies the context, so nothing done inside can leak out.
    """
    return localcontext(CONTEXT)


def plain(value: Decimal) -> str:
    """Spell a result number for JSON output: full precision, plain notation, no ``-0``.

    >>> plain(Decimal("45180.7228915662650602409638554216900"))
    '45180.72289156626506024096385542169'
    >>> plain(Decimal("1E+3")), plain(Decimal("-0.00"))
    ('1000', '0')
    """
    if not value:
        return "0"
    # The context is passed, not entered: this runs for every figure of every result, and "f" without a
    # precision never rounds, so only normalize() needs it.
    return format(value.normalize(CONTEXT), "f")
