"""What a card says it assumes, and where its calculator link leads: every card lists its tiers (with the day they
were read, in the page's language), its convention, its closing fee (rate, and the price it is valued at) and each
coin's haircut; a card under Bybit's rules opens in the calculator with the same figures."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from margin_view.cards import example_view
from margin_view.form.respond import respond

BYBIT_ISOLATED = {"title": "Isolated under Bybit's rules", "show": ["margin", "liquidation_price", "bankruptcy_price"],
                  "scenario": {"mode": "isolated", "exchange": "bybit",
                               "positions": [{"side": "long", "entry_price": 50000, "quantity": 0.2, "leverage": 10}]}}
BYBIT_CROSS = {"title": "Cross under Bybit's rules", "show": ["liquidation_price", "bankruptcy_price"],
               "scenario": {"mode": "cross", "exchange": "bybit", "wallet_balance": 5000,
                            "positions": [{"side": "short", "entry_price": 50000, "quantity": 0.2, "leverage": 20}]}}
COINS = {"title": "Cross on coins", "show": ["liquidation_price"],
         "scenario": {"mode": "cross", "wallet_balance": 1000, "collateral": [
             {"asset": "BTC", "amount": 0.1, "haircut": 0.05}, {"asset": "ETH", "amount": 1, "price": 3000,
                                                                "haircut": "0.025"}],
             "positions": [{"side": "long", "entry_price": 50000, "quantity": 0.2, "leverage": 10}]}}


@pytest.mark.parametrize(("card", "locale", "expected"), [
    (COINS, "en", {"fee": "0.00%", "fee_price": "No closing fee", "haircuts": "BTC 5.00%, ETH 2.50%",
                   "tiers": "binance-btcusdt (retrieved 24 October 2024)"}),
    (COINS, "nl", {"fee": "0,00%", "fee_price": "Geen sluitingskosten", "haircuts": "BTC 5,00%, ETH 2,50%",
                   "tiers": "binance-btcusdt (opgehaald 24 oktober 2024)"}),
    (BYBIT_ISOLATED, "en", {"fee": "0.055%", "fee_price": "The bankruptcy price",
                            "haircuts": "None: no coins held as collateral"}),
    (BYBIT_ISOLATED, "nl", {"fee_price": "De faillissementsprijs", "haircuts": "Geen: geen munten als onderpand"}),
    ({**COINS, "scenario": {"fee_rate": "0.0005", "maintenance_price": "entry", "positions": [
        {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]}}, "en",
     {"fee_price": "The entry price"}),
    ({**COINS, "scenario": {"fee_rate": "0.0005", "positions": [
        {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]}}, "nl",
     {"fee_price": "De liquidatieprijs"}),
])
def test_a_card_states_its_haircuts_and_where_its_fee_is_valued(card: dict[str, object], locale: str,
                                                                 expected: dict[str, str]) -> None:
    """The assumptions list names each coin's haircut, or that there are none, and the price the closing fee is
    valued at: the bankruptcy price under Bybit's rule, else where maintenance is valued."""
    assumptions = example_view(card, locale)["assumptions"]
    assert {key: assumptions[key] for key in expected} == expected  # type: ignore[index]


@pytest.mark.parametrize("card", [BYBIT_ISOLATED, BYBIT_CROSS])
def test_a_card_under_bybits_rules_opens_in_the_calculator_with_its_figures(card: dict[str, object]) -> None:
    """The link carries Bybit as the exchange; the calculator, opened on it, shows the card's figures (the isolated
    margin holds Bybit's fee to close, valued at the bankruptcy price, on top of the initial margin)."""
    view = example_view(card)
    assert view["query"] is not None
    values = dict(parse_qsl(str(view["query"])))
    assert values["exchange"] == "bybit"
    opened = respond({"values": values, "from_link": list(values), "link_query": view["query"]})
    assert not opened["notices"] and not opened["errors"]
    mode = card["scenario"]["mode"]  # type: ignore[index]
    panel = opened["view"]["modes"][mode]  # type: ignore[index]
    for figure in view["figures"]:  # type: ignore[attr-defined]
        assert panel["figures"][figure["key"]] == figure["text"], figure["key"]


def test_a_card_that_values_the_fee_otherwise_than_its_exchange_has_no_link() -> None:
    """The form cannot say where the fee is valued other than by its exchange: Bybit's rules with the fee valued at
    the liquidation price get no link, rather than one opening at the bankruptcy price."""
    card = {**BYBIT_ISOLATED, "scenario": {**BYBIT_ISOLATED["scenario"], "fee_price": "liquidation"}}  # type: ignore[dict-item]
    assert example_view(card)["query"] is None
    assert example_view(BYBIT_ISOLATED)["query"] is not None
