"""The planner's reply (margin_view.planner.respond): the CLI's figures in the page's words, links that restore the
form, and hostile text in every field answered beside that field, in both editions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest

from margin_view.form.read import in_form
from margin_view.planner.respond import COMMON_FIGURES, MODE_FIGURES, respond_plan
from margin_view.planner.schema import PLAN_FORM
from margin_view.text import format as fmt
from margin_view.text.catalogue import section
from tests.conftest import ROOT

LANGUAGES = ("en", "nl")
HOSTILE = [
    "", "-", "abc", "1e309", "NaN", "Infinity", "-5", "0", "1e15", "50000.12345678901234567890", "50,000",
    "50 000", "\u2212 3", "$1,000", "１２", "0x10", "1_000", "<b>9</b>", "50.5", "50.000,5", "1.234.5", "100",
]
NUMBER_FIELDS = [name for name, field in PLAN_FORM.by_name.items() if not field.is_choice]
FORBIDDEN = re.compile(r"\b(NaN|Infinity|undefined|null|None)\b|Traceback")


def cli_plan(question: dict[str, object]) -> dict[str, object]:
    """``python -m calc plan`` in a subprocess: the public interface, not the module the view calls."""
    done = subprocess.run([sys.executable, "-m", "calc", "plan"], input=json.dumps(question), text=True,
                          capture_output=True, cwd=ROOT, check=True)
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("inputs", "question"), [
    ({}, {"side": "long", "entry_price": "50000", "stop_price": "49000", "account_balance": "10000",
          "risk": "0.01", "leverage": "10", "tiers": "binance-btcusdt"}),
    ({"side": "short", "entry": "3000", "stop": "3150", "balance": "5000", "risk": "2", "leverage": "40",
      "fee": "0.05", "exchange": "okx"},
     {"side": "short", "entry_price": "3000", "stop_price": "3150", "account_balance": "5000", "risk": "0.02",
      "leverage": "40", "fee_rate": "0.0005", "exchange": "okx"}),
    ({"leverage": "50", "preset": "custom", "rate": "0.4"},
     {"side": "long", "entry_price": "50000", "stop_price": "49000", "account_balance": "10000", "risk": "0.01",
      "leverage": "50", "maintenance_margin_rate": "0.004"}),
])
def test_the_figures_are_the_clis(inputs: dict[str, str], question: dict[str, object], lang: str) -> None:
    """Each figure the planner shows is the CLI's answer for that mode, written by the one formatting path."""
    reply = respond_plan({"values": in_form({**PLAN_FORM.defaults, **inputs}, lang)}, lang)
    view = reply["view"]
    assert isinstance(view, dict), reply["errors"]
    answers = {mode: cli_plan({"question": "position_size", **question, "mode": mode}) for mode in ("isolated", "cross")}
    isolated = answers["isolated"]
    assert view["figures"]["quantity"] == fmt.quantity(Decimal(str(isolated["quantity"])), lang, symbol="BTC")
    assert view["figures"]["notional"] == fmt.money(Decimal(str(isolated["notional"])), lang)
    assert view["figures"]["risk_amount"] == fmt.money(Decimal(str(isolated["risk_amount"])), lang)
    for mode, answer in answers.items():
        shown = view["modes"][mode]["figures"]
        price = answer["liquidation_price"]
        words = section(lang, "words")
        assert shown["liquidation_price"] == (words["cannot_be_liquidated"] if price is None
                                              else fmt.price(Decimal(str(price)), lang))
        assert shown["stop_before_liquidation"] == words["yes" if answer["stop_before_liquidation"] else "no"]
    assert view["figures"]["max_leverage"] == fmt.leverage(Decimal(str(isolated["max_leverage"])), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_restores_the_form(lang: str) -> None:
    """The reply's query, read back as a link, gives the same query and the same figures, whatever the lang."""
    values = in_form({**PLAN_FORM.defaults, "side": "short", "entry": "3000", "stop": "3150.5", "risk": "1.5",
                      "leverage": "25", "fee": "0.04", "mode": "isolated"}, lang)
    first = respond_plan({"values": values}, lang)
    link = dict(parse_qsl(str(first["query"])))
    assert link.pop("tab") == "plan"
    again = respond_plan({"values": link, "from_link": list(link), "link_query": first["query"]}, lang)
    assert again["query"] == first["query"] and again["notices"] == []
    assert again["view"] == first["view"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_hostile_text_is_answered_beside_its_field(field: str, lang: str) -> None:
    """Every hostile value in every number field: a message beside that field (no view: the page keeps its last good
    figures) or figures that contain no NaN, None or traceback; never an exception."""
    defaults = in_form(PLAN_FORM.defaults, lang)
    for value in HOSTILE:
        reply = respond_plan({"values": {**defaults, "exchange": "none", "preset": "custom", field: value}},
                             lang)
        errors = reply["errors"]
        assert isinstance(errors, dict)
        if reply["view"] is None:
            assert errors, f"{field}={value!r}: no figures and no message"
            assert set(errors) <= set(PLAN_FORM.fields)
        shown = [reply["errors"], reply["normalised"], reply["notices"], reply["view"] or {}]
        text = json.dumps(shown, ensure_ascii=False)
        assert not FORBIDDEN.search(text), f"{field}={value!r}: {FORBIDDEN.search(text)}"


@pytest.mark.parametrize(("inputs", "field"), [
    ({"stop": "51000"}, "stop"),
    ({"side": "short"}, "stop"),
    ({"balance": "10000000", "risk": "10", "leverage": "120"}, "leverage"),
    ({"mode": "cross", "balance": "100", "leverage": "1", "stop": "49990"}, "balance"),
    ({"risk": "100"}, "risk"),
    ({"exchange": "hyperliquid", "leverage": "60"}, "leverage"),
])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_engine_refuses_is_shown_beside_the_field_it_came_from(inputs: dict[str, str], field: str,
                                                                        lang: str) -> None:
    """An engine error (a stop on the wrong side, a leverage above the bracket's cap or the exchange's, a balance
    below the cross margin) is routed to the field whose input caused it, in the reader's words."""
    reply = respond_plan({"values": in_form({**PLAN_FORM.defaults, **inputs}, lang)}, lang)
    assert reply["view"] is None
    assert list(reply["errors"]) == [field]  # type: ignore[call-overload]
    message = reply["errors"][field]  # type: ignore[index]
    assert message[:1].isupper() and message.endswith(".") and "_" not in message


def test_every_figure_the_planner_shows_has_a_label_in_both_editions() -> None:
    """Labels come from the locale files; a figure without one would fail the template."""
    for lang in LANGUAGES:
        labels = section(lang, "figures")["plan"]
        assert set(COMMON_FIGURES) | set(MODE_FIGURES) <= set(labels)
        plan_words = section(lang, "plan")
        assert set(PLAN_FORM.fields) <= set(plan_words["labels"]) | {"mode", "side"}


def test_only_one_mode_is_computed_when_one_is_chosen() -> None:
    """Choosing a mode hides the other's panel and leaves its figures out."""
    reply = respond_plan({"values": {**PLAN_FORM.defaults, "mode": "cross"}})
    modes = reply["view"]["modes"]  # type: ignore[index]
    assert modes["cross"]["shown"] and not modes["isolated"]["shown"] and modes["isolated"]["figures"] == {}
