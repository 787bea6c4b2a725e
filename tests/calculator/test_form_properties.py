"""The calculator's form model under arbitrary input: it answers, it never raises, it never prints junk."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calc.errors import ScenarioError
from calc.scenario import Scenario, parse_scenario
from margin_view.form.from_scenario import form_values
from margin_view.form.read import field_errors, max_leverage, read_fields, tier_table
from margin_view.form.respond import respond
from margin_view.form.scenario import inputs_from, scenario_data
from margin_view.form.schema import CHOICES, COIN_ROWS, DEFAULTS, FIELDS
from margin_view.service import handle_json
from margin_view.text.catalogue import REFERENCE, languages, section, strings
from tests.calc.strategies import scenarios

FORBIDDEN = re.compile(r"\b(NaN|Infinity|undefined|null|None)\b|Traceback")
TEXT = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "-", "abc", "1e309", "NaN", "Infinity", "-0", "0", "1e15", "50,000", "50 000", "1e-30",
                     "9" * 70, "0.00000000000000000001", "+", "$", "−5", "1,2,3", "1.2.3", ".5", "5.", "1e2"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.integers(-10**20, 10**20).map(str),
)
VALUES = st.dictionaries(st.sampled_from([*FIELDS, "leverage_slider", "price_slider", "other"]), TEXT, max_size=8)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in all_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in all_strings(item)]
    return []


@SETTINGS
@given(values=VALUES, sources=st.lists(st.sampled_from(["price_slider", "leverage_slider", "entry", "price"])))
def test_any_form_gets_a_view_or_messages_never_an_exception(values: dict[str, str], sources: list[str]) -> None:
    """Every form either computes (no field errors) or names the fields at fault; no text reads NaN or None."""
    response = respond({"values": {**DEFAULTS, **values}, "sources": sources})
    errors = response["errors"]
    assert isinstance(errors, dict)
    assert set(errors) <= set(FIELDS)
    assert (response["view"] is None) == bool(errors)
    shown = [text for key in ("errors", "normalised", "notices", "slider_text", "view") for text in
             all_strings(response[key]) if not text.startswith("<svg")]
    assert not any(FORBIDDEN.search(text) for text in shown), shown


@SETTINGS
@given(query=st.text(max_size=300), fields=st.lists(st.sampled_from(FIELDS), max_size=5))
def test_any_link_gets_a_usable_form(query: str, fields: list[str]) -> None:
    """A link's value unusable on its own falls back to the default; one that only clashes with another value
    (a wallet smaller than the margin) is kept and shown with its error, as the reference page says."""
    values = dict(DEFAULTS)
    for name in fields:
        values[name] = query[:64]
    response = respond({"values": values, "from_link": fields, "link_query": query})
    for name in set(response["errors"]) & set(fields):  # type: ignore[arg-type]
        assert name not in field_errors({name: values[name]}), name


@SETTINGS
@given(payload=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
))
def test_the_worker_entry_point_answers_any_json(payload: object) -> None:
    """margin_view.service answers every request with ok and a result, or one line of error: the worker never throws."""
    for request in (payload, {"op": "calculator", "values": payload}, {"op": "example", "card": payload}):
        answer = json.loads(handle_json(json.dumps(request)))
        assert answer["ok"] in (True, False)
        if not answer["ok"]:
            assert "\n" not in answer["error"] and answer["error"]


def test_a_second_positions_leverage_error_names_its_own_ceiling() -> None:
    """The hedge leg's ceiling comes from the hedge leg's size, not the first position's."""
    values = {**DEFAULTS, "second": "hedge", "second_margin": "10000", "second_leverage": "100"}
    ceiling = max_leverage(tier_table(DEFAULTS["preset"], Decimal(0)), Decimal(values["second_margin"]),
                           Decimal(values["entry"]))
    assert ceiling < 100
    errors = respond({"values": values})["errors"]
    assert set(errors) == {"second_leverage"}  # type: ignore[arg-type]
    assert f"{ceiling}x" in errors["second_leverage"]  # type: ignore[index]


def test_a_language_the_site_lacks_is_an_error_line_not_an_exception() -> None:
    """A request in a language without a strings file gets one line naming the languages there are."""
    answer = json.loads(handle_json(json.dumps({"op": "calculator", "locale": "fr", "values": {}})))
    assert answer["ok"] is False and "\n" not in answer["error"]
    assert answer["error"].startswith('locale: "fr" ') and answer["error"].endswith("en, nl"), answer["error"]


@pytest.mark.parametrize("code", languages())
def test_every_language_has_every_text_the_english_has(code: str) -> None:
    """Each strings file holds every key of the English one, so no page or reply falls back to a missing text."""
    for key in strings(REFERENCE):
        if key != "language":
            section(code, key)


def _decimal(low: str, high: str, places: int) -> st.SearchStrategy[str]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False, allow_infinity=False).map(str)


