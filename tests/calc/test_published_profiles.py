"""Figures each exchange printed, reproduced through ``python -m calc`` with that exchange's profile, to the
precision printed (or to the cent, where the printed figure carries digits no rule explains: said in each test).

Where a help-centre page's own example was cut from the stored copy, the figure comes from a public quote of it
(named in the test); OKX's help pages with numbers were not found at all, so its figures are its API's own output,
as published in public issue threads.
"""

from __future__ import annotations

from decimal import Decimal

from tests.calc.test_published import cents, run_cli


def digits(value: str, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


def as_doubles_agree(value: str, printed: str) -> bool:
    """*value* agrees with *printed* to 13 significant digits: OKX's API prints binary doubles (its PnL of −0.997 is
    "-0.9970000000000073"), whose last two or three digits are rounding noise, not the rule's."""
    return abs(Decimal(value) - Decimal(printed)) <= abs(Decimal(printed)) * Decimal("1e-13")


# --- Binance --------------------------------------------------------------------------------------------------

def test_binance_faq_maintenance_margins() -> None:
    """Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (dated 2020-08-14; its example
    through public copies): "Maintenance Margin of BTCUSDT = 71200.81144 (3500032.458 * 2.50% − 16300)" and
    "Maintenance Margin of ETHUSDT = 356,512.508 (4918775.081 * 10.00% − 135365)". The FAQ's brackets are its own
    (2020's), given as flat rates over the profile's tables; Binance adds no fee to maintenance."""
    out = run_cli({
        "exchange": "binance", "mode": "cross", "wallet_balance": "1535443.01",
        "positions": [
            {"symbol": "BTCUSDT", "side": "long", "quantity": "109.488", "entry_price": "32481.98",
             "mark_price": "31967.27", "maintenance_margin_rate": "0.025", "maintenance_amount": "16300"},
            {"symbol": "ETHUSDT", "side": "long", "quantity": "3683.979", "entry_price": "1456.84",
             "mark_price": "1335.18", "maintenance_margin_rate": "0.1", "maintenance_amount": "135365"},
        ],
    })
    btc, eth = out["positions"]
    assert digits(btc["maintenance_margin"], 5) == Decimal("71200.81144")
    assert digits(eth["maintenance_margin"], 3) == Decimal("356512.508")
    assert out["assumptions"]["exchange"]["name"] == "binance" and out["assumptions"]["fee_rate"] == "0"


def test_binance_faq_maintenance_amount_rule() -> None:
    """The same FAQ: "= 250,000 * (1% - 0.5%) + 50 USDT = 1,300 USDT", and a 264,000 USDT BTCUSDT position is in
    the 1 % bracket (the FAQ's 2021 table, 0-50k 0.4 %, 50k-250k 0.5 %, 250k-1M 1 %, given inline)."""
    tiers = [{"floor": 0, "max_leverage": 125, "rate": "0.004"}, {"floor": 50000, "max_leverage": 100, "rate": "0.005"},
             {"floor": 250000, "max_leverage": 50, "rate": "0.01"}, {"floor": 1000000, "max_leverage": 20, "rate": "0.025"}]
    out = run_cli({"exchange": "binance", "positions": [
        {"side": "long", "entry_price": 50000, "notional": 264000, "leverage": 10, "tiers": tiers}]})
    assert out["positions"][0]["maintenance_rate"] == "0.01"
    assert Decimal(out["assumptions"]["tiers"][0]["tiers"][2]["amount"]) == Decimal("1300")


# --- Bybit ----------------------------------------------------------------------------------------------------

def test_bybit_unified_account_isolated_liquidation_price() -> None:
    """Bybit, "Trading Rules: Liquidation Process (Unified Trading Account)" (its USDT example, through public
    quotes of the page): long 1 BTC at 40,000, 50x, 3,000 USDT of margin added, MMR 0.5 %, taker 0.055 %: fee to
    close 21.56, "Maintenance Margin = (40,000 x 0.5%) − 0 + 21.56 = 221.56 USDT", "Liquidation Price = 36,380.25".
    The position's margin is as Bybit holds it: initial margin, fee to close and the margin added."""
    out = run_cli({"exchange": "bybit", "positions": [
        {"side": "long", "entry_price": 40000, "quantity": 1, "leverage": 50, "margin": "3821.56"}]})
    position = out["positions"][0]
    assert cents(position["liquidation_price"]) == Decimal("36380.25")
    assert Decimal(position["maintenance_margin"]) == Decimal("221.56")


def test_bybit_bankruptcy_prices() -> None:
    """Bybit, "Bankruptcy Price (USDT Contract)": 1 BTC long at 10,000, 50x, "Bankruptcy Price = 10,000 × (1 − 2%)
    = 9,800 USDT"; "Bankruptcy Price (Perpetual and Expiry Contracts)": long at 60,000, 50x, 58,800. With the fee to
    close held in the margin and valued there, the bankruptcy price comes out exactly."""
    for entry, expected in ((10000, "9800"), (60000, "58800")):
        out = run_cli({"exchange": "bybit", "positions": [
            {"side": "long", "entry_price": entry, "quantity": 1, "leverage": 50}]})
        assert Decimal(out["positions"][0]["bankruptcy_price"]) == Decimal(expected)


# --- OKX ------------------------------------------------------------------------------------------------------

OKX_SHORTS = [
    # freqtrade issue 8681 (2023-06-09): BTC-USDT-SWAP, 1 contract (0.01 BTC), isolated short, 2x.
    ("26598.3", "26029.7", "132.9915", "0.0427546121368658", "118.3925370719686", "39718.61577899453"),
    # freqtrade issue 8761 (2023-06-11): the same position later.
    ("25956.2", "26055.9", "129.781", "-0.0076821722748321", "109.83564822810442", "38759.78053758089"),
]


def test_okx_api_margin_ratio_and_return_of_live_positions() -> None:
    """OKX's GET /api/v5/account/positions for two live isolated shorts, as published in freqtrade issues 8681 and
    8761: uplRatio (PnL over the position's margin) and mgnRatio (equity over maintenance plus the 0.05 %
    liquidation fee) to 13 significant digits (of the 16 printed); the tier's maintenance rate, 0.4 %.

    Its liqPx is one tick (0.1) below the closed form of OKX's own rule in both responses: the engine gives the
    rule's price, and the test says so rather than hide it."""
    for entry, mark, margin, upl_ratio, mgn_ratio, liq in OKX_SHORTS:
        out = run_cli({"exchange": "okx", "positions": [
            {"side": "short", "entry_price": entry, "mark_price": mark, "quantity": "0.01", "leverage": 2,
             "margin": margin}]})
        position = out["positions"][0]
        assert as_doubles_agree(position["roe"], upl_ratio)
        assert as_doubles_agree(position["exchange_margin_ratio"], mgn_ratio)
        assert position["maintenance_rate"] == "0.004"
        assert abs(Decimal(position["liquidation_price"]) - Decimal("0.1") - Decimal(liq)) < Decimal("1e-9")


# --- Hyperliquid ----------------------------------------------------------------------------------------------

def test_hyperliquid_api_docs_example() -> None:
    """Hyperliquid docs, Info endpoint > Perpetuals, clearinghouseState example (2024-02-22): ETH isolated long,
    szi 0.0335 at 2,986.3, 20x, mark 2,985.9 (positionValue 100.02765 ÷ szi), margin 4.981226 (marginUsed 4.967826
    less the PnL −0.0134), that day's 50x maximum (maintenance 1 %, given over the profile's table):
    returnOnEquity "-0.0026789" (PnL over entry price × size ÷ leverage); liquidationPx "2866.26936529", which the
    docs' formula gives to the cent (the last digits follow a mark price the response rounds)."""
    out = run_cli({"exchange": "hyperliquid", "positions": [
        {"symbol": "ETHUSDT", "side": "long", "entry_price": "2986.3", "mark_price": "2985.9", "quantity": "0.0335",
         "leverage": 20, "margin": "4.981226", "maintenance_margin_rate": "0.01"}]})
    position = out["positions"][0]
    assert digits(position["roe"], 7) == Decimal("-0.0026789")
    assert cents(position["liquidation_price"]) == cents("2866.26936529")
    assert position["exchange_margin_ratio"] is None


def test_hyperliquid_isolated_short() -> None:
    """ccxt issue 24044 (2024-10-21), a live clearinghouseState: BTC isolated short, szi −0.00067 at 68,295, 2x,
    mark 68,412, margin 22.86281 (marginUsed 22.78442 less the PnL −0.07839), 50x maximum then:
    returnOnEquity "-0.00342631", liquidationPx "101404.55209103" (to the cent, as above)."""
    out = run_cli({"exchange": "hyperliquid", "positions": [
        {"side": "short", "entry_price": "68295", "mark_price": "68412", "quantity": "0.00067", "leverage": 2,
         "margin": "22.86281", "maintenance_margin_rate": "0.01"}]})
    position = out["positions"][0]
    assert digits(position["roe"], 8) == Decimal("-0.00342631")
    assert cents(position["liquidation_price"]) == cents("101404.55209103")
