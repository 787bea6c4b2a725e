"""calc — liquidation math for USD-margined linear perpetuals, exact to the cent.

Every number the guide site shows comes from here: the build, the in-browser calculator
(Pyodide) and the example cards call :func:`evaluate_data` and :func:`format_result`.
Standard library only; Decimal arithmetic under an explicit context; no I/O except reading the
packaged tier tables.

>>> out = evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> format_result(out)["positions"][0]["liquidation_price"]
'$45,180.72'
"""

from __future__ import annotations

from .account import AccountResult, PositionResult, Result, evaluate, evaluate_data, result_to_data
from .errors import NumberFormatError, ScenarioError
from .format import LOCALES, format_result, leverage, money, parse_number, percent, price, quantity, risk_label
from .liquidation import MarginCurve, maintenance_margin, margin_curve
from .numbers import CONTEXT, plain, to_decimal
from .risk import RISK_BANDS, RiskBand, gauge_position, risk_level
from .scenario import Position, Scenario, parse_scenario, scenario_to_data
from .sweep import pnl_sweep
from .tiers import Tier, TierTable, flat_table, load_table, parse_tiers, table_names

__all__ = [
    "CONTEXT",
    "LOCALES",
    "RISK_BANDS",
    "AccountResult",
    "MarginCurve",
    "NumberFormatError",
    "Position",
    "PositionResult",
    "Result",
    "RiskBand",
    "Scenario",
    "ScenarioError",
    "Tier",
    "TierTable",
    "evaluate",
    "evaluate_data",
    "flat_table",
    "format_result",
    "gauge_position",
    "leverage",
    "load_table",
    "maintenance_margin",
    "margin_curve",
    "money",
    "parse_number",
    "parse_scenario",
    "parse_tiers",
    "percent",
    "plain",
    "pnl_sweep",
    "price",
    "quantity",
    "result_to_data",
    "risk_label",
    "risk_level",
    "scenario_to_data",
    "table_names",
    "to_decimal",
]
