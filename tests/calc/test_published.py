"""Exchange-published worked examples, reproduced to the cent through ``python -m calc``.

Sources (see also ../shared/reference/margin-formulas.md):
- Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (cross, one-way mode).
- Bybit help centre, USDT perpetual "Liquidation Price" and "Bankruptcy Price" examples (isolated,
  maintenance margin on entry notional).
- dYdX v4 documentation, "Liquidations" (docs/pages/concepts/trading/liquidations.mdx in
  github.com/dydxprotocol/v4-documentation, read 2026-12-04): an isolated and a cross example, neither with a
  leverage.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from margin_view.text.format import money


def run_cli(scenario: dict[str, Any]) -> dict[str, Any]:
    """Run ``python -m calc`` on *scenario* (via stdin) and return its parsed JSON output."""
    proc = subprocess.run(
        [sys.executable, "-m", "calc"],
        input=json.dumps(scenario),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def cents(value: str) -> Decimal:
    """The figure as an exchange prints it: rounded half-even to the cent."""
    return Decimal(value).quantize(Decimal("0.01"))


def test_binance_faq_cross_example_gives_published_liquidation_prices() -> None:
    """Binance's two-position cross example, entered as published (no leverage): ETHUSDT 1,153.26 and BTCUSDT
    26,316.89.

    Each position uses its bracket from the FAQ as a flat rate (MMR and cum). The FAQ gives no leverage, and in
    cross the leverage setting does not move the liquidation price, so none is needed; the figures that do need
    one (initial margin, ROE) are null.
    """
    out = run_cli(
        {
            "mode": "cross",
            "wallet_balance": "1535443.01",
            "positions": [
                {
                    "symbol": "BTCUSDT", "side": "long", "quantity": "109.488",
                    "entry_price": "32481.98", "mark_price": "31967.27",
                    "maintenance_margin_rate": "0.025", "maintenance_amount": 16300,
                },
                {
                    "symbol": "ETHUSDT", "side": "long", "quantity": "3683.979",
                    "entry_price": "1456.84", "mark_price": "1335.18",
                    "maintenance_margin_rate": "0.1", "maintenance_amount": 135365,
                },
            ],
        }
    )
    btc, eth = out["positions"]
    assert cents(btc["liquidation_price"]) == Decimal("26316.89")
    assert cents(eth["liquidation_price"]) == Decimal("1153.26")
    assert money(btc["liquidation_price"]) == "$26,316.89"
    assert btc["leverage"] is btc["margin"] is btc["roe"] is None
    assert out["account"]["total_margin"] is None


def test_a_cross_leverage_moves_no_liquidation_price() -> None:
    """The same example with a leverage (20x or 3x) gives the same liquidation prices; only margin and ROE appear."""
    base = {
        "mode": "cross", "wallet_balance": "1535443.01",
        "positions": [{"symbol": "BTCUSDT", "side": "long", "quantity": "109.488", "entry_price": "32481.98",
                       "mark_price": "31967.27", "maintenance_margin_rate": "0.025", "maintenance_amount": 16300}],
    }
    without = run_cli(base)["positions"][0]
    for leverage in (20, 3):
        position = {**base["positions"][0], "leverage": leverage}  # type: ignore[index]
        with_it = run_cli({**base, "positions": [position]})["positions"][0]
        assert with_it["liquidation_price"] == without["liquidation_price"]
        assert Decimal(with_it["margin"]) == Decimal("109.488") * Decimal("32481.98") / leverage


@pytest.mark.parametrize(
    ("side", "entry", "leverage", "margin", "expected"),
    [
        ("long", 20000, 50, None, "19700.00"),  # IM 400, MM 100
        ("short", 20000, 50, "3400", "23300.00"),  # IM 400 plus 3,000 added margin
        ("long", 10000, 50, None, "9850.00"),
        ("short", 8000, 40, None, "8160.00"),
    ],
)
def test_bybit_isolated_examples_on_entry_notional(
    side: str, entry: int, leverage: int, margin: str | None, expected: str
) -> None:
    """Bybit's help-centre isolated examples (1 BTC, MMR 0.5%, convention "entry") to the cent."""
    position: dict[str, Any] = {
        "side": side, "entry_price": entry, "quantity": 1, "leverage": leverage, "tiers": "bybit-btcusdt",
    }
    if margin is not None:
        position["margin"] = margin
    out = run_cli({"maintenance_price": "entry", "positions": [position]})
    assert cents(out["positions"][0]["liquidation_price"]) == Decimal(expected)


