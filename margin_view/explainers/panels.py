"""The calculator's explainers for one mode's trade: the worked equation, the wick, the aftermath, and the same
trade on every exchange profile.

Each is HTML written by its own module from the engine's data for the trade's first position; the build
pre-renders them and the worker rewrites them, with the same functions, whenever the reader has them open.

>>> from decimal import Decimal
>>> from calc.evaluate import evaluate
>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]})
>>> sorted(explainers(s, evaluate(s), Decimal("1.5")))
['aftermath', 'exchanges', 'wick', 'worked']
"""

from __future__ import annotations

from decimal import Decimal

from calc import Result, Scenario, aftermath, explain, wick

from ..exchange_comparison import comparison
from ..svg.wick import wick_figure
from .timeline import timeline
from .worked import worked

__all__ = ["EXPLAINERS", "explainers"]

#: The explainers, in the order the page shows them.
EXPLAINERS = ("worked", "wick", "aftermath", "exchanges")


def explainers(scenario: Scenario, result: Result, depth: Decimal, locale: str = "en") -> dict[str, str]:
    """Each explainer's HTML for the scenario's first position, the wick reaching *depth* of the way."""
    first = scenario.positions[0]
    solved = result.roots(0)
    return {
        "worked": worked(explain(scenario, 0, solved), first.symbol, locale),
        "wick": wick_figure(wick(scenario, 0, depth, solved), liquidated=result.positions[0].liquidated,
                            locale=locale),
        "aftermath": timeline(aftermath(scenario, 0, solved), locale),
        "exchanges": comparison(scenario, locale),
    }
