"""The exchange calculators' questions through ``python -m calc plan``: figures the exchanges (and, where none
publishes one, independent calculators) print, each with its link, to the precision printed; and the properties
that must hold where nothing is published."""

from __future__ import annotations

import io
import json
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calc import ScenarioError, evaluate, parse_scenario, plan
from calc.__main__ import main

Data = dict[str, Any]


def ask(question: str, data: Data, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[int, Data, str]:
    """``python -m calc plan`` in-process: status, the answer (or {}), the error line."""
    stdin = json.dumps({"question": question, **data})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    status = main(["plan"])
    out, err = capsys.readouterr()
    return status, (json.loads(out) if out else {}), err


def printed(value: str, places: str, rounding: str = ROUND_HALF_UP) -> Decimal:
    return Decimal(value).quantize(Decimal(places), rounding)


PUBLISHED = [
    # Target price.
    pytest.param("target_price", {"side": "long", "contract": "inverse", "entry_price": 7000, "leverage": 5,
                                  "roe": "0.20"}, "target_price", "7292", "1",
                 id="Bybit help 360039260154 'How to use Bybit calculator': inverse 5x, 20% ROI, around 7292"),
    pytest.param("target_price", {"side": "long", "entry_price": 100000, "leverage": 10, "roe": "0.5"},
                 "target_price", "105000", "1",
                 id="smalldrift.pages.dev/blog/binance-futures-calculator-guide: 10x, 50% ROE, 105,000"),
    # Break-even, the exact form.
    pytest.param("break_even", {"side": "long", "entry_price": 65000, "fee_rate": "0.0005"}, "break_even_price",
                 "65065.03", "0.01", id="tradingcalc.io/crypto-breakeven-calculator: 65,000 at 0.05% a side"),
    pytest.param("break_even", {"side": "long", "entry_price": 65000, "fee_rate": "0.0002"}, "break_even_price",
                 "65026", "1", id="tradingcalc.io/crypto-breakeven-calculator: maker 0.02% a side"),
    pytest.param("break_even", {"side": "short", "entry_price": 100, "fee_rate": "0.001"}, "break_even_price",
                 "99.80", "0.01", id="johnnyji.dev/tools/trading-fee-break-even: 0.1% each way, about 100.20 long"),
    # Average entry.
    pytest.param("average_entry", {"contract": "inverse", "fills": [{"price": 10000, "quantity": 50},
                                                                     {"price": 15000, "quantity": 50}]},
                 "average_entry_price", "12000", "1",
                 id="Bybit help 000001113 'How to Calculate Average Entry Price': inverse BTCUSD, $12,000"),
    pytest.param("average_entry", {"fills": [{"price": 10000, "quantity": 1}, {"price": 13000, "quantity": 2}]},
                 "average_entry_price", "12000", "1", id="Bybit help 000001113: USDT BTCUSDT, 12,000"),
    pytest.param("average_entry", {"fills": [{"price": 50000, "quantity": "0.5"}, {"price": 51000,
                                                                                  "quantity": "0.8"}]},
                 "average_entry_price", "50615.38", "0.01", id="Bybit help 000001113: USDC, $50,615.38"),
    pytest.param("average_entry", {"fills": [{"price": 30000, "quantity": "0.1"}, {"price": 31000,
                                                                                  "quantity": "0.2"}]},
                 "average_entry_price", "30666.67", "0.01",
                 id="Bitget support 12560603826531 'How to calculate your average entry price': 30,666.67"),
    # Order cost.
    pytest.param("order_cost", {"side": "long", "quantity": 1, "order_price": 50000, "leverage": 10,
                                "rule": "bybit", "fee_rate": "0.0006"}, "cost", "5057", "1",
                 id="Bybit help 900000169703 'Order Cost (USDT Contract)': 5,000 + 30 + 27"),
    pytest.param("order_cost", {"side": "long", "quantity": 1, "order_price": 8000, "leverage": 50,
                                "rule": "bybit", "fee_rate": "0.00075"}, "cost", "171.88", "0.01",
                 id="Bybit help 900000169703 (older): 160 + 6 + 5.88"),
    pytest.param("order_cost", {"side": "long", "quantity": 1, "order_price": 50000, "leverage": 10,
                                "rule": "bybit", "fee_rate": "0.00055"}, "cost", "5052.25", "0.01",
                 id="Bybit 'Order Cost (Perpetuals & Futures Trading)' 2024-10-30: 5,052.25"),
    pytest.param("order_cost", {"side": "short", "quantity": 1, "order_price": 55000, "leverage": 10,
                                "rule": "bybit", "fee_rate": "0.00055"}, "cost", "5563.525", "0.001",
                 id="XT support 7280263788569 'Order Cost' (Bybit's method): short, 5,563.525"),
    pytest.param("order_cost", {"side": "short", "quantity": 1, "order_price": "9253.30", "mark_price": "9259.84",
                                "leverage": 20, "rule": "binance"}, "open_loss", "6.54", "0.01",
                 id="Binance FAQ 87fa7ee33b574f7084d42bd2ce2e463b 'Cost Required to Open a Position': open loss"),
    # Max open.
    pytest.param("max_open", {"side": "long", "available_balance": 5057, "order_price": 50000, "leverage": 10,
                              "rule": "bybit", "fee_rate": "0.0006"}, "max_quantity", "1", "0.000001",
                 id="Bybit help 900000169703: 5,057 USDT at 10x opens 1 BTC"),
    pytest.param("max_open", {"side": "long", "available_balance": "5052.25", "order_price": 50000,
                              "leverage": 10, "rule": "bybit", "fee_rate": "0.00055"}, "max_quantity", "1",
                 "0.000001", id="XT support 7280263788569 (Bybit's method): 5,052.25 USDT opens 1 BTC"),
    pytest.param("max_open", {"side": "short", "available_balance": "5546.2", "order_price": 55000,
                              "leverage": 10, "rule": "bybit", "fee_rate": "0.0004"}, "max_quantity", "1",
                 "0.000001", id="goonus help 'Order cost' (Bybit's method): short, 5,546.2 USDT opens 1 BTC"),
    # Funding.
    pytest.param("funding", {"funding_rate": "0.0025", "interval_hours": 8, "hours": 8, "notional": 20},
                 "total_funding", "0.05", "0.01",
                 id="BitMEX perpetualContractsGuideExamples: 20 XBT at 0.25% = 0.05 XBT"),
    pytest.param("funding", {"funding_rate": "0.0001", "interval_hours": 8, "hours": 8, "notional": "23.10",
                             "side": "short"}, "total_funding", "-0.00231", "0.00001",
                 id="Bitda support 11016245 'Explanation of funding fees': 23.10 USDT at 0.01%, short receives"),
    pytest.param("funding", {"funding_rate": "0.0001785", "interval_hours": 1, "hours": 1, "notional": 100000,
                             "side": "short"}, "total_funding", "-17.85", "0.01",
                 id="Kraken support 360022835911 inverse perpetual specifications: $17.85 an hour"),
]


@pytest.mark.parametrize(("question", "data", "key", "published", "places"), PUBLISHED)
def test_published_figures(question: str, data: Data, key: str, published: str, places: str,
                           monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI gives each published figure to the precision the page prints it."""
    status, answer, err = ask(question, data, monkeypatch, capsys)
    assert (status, err) == (0, "")
    assert printed(str(answer[key]), places) == Decimal(published)


def test_bitmex_target_is_the_exact_price_floored_to_its_tick(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """BitMEX, "How to use the BitMEX calculator" (support freshdesk 13000080042): 100% ROE on an inverse long from
    $6000 at 10x prints a target of $6666.5, the exact 6666.67 floored to XBTUSD's 0.5 tick."""
    _, answer, _ = ask("target_price", {"side": "long", "contract": "inverse", "entry_price": 6000, "leverage": 10,
                                        "roe": 1}, monkeypatch, capsys)
    tick = Decimal("0.5")
    assert (Decimal(answer["target_price"]) / tick).to_integral_value(ROUND_FLOOR) * tick == Decimal("6666.5")


def test_binance_truncates_its_initial_margin(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Binance prints 462.66 for an exact 462.665: we give the exact figure, and the page's is its floor."""
    _, answer, _ = ask("order_cost", {"side": "long", "quantity": 1, "order_price": "9253.30", "leverage": 20,
                                      "rule": "binance"}, monkeypatch, capsys)
    assert Decimal(answer["initial_margin"]) == Decimal("462.665")
    assert printed(answer["initial_margin"], "0.01", ROUND_FLOOR) == Decimal("462.66")


def test_bybit_adjust_margin_moves_an_entry_valued_liquidation_by_margin_over_size(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Bybit, "Adjust Margin on Position": with maintenance valued at entry, 1,000 USDT added to a 1 BTC long moves
    its liquidation price down by 1,000; the question gives that margin for that move."""
    position = {"side": "long", "entry_price": 10000, "quantity": 1, "leverage": 10, "margin": 1000,
                "maintenance_margin_rate": "0.005"}
    scenario = {"maintenance_price": "entry", "positions": [position]}
    before = evaluate(parse_scenario(scenario)).positions[0].liquidation_price
    assert before is not None
    _, answer, _ = ask("margin_for_liquidation", {"scenario": scenario, "target_liquidation_price": str(before - 1000)},
                       monkeypatch, capsys)
    assert Decimal(answer["added_margin"]) == 1000


@pytest.mark.parametrize(("question", "data", "key", "kind"), [
    ("average_entry", {"fills": []}, "fills", "no_fills"),
    ("average_entry", {"fills": [{"price": 0, "quantity": 1}]}, "fills[0].price", "not_positive"),
    ("average_entry", {"fills": [{"price": 1, "quantity": -1}]}, "fills[0].quantity", "not_positive"),
    ("average_entry", {"fills": [{"price": 1}]}, "fills[0].quantity", "missing"),
    ("target_price", {"side": "long", "entry_price": 100, "leverage": 10, "roe": -10}, "roe", "target_unreachable"),
    ("target_price", {"side": "long", "contract": "inverse", "entry_price": 100, "leverage": 2, "roe": 2}, "roe",
     "target_unreachable"),
    ("break_even", {"side": "long", "entry_price": 100, "fee_rate": "0.06"}, "fee_rate", "fee_above_max"),
    ("break_even", {"side": "long", "entry_price": 100, "funding_rate": "0.0001"}, "funding_payments", "missing"),
    ("funding", {"funding_rate": "0.0001", "interval_hours": 0, "hours": 8, "notional": 1}, "interval_hours",
     "not_positive"),
    ("funding", {"funding_rate": "0.0001", "interval_hours": 8, "hours": 12, "notional": 1}, "hours",
     "not_whole_intervals"),
    ("max_open", {"side": "long", "available_balance": 1, "order_price": 50000, "leverage": 10, "rule": "binance",
                  "quantity_step": "0.001"}, "available_balance", "balance_too_small"),
    ("max_open", {"side": "long", "available_balance": 1000, "order_price": 50000, "leverage": 200,
                  "rule": "binance"}, "leverage", "above_bracket"),
    ("order_cost", {"side": "long", "quantity": 1, "order_price": 1, "leverage": 10}, "rule", "missing"),
    ("margin_for_liquidation", {"scenario": {"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
                                                            "leverage": 10}]}, "target_liquidation_price": 51000},
     "target_liquidation_price", "target_wrong_side"),
    ("margin_for_liquidation", {"scenario": {"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
                                                            "leverage": 10}]}, "target_liquidation_price": 49000},
     "target_liquidation_price", "target_below_initial_margin"),
    ("margin_for_liquidation", {"scenario": {"positions": [{"side": "short", "entry_price": 50000, "margin": 1000,
                                                            "leverage": 10}]}, "target_liquidation_price": 150000},
     "target_liquidation_price", "target_needs_more_margin"),
    ("margin_for_liquidation", {"scenario": {"mode": "cross", "wallet_balance": 5000, "positions": [
        {"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]}, "target_liquidation_price": 40000},
     "scenario", "needs_one_isolated_position"),
])
def test_bad_input_names_its_key(question: str, data: Data, key: str, kind: str) -> None:
    """Each refusal is data: the path of the key at fault and its kind (the CLI prints them as one line)."""
    with pytest.raises(ScenarioError) as caught:
        plan({"question": question, **data})
    assert (caught.value.where, caught.value.kind) == (key, kind)


# Properties, where nothing is published.
prices = st.integers(1000, 10_000_000).map(lambda n: Decimal(n) / 100)
sides = st.sampled_from(["long", "short"])


def isolated(side: str, entry: Decimal, leverage: int, convention: str, exchange: str | None) -> Data:
    data: Data = {"maintenance_price": convention,
                  "positions": [{"side": side, "entry_price": str(entry), "margin": "1000", "leverage": leverage}]}
    if exchange:
        data = {"exchange": exchange, "positions": data["positions"]}
    return data


@settings(max_examples=40, deadline=None)
@given(sides, prices, st.integers(2, 50), st.integers(5, 80).map(lambda n: Decimal(n) / 100),
       st.sampled_from(["liquidation", "entry"]), st.sampled_from([None, "bybit", "okx"]))
def test_added_margin_gives_exactly_the_target(side: str, entry: Decimal, leverage: int, share: Decimal,
                                               convention: str, exchange: str | None) -> None:
    """Adding ``added_margin`` to the position, as the scenario's ``margin`` would, puts its liquidation price
    exactly (to 25 digits) at the target, drawn beyond today's liquidation price (margin added); a target no margin
    below the position's value reaches (a short's, far up) is refused as such."""
    scenario = isolated(side, entry, leverage, convention, exchange)
    try:
        now = evaluate(parse_scenario(scenario)).positions[0].liquidation_price
    except ScenarioError:
        assume(False)  # a leverage the exchange's bracket does not allow at this size: not a position to move
        return
    assert now is not None
    target = now * (1 - share) if side == "long" else now * (1 + share)
    try:
        answer = plan({"question": "margin_for_liquidation", "scenario": scenario,
                       "target_liquidation_price": str(target)})
    except ScenarioError as refused:
        assert (side, refused.kind) == ("short", "target_needs_more_margin")
        return
    assert answer.added_margin > 0  # type: ignore[attr-defined]
    assert answer.liquidation_price == pytest.approx(target, rel=Decimal("1e-25"))  # type: ignore[attr-defined]
    position = parse_scenario(scenario).positions[0]
    assert position.margin is not None
    # The same position (its quantity, not re-sized by margin × leverage) holding the new margin.
    moved = {**scenario, "positions": [{**scenario["positions"][0], "quantity": str(position.quantity),
                                        "margin": str(position.margin + answer.added_margin)}]}  # type: ignore[attr-defined]
    after = evaluate(parse_scenario(moved)).positions[0].liquidation_price
    assert after == pytest.approx(target, rel=Decimal("1e-25"))


@settings(max_examples=40, deadline=None)
@given(sides, prices, st.integers(2, 50), st.integers(-5, 5).map(lambda n: Decimal(n) / 10000),
       st.integers(0, 30))
def test_funding_taken_from_the_margin_gives_the_liquidation_after(side: str, entry: Decimal, leverage: int,
                                                                    rate: Decimal, payments: int) -> None:
    """Paying the funding out of the margin (a scenario with that margin) gives ``liquidation_price_after``."""
    scenario = isolated(side, entry, leverage, "liquidation", None)
    answer = plan({"question": "funding", "funding_rate": str(rate), "interval_hours": 8, "hours": 8 * payments,
                   "scenario": scenario})
    assert answer.payments == str(payments)  # type: ignore[attr-defined]
    if answer.margin_after <= 0:  # type: ignore[attr-defined]
        assert answer.liquidation_price_after is None  # type: ignore[attr-defined]
        return
    position = parse_scenario(scenario).positions[0]
    expected = evaluate(parse_scenario({"positions": [{"side": side, "entry_price": str(entry),
                                                       "quantity": str(position.quantity), "leverage": leverage,
                                                       "margin": str(answer.margin_after)}]}))  # type: ignore[attr-defined]
    assert answer.liquidation_price_after == expected.positions[0].liquidation_price  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(prices, st.integers(1, 10_000).map(lambda n: Decimal(n) / 1000)), min_size=1, max_size=8),
       st.randoms(use_true_random=False))
def test_averaging_is_order_independent_and_linear_differs_from_inverse(fills: list[tuple[Decimal, Decimal]],
                                                                        rng: Any) -> None:
    """Shuffling the fills changes nothing; the inverse (harmonic) average never exceeds the linear one with the same
    weights, and equals it only when every fill has one price."""
    def average(contract: str, order: list[tuple[Decimal, Decimal]]) -> Decimal:
        answer = plan({"question": "average_entry", "contract": contract,
                       "fills": [{"price": str(p), "quantity": str(q)} for p, q in order]})
        return answer.average_entry_price  # type: ignore[attr-defined,no-any-return]

    shuffled = fills[:]
    rng.shuffle(shuffled)
    linear, inverse = average("linear", fills), average("inverse", fills)
    assert average("linear", shuffled) == pytest.approx(linear, rel=Decimal("1e-28"))
    assert average("inverse", shuffled) == pytest.approx(inverse, rel=Decimal("1e-28"))
    # Weighted by the same numbers, the harmonic mean is at most the arithmetic one (to the engine's 34 digits).
    assert inverse - linear <= linear * Decimal("1e-28")
    if len({p for p, _ in fills}) > 1:
        assert inverse < linear


@settings(max_examples=40, deadline=None)
@given(sides, prices, st.integers(1, 125), st.sampled_from(["binance", "bybit"]),
       st.integers(100, 1_000_000).map(Decimal))
def test_max_open_costs_at_most_the_balance(side: str, price: Decimal, leverage: int, rule: str,
                                           balance: Decimal) -> None:
    """The largest size costs the balance exactly (or less, when the bracket caps it), and one lot more would not
    fit: the two questions are inverses."""
    data = {"side": side, "order_price": str(price), "leverage": leverage, "rule": rule, "fee_rate": "0.00055",
            "mark_price": str(price * Decimal("1.001"))}
    answer = plan({"question": "max_open", "available_balance": str(balance), **data})
    cost = plan({"question": "order_cost", "quantity": str(answer.max_quantity), **data})  # type: ignore[attr-defined]
    assert cost.cost <= balance * (1 + Decimal("1e-25"))  # type: ignore[attr-defined]
    if not answer.capped_by_bracket:  # type: ignore[attr-defined]
        assert cost.cost == pytest.approx(balance, rel=Decimal("1e-25"))  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(sides, prices, st.integers(1, 100), st.integers(-90, 300).map(lambda n: Decimal(n) / 100))
def test_target_price_returns_its_roe(side: str, entry: Decimal, leverage: int, roe: Decimal) -> None:
    """Closing at the target price returns the ROE asked, on the linear definition side·(exit/entry − 1)·L."""
    try:
        answer = plan({"question": "target_price", "side": side, "entry_price": str(entry), "leverage": leverage,
                       "roe": str(roe)})
    except Exception:  # noqa: BLE001 - a loss beyond the margin has no price: refused, checked above
        assert (roe <= -leverage) if side == "long" else True
        return
    sign = 1 if side == "long" else -1
    achieved = sign * (answer.target_price / entry - 1) * leverage  # type: ignore[attr-defined]
    assert achieved == pytest.approx(roe, abs=Decimal("1e-25"))
