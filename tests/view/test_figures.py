"""The figure table's units: a base kind plus flags, each kind written by one named function of
margin_view.text.format, the flags applied alike to every kind."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from calc import FIGURES
from calc.results import Kind, Unit
from margin_view.text import format as fmt
from margin_view.text.figures import FORMATTERS, format_result

#: A value of each kind, for a figure to be written from.
SAMPLES: dict[str, object] = {
    "text": "ETHUSD", "choice": "long", "flag": True, "band": "near", "money": "1234.5", "price": "3000.125",
    "coin": "0.0214", "quantity": "0.2", "leverage": "12.50", "percent": "0.0964", "rate": "0.00055",
    "gauge": "0.4166",
}


def row_text(scope: str, row: dict[str, object]) -> dict[str, str]:
    """The figures of *row*, a position's (``symbol`` included) or the account's, as format_result writes them."""
    result = {"positions": [row] if scope == "position" else [], "account": row if scope == "account" else {},
              "assumptions": {}}
    out: dict[str, Any] = format_result(result)
    return dict(out["positions"][0] if scope == "position" else out["account"])


def test_every_kind_is_written_by_one_named_function_of_format() -> None:
    """Go to definition from a kind lands on a real function: no lambda, no wrapper, no kind left out."""
    assert set(FORMATTERS) == set(get_args(Kind))
    for kind, write in FORMATTERS.items():
        assert write.__module__ == fmt.__name__, kind
        assert getattr(fmt, write.__name__) is write, kind
        assert write.__name__ in fmt.__all__, kind


def test_every_unit_of_the_table_can_be_written() -> None:
    """Each figure's kind and flags fit its formatter: a value of its kind, and None where its flags allow it."""
    for scope in ("position", "account"):
        for figure in FIGURES[scope].values():
            base = {"symbol": "ETHUSD"} if scope == "position" else {}
            written = row_text(scope, {**base, figure.key: SAMPLES[figure.unit.kind]})[figure.key]
            assert written and "None" not in written, figure
            if figure.unit.optional or figure.unit.unreachable:
                assert row_text(scope, {**base, figure.key: None})[figure.key] in ("—", "Cannot be liquidated")


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("side", "short", "Short"),
        ("symbol", "ETHUSD", "ETHUSD"),
        ("liquidated", True, "Yes"),
        ("liquidated", False, "No"),
        ("distance_band", "near", "Near"),
        ("entry_price", "3000.125", "$3,000.12"),
        ("liquidation_price", "2500.5", "$2,500.50"),
        ("liquidation_price", None, "Cannot be liquidated"),  # unreachable: no price reaches it
        ("bankruptcy_price", "2400", "$2,400.00"),
        ("bankruptcy_price", None, "—"),  # optional: does not apply
        ("notional", "-1000", "−$1,000.00"),
        ("unrealized_pnl", "5", "+$5.00"),  # signed
        ("margin", None, "—"),
        ("leverage", "12.50", "12.5x"),
        ("leverage", None, "—"),
        ("maintenance_rate", "0.00055", "0.055%"),
        ("roe", "0.05", "+5.00%"),
        ("roe", None, "—"),
        ("margin_ratio", "0.5", "50.00%"),
        ("gauge", "0.4166", "42%"),
        ("quantity", "0.2", "0.2 ETH"),  # in the position's coin
        ("margin_coin", "0.125", "0.125 ETH"),
        ("margin_coin", None, "—"),
        ("unrealized_pnl_coin", "0.0214", "+0.0214 ETH"),
        ("unrealized_pnl_coin", "-0.0016", "−0.0016 ETH"),
    ],
)
def test_flags_read_as_they_did(key: str, value: object, text: str) -> None:
    """Each flag's reading, pinned: optional None is "—", unreachable None is "Cannot be liquidated", signed shows
    "+", an amount in coins names the position's coin."""
    assert row_text("position", {"symbol": "ETHUSD", key: value})[key] == text


def test_a_unit_is_checked_when_declared() -> None:
    """An unknown kind, or a None that would mean two things, fails at import, not on a page."""
    with pytest.raises(ValueError, match="kind"):
        Unit("optional_money")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="optional or unreachable"):
        Unit("price", optional=True, unreachable=True)
    assert Unit("coin").in_coin and Unit("quantity").in_coin and not Unit("money").in_coin
    assert Unit("money").numeric and not Unit("choice").numeric and not Unit("flag").numeric
