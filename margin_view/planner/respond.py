"""The planning calculator's reply: one request (fields as typed) in, everything the page shows out.

The reply has the liquidation calculator's shape (:func:`margin_view.form.respond.respond`), so the page's script
applies either: ``values``, ``errors``, ``normalised``, ``notices``, ``replace``, ``query``, ``hidden`` and
``hidden_groups``, and a ``view`` (None while any field is at fault: the page keeps its last good figures) holding
the figures every mode shares (``figures``), one panel per mode with its liquidation price and its verdict, the
chart and a one-line summary. One :func:`calc.plan` per mode shown.

>>> reply = respond_plan({})
>>> reply["view"]["figures"]["quantity"], reply["view"]["modes"]["isolated"]["figures"]["stop_before_liquidation"]
('0.1 BTC', 'Yes')
>>> reply["query"]
'tab=plan&mode=both&side=long&balance=10000&risk=1&entry=50000&stop=49000&leverage=10&exchange=none&preset=binance-btcusdt&fee=0'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from calc import Plan, ScenarioError, engine_context, plan

from ..form.controls import link_notices, query
from ..form.read import read_fields
from ..form.request import from_link, read_request, with_link_fallbacks
from ..form.schema import CUSTOM, NO_EXCHANGE
from ..svg.stop_line import stop_chart
from ..text import format as fmt
from ..text.catalogue import section
from ..text.figures import plan_text
from ..text.messages import reason
from .schema import PLAN_FORM, QUESTION_KEYS

__all__ = ["COMMON_FIGURES", "MODE_FIGURES", "respond_plan"]

#: What the trade's size gives whatever the mode, shown once above the modes' panels.
COMMON_FIGURES: Final = ("quantity", "notional", "risk_amount", "loss_at_stop", "fees", "stop_distance",
                         "max_leverage")
#: Each mode's own figures: where it is liquidated, whether the stop comes first, by how much.
MODE_FIGURES: Final = ("liquidation_price", "stop_before_liquidation", "stop_to_liquidation", "margin")
#: The figures each mode keeps in view on a phone while the reader is in the form.
GLANCE_FIGURES: Final = ("stop_before_liquidation", "liquidation_price")
_MODES: Final = ("isolated", "cross")


def _question(parsed: Mapping[str, object], mode: str) -> dict[str, object]:
    """The form's inputs as a :func:`calc.plan` question for *mode* (percentages typed, fractions asked)."""
    def fraction(name: str) -> Decimal:
        value = parsed[name]
        assert isinstance(value, Decimal)
        with engine_context():
            return value / 100

    question: dict[str, object] = {
        "question": "position_size", "side": parsed["side"], "mode": mode, "entry_price": parsed["entry"],
        "stop_price": parsed["stop"], "account_balance": parsed["balance"], "risk": fraction("risk"),
        "fee_rate": fraction("fee"), "leverage": parsed["leverage"],
    }
    if parsed["exchange"] != NO_EXCHANGE:
        question["exchange"] = parsed["exchange"]
    elif parsed["preset"] == CUSTOM:
        question["maintenance_margin_rate"] = fraction("rate")
    else:
        question["tiers"] = parsed["preset"]
    return question


def _message(error: ScenarioError, locale: str) -> str:
    """The form's words for an engine error, by its kind (a leverage over its bracket names the cap)."""
    messages: Mapping[str, str] = section(locale, "errors")
    if error.kind == "above_bracket":
        return messages["leverage_range"].format(max=error.params["maximum"])
    if error.kind == "wallet_below_margin":
        needed = error.params["initial"]
        assert isinstance(needed, Decimal)
        return messages["balance_below_plan_margin"].format(needed=fmt.money(needed, locale))
    if error.kind in ("stop_not_below_entry", "stop_not_above_entry"):
        entry = error.params["entry"]
        assert isinstance(entry, Decimal)
        return messages[error.kind].format(entry=fmt.price(entry, locale))
    text = reason(error, locale)
    return text[:1].upper() + text[1:] + "."