def test_bybit_bankruptcy_price_of_a_50x_long() -> None:
    """Bybit: a 1 BTC long at 10,000 and 50x goes bankrupt at 9,800 (EP × (1 − 1/L))."""
    out = run_cli({"positions": [{"side": "long", "entry_price": 10000, "quantity": 1, "leverage": 50,
                                  "tiers": "bybit-btcusdt"}]})
    assert Decimal(out["positions"][0]["bankruptcy_price"]) == Decimal("9800")


def test_conventions_differ_as_the_reference_says() -> None:
    """Long 1 BTC at 20,000, 50x, MMR 0.5%: 19,700 on entry notional, 19,698.49 at the liquidation price."""
    position = {"side": "long", "entry_price": 20000, "quantity": 1, "leverage": 50, "maintenance_margin_rate": "0.005"}
    entry = run_cli({"maintenance_price": "entry", "positions": [position]})
    at_lp = run_cli({"maintenance_price": "liquidation", "positions": [position]})
    assert cents(entry["positions"][0]["liquidation_price"]) == Decimal("19700.00")
    assert cents(at_lp["positions"][0]["liquidation_price"]) == Decimal("19698.49")


@pytest.mark.parametrize(
    ("leverage", "expected"),
    [
        # (1,000 − 0.2 × 50,000) / (0.2 × 0.004 − 0.2) = −9,000 / −0.1992 = 45,180.7228…
        (10, "45180.72"),
        # (1,000 − 0.5 × 50,000) / (0.5 × 0.004 − 0.5) = −24,000 / −0.498 = 48,192.7710…
        (25, "48192.77"),
    ],
)
def test_binance_btcusdt_tiers_isolated_1000_dollar_long(leverage: int, expected: str) -> None:
    """The guide's isolated cards on Binance's BTCUSDT tiers: $1,000 long at 50,000 (first tier, 0.40%)."""
    out = run_cli({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": leverage,
                                  "tiers": "binance-btcusdt"}]})
    assert cents(out["positions"][0]["liquidation_price"]) == Decimal(expected)


def test_dydx_isolated_example() -> None:
    """dYdX: "deposits $1,000", shorts 3 ETH at $3,000, MMF 0.05: p' = 10000 / 3.15 ≈ 3174.60. The deposit is the
    isolated margin (its leverage, 9x, is implied: the page gives none)."""
    out = run_cli({"mode": "isolated", "positions": [
        {"symbol": "ETH-USD", "side": "short", "entry_price": 3000, "quantity": 3, "margin": 1000,
         "maintenance_margin_rate": "0.05"}]})
    assert cents(out["positions"][0]["liquidation_price"]) == Decimal("3174.60")


def test_dydx_cross_example_with_no_leverage() -> None:
    """dYdX: equity 1,000; short 1.5 ETH at $3,000 (MMF 5%) beside 1,000 STRK bought at $1.75 (MMF 10%, so the
    other positions' maintenance is 175): p' = (1000 + 4500 − 175) / 1.575 ≈ 3380.95. Entered as printed: no
    leverage on either position, the STRK position at its entry price (no PnL, as the page's equity assumes)."""
    out = run_cli({"mode": "cross", "wallet_balance": 1000, "positions": [
        {"symbol": "ETH-USD", "side": "short", "entry_price": 3000, "quantity": "1.5",
         "maintenance_margin_rate": "0.05"},
        {"symbol": "STRK-USD", "side": "long", "entry_price": "1.75", "quantity": 1000,
         "maintenance_margin_rate": "0.1"},
    ]})
    eth = out["positions"][0]
    assert cents(eth["liquidation_price"]) == Decimal("3380.95")
    assert eth["leverage"] is None and eth["margin"] is None
