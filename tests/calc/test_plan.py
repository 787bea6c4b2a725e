"""calc.plan through ``python -m calc plan``: published position sizes, and the properties every answer must have."""

from __future__ import annotations

import io
import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import ScenarioError, evaluate, parse_scenario, plan
from calc.__main__ import main

Data = dict[str, Any]


def ask(question: Data, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``python -m calc plan`` in-process on *question*; return (status, stdout, stderr)."""
    stdin = json.dumps({"question": "position_size", **question})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    status = main(["plan"])
    out, err = capsys.readouterr()
    return status, out, err


def rounded(text: str, places: str) -> Decimal:
    return Decimal(text).quantize(Decimal(places), ROUND_HALF_UP)


# Worked examples published by position-size guides, each with its link: the inputs as printed, and the size they
# print, to the precision they print it. None includes fees or leverage (the size does not depend on leverage).
PUBLISHED = [
    pytest.param({"side": "long", "entry_price": 60000, "stop_price": 58800, "account_balance": 5000, "risk": "0.01"},
                 "notional", "2500", "1",
                 id="marginpad.io/blog/how-to-calculate-position-size: $50 at a 2% stop is $2,500"),
    pytest.param({"side": "long", "entry_price": 60000, "stop_price": 58800, "account_balance": 5000, "risk": "0.01"},
                 "quantity", "0.0417", "0.0001",
                 id="marginpad.io/blog/how-to-calculate-position-size: about 0.0417 BTC"),
    pytest.param({"side": "long", "entry_price": 2500, "stop_price": 2400, "account_balance": 5000, "risk": "0.02"},
                 "quantity", "1", "1",
                 id="cryptopulsehq.com/crypto-futures-position-sizing-calculator-guide: 1 ETH"),
    pytest.param({"side": "long", "entry_price": 30000, "stop_price": 29000, "account_balance": 10000,
                  "risk": "0.01"}, "quantity", "0.1", "0.1",
                 id="cryptofutures.trading Position_Size_Calculator: 0.1 BTC"),
    pytest.param({"side": "long", "entry_price": "0.072", "stop_price": "0.068", "account_balance": 1000,
                  "risk": "0.01"}, "quantity", "2500", "1",
                 id="binance.com square post 33712732160393: 2,500 OM"),
    pytest.param({"side": "long", "entry_price": "0.072", "stop_price": "0.068", "account_balance": 1000,
                  "risk": "0.01"}, "notional", "180", "1",
                 id="binance.com square post 33712732160393: a $180 position"),
    pytest.param({"side": "short", "entry_price": 3000, "stop_price": 3300, "account_balance": 10000,
                  "risk": "0.02"}, "quantity", "0.67", "0.01",
                 id="binance.com square post 16182855426857: short 0.67 ETH"),
    pytest.param({"side": "short", "entry_price": 50, "stop_price": 52, "account_balance": 10000, "risk": "0.01"},
                 "quantity", "50", "1",
                 id="binance.com square hashtag calculationguide: short 50 units"),
    pytest.param({"side": "long", "entry_price": 100, "stop_price": 95, "account_balance": 10000, "risk": "0.01"},
                 "notional", "2000", "1",
                 id="eth-tradingview.com.cn/en/blog/position-sizing-drill: size 2,000"),
]


@pytest.mark.parametrize(("question", "key", "published", "places"), PUBLISHED)
def test_published_position_sizes(question: Data, key: str, published: str, places: str,
                                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI gives the size a published example prints, to the precision it prints."""
    status, out, err = ask(question, monkeypatch, capsys)
    assert (status, err) == (0, "")
    assert rounded(json.loads(out)[key], places) == Decimal(published)


def test_fifty_x_with_a_two_percent_stop_is_liquidated_first(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's own example: at 50x isolated, a long with its stop 2 % below entry is liquidated before the stop
    (50x leaves about 2 % of margin, less maintenance); at 10x the stop fires first."""
    question = {"side": "long", "entry_price": 50000, "stop_price": 49000, "account_balance": 10000, "risk": "0.01"}
    status, out, _ = ask({**question, "leverage": 50}, monkeypatch, capsys)
    at_50 = json.loads(out)
    assert status == 0 and at_50["stop_before_liquidation"] is False
    assert Decimal(at_50["liquidation_price"]) > 49000 and Decimal(at_50["stop_to_liquidation"]) < 0
    status, out, _ = ask({**question, "leverage": 10}, monkeypatch, capsys)
    assert json.loads(out)["stop_before_liquidation"] is True
    assert 10 <= int(at_50["max_leverage"]) < 50


def test_cross_liquidation_depends_on_the_wallet_not_the_leverage(monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """In cross the same size at 10x and at 50x has one liquidation price: the account backs it."""
    question = {"side": "long", "entry_price": 50000, "stop_price": 49000, "account_balance": 10000, "risk": "0.01",
                "mode": "cross"}
    answers = []
    for leverage in (10, 50):
        status, out, _ = ask({**question, "leverage": leverage}, monkeypatch, capsys)
        assert status == 0
        answers.append(json.loads(out))
    assert answers[0]["liquidation_price"] == answers[1]["liquidation_price"]
    assert answers[0]["stop_before_liquidation"] is answers[1]["stop_before_liquidation"] is True
    assert Decimal(answers[0]["margin"]) == 5 * Decimal(answers[1]["margin"])


def test_without_a_maintenance_rule_only_the_size_is_answered(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A symbol with no packaged table and no rate still gets its size; asking for a leverage needs a rule."""
    question = {"side": "long", "entry_price": 150, "stop_price": 140, "account_balance": 2000, "risk": "0.01",
                "symbol": "SOLUSDT"}
    status, out, _ = ask(question, monkeypatch, capsys)
    assert status == 0 and "max_leverage" not in json.loads(out) and json.loads(out)["quantity"] == "2"
    status, _, err = ask({**question, "leverage": 5}, monkeypatch, capsys)
    assert status == 2 and err.startswith("tiers: is missing")


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ({"stop_price": 50000}, "stop_price: 50000 is not below the entry price 50000"),
        ({"stop_price": 51000}, "stop_price: 51000 is not below the entry price 50000"),
        ({"side": "short"}, "stop_price: 49000 is not above the entry price 50000"),
        ({"risk": 0}, "risk: 0 must be positive"),
        ({"risk": 1}, "risk: 1 is not between 0 and 1"),
        ({"risk": "-0.01"}, "risk: \"-0.01\" must be positive"),
        ({"risk": None, "risk_amount": 20000}, "risk_amount: 20000 is more than the account balance of 10000"),
        ({"risk_amount": 50}, "risk_amount: 50 cannot be given together with risk"),
        ({"risk": None}, "risk: is missing"),
        ({"entry_price": 0}, "entry_price: 0 must be positive"),
        ({"entry_price": "1e999"}, "entry_price: \"1e999\" is out of range"),
        ({"leverage": 200}, "leverage: 200 is above the bracket's maximum of 125x"),
        ({"leverage": "0.5"}, "leverage: \"0.5\" is below 1x"),
        ({"mode": "cross", "leverage": 1, "stop_price": 49900}, "account_balance: 10000 is less than the positions' initial margin"),
        ({"fee_rate": "0.5"}, "fee_rate: \"0.5\" is above 0.05"),
        ({"exchange": "ftx"}, "exchange: \"ftx\" is not one of"),
        ({"question": "target"}, "question: \"target\" is not one of 'position_size'"),
        ({"stop": 1}, "stop: is not a known key"),
    ],
)
def test_bad_input_names_the_field(change: Data, line: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Each bad input exits 2 with one line that starts with the question's own key."""
    question: Data = {"side": "long", "entry_price": 50000, "stop_price": 49000, "account_balance": 10000,
                      "risk": "0.01", "maintenance_margin_rate": "0.004"}
    question = {key: value for key, value in {**question, **change}.items() if value is not None}
    status, out, err = ask(question, monkeypatch, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(line), err
    assert err.count("\n") == 1


# Properties. Prices and shares drawn as text, as the page sends them.
prices = st.integers(100, 10_000_000).map(lambda n: Decimal(n) / 100)
shares = st.integers(1, 40).map(lambda n: Decimal(n) / 1000)  # 0.1 % to 4 % of the account
fee_rates = st.sampled_from([Decimal(0), Decimal("0.0002"), Decimal("0.0005"), Decimal("0.001")])
stop_moves = st.integers(1, 300).map(lambda n: Decimal(n) / 1000)  # a stop 0.1 % to 30 % away


def question(side: str, entry: Decimal, move: Decimal, share: Decimal, fee: Decimal, contract: str = "linear") -> Data:
    stop = entry * (1 - move) if side == "long" else entry * (1 + move)
    balance = Decimal(1) if contract == "inverse" else Decimal(10000)
    return {"question": "position_size", "side": side, "entry_price": str(entry), "stop_price": str(stop),
            "account_balance": str(balance), "risk": str(share), "fee_rate": str(fee), "contract": contract,
            "maintenance_margin_rate": "0.005"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["long", "short"]), prices, stop_moves, shares, fee_rates, st.sampled_from(["linear", "inverse"]))
def test_the_loss_at_the_stop_is_the_risk(side: str, entry: Decimal, move: Decimal, share: Decimal, fee: Decimal,
                                          contract: str) -> None:
    """Closing at the stop loses the risk amount exactly, fees of both legs counted (to 25 significant digits).

    Worked here from the contract's own definitions, not the engine's: a linear position of Q coins loses
    ``Q·|E − S|`` and pays ``f·Q·E + f·Q·S``; an inverse one of N dollars loses ``N·|1/S − 1/E|`` coins and pays
    ``f·N/E + f·N/S`` coins."""
    data = question(side, entry, move, share, fee, contract)
    answer = plan(data)
    e, s = Decimal(data["entry_price"]), Decimal(data["stop_price"])
    if contract == "inverse":
        n = answer.notional
        lost = n * abs(1 / s - 1 / e) + fee * n / e + fee * n / s
        assert answer.quantity == pytest.approx(n / e, rel=Decimal("1e-25"))
    else:
        q = answer.quantity
        lost = q * abs(e - s) + fee * q * e + fee * q * s
        assert answer.notional == pytest.approx(q * e, rel=Decimal("1e-25"))
    assert lost == pytest.approx(answer.risk_amount, rel=Decimal("1e-25"))
    assert answer.risk_amount == Decimal(data["account_balance"]) * share
    assert answer.loss_at_stop + answer.fees == pytest.approx(answer.risk_amount, rel=Decimal("1e-25"))


def liquidated_beyond_stop(data: Data, quantity_key: str, size: Decimal, leverage: int) -> bool:
    """Worked through the scenario API, as a reader would in the liquidation calculator: the isolated position of
    *size* at *leverage*, and where its liquidation price lies against the stop."""
    scenario = parse_scenario({"positions": [{
        "side": data["side"], "entry_price": data["entry_price"], quantity_key: str(size), "leverage": leverage,
        "contract": data.get("contract", "linear"), "tiers": data["tiers"]}]})
    lp = evaluate(scenario).positions[0].liquidation_price
    stop = Decimal(data["stop_price"])
    return lp is None or (stop > lp if data["side"] == "long" else stop < lp)


BINANCE_BTC = "binance-btcusdt"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["long", "short"]), st.integers(20_000, 120_000).map(Decimal), stop_moves, shares,
       st.sampled_from([Decimal(1000), Decimal(100_000), Decimal(5_000_000)]))
