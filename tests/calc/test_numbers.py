"""calc.numbers: converting input numbers once, spelling output numbers once."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest

from calc.errors import ScenarioError
from calc.number_input import to_decimal
from calc.numbers import CONTEXT, plain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (50000, Decimal(50000)),
        ("0.0006", Decimal("0.0006")),
        ("1e3", Decimal(1000)),
        (0.1, Decimal("0.1")),
        (Decimal("2.50"), Decimal("2.50")),
        (" 7 ", Decimal(7)),
        ("-0", Decimal(0)),
    ],
)
def test_accepts_ints_strings_floats_and_decimals(raw: object, expected: Decimal) -> None:
    """JSON numbers and decimal strings become the Decimal they spell."""
    assert to_decimal(raw, ("x",)) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (True, "is not a number"),
        (None, "is not a number"),
        ([1], "is not a number"),
        ("abc", "is not a number"),
        ("NaN", "is not a number"),
        ("Infinity", "is not a number"),
        ("1_000", "is not a number"),
        ("0x10", "is not a number"),
        (float("nan"), "is not a finite number"),
        (float("-inf"), "is not a finite number"),
        (Decimal("NaN"), "is not a finite number"),
        ("1" * 65, "is too long for a number (over 64 characters)"),
        ("1e31", "is out of range"),
        ("1e-31", "is out of range"),
        (10**40, "is out of range"),
        ("1e99999999999999999999999", "is out of range"),
    ],
)
def test_rejects_non_numbers_with_the_path(raw: object, reason: str) -> None:
    """Anything but a finite, reasonably sized number is a ScenarioError naming the field."""
    with pytest.raises(ScenarioError) as info:
        to_decimal(raw, ("positions", 0, "quantity"))
    assert info.value.where == "positions[0].quantity"
    assert str(info.value).endswith(reason)


def test_sign_checks() -> None:
    """positive and non_negative reject what they say."""
    with pytest.raises(ScenarioError, match="must be positive"):
        to_decimal(0, ("p",), positive=True)
    with pytest.raises(ScenarioError, match="must not be negative"):
        to_decimal("-1", ("p",), non_negative=True)
    assert to_decimal(0, ("p",), non_negative=True) == 0


def test_inputs_are_rounded_to_the_engine_precision() -> None:
    """More than 34 significant digits are rounded once, at the boundary."""
    assert to_decimal("1.00000000000000000000000000000000001", "x") == Decimal(1)


def test_plain_has_no_exponent_and_no_negative_zero() -> None:
    """Output numbers are plain decimal strings, trailing zeros dropped."""
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("-0.000")) == "0"
    assert plain(Decimal("45180.7200")) == "45180.72"
    assert plain(Decimal("1E-20")) == "0.00000000000000000001"


def test_ambient_context_does_not_matter() -> None:
    """A hostile ambient context (low precision, traps off) changes nothing."""
    before = to_decimal("123456789.123456789", "x")
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        ctx.traps[decimal.InvalidOperation] = False
        assert to_decimal("123456789.123456789", "x") == before
        assert plain(Decimal("1.23456789")) == "1.23456789"
        with pytest.raises(ScenarioError):
            to_decimal("1e99999999999999999999999", "x")
    assert CONTEXT.prec == 34
