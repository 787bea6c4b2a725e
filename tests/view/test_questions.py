"""The question tabs' replies (margin_view.questions.respond): the CLI's figures in the page's words, links that
restore the form, and hostile text in every field answered with a message, in both editions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest

from margin_view.form.read import in_form
from margin_view.questions.respond import respond_question
from margin_view.questions.tabs import TABS
from margin_view.text import format as fmt
from margin_view.text.catalogue import section
from tests.conftest import ROOT
from tests.view.test_hostile_form import words
from tests.view.test_planner import HOSTILE

LANGUAGES = ("en", "nl")
FORBIDDEN = re.compile(r"\b(NaN|Infinity|undefined|null|None)\b|Traceback")
TARGETS = TABS["targets"].form


def cli_plan(question: dict[str, object]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "calc", "plan"], input=json.dumps(question), text=True,
                          capture_output=True, cwd=ROOT, check=True)
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("inputs", [
    {},
    {"side": "short", "entry": "3000", "leverage": "25", "roe": "-40", "fee": "0.04", "funding_rate": "-0.01",
     "funding_payments": "9"},
])
def test_target_and_break_even_are_the_clis(inputs: dict[str, str], lang: str) -> None:
    """The tab's figures are ``python -m calc plan``'s target_price and break_even for the same inputs."""
    values = {**TARGETS.defaults, **inputs}
    view = respond_question({"values": in_form(values, lang)}, lang, "targets")["view"]
    assert isinstance(view, dict)
    target = cli_plan({"question": "target_price", "side": values["side"], "entry_price": values["entry"],
                       "leverage": values["leverage"], "roe": str(Decimal(values["roe"]) / 100)})
    even = cli_plan({"question": "break_even", "side": values["side"], "entry_price": values["entry"],
                     "fee_rate": str(Decimal(values["fee"]) / 100),
                     "funding_rate": str(Decimal(values["funding_rate"]) / 100),
                     "funding_payments": values["funding_payments"]})
    assert view["figures"]["target_price"] == fmt.price(Decimal(str(target["target_price"])), lang)
    assert view["figures"]["break_even_price"] == fmt.price(Decimal(str(even["break_even_price"])), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tab_link_restores_its_form(lang: str) -> None:
    values = in_form({**TARGETS.defaults, "side": "short", "roe": "12.5", "fee": "0.055"}, lang)
    first = respond_question({"values": values}, lang, "targets")
    link = dict(parse_qsl(str(first["query"])))
    assert link.pop("tab") == "targets"
    again = respond_question({"values": link, "from_link": list(link), "link_query": first["query"]}, lang, "targets")
    assert again["query"] == first["query"] and again["notices"] == [] and again["view"] == first["view"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("tab", "field"), [(tab, name) for tab in TABS for name, f in TABS[tab].form.by_name.items()
                                            if not f.is_choice])
def test_hostile_text_in_every_field_gets_a_message(tab: str, field: str, lang: str) -> None:
    """Every tab, every number field, every hostile value: a message (and no figures) or figures with no NaN or
    None, never an exception. Bybit's rule is chosen so that every field of the order tab counts."""
    values = {**TABS[tab].form.defaults, **({"rule": "bybit"} if tab == "orders" else {})}
    defaults = in_form(values, lang, TABS[tab].form)
    for value in [*HOSTILE, "2.5", "-100", "1e4"]:
        reply = respond_question({"values": {**defaults, field: value}}, lang, tab)
        if reply["view"] is None:
            assert reply["errors"], f"{field}={value!r}: no figures and no message"
        text = " | ".join(words([reply["errors"], reply["normalised"], reply["notices"], reply["view"]]))
        assert not FORBIDDEN.search(text), f"{field}={value!r}: {FORBIDDEN.search(text)}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("inputs", [{}, {"rule": "bybit", "side": "short", "price": "55000", "fee": "0.055"},
                                    {"price": "9253.30", "mark": "9259.84", "side": "short", "leverage": "20"},
                                    {"balance": "100000000", "leverage": "100"}])
def test_order_cost_and_max_open_are_the_clis(inputs: dict[str, str], lang: str) -> None:
    """The order tab's figures are ``python -m calc plan``'s order_cost and max_open (its exchange's tiers)."""
    form = TABS["orders"].form
    values = {**form.defaults, **inputs}
    view = respond_question({"values": in_form(values, lang, form)}, lang, "orders")["view"]
    assert isinstance(view, dict)
    order = {"side": values["side"], "order_price": values["price"], "leverage": values["leverage"],
             "rule": values["rule"]}
    order |= {"mark_price": values["mark"]} if values["rule"] == "binance" else {
        "fee_rate": str(Decimal(values["fee"]) / 100)}
    cost = cli_plan({"question": "order_cost", "quantity": values["quantity"], **order})
    most = cli_plan({"question": "max_open", "available_balance": values["balance"], "exchange": values["rule"],
                     **order})
    assert view["figures"]["cost"] == fmt.money(Decimal(str(cost["cost"])), lang)
    assert view["figures"]["max_notional"] == fmt.money(Decimal(str(most["max_notional"])), lang)
    assert (view["figures"]["capped_by_bracket"] == section(lang, "words")["yes"]) is most["capped_by_bracket"]


def test_a_loss_target_beyond_the_margin_is_refused_beside_the_return() -> None:
    """A long's return of −100 % or below has no price (the range refuses it); a fractional number of funding
    payments is refused beside that field by the engine."""
    reply = respond_question({"values": {**TARGETS.defaults, "roe": "-100"}}, "en", "targets")
    assert list(reply["errors"]) == ["roe"]  # type: ignore[call-overload]
    reply = respond_question({"values": {**TARGETS.defaults, "funding_payments": "2.5"}}, "en", "targets")
    assert list(reply["errors"]) == ["funding_payments"]  # type: ignore[call-overload]