def test_max_leverage_is_the_highest_that_keeps_liquidation_beyond_the_stop(
        side: str, entry: Decimal, move: Decimal, share: Decimal, balance: Decimal) -> None:
    """``max_leverage``'s liquidation lies beyond the stop; ``max_leverage + 1``'s does not, or the bracket caps it.
    Under Binance's tiered BTCUSDT table, so large accounts cross brackets with lower caps."""
    stop = entry * (1 - move) if side == "long" else entry * (1 + move)
    data = {"question": "position_size", "side": side, "entry_price": str(entry), "stop_price": str(stop),
            "account_balance": str(balance), "risk": str(share), "tiers": BINANCE_BTC}
    answer = plan(data)
    assert answer.leverage_cap is not None
    if answer.max_leverage is None:
        assert not liquidated_beyond_stop(data, "quantity", answer.quantity, 1)
        return
    assert 1 <= answer.max_leverage <= answer.leverage_cap
    assert liquidated_beyond_stop(data, "quantity", answer.quantity, answer.max_leverage)
    if answer.max_leverage < answer.leverage_cap:
        assert not liquidated_beyond_stop(data, "quantity", answer.quantity, answer.max_leverage + 1)


@settings(max_examples=40, deadline=None)
@given(prices, stop_moves, shares)
def test_long_and_short_mirror(entry: Decimal, move: Decimal, share: Decimal) -> None:
    """Without fees, a long and a short with stops equally far from the entry are the same size and risk."""
    long = plan(question("long", entry, move, share, Decimal(0)))
    short = plan(question("short", entry, move, share, Decimal(0)))
    assert long.quantity == pytest.approx(short.quantity, rel=Decimal("1e-25"))
    assert long.risk_amount == short.risk_amount and long.stop_distance == short.stop_distance


