"""calc.evaluate: the figures per position and per account, and their JSON form."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from calc.evaluate import evaluate_data

REQUIRED = {
    "symbol", "side", "quantity", "notional", "margin", "maintenance_margin", "unrealized_pnl", "roe",
    "liquidation_price", "bankruptcy_price", "distance_to_liquidation", "max_loss", "distance_band",
    "entry_notional", "leverage", "maintenance_rate", "liquidated",
}


def card(mode: str = "isolated", **position: Any) -> dict[str, Any]:
    """The guide's example card: long $1,000 at 10x from 50,000, optionally in cross with $5,000."""
    data: dict[str, Any] = {
        "mode": mode,
        "positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10, **position}],
    }
    if mode == "cross":
        data["wallet_balance"] = 5000
    return data


def test_position_has_every_contract_key() -> None:
    """Output carries the keys of issue 2's contract (and a few more)."""
    out = evaluate_data(card())
    assert set(out["positions"][0]) >= REQUIRED
    assert set(out) == {"positions", "account", "assumptions"}


def test_isolated_card_figures() -> None:
    """Isolated 10x $1,000: size $10,000, LP 45,180.72…, distance 9.64%, max loss = margin, band near."""
    p = evaluate_data(card())["positions"][0]
    assert (p["quantity"], p["notional"], p["margin"], p["max_loss"]) == ("0.2", "10000", "1000", "1000")
    assert p["liquidation_price"].startswith("45180.72")
    assert p["distance_to_liquidation"].startswith("0.0963855")
    assert (p["distance_band"], p["liquidated"], p["unrealized_pnl"], p["roe"]) == ("near", False, "0", "0")


def test_cross_card_figures() -> None:
    """Cross 0.2 BTC with a $5,000 wallet: LP ≈ 25,100, max loss is the whole wallet."""
    out = evaluate_data(card("cross"))
    p, account = out["positions"][0], out["account"]
    assert p["liquidation_price"].startswith("25100.40")
    assert p["max_loss"] == "5000"
    assert account == {
        "mode": "cross", "wallet_balance": "5000", "collateral_value": None, "total_margin": "1000", "unrealized_pnl": "0",
        "margin_balance": "5000", "maintenance_margin": "40", "margin_ratio": "0.008", "liquidated": False,
    }


def test_mark_past_liquidation_is_reported_not_refused() -> None:
    """A mark price beyond the liquidation price gives liquidated = true and risk "liquidated"."""
    p = evaluate_data(card(mark_price=45000))["positions"][0]
    assert p["liquidated"] is True and p["distance_band"] == "liquidated"
    assert Decimal(p["unrealized_pnl"]) == -1000


def test_cross_liquidation_takes_every_position() -> None:
    """In cross, a margin balance below maintenance liquidates the whole account."""
    out = evaluate_data({"mode": "cross", "wallet_balance": 1100, "positions": [
        {"side": "long", "entry_price": 50000, "mark_price": 44000, "margin": 1000, "leverage": 10},
        {"symbol": "ETHUSDT", "side": "short", "entry_price": 3000, "quantity": "0.01", "leverage": 10,
         "maintenance_margin_rate": "0.01"}]})
    assert out["account"]["liquidated"] is True
    assert [p["liquidated"] for p in out["positions"]] == [True, True]
    assert out["account"]["margin_ratio"] is None  # margin balance 1,100 − 1,200 < 0


def test_isolated_account_totals() -> None:
    """Isolated account: total margin and total unrealized PnL."""
    data = card(mark_price=51000)
    data["positions"].append({"side": "short", "entry_price": 50000, "mark_price": 51000, "margin": 500,
                              "leverage": 5})
    account = evaluate_data(data)["account"]
    assert account == {"mode": "isolated", "total_margin": "1500", "unrealized_pnl": "150"}  # +200 − 50


def test_assumptions_are_echoed() -> None:
    """The output says which convention, fee and tier tables (with dates) it used."""
    out = evaluate_data({**card(), "fee_rate": "0.0005", "maintenance_price": "entry"})
    assert out["assumptions"]["maintenance_price"] == "entry"
    assert out["assumptions"]["fee_rate"] == "0.0005"
    assert out["assumptions"]["tiers"][0]["name"] == "binance-btcusdt"
    assert out["assumptions"]["tiers"][0]["retrieved"] == "2024-10-24"


def test_positions_stay_in_input_order() -> None:
    """Results come back in the order the positions were given."""
    data = card()
    data["positions"].insert(0, {"side": "short", "entry_price": 100, "quantity": 1, "leverage": 2,
                                 "symbol": "SOLUSDT", "maintenance_margin_rate": "0.02"})
    assert [p["symbol"] for p in evaluate_data(data)["positions"]] == ["SOLUSDT", "BTCUSDT"]


def test_numbers_are_plain_strings_and_output_is_canonical_json() -> None:
    """Every number is a plain decimal string; the canonical dump is stable."""
    out = evaluate_data(card(mark_price="47123.456"))
    text = json.dumps(out, separators=(",", ":"))
    assert "e" not in "".join(v for v in out["positions"][0].values() if isinstance(v, str) and v[0].isdigit())
    assert "-0\"" not in text and "NaN" not in text and "Infinity" not in text
    assert json.dumps(json.loads(text), separators=(",", ":")) == text