def _verdict(mode: str, answer: Plan, ui: Mapping[str, Any], locale: str) -> str:
    """One sentence on the race between the stop and liquidation in *mode*, and what to change when it is lost."""
    stop = plan_text(answer, "stop_price", locale)
    name = ui["modes"][mode]
    if answer.liquidation_price is None:
        return str(ui["verdict"]["unreachable"]).format(mode=name, stop=stop)
    liquidation = plan_text(answer, "liquidation_price", locale)
    if answer.stop_before_liquidation:
        assert answer.stop_to_liquidation is not None
        return str(ui["verdict"]["stop_first"]).format(mode=name, stop=stop, liquidation=liquidation,
                                                       gap=fmt.price(abs(answer.stop_to_liquidation), locale))
    if mode == "cross":
        advice = ui["advice"]["cross"]
    elif answer.max_leverage is None:
        advice = ui["advice"]["no_leverage"]
    else:
        advice = str(ui["advice"]["isolated"]).format(leverage=plan_text(answer, "max_leverage", locale))
    return str(ui["verdict"]["liquidation_first"]).format(mode=name, stop=stop, liquidation=liquidation,
                                                          advice=advice)


def _mode_view(mode: str, answer: Plan | None, ui: Mapping[str, Any], locale: str) -> dict[str, object]:
    figures = {} if answer is None else {key: plan_text(answer, key, locale) for key in MODE_FIGURES}
    return {"shown": answer is not None, "main": list(MODE_FIGURES), "glance": list(GLANCE_FIGURES),
            "figures": figures, "liquidated": False,
            "note": "" if answer is None else _verdict(mode, answer, ui, locale)}


def _view(parsed: Mapping[str, object], errors: dict[str, str], locale: str) -> dict[str, object] | None:
    """Every mode's panel, the shared figures, the chart and the summary; None (with *errors* filled) when the engine
    refuses the inputs."""
    shown = _MODES if parsed["mode"] == "both" else (str(parsed["mode"]),)
    answers: dict[str, Plan] = {}
    for mode in shown:
        try:
            answer = plan(_question(parsed, mode))
        except ScenarioError as error:
            errors.setdefault(QUESTION_KEYS.get(str(error.path[0]) if error.path else "", "entry"),
                              _message(error, locale))
            continue
        assert isinstance(answer, Plan)  # a position-size question's answer
        answers[mode] = answer
    if errors:
        return None
    ui = section(locale, "plan")
    first = answers[shown[0]]
    modes = {mode: _mode_view(mode, answers.get(mode), ui, locale) for mode in _MODES}
    return {
        "mode": parsed["mode"],
        "figures": {key: plan_text(first, key, locale) for key in COMMON_FIGURES},
        "common": list(COMMON_FIGURES),
        "modes": modes,
        "chart": stop_chart(answers, locale),
        "summary": " ".join(str(modes[mode]["note"]) for mode in shown),
    }


def respond_plan(request: Mapping[str, object], locale: str = "en") -> dict[str, object]:
    """Read the planning form, answer each mode it shows, and return what the page displays (the module's
    docstring lists the reply). Never raises for anything a reader can type or a link can hold."""
    req = read_request(request, locale, PLAN_FORM)
    filled = from_link(req, locale, PLAN_FORM)
    notices = link_notices(req.link_query, locale, PLAN_FORM)
    reading, replace = with_link_fallbacks(req, read_fields(req.values, locale, PLAN_FORM), notices, locale,
                                           PLAN_FORM)
    unused = PLAN_FORM.hidden(reading.parsed)
    errors = {name: message for name, message in reading.errors.items() if name not in unused}
    response: dict[str, object] = {
        "values": {**filled, **replace}, "errors": errors, "normalised": reading.notes, "notices": notices,
        "replace": replace, "labels": {}, "query": query(reading.parsed, unused, PLAN_FORM),
        "hidden": sorted(unused), "hidden_groups": sorted(PLAN_FORM.hidden_groups(unused)), "sliders": {},
        "slider_text": {}, "view": None,
    }
    if not errors:
        response["view"] = _view(reading.parsed, errors, locale)
    return response