#: Forms a reader could fill in: every field within its range (the engine may still refuse a combination).
FORMS = st.fixed_dictionaries({
    "mode": st.sampled_from(CHOICES["mode"]), "side": st.sampled_from(CHOICES["side"]),
    "entry": _decimal("100", "100000", 2), "margin": _decimal("10", "20000", 2),
    # A balance of 0: the coins held alone back a cross account.
    "balance": st.one_of(st.just("0"), _decimal("30000", "100000", 2)), "leverage": _decimal("1", "50", 1),
    "added": _decimal("0", "500", 2), "exchange": st.sampled_from(CHOICES["exchange"]),
    # BTCUSDT (the presets'), and symbols only some exchanges' data lists (the others refuse them).
    "symbol": st.sampled_from(("BTCUSDT", "SOLUSDT", "XRPUSDT")),
    "preset": st.sampled_from(CHOICES["preset"]), "rate": _decimal("0.1", "5", 2),
    "convention": st.sampled_from(CHOICES["convention"]), "fee": _decimal("0", "0.1", 3),
    "second": st.sampled_from(CHOICES["second"]), "second_side": st.sampled_from(CHOICES["second_side"]),
    "second_entry": _decimal("100", "5000", 2), "second_price": _decimal("100", "5000", 2),
    "second_margin": _decimal("10", "5000", 2), "second_leverage": _decimal("1", "20", 0),
    "wick": st.integers(0, 30).map(lambda tens: str(tens * 10)), "price_offset": st.integers(-40, 40),
    # A coin-margined trade's margin and wallet are BTC: drawn apart, taken by the test when the contract is inverse.
    "contract": st.sampled_from(CHOICES["contract"]), "coin_margin": _decimal("0.001", "2", 4),
    "coin_balance": _decimal("3", "20", 3),
    **{name: strategy for row in COIN_ROWS for name, strategy in (
        (row, st.sampled_from(CHOICES[row])), (f"{row}_amount", _decimal("0.001", "50", 3)),
        (f"{row}_price", _decimal("0.5", "5000", 2)), (f"{row}_haircut", _decimal("0", "50", 1)))},
})


def _scenario(values: dict[str, str], mode: str) -> Scenario:
    return parse_scenario(scenario_data(inputs_from(read_fields({**DEFAULTS, **values}).parsed), mode))


@SETTINGS
@given(form=FORMS)
def test_form_to_scenario_to_form_round_trips(form: dict[str, object]) -> None:
    """Every scenario the form makes, the form can hold again, and rebuilding it gives the same scenario; under
    Bybit's rules too, whose fee to close, valued at the bankruptcy price, sits in the isolated margin: the form backs
    it out of the added margin, and its exchange choice carries where the fee is valued."""
    values = {name: str(value) for name, value in form.items()
              if name not in ("price_offset", "coin_margin", "coin_balance")}
    if values["contract"] == "inverse":
        values.update(margin=str(form["coin_margin"]), balance=str(form["coin_balance"]))
    values["price"] = str((Decimal(values["entry"]) * (100 + int(str(form["price_offset"]))) / 100).quantize(
        Decimal("0.01")))
    response = respond({"values": values})
    assume(response["view"] is not None)
    for mode in inputs_from(read_fields(values).parsed).modes:
        scenario = _scenario(values, mode)
        back = form_values(scenario)
        assert back is not None, (mode, values)
        assert _scenario(back, mode) == scenario


@SETTINGS
@given(form=FORMS, language=st.sampled_from(languages()))
def test_a_link_opens_the_same_trade_in_every_language(form: dict[str, object], language: str) -> None:
    """The link one edition writes for a form opens in any edition with no notice and no error, and that edition
    writes the same link back: a link's numbers mean the same in every language."""
    values = {name: str(value) for name, value in form.items()
              if name not in ("price_offset", "coin_margin", "coin_balance")}
    written = respond({"values": values})
    assume(written["view"] is not None)
    link = str(written["query"])
    linked = dict(parse_qsl(link))
    opened = respond({"values": linked, "from_link": list(linked), "link_query": link}, language)
    assert not opened["notices"] and not opened["errors"], (opened["notices"], opened["errors"])
    assert opened["query"] == link


def _coins_in_order(scenario: Scenario) -> Scenario:
    """The scenario with its coins held listed by name: a list of coins is a set (each coin once), in any order, and
    the form has its own (the wallet's coin first, for a coin-margined trade)."""
    return dataclasses.replace(scenario, collateral=tuple(sorted(scenario.collateral, key=lambda coin: coin.asset)))


@SETTINGS
@given(data=scenarios())
def test_scenario_to_form_to_scenario_is_exact_or_refused(data: dict[str, object]) -> None:
    """A scenario the form says it can hold comes back from the form's fields unchanged, to the last digit."""
    try:
        scenario = parse_scenario(data)
    except ScenarioError:
        assume(False)
        return
    back = form_values(scenario)
    if back is not None:
        assert _coins_in_order(_scenario(back, scenario.mode)) == _coins_in_order(scenario)
