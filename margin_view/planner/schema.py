"""The planning calculator's fields, declared once (the same :class:`~margin_view.form.schema.Field` rows as the
liquidation calculator's, in its own :class:`~margin_view.form.schema.Form`).

The defaults are the guide's example account: 10,000 USDT, 1 % of it at risk, a long at 50,000 with its stop at
49,000 (2 % away), 10x.

>>> PLAN_FORM.fields[:4], PLAN_FORM.defaults["risk"], PLAN_FORM.tab
(('mode', 'side', 'balance', 'risk'), '1', 'plan')
>>> sorted(PLAN_FORM.hidden({**PLAN_FORM.defaults, "exchange": "bybit"}))
['preset', 'rate']
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from calc import CHOICES as SCENARIO_CHOICES
from calc import LIMITS

from ..form.schema import CUSTOM, MAX_FEE_PERCENT, NO_EXCHANGE, TABLE_PRESETS, Field, Form, Group, Range, Values

__all__ = ["PLAN_FORM", "QUESTION_KEYS"]


def _own_table(values: Values) -> bool:
    """Without an exchange the reader picks the maintenance table; with one, its profile's table applies."""
    return values.get("exchange", NO_EXCHANGE) == NO_EXCHANGE


def _custom_rate(values: Values) -> bool:
    return _own_table(values) and values.get("preset") == CUSTOM


PLAN_FORM: Final = Form("plan", (
    Group("choices", "choices", (
        Field("mode", "radio", "both", ("both", *SCENARIO_CHOICES["mode"]), paths=("mode",)),
        Field("side", "radio", "long", SCENARIO_CHOICES["side"], paths=("side",)),
    )),
    Group("trade", "fieldset", (
        Field("balance", "text", "10000", hint=True, paths=("account_balance",)),
        Field("risk", "text", "1", percent=True, hint=True, paths=("risk", "risk_amount"),
              range=Range("risk_range", low=Decimal(0), high=Decimal(100), low_open=True, high_open=True)),
        Field("entry", "text", "50000", paths=("entry_price",)),
        Field("stop", "text", "49000", hint=True, paths=("stop_price",)),
        Field("leverage", "text", "10", hint=True, paths=("leverage",),
              range=Range("leverage_range", low=Decimal(1), high=LIMITS.flat_max_leverage)),
    )),
    Group("advanced", "details", (
        Field("exchange", "select", NO_EXCHANGE, (NO_EXCHANGE, *SCENARIO_CHOICES["exchange"]), hint=True,
              paths=("exchange",)),
        Field("preset", "select", TABLE_PRESETS[0], (*TABLE_PRESETS, CUSTOM), matters=_own_table,
              paths=("tiers", "symbol")),
        Field("rate", "text", "0.5", percent=True, matters=_custom_rate, paths=("maintenance_margin_rate",),
              range=Range("rate_range", low=Decimal(0), high=Decimal(100), low_open=True, high_open=True)),
        Field("fee", "text", "0", percent=True, hint=True, paths=("fee_rate",),
              range=Range("fee_range", low=Decimal(0), high=MAX_FEE_PERCENT)),
    )),
), tab="plan")

#: Which form field each question key comes from (the error routing's map, from the rows' paths).
QUESTION_KEYS: Final = {path: field.name for field in PLAN_FORM.by_name.values() for path in field.paths}