def test_a_wider_stop_or_a_fee_makes_the_position_smaller() -> None:
    """Monotonic where it must be: the size falls as the stop moves away and as the fee rate rises."""
    sizes = [plan(question("long", Decimal(50000), move, Decimal("0.01"), fee)).quantity
             for move in (Decimal("0.01"), Decimal("0.02")) for fee in (Decimal(0), Decimal("0.0005"))]
    assert sizes[0] > sizes[1] > sizes[3] and sizes[0] > sizes[2] > sizes[3]


def test_bybit_max_leverage_counts_its_fee_to_close_in_the_margin() -> None:
    """With Bybit's profile the isolated margin holds the fee to close, so liquidation sits a little further away and
    the highest leverage for a tight stop is at least the one without that fee."""
    base = {"question": "position_size", "side": "long", "entry_price": 50000, "stop_price": 49000,
            "account_balance": 10000, "risk": "0.01"}
    with_bybit = plan({**base, "exchange": "bybit"})
    assert with_bybit.max_leverage is not None and with_bybit.leverage_cap == 100
    data = {**base, "tiers": "bybit-btcusdt"}
    assert with_bybit.max_leverage >= (plan(data).max_leverage or 0)


def test_a_scenario_stop_reports_its_pnl_and_the_race() -> None:
    """A position's stop_price gives its PnL at the stop and whether it fires first, in every result."""
    data = {"positions": [{"side": "short", "entry_price": 50000, "quantity": "0.1", "leverage": 50,
                           "maintenance_margin_rate": "0.004", "stop_price": 50900}]}
    row = evaluate(parse_scenario(data)).positions[0]
    assert row.pnl_at_stop == Decimal(-90)
    assert row.liquidation_price is not None and row.liquidation_price < 50900
    assert row.stop_before_liquidation is False
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"positions": [{**data["positions"][0], "stop_price": 49000}]})
    assert (caught.value.where, caught.value.kind) == ("positions[0].stop_price", "stop_not_above_mark")
