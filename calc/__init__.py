"""calc — liquidation math for USD-margined linear perpetuals, exact to the cent.

The engine and nothing else: numbers, errors, tier tables, the scenario contract, liquidation, the account,
risk, the PnL sweep, the figure table and the CLI (``python -m calc``). Standard library only; Decimal
arithmetic under an explicit context; no I/O except reading its packaged data (tier tables, error messages).
How figures are worded and laid out is the view layer's job (:mod:`margin_view`), which depends on this
package and never the other way round.

>>> out = evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> out["positions"][0]["liquidation_price"][:8]
'45180.72'
"""

from __future__ import annotations

from .account import evaluate, evaluate_data
from .choices import MAINTENANCE_PRICES, MODES, SIDES, MaintenancePrice, Mode, Side
from .errors import MISSING, Path, ScenarioError, describe, one_line, path_text
from .liquidation import MarginCurve, maintenance_margin, margin_curve
from .numbers import CONTEXT, plain, to_decimal
from .position import Position
from .results import (
    ACCOUNT_FIGURES,
    POSITION_FIGURES,
    AccountResult,
    Figure,
    PositionResult,
    Result,
    figure,
    result_to_data,
)
from .risk import RISK_BANDS, RISK_LEVELS, RiskBand, gauge_position, risk_level
from .scenario import Scenario, parse_scenario, scenario_to_data
from .sweep import PRICE_SPAN, PnlCurve, pnl_curve, pnl_sweep
from .tiers import Tier, TierTable, flat_table, load_table, parse_tiers, table_names

__all__ = [
    "ACCOUNT_FIGURES",
    "CONTEXT",
    "MAINTENANCE_PRICES",
    "MISSING",
    "MODES",
    "POSITION_FIGURES",
    "PRICE_SPAN",
    "RISK_BANDS",
    "RISK_LEVELS",
    "SIDES",
    "AccountResult",
    "Figure",
    "MaintenancePrice",
    "MarginCurve",
    "Mode",
    "Path",
    "PnlCurve",
    "Position",
    "PositionResult",
    "Result",
    "RiskBand",
    "Scenario",
    "ScenarioError",
    "Side",
    "Tier",
    "TierTable",
    "describe",
    "evaluate",
    "evaluate_data",
    "figure",
    "flat_table",
    "gauge_position",
    "load_table",
    "maintenance_margin",
    "margin_curve",
    "one_line",
    "parse_scenario",
    "parse_tiers",
    "path_text",
    "plain",
    "pnl_curve",
    "pnl_sweep",
    "result_to_data",
    "risk_level",
    "scenario_to_data",
    "table_names",
    "to_decimal",
]
