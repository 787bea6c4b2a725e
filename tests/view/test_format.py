"""margin_view.text.format, .reading and .figures: display strings and typed numbers, identical at build time and in
the browser."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc.errors import ScenarioError
from calc.evaluate import evaluate_data
from margin_view.text.dates import date
from margin_view.text.figures import format_result
from margin_view.text.format import LOCALES, band_label, leverage, money, percent, price, quantity
from margin_view.text.parse import parse_number


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        ("45180.72289156626506024096385542169", {}, "$45,180.72"),
        ("-1000", {}, "−$1,000.00"),
        ("0", {"signed": True}, "+$0.00"),
        ("-0.004", {}, "$0.00"),
        ("-0.004", {"signed": True}, "+$0.00"),
        ("0.005", {}, "$0.00"),  # half-even: 0.005 → 0.00
        ("0.015", {}, "$0.02"),
        # Dutch puts a space after the currency sign: a no-break one, so that "$" never ends a line.
        ("1234567.891", {"locale": "nl"}, "$\u00a01.234.567,89"),
        ("-5", {"locale": "nl", "signed": True}, "−$\u00a05,00"),
        (Decimal("1E+3"), {}, "$1,000.00"),
        (12, {"signed": True}, "+$12.00"),
    ],
)
def test_money(value: object, kwargs: dict[str, object], text: str) -> None:
    """Dollars to the cent, half-even, U+2212 minus, never a negative zero."""
    assert money(value, **kwargs) == text  # type: ignore[arg-type]


def test_price_says_cannot_be_liquidated_for_none() -> None:
    """No liquidation price reads as words, never "None"."""
    assert price(None) == "Cannot be liquidated"
    assert price(None, "nl") == "Kan niet worden geliquideerd"
    assert price("26316.893") == "$26,316.89"


def test_percent_leverage_quantity_and_labels() -> None:
    """The smaller formatters."""
    assert percent("0.0963855421686746987951807228915662") == "9.64%"
    assert percent("-0.31692", signed=True) == "−31.69%"
    assert percent("0", signed=True) == "+0.00%"
    assert percent("0.0964", "nl") == "9,64%"
    assert (leverage(10), leverage("12.5")) == ("10x", "12.5x")
    assert leverage("10.57692307692307692307692307692308") == "10.58x"
    assert quantity("0.2") == "0.2 BTC"
    assert quantity("0.123456789", symbol="ETH") == "0.12345679 ETH"
    assert quantity("3683.979", "nl", symbol="ETH") == "3.683,979 ETH"
    assert band_label("very_near") == "Very near" and band_label("liquidated", "nl") == "Geliquideerd"


@pytest.mark.parametrize("bad", [float("nan"), "NaN", "Infinity", "abc", True, None, [1]])
def test_formatters_refuse_non_numbers(bad: object) -> None:
    """Nothing but a finite number is formatted: no "NaN" can reach a page."""
    with pytest.raises((TypeError, ValueError)):
        money(bad)  # type: ignore[arg-type]


def test_unknown_locale_and_level_are_errors() -> None:
    """A typo in a locale code or distance band fails loudly."""
    with pytest.raises(ScenarioError) as unknown:
        money(1, "fr")
    assert (unknown.value.kind, unknown.value.value) == ("unknown_locale", "fr")
    with pytest.raises(ValueError, match="unknown distance band"):
        band_label("dangerous")


def test_format_result_formats_every_key() -> None:
    """format_result maps each result value to its display string, in both locales."""
    out = evaluate_data({"mode": "cross", "wallet_balance": 5000, "fee_rate": "0.0005", "positions": [
        {"side": "long", "entry_price": 50000, "mark_price": 50500, "margin": 1000, "leverage": 10}]})
    text = format_result(out)
    p = text["positions"][0]
    assert p["quantity"] == "0.2 BTC"
    assert p["notional"] == "$10,100.00"
    assert p["leverage"] == "10x"
    assert p["unrealized_pnl"] == "+$100.00"
    assert p["roe"] == "+10.00%"
    assert p["maintenance_rate"] == "0.40%"
    assert p["distance_band"] == "Far" and p["liquidated"] == "No"
    assert text["account"]["mode"] == "Cross"
    assert text["assumptions"]["fee_rate"] == "0.05%"
    assert text["assumptions"]["tiers"] == ["binance-btcusdt (retrieved 24 October 2024)"]
    assert text["assumptions"]["fee_price"] == "The liquidation price"
    assert set(p) == set(out["positions"][0])
    nl_text = format_result(out, "nl")
    nl = nl_text["positions"][0]
    assert nl["notional"] == "$\u00a010.100,00" and nl["liquidated"] == "Nee"
    assert nl_text["assumptions"]["tiers"] == ["binance-btcusdt (opgehaald 24 oktober 2024)"]
    assert nl_text["assumptions"]["fee_price"] == "De liquidatieprijs"


@pytest.mark.parametrize(("day", "locale", "text"), [
    ("2024-10-24", "en", "24 October 2024"), ("2024-10-24", "nl", "24 oktober 2024"),
    ("2026-03-05", "en", "5 March 2026"), ("2026-03-05", "nl", "5 maart 2026"),
])
def test_a_day_is_written_the_languages_way(day: str, locale: str, text: str) -> None:
    """Cards, profiles and tier tables write a source's day in words, the day first, in the page's language."""
    assert date(day, locale) == text


def test_a_date_that_is_no_day_is_an_error() -> None:
    """Data whose date is not a day fails the build, rather than printing as it came."""
    with pytest.raises(ValueError, match="not a day"):
        date("October 2024")


def test_format_result_refuses_unknown_keys() -> None:
    """A result key the formatter does not know is an error, not raw text on a page."""
    out = evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
    out["positions"][0]["shiny"] = "1"
    with pytest.raises(ValueError, match="shiny"):
        format_result(out)


def test_locales_have_the_same_words() -> None:
    """Every locale defines every word."""
    keys = {frozenset(loc.words) for loc in LOCALES.values()}
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("text", "locale", "value", "normalised"),
    [
        ("50000", "en", "50000", False),
        ("50,000", "en", "50000", True),
        ("50 000", "en", "50000", True),
        ("50\u202f000", "en", "50000", True),
        ("50\u00a0000,5", "nl", "50000.5", True),
        ("$50,000", "en", "50000", True),
        ("$ 45.180,72", "nl", "45180.72", True),
        (" 12.5 ", "en", "12.5", True),
        ("−3", "en", "-3", True),
        ("-3", "en", "-3", False),
        ("1e3", "en", "1000", False),
        # A decimal comma is how a Dutch form writes a number: nothing to normalise; grouping dots are.
        ("0,0006", "nl", "0.0006", False),
        ("50.000,5", "nl", "50000.5", True),
    ],
)
def test_parse_number_accepts_what_people_type(text: str, locale: str, value: str, normalised: bool) -> None:
    """Group separators, spaces, a dollar sign and a typographic minus are understood."""
    assert parse_number(text, locale) == (Decimal(value), normalised)


@pytest.mark.parametrize(
    ("text", "locale", "kind"),
    [
        ("", "en", "empty"),
        ("   ", "en", "empty"),
        ("-", "en", "not_a_number"),
        ("$", "en", "not_a_number"),
        ("abc", "en", "not_a_number"),
        ("NaN", "en", "not_a_number"),
        ("Infinity", "en", "not_a_number"),
        ("1e309", "en", "too_large"),
        ("1e-40", "en", "too_small"),
        ("1,5", "en", "bad_grouping"),
        ("0.5", "nl", "bad_grouping"),
        ("1,000 000", "en", "mixed_separators"),
        ("1" * 65, "en", "too_long"),
        ("١٢", "en", "not_a_number"),
        ("1.2.3", "en", "not_a_number"),
    ],
)
def test_parse_number_refuses_with_a_reason(text: str, locale: str, kind: str) -> None:
    """Text that is not a number raises ScenarioError whose kind says why, at the path it was given."""
    with pytest.raises(ScenarioError) as info:
        parse_number(text, locale, ("entry",))
    assert (info.value.kind, info.value.path) == (kind, ("entry",))
