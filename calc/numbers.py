"""Numbers at the boundary: the engine's decimal context, input conversion, output spelling.

Everything the engine computes is a :class:`~decimal.Decimal` under :data:`CONTEXT`, applied
with :func:`decimal.localcontext` inside each public function, so whatever context the caller
(or Pyodide's host) has set never changes a result. Input numbers are converted once, here;
output numbers are spelled once, here. Rounding for display lives in the view layer (:mod:`margin_view.format`).
"""

from __future__ import annotations

import math
import re
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

from .errors import Path, ScenarioError

__all__ = ["CONTEXT", "MAX_ADJUSTED", "MAX_TEXT", "engine_context", "plain", "to_decimal"]

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

# A plain decimal literal: optional sign, digits with an optional point, optional exponent.
# Stricter than Decimal(): no underscores, no "NaN"/"Infinity", no inner whitespace.
_LITERAL: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def engine_context() -> AbstractContextManager[Context]:
    """Return a context manager that makes :data:`CONTEXT` current.

    ``localcontext`` copies the context, so nothing done inside can leak out.
    """
    return localcontext(CONTEXT)


def to_decimal(
    raw: object,
    path: Path,
    *,
    positive: bool = False,
    non_negative: bool = False,
) -> Decimal:
    """Convert one input number to a ``Decimal``, or raise :class:`~calc.errors.ScenarioError`.

    Accepts ``int``, ``Decimal``, a decimal string and a finite ``float`` (a JSON number that
    went through ``json.loads`` or a browser: converted through ``str`` so ``0.1`` stays ``0.1``).
    Rejects ``bool``, ``None``, NaN, infinities, strings longer than :data:`MAX_TEXT` characters
    and numbers more than :data:`MAX_ADJUSTED` digits from the decimal point.
    The result is rounded to the engine's 34 significant digits, so every stored input
    survives a trip through :func:`plain` unchanged.

    >>> to_decimal("0.0006", ("fee_rate",))
    Decimal('0.0006')
    >>> to_decimal(0.1, ("x",))
    Decimal('0.1')
    >>> to_decimal(True, ("positions", 0, "quantity"))
    Traceback (most recent call last):
    ...
    calc.errors.ScenarioError: positions[0].quantity: true is not a number
    """
    if isinstance(raw, bool) or raw is None:
        raise ScenarioError(path, "not_a_number", raw)
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise ScenarioError(path, "not_finite", raw)
        # str() of a float is its shortest round-tripping spelling: what the JSON said.
        value = Decimal(str(raw))
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ScenarioError(path, "not_finite", raw)
        value = raw
    elif isinstance(raw, str):
        if len(raw) > MAX_TEXT:
            raise ScenarioError(path, "too_long", raw, maximum=MAX_TEXT)
        text = raw.strip()
        if not _LITERAL.fullmatch(text):
            raise ScenarioError(path, "not_a_number", raw)
        try:
            with engine_context():
                value = Decimal(text)  # exact: the constructor does not round
        except InvalidOperation:  # an exponent beyond what Decimal can hold at all
            raise ScenarioError(path, "out_of_range", raw) from None
    else:
        raise ScenarioError(path, "not_a_number", raw)
    if value and abs(value.adjusted()) > MAX_ADJUSTED:
        raise ScenarioError(path, "out_of_range", raw)
    with engine_context() as ctx:
        value = ctx.plus(value)  # round to 34 digits; also turns -0 into 0
    if positive and value <= 0:
        raise ScenarioError(path, "not_positive", raw)
    if non_negative and value < 0:
        raise ScenarioError(path, "negative", raw)
    return value


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
