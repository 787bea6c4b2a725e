"""Evaluate a scenario: every figure the site shows for a position and its account.

:func:`evaluate` works on the typed model and returns a :class:`~calc.results.Result`; :func:`evaluate_data` is
the boundary the CLI calls — JSON-able data in, JSON-able data out, numbers as decimal strings at full precision so
that CPython and Pyodide print byte-identical results.

>>> out = evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> out["positions"][0]["liquidation_price"], out["positions"][0]["distance_band"]
('45180.72289156626506024096385542169', 'near')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from .liquidation import maintenance_margin, margin_curve, nearest_root
from .numbers import engine_context
from .position import Position
from .profiles import MarginRatio, RoeBasis
from .results import AccountResult, PositionResult, Result, Solved, result_to_data
from .risk import distance_band, gauge_position
from .scenario import Scenario, parse_scenario
from .stop import stop_first
from .tiers import Tier

__all__ = ["evaluate", "evaluate_data"]

_ZERO = Decimal(0)


def _roe(p: Position, pnl: Decimal, basis: RoeBasis, fee_rate: Decimal) -> Decimal | None:
    """Return on equity: the PnL over the margin, or over what the selected exchange divides by (its profile's
    ``roe`` rule); None where that needs a leverage the position does not give. In the margin asset, so an inverse
    position's is its return in coins (Binance COIN-M: "ROE = unrealized PnL in coin / initial margin in coin")."""
    if p.inverse:
        pnl = pnl / p.mark_price  # *pnl* is in dollars at the mark
    if basis == "margin":
        return None if p.margin is None else pnl / p.margin
    if p.leverage is None:
        return None
    if basis == "initial_at_mark":  # Binance, "A Beginner's Guide to Futures Trading": Q × mark × IMR
        return pnl / (p.value_at(p.mark_price) / p.leverage)
    opening = p.entry_value / p.leverage
    if basis == "opening_margin":  # Bybit: the margin used to open it, initial margin plus the fee to close
        opening += p.fee_to_close(fee_rate)
    return pnl / opening


def _ratios(mm: Decimal, equity: Decimal | None, kind: MarginRatio | None) -> tuple[Decimal | None, Decimal | None]:
    """(the engine's margin ratio, the exchange's): maintenance over equity, rising to 100 % at liquidation; the
    exchange's is that, its inverse (OKX), or None (no profile, or none named)."""
    if equity is None or equity <= 0:
        return None, None
    ratio = mm / equity
    if kind == "maintenance_over_balance":
        return ratio, ratio
    if kind == "balance_over_maintenance":
        return ratio, equity / mm if mm > 0 else None
    return ratio, None


def _position_result(p: Position, solved: Solved, bankruptcy: Decimal | None, maintenance: tuple[Decimal, Tier],
                     pnl: Decimal, max_loss: Decimal, liquidated: bool, ratios: tuple[Decimal | None, Decimal | None],
                     roe: Decimal | None) -> PositionResult:
    """Every figure of one position at its mark; *maintenance* in its margin asset, the rest in dollars."""
    lp = nearest_root(solved.roots, p.mark_price)
    distance = None if lp is None else abs(p.mark_price - lp) / p.mark_price
    stop = p.stop_price
    mm, tier = maintenance
    mark = p.mark_price
    # An inverse position's own figures are coins; each is shown in dollars at the mark as well.
    coin = (lambda amount: amount) if p.inverse else (lambda amount: None)
    return PositionResult(
        symbol=p.symbol, contract=p.contract, side=p.side, tiers=p.tiers.name, entry_price=p.entry_price,
        mark_price=mark, quantity=p.quantity, notional=p.to_usd(p.value_at(mark), mark),
        entry_notional=p.entry_notional, margin=None if p.margin is None else p.to_usd(p.margin, mark),
        leverage=p.leverage, maintenance_margin=p.to_usd(mm, mark), maintenance_rate=tier.rate, unrealized_pnl=pnl,
        roe=roe, liquidation_price=lp, bankruptcy_price=bankruptcy,
        distance_to_liquidation=distance, max_loss=max_loss, stop_price=stop,
        pnl_at_stop=None if stop is None else p.pnl_at(stop), stop_before_liquidation=stop_first(p, solved.roots),
        distance_band=distance_band(distance, liquidated),
        gauge=gauge_position(distance, liquidated), liquidated=liquidated, margin_ratio=ratios[0],
        exchange_margin_ratio=ratios[1], margin_coin=coin(p.margin), maintenance_margin_coin=coin(mm),
        unrealized_pnl_coin=coin(pnl / mark), max_loss_coin=coin(max_loss / mark),
    )


