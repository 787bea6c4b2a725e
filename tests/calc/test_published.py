"""Exchange-published worked examples, reproduced to the cent through ``python -m calc``.

Sources (see also ../shared/reference/margin-formulas.md):
- Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (cross, one-way mode).
- Bybit help centre, USDT perpetual "Liquidation Price" and "Bankruptcy Price" examples (isolated,
  maintenance margin on entry notional).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from margin_view.format import money


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
    """Binance's two-position cross example: ETHUSDT 1,153.26 and BTCUSDT 26,316.89.

    Each position uses its bracket from the FAQ as a flat rate (MMR and cum). Leverage is not in the
    FAQ and does not move a cross liquidation price; 20x is chosen so that the 1,535,443.01 wallet
    covers both initial margins (3,556,387.03 / 20 + 5,366,967.97 / 20 = 446,167.75).
    """
    out = run_cli(
        {
            "mode": "cross",
            "wallet_balance": "1535443.01",
            "positions": [
                {
                    "symbol": "BTCUSDT", "side": "long", "quantity": "109.488",
                    "entry_price": "32481.98", "mark_price": "31967.27", "leverage": 20,
                    "maintenance_margin_rate": "0.025", "maintenance_amount": 16300,
                },
                {
                    "symbol": "ETHUSDT", "side": "long", "quantity": "3683.979",
                    "entry_price": "1456.84", "mark_price": "1335.18", "leverage": 20,
                    "maintenance_margin_rate": "0.1", "maintenance_amount": 135365,
                },
            ],
        }
    )
    btc, eth = out["positions"]
    assert cents(btc["liquidation_price"]) == Decimal("26316.89")
    assert cents(eth["liquidation_price"]) == Decimal("1153.26")
    assert money(btc["liquidation_price"]) == "$26,316.89"


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
