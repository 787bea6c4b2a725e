"""The calculator's view: one request (fields as typed) in, everything the page displays out.

One function, :func:`respond`, serves both the build (which pre-renders the figures for the initial inputs) and
the browser worker (which recomputes them as the reader types), so the two print identical text. Each mode shown
costs one parse and one evaluation; the chart is drawn from that evaluation.

>>> response = respond({})
>>> response["view"]["modes"]["isolated"]["figures"]["liquidation_price"]
'$45,180.72'
>>> response["errors"]
{}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from calc import Result, Scenario, ScenarioError, evaluate, parse_scenario, result_to_data

from ..explainers.panels import explainers
from ..svg.chart import pnl_chart
from ..text import dates
from ..text.catalogue import section
from ..text.figures import format_figure
from .controls import (
    apply_contract,
    apply_exchange,
    apply_sliders,
    link_notices,
    query,
    slider_ranges,
    slider_text,
    slider_values,
)
from .read import leverage_ceiling, read_fields
from .request import from_link, read_request, with_link_fallbacks
from .scenario import Inputs, field_for, form_message, inputs_from, scenario_data
from .schema import BY_NAME, DEFAULTS, hidden, hidden_groups

__all__ = ["GLANCE_FIGURES", "MAIN_FIGURES", "MORE_FIGURES", "respond"]

#: Figures each mode's panel shows (figure keys of calc's figure table): the main ones, then "more figures".
#: The distance band sits between the distance it sorts and the max loss: how near liquidation is never shown
#: without how much a liquidation takes.
MAIN_FIGURES: Final = (
    "notional", "quantity", "liquidation_price", "bankruptcy_price", "distance_to_liquidation", "distance_band",
    "max_loss", "max_loss_coin", "unrealized_pnl", "unrealized_pnl_coin", "roe",
)
MORE_FIGURES: Final[Mapping[str, tuple[str, ...]]] = {
    "isolated": ("margin", "margin_coin", "leverage", "maintenance_rate", "maintenance_margin",
                 "maintenance_margin_coin", "margin_ratio", "exchange_margin_ratio"),
    "cross": ("margin", "margin_coin", "leverage", "maintenance_rate", "maintenance_margin", "maintenance_margin_coin",
              "account.collateral_value", "account.margin_balance", "account.maintenance_margin",
              "account.margin_ratio", "exchange_margin_ratio", "positions[1].liquidation_price"),
}
#: Shown only with an exchange's rules chosen (without, the engine has no exchange ratio to give).
_EXCHANGE_ONLY: Final = frozenset({"exchange_margin_ratio"})
#: Shown only for a coin-margined trade (a linear one has no amounts in a coin), or an account holding coins.
_INVERSE_ONLY: Final = frozenset({"unrealized_pnl_coin", "max_loss_coin", "margin_coin", "maintenance_margin_coin"})
_COLLATERAL_ONLY: Final = frozenset({"account.collateral_value"})
#: The figures of each mode that stay in view on a phone while the reader is in the calculator (a subset of the
#: main ones: the page repeats their text, it computes nothing).
GLANCE_FIGURES: Final = ("liquidation_price", "distance_to_liquidation")


def _mode_view(mode: str, scenario: Scenario, result: Result, inputs: Inputs, explain: bool,
               locale: str) -> dict[str, object]:
    data = result_to_data(result)
    figures: dict[str, str] = {}
    for key in (*MAIN_FIGURES, *MORE_FIGURES[mode]):
        if ((key in _EXCHANGE_ONLY and scenario.exchange is None) or (key in _INVERSE_ONLY and not inputs.inverse)
                or (key in _COLLATERAL_ONLY and not scenario.collateral)):
            continue
        try:
            figures[key] = format_figure(data, key, locale)
        except ScenarioError:
            pass  # e.g. no second position: the page hides that row
    first = result.positions[0]
    return {
        "shown": True, "main": list(MAIN_FIGURES), "more": list(MORE_FIGURES[mode]), "glance": list(GLANCE_FIGURES),
        "figures": figures,
        "liquidated": first.liquidated, "gauge": data["positions"][0]["gauge"], "gauge_text": figures["distance_band"],
        "note": section(locale, "calculator", "notes")["liquidated" if first.liquidated else mode],
        # The explainers cost a few milliseconds more a request: written only while the page shows them.
        "explain": explainers(scenario, result, inputs.wick.scaleb(-2), locale) if explain else None,
    }


def _hidden_view(mode: str) -> dict[str, object]:
    return {"shown": False, "main": list(MAIN_FIGURES), "more": list(MORE_FIGURES[mode]),
            "glance": list(GLANCE_FIGURES), "figures": {}, "liquidated": False, "gauge": "0", "gauge_text": "",
            "note": "", "explain": None}


def _summary(mode: str, view: object, result: Result, ui: Mapping[str, Any]) -> str:
    """One mode's line for the live summary: where liquidation is and how far, and how much it takes."""
    assert isinstance(view, dict)
    figures = view["figures"]
    key = "summary" if result.positions[0].liquidation_price is not None else "summary_unreachable"
    return str(ui[key].format(mode=ui["modes"][mode], price=figures["liquidation_price"],
                              distance=figures["distance_to_liquidation"], max_loss=figures["max_loss"]))


