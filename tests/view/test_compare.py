"""The same trade on each exchange (margin_view.exchange_comparison): which rules each profile applies to it."""

from __future__ import annotations

import pytest

from calc import ScenarioError, parse_scenario
from calc.evaluate import evaluate_data
from calc.profiles import PROFILE_NAMES
from margin_view.exchange_comparison import on_exchange

INVERSE = parse_scenario({"positions": [{"contract": "inverse", "side": "long", "entry_price": 50000,
                                         "notional": 10000, "leverage": 10, "tiers": "binance-btcusd"}]})


def test_an_inverse_trade_takes_binance_coin_m_table() -> None:
    """Binance's profile has a COIN-M BTCUSD table: the trade is valued with it, not the reader's."""
    data = on_exchange(INVERSE, "binance")
    assert "tiers" not in data["positions"][0]
    assert evaluate_data(data)["assumptions"]["tiers"][0]["name"] == "binance-btcusd"


@pytest.mark.parametrize("name", [name for name in PROFILE_NAMES if name != "binance"])
def test_an_inverse_trade_is_refused_where_the_profile_has_no_inverse_table(name: str) -> None:
    """The other profiles' rules are for their linear contracts: rather than value a coin-margined trade with the
    reader's table under their name, the engine says the profile has no table for it."""
    with pytest.raises(ScenarioError) as caught:
        evaluate_data(on_exchange(INVERSE, name))
    assert (caught.value.where, caught.value.kind) == ("positions[0].tiers", "no_profile_table")
