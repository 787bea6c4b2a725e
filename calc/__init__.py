"""calc — liquidation math for perpetual futures, linear (USDⓈ-margined) and inverse (coin-margined), exact to the cent.

The engine and nothing else: a scenario (positions, a margin mode, an account, an exchange's rules) is read and
checked, then evaluated into every figure the site shows, each computed by the formula its exchange publishes.
Standard library only; Decimal arithmetic under one explicit context; no I/O except reading its packaged data
(tier tables, exchange profiles, haircuts, messages). How figures are worded and laid out is the view layer's job
(:mod:`margin_view`), which depends on this package and never the other way round.

The public API is what this module exports (:data:`__all__`); everything else is internal:

- **Scenarios**: :func:`parse_scenario` (data in, a checked :class:`Scenario` of :class:`Position`\\ s out, or a
  :class:`ScenarioError`: a path and a kind, never words), :func:`scenario_to_data`.
- **Results**: :func:`evaluate` gives a :class:`Result`; :func:`result_to_data` writes it as JSON-ready data;
  :data:`FIGURES` is the figure table, one :class:`Figure` per key a view can show. :func:`pnl_sweep` and
  :class:`PnlCurve` are the PnL across prices.
- **Why the figures are what they are**: :func:`explain` (:class:`Explanation`, one :class:`LegStep` per
  position), :func:`wick` (:class:`Wick`) and :func:`aftermath` (:class:`Aftermath`).
- **Planning a trade**: :func:`plan` answers a question such as "how big may this trade be for my risk and stop,
  and does the stop fire before liquidation?" with a :class:`Plan`.
- **Exchanges' data**: :func:`load_profile` (:class:`Profile`), :meth:`TierTable.load` and :meth:`TierTable.flat`
  (a :class:`TierTable` of :class:`Tier`\\ s).
- **Vocabulary and reach**: :data:`CHOICES` (every key's options) and :data:`LIMITS`, for views that offer them.
- **Numbers**: :func:`engine_context` (the one decimal context), :func:`plain` (a result number as text), and
  :func:`one_line` (a message as one bounded line).

>>> result = evaluate(parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...                                                   "leverage": 10}]}))
>>> plain(result.positions[0].liquidation_price)[:8]
'45180.72'
"""

from __future__ import annotations

from .aftermath import Aftermath, aftermath
from .errors import ScenarioError, one_line
from .evaluate import evaluate
from .explain import Explanation, LegStep, explain
from .facts import CHOICES, LIMITS
from .numbers import engine_context, plain
from .plan import Plan, plan
from .position import Position
from .profiles import Profile, load_profile
from .results import FIGURES, Figure, Result, result_to_data
from .scenario import Scenario, parse_scenario, scenario_to_data
from .sweep import PnlCurve, pnl_sweep
from .tiers import Tier, TierTable
from .wick import Wick, wick

__all__ = [
    "CHOICES",
    "FIGURES",
    "LIMITS",
    "Aftermath",
    "Explanation",
    "Figure",
    "LegStep",
    "PnlCurve",
    "Plan",
    "Position",
    "Profile",
    "Result",
    "Scenario",
    "ScenarioError",
    "Tier",
    "TierTable",
    "Wick",
    "aftermath",
    "engine_context",
    "evaluate",
    "explain",
    "load_profile",
    "one_line",
    "parse_scenario",
    "plain",
    "plan",
    "pnl_sweep",
    "result_to_data",
    "scenario_to_data",
    "wick",
]
