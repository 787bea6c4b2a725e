"""Input numbers at the boundary: each one converted once, exactly, or refused with the field at fault.

>>> to_decimal("0.0006", ("fee_rate",))
Decimal('0.0006')
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Final

from .errors import Path, ScenarioError
from .numbers import MAX_ADJUSTED, MAX_TEXT, engine_context

__all__ = ["to_decimal"]

# A plain decimal literal: optional sign, digits with an optional point, optional exponent.
# Stricter than Decimal(): no underscores, no "NaN"/"Infinity", no inner whitespace.
_LITERAL: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


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
