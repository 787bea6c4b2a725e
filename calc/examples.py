"""Worked-example cards: a scenario, the figures to show, and the words around them.

The build renders each ``margin-example`` block from :func:`example_view`; the browser recomputes the same view
and checks the card still agrees. Bad card data raises :class:`~calc.errors.ScenarioError` with a path such as
``show[2]`` or ``scenario.positions[0].leverage``.

>>> view = example_view({"title": "Isolated, 10x long",
...                      "scenario": {"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...                                                  "leverage": 10}]},
...                      "show": ["liquidation_price"]})
>>> view["figures"][0]["text"]
'$45,180.72'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import urlencode

from . import format as fmt
from .account import evaluate, result_to_data
from .calculator import form_for_scenario
from .errors import MISSING, ScenarioError
from .figures import FigureKeyError, figure_text, parse_figure_key
from .scenario import parse_scenario, scenario_to_data
from .strings import strings

__all__ = ["DEFAULT_SHOW", "EXAMPLE_KEYS", "example_view", "figure_label"]

EXAMPLE_KEYS: Final = ("title", "scenario", "show", "caption")
DEFAULT_SHOW: Final = ("margin", "leverage", "liquidation_price", "max_loss")
MAX_TEXT: Final = 300
MAX_SHOW: Final = 12


def figure_label(key: str, locale: str = "en") -> str:
    """The label of a figure key: ``"positions[1].margin"`` → ``"Position 2: Margin"``."""
    labels = strings(locale)["figures"]
    kind, index, name = parse_figure_key(key)
    if kind == "account":
        return str(labels["account"][name])
    label = str(labels["position"][name])
    return label if not index else str(labels["other_position"]).format(number=index + 1, label=label)


def _text(data: Mapping[str, object], key: str, *, required: bool) -> str:
    value = data.get(key, MISSING)
    if value is MISSING and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(key, value, "must be text" if value is not MISSING else "is missing")
    if len(value) > MAX_TEXT:
        raise ScenarioError(key, value, f"is longer than {MAX_TEXT} characters")
    return value.strip()


def _show(data: Mapping[str, object]) -> tuple[str, ...]:
    raw = data.get("show", list(DEFAULT_SHOW))
    if not isinstance(raw, list) or not raw or len(raw) > MAX_SHOW:
        raise ScenarioError("show", raw, f"must be a list of 1 to {MAX_SHOW} figure keys")
    for index, key in enumerate(raw):
        if not isinstance(key, str):
            raise ScenarioError(f"show[{index}]", key, "must be a figure key")
    return tuple(raw)


def example_view(data: Mapping[str, object], locale: str = "en") -> dict[str, object]:
    """Everything a card shows: title, caption, figures (key, label, text), assumptions, calculator link."""
    if not isinstance(data, Mapping):
        raise ScenarioError("card", data, "must be fields (title, scenario, show, caption)")
    for key in data:
        if key not in EXAMPLE_KEYS:
            raise ScenarioError(str(key), data[key], f"is not a card field; use one of: {', '.join(EXAMPLE_KEYS)}")
    title = _text(data, "title", required=True)
    caption = _text(data, "caption", required=False)
    show = _show(data)
    raw_scenario = data.get("scenario", MISSING)
    if not isinstance(raw_scenario, Mapping):
        raise ScenarioError("scenario", raw_scenario, "must be a scenario (mode, positions, …)")
    try:
        scenario = parse_scenario(raw_scenario)
    except ScenarioError as error:
        raise ScenarioError(f"scenario.{error.path}", error.value, error.reason) from None
    result = result_to_data(evaluate(scenario))
    text = fmt.format_result(result, locale)
    figures = []
    for index, key in enumerate(show):
        try:
            shown = figure_text(text, key)  # first: it explains an unknown key
            figures.append({"key": key, "label": figure_label(key, locale), "text": shown})
        except FigureKeyError as error:
            raise ScenarioError(f"show[{index}]", key, str(error)) from None
    assumptions = text["assumptions"]
    assert isinstance(assumptions, Mapping)
    form = form_for_scenario(raw_scenario)
    return {
        "title": title,
        "caption": caption,
        "show": list(show),
        "figures": figures,
        "liquidated": any(bool(p["liquidated"]) for p in result["positions"]),
        "assumptions": {
            "tiers": ", ".join(str(t) for t in assumptions["tiers"]),
            "convention": str(assumptions["maintenance_price"]),
            "fee": str(assumptions["fee_rate"]),
        },
        "query": urlencode(form) if form is not None else None,
        "scenario": scenario_to_data(scenario),
    }