def _account_result(scenario: Scenario, total_mm: Decimal, total_pnl: Decimal) -> AccountResult:
    cross = scenario.mode == "cross"
    balance = scenario.cross_funds + total_pnl if cross else None
    margins = [None if p.margin is None else p.to_usd(p.margin, p.mark_price) for p in scenario.positions]
    return AccountResult(
        mode=scenario.mode,
        wallet_balance=scenario.wallet_balance if cross else None,
        collateral_value=sum((c.value for c in scenario.collateral), _ZERO) if scenario.collateral else None,
        # Unknown when a cross position gives no leverage (it states no initial margin).
        total_margin=None if None in margins else sum((m for m in margins if m is not None), _ZERO),
        unrealized_pnl=total_pnl,
        margin_balance=balance,
        maintenance_margin=total_mm if cross else None,
        margin_ratio=total_mm / balance if balance is not None and balance > 0 else None,
        # Cross: one pool; when it no longer covers maintenance, every position goes.
        liquidated=balance is not None and balance <= total_mm,
    )


def _loss_units(scenario: Scenario, p: Position) -> Decimal:
    """Coins of *p*'s own asset among what it can lose, whose dollar worth moves with its price: an inverse isolated
    margin, cross collateral in that coin."""
    if scenario.mode == "isolated":
        assert p.margin is not None
        return p.margin if p.inverse else _ZERO
    return sum((c.amount for c in scenario.collateral if c.asset == p.asset), _ZERO)


def _with_loss_units(solved: Solved, units: Decimal) -> Solved:
    """*solved* for a position whose loss includes *units* coins (most have none: the shared record serves them)."""
    return replace(solved, loss_units=units) if units else solved


def evaluate(scenario: Scenario) -> Result:
    """Compute every position's and the account's figures at the mark prices; solve each margin curve once."""
    with engine_context():
        cross = scenario.mode == "cross"
        # Cross: one curve per symbol, shared by its legs; isolated: one per position.
        keys = [p.symbol if cross else str(i) for i, p in enumerate(scenario.positions)]
        solved: dict[str, tuple[Solved, Decimal | None]] = {}
        for i, key in enumerate(keys):
            if key not in solved:
                curve = margin_curve(scenario, i)
                solved[key] = Solved(curve, curve.roots()), curve.bankruptcy_price()
        # A fee to close valued at the bankruptcy price is shown, as Bybit prints it ("Maintenance Margin =
        # (40,000 × 0.5%) − 0 + 21.56"), at the one the initial margin sets; the solve moves it with added margin.
        at_bankruptcy = scenario.fee_price == "bankruptcy"
        maintenance = [
            maintenance_margin(p, p.mark_price, scenario.fee_rate, scenario.maintenance_price,
                               p.fee_to_close(scenario.fee_rate) if at_bankruptcy else None)
            for p in scenario.positions
        ]
        pnls = [p.pnl_at(p.mark_price) for p in scenario.positions]
        total_mm = sum((p.to_usd(mm, p.mark_price) for p, (mm, _) in zip(scenario.positions, maintenance)), _ZERO)
        account = _account_result(scenario, total_mm, sum(pnls, _ZERO))
        # The most a cross account can lose is all of it at market value (haircuts only discount it as margin).
        everything = (scenario.wallet_balance or _ZERO) + sum((c.market_value for c in scenario.collateral), _ZERO)
        profile = scenario.exchange
        kind = profile.margin_ratio if profile else None
        basis = profile.roe if profile else "margin"
        rows: list[PositionResult] = []
        for i, p in enumerate(scenario.positions):
            here, bankruptcy = solved[keys[i]]
            liquidated = account.liquidated if cross else here.curve.value(p.mark_price) <= 0
            if cross:
                max_loss = everything
                ratios = _ratios(total_mm, account.margin_balance, kind)
            else:
                assert p.margin is not None  # an isolated position always has its margin
                max_loss = p.to_usd(p.margin, p.mark_price)
                ratios = _ratios(p.to_usd(maintenance[i][0], p.mark_price), max_loss + pnls[i], kind)
            rows.append(_position_result(p, here, bankruptcy, maintenance[i], pnls[i], max_loss, liquidated, ratios,
                                         _roe(p, pnls[i], basis, scenario.fee_rate)))
        per_position = tuple((p, _with_loss_units(solved[keys[i]][0], _loss_units(scenario, p)))
                             for i, p in enumerate(scenario.positions))
    tables = tuple(dict.fromkeys(p.tiers for p in scenario.positions))
    return Result(tuple(rows), account, scenario.maintenance_price, scenario.fee_rate, tables, per_position,
                  scenario.fee_price, profile, scenario.overrides)


def evaluate_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Parse, evaluate and serialise one scenario: the function the CLI calls.

    Raises :class:`~calc.errors.ScenarioError` for bad input.
    """
    return result_to_data(evaluate(parse_scenario(data)))