def _views(inputs: Inputs, errors: dict[str, str], explain: bool, locale: str) -> dict[str, object] | None:
    """Every mode's panel, the chart and the summary; None (with *errors* filled) if the engine refuses."""
    views: dict[str, object] = {}
    results: dict[str, Result] = {}
    for mode in ("isolated", "cross"):
        if mode not in inputs.modes:
            views[mode] = _hidden_view(mode)
            continue
        try:
            scenario = parse_scenario(scenario_data(inputs, mode))
            results[mode] = evaluate(scenario)
        except ScenarioError as error:
            errors[field_for(error, inputs)] = form_message(error, inputs, locale)
            continue
        views[mode] = _mode_view(mode, scenario, results[mode], inputs, explain, locale)
    if errors:
        return None
    ui = section(locale, "calculator")
    summary = " ".join(_summary(mode, views[mode], results[mode], ui) for mode in inputs.modes)
    return {"mode": inputs.mode, "modes": views, "chart": pnl_chart(results, locale), "summary": summary}


def _tiers_as_of(inputs: Inputs, locale: str) -> str:
    """Beside the symbol: whose tiers value the trade, and as of when (empty when the symbol has no table: the
    engine's error stands there instead)."""
    try:
        table = inputs.table
    except ScenarioError:
        return ""
    if table.exchange is None or table.retrieved is None:
        return ""
    return str(section(locale, "calculator")["tiers_as_of"]).format(exchange=table.exchange,
                                                                    date=dates.date(table.retrieved, locale))


def contract_labels(contract: str, locale: str) -> dict[str, str]:
    """The labels whose unit follows the contract: a coin-margined trade's margin and wallet are BTC, its prices
    US dollars."""
    ui = section(locale, "calculator")
    return {name: ui["labels_inverse"][name] if contract == "inverse" else ui["labels"][name]
            for name in ui["labels_inverse"]}


def respond(request: Mapping[str, object], locale: str = "en") -> dict[str, object]:
    """Read a form, compute every mode it shows, and return what the page displays.

    ``request``: ``values`` (field name → text as typed; missing fields take :data:`DEFAULTS`), ``sources``
    (the controls the reader changed since the last request), ``from_link`` (fields whose text came from the
    page's link: when unusable they fall back to the default with a notice instead of an error),
    ``link_query`` (the raw query, to report settings the calculator does not know) and ``explain`` (true: write
    the explainers too, see :mod:`margin_view.explainers.panels`; each mode's ``explain`` is None otherwise).

    Returns ``values`` (controls whose text changes), ``labels`` (those that follow the contract), ``errors`` and
    ``normalised`` (a message per field),
    ``notices``, ``replace`` (link fields reset to defaults), ``query`` (the link for these inputs), ``hidden``
    and ``hidden_groups`` (the fields, and groups of them, that do not matter for these inputs: the page hides
    them), ``leverage_max``, ``sliders`` (each slider's range), ``slider_text`` and ``view`` (None while any relevant
    field is invalid: the page keeps its last good figures). Never raises for anything a reader can type.
    """
    req = read_request(request, locale)
    filled = {**from_link(req, locale), **apply_contract(req.values, req.moved, locale),
              **apply_exchange(req.values, req.moved, locale)}
    apply_sliders(req.values, req.moved, locale)
    notices = link_notices(req.link_query, locale)
    reading, replace = with_link_fallbacks(req, read_fields(req.values, locale), notices, locale)
    # The fields that do not matter now: hidden, left out of the link, and their errors block nothing.
    unused = hidden(reading.parsed)
    errors = {name: message for name, message in reading.errors.items() if name not in unused}
    changed: dict[str, str] = {**filled, **replace}
    for field in BY_NAME.values():  # a slider moved writes its field
        if field.slider in req.moved and field.name not in req.moved:
            changed[field.name] = req.values[field.name]
    ceiling = leverage_ceiling(reading.parsed) or 1
    response: dict[str, object] = {
        "values": changed, "errors": errors, "normalised": reading.notes, "notices": notices, "replace": replace,
        "labels": contract_labels(str(reading.parsed.get("contract", DEFAULTS["contract"])), locale),
        "query": query(reading.parsed, unused), "hidden": sorted(unused),
        "hidden_groups": sorted(hidden_groups(unused)), "leverage_max": ceiling, "sliders": slider_ranges(ceiling),
        "slider_text": {}, "view": None,
    }
    if errors:
        return response
    inputs = inputs_from(reading.parsed)
    if "symbol" not in unused and (note := _tiers_as_of(inputs, locale)):
        reading.notes.setdefault("symbol", note)
    changed.update(slider_values(inputs, ceiling))
    response["slider_text"] = slider_text(inputs, locale)
    response["view"] = _views(inputs, errors, req.explain, locale)
    return response
