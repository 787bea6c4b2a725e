"""Evaluate a scenario: every figure the site shows for a position and its account.

:func:`evaluate` works on the typed model; :func:`evaluate_data` is the boundary the CLI and the
browser worker call — JSON-able data in, JSON-able data out, numbers as decimal strings at full
precision so that CPython and Pyodide print byte-identical results.

>>> out = evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> out["positions"][0]["liquidation_price"], out["positions"][0]["risk_level"]
('45180.72289156626506024096385542169', 'high')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .liquidation import MarginCurve, maintenance_margin, margin_curve
from .numbers import engine_context, plain
from .risk import RiskLevel, gauge_position, risk_level
from .scenario import MaintenancePrice, Mode, Scenario, Side, parse_scenario
from .tiers import TierTable

__all__ = ["AccountResult", "PositionResult", "Result", "evaluate", "evaluate_data", "result_to_data"]

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class PositionResult:
    """Figures for one position, at its mark price (see :func:`result_to_data` for their meaning)."""

    symbol: str
    side: Side
    tiers: str
    entry_price: Decimal
    mark_price: Decimal
    quantity: Decimal
    notional: Decimal
    entry_notional: Decimal
    margin: Decimal
    leverage: Decimal
    maintenance_margin: Decimal
    maintenance_rate: Decimal
    unrealized_pnl: Decimal
    roe: Decimal
    liquidation_price: Decimal | None
    bankruptcy_price: Decimal | None
    distance_to_liquidation: Decimal | None
    max_loss: Decimal
    risk_level: RiskLevel
    gauge: Decimal
    liquidated: bool


@dataclass(frozen=True, slots=True)
class AccountResult:
    """Account totals. Cross-only figures are None in isolated mode."""

    mode: Mode
    total_margin: Decimal
    unrealized_pnl: Decimal
    wallet_balance: Decimal | None
    margin_balance: Decimal | None
    maintenance_margin: Decimal | None
    margin_ratio: Decimal | None
    liquidated: bool


@dataclass(frozen=True, slots=True)
class Result:
    """Positions in input order, the account, and the conventions used."""

    positions: tuple[PositionResult, ...]
    account: AccountResult
    maintenance_price: MaintenancePrice
    fee_rate: Decimal
    tiers: tuple[TierTable, ...]


def evaluate(scenario: Scenario) -> Result:
    """Compute every position's and the account's figures at the mark prices."""
    with engine_context():
        cross = scenario.mode == "cross"
        # Cross: one curve per symbol, shared by its legs; solve each once.
        solved: dict[str, tuple[MarginCurve, Decimal | None, Decimal | None]] = {}
        maintenance = [
            maintenance_margin(p, p.mark_price, scenario.fee_rate, scenario.maintenance_price)
            for p in scenario.positions
        ]
        pnls = [p.pnl_at(p.mark_price) for p in scenario.positions]
        total_mm = sum((mm for mm, _ in maintenance), _ZERO)
        total_pnl = sum(pnls, _ZERO)
        margin_balance = None
        account_liquidated = False
        if cross:
            assert scenario.wallet_balance is not None
            margin_balance = scenario.wallet_balance + total_pnl
            # Cross: one pool; when it no longer covers maintenance, every position goes.
            account_liquidated = margin_balance <= total_mm

        rows: list[PositionResult] = []
        for i, p in enumerate(scenario.positions):
            key = p.symbol if cross else str(i)
            if key not in solved:
                curve = margin_curve(scenario, i)
                solved[key] = (curve, curve.liquidation_price(p.mark_price), curve.bankruptcy_price())
            curve, lp, bp = solved[key]
            liquidated = account_liquidated if cross else curve.value(p.mark_price) <= 0
            distance = None if lp is None else abs(p.mark_price - lp) / p.mark_price
            mm, tier = maintenance[i]
            rows.append(
                PositionResult(
                    symbol=p.symbol,
                    side=p.side,
                    tiers=p.tiers.name,
                    entry_price=p.entry_price,
                    mark_price=p.mark_price,
                    quantity=p.quantity,
                    notional=p.quantity * p.mark_price,
                    entry_notional=p.entry_notional,
                    margin=p.margin,
                    leverage=p.leverage,
                    maintenance_margin=mm,
                    maintenance_rate=tier.rate,
                    unrealized_pnl=pnls[i],
                    roe=pnls[i] / p.margin,
                    liquidation_price=lp,
                    bankruptcy_price=bp,
                    distance_to_liquidation=distance,
                    max_loss=scenario.wallet_balance if cross and scenario.wallet_balance is not None else p.margin,
                    risk_level=risk_level(distance, liquidated),
                    gauge=gauge_position(distance, liquidated),
                    liquidated=liquidated,
                )
            )
        account = AccountResult(
            mode=scenario.mode,
            total_margin=sum((p.margin for p in scenario.positions), _ZERO),
            unrealized_pnl=total_pnl,
            wallet_balance=scenario.wallet_balance if cross else None,
            margin_balance=margin_balance,
            maintenance_margin=total_mm if cross else None,
            margin_ratio=total_mm / margin_balance if margin_balance is not None and margin_balance > 0 else None,
            liquidated=account_liquidated,
        )
    tables = tuple(dict.fromkeys(p.tiers for p in scenario.positions))
    return Result(tuple(rows), account, scenario.maintenance_price, scenario.fee_rate, tables)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _table_data(table: TierTable) -> dict[str, object]:
    data: dict[str, object] = {
        "name": table.name,
        "exchange": table.exchange,
        "source": table.source,
        "retrieved": table.retrieved,
    }
    if table.is_flat:
        # Two flat tables share a name; their rate tells them apart.
        data["rate"] = plain(table.tiers[0].rate)
        data["amount"] = plain(table.tiers[0].amount)
    return data


def result_to_data(result: Result) -> dict[str, Any]:
    """Write *result* as JSON-able data: numbers as plain decimal strings, None as null.

    Position keys: symbol, side, tiers (table name), entry_price, mark_price, quantity, notional (at mark),
    entry_notional, margin (isolated: as it stands; cross: initial margin), leverage,
    maintenance_margin (at mark, fee allowance included; convention "entry": at entry notional),
    maintenance_rate (the bracket's rate, without fee), unrealized_pnl, roe (PnL / margin),
    liquidation_price, bankruptcy_price, distance_to_liquidation (|mark − LP| / mark),
    max_loss (isolated: margin; cross: wallet balance), risk_level, gauge (0 safe … 1 liquidation),
    liquidated.
    """
    positions = [
        {
            "symbol": r.symbol,
            "side": r.side,
            "tiers": r.tiers,
            "entry_price": plain(r.entry_price),
            "mark_price": plain(r.mark_price),
            "quantity": plain(r.quantity),
            "notional": plain(r.notional),
            "entry_notional": plain(r.entry_notional),
            "margin": plain(r.margin),
            "leverage": plain(r.leverage),
            "maintenance_margin": plain(r.maintenance_margin),
            "maintenance_rate": plain(r.maintenance_rate),
            "unrealized_pnl": plain(r.unrealized_pnl),
            "roe": plain(r.roe),
            "liquidation_price": _num(r.liquidation_price),
            "bankruptcy_price": _num(r.bankruptcy_price),
            "distance_to_liquidation": _num(r.distance_to_liquidation),
            "max_loss": plain(r.max_loss),
            "risk_level": r.risk_level,
            "gauge": plain(r.gauge),
            "liquidated": r.liquidated,
        }
        for r in result.positions
    ]
    a = result.account
    account: dict[str, object]
    if a.mode == "isolated":
        account = {"mode": a.mode, "total_margin": plain(a.total_margin), "unrealized_pnl": plain(a.unrealized_pnl)}
    else:
        account = {
            "mode": a.mode,
            "wallet_balance": _num(a.wallet_balance),
            "total_margin": plain(a.total_margin),
            "unrealized_pnl": plain(a.unrealized_pnl),
            "margin_balance": _num(a.margin_balance),
            "maintenance_margin": _num(a.maintenance_margin),
            "margin_ratio": _num(a.margin_ratio),
            "liquidated": a.liquidated,
        }
    assumptions = {
        "maintenance_price": result.maintenance_price,
        "fee_rate": plain(result.fee_rate),
        "tiers": [
            _table_data(t) for t in result.tiers
        ],
    }
    return {"positions": positions, "account": account, "assumptions": assumptions}


def evaluate_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Parse, evaluate and serialise one scenario: the function the CLI and the browser call.

    Raises :class:`~calc.errors.ScenarioError` for bad input.
    """
    return result_to_data(evaluate(parse_scenario(data)))
