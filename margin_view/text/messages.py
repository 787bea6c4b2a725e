"""Words for an error, in a language: the view's own kinds from its locale file, the engine's from the engine's.

Errors are data (:class:`calc.errors.ScenarioError`: path, kind, values); this is the one place the view turns
them into text. Nothing reads the text back.

>>> from calc.errors import ScenarioError
>>> describe(ScenarioError(("show", 2), "not_a_figure_key", 7))
'show[2]: 7 is not a figure key (use e.g. liquidation_price, positions[1].margin, account.margin_ratio)'
>>> describe(ScenarioError(("positions", 0, "side"), "missing"))
'positions[0].side: is missing'
"""

from __future__ import annotations

from calc import ScenarioError

from .catalogue import section

__all__ = ["describe", "reason"]


def reason(error: ScenarioError, locale: str = "en") -> str:
    """The words that follow the value: ``"is not a figure key (…)"``."""
    reasons = section(locale, "reasons")
    if error.kind in reasons:
        return error.fill(reasons[error.kind])
    return error.reason(locale)


def describe(error: ScenarioError, locale: str = "en") -> str:
    """One line: ``path: value reason``, without the value when there is none."""
    return error.line(reason(error, locale))
