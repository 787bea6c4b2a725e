"""Worked-example cards: a scenario, the figures to show, and the words around them.

The build renders each ``margin-example`` block from :func:`example_view`; the browser recomputes the same view
and checks the card still agrees. A card costs one parse and one evaluation. Bad card data raises
:class:`~calc.errors.ScenarioError` with a path such as ``("show", 2)`` or ``("scenario", "positions", 0,
"leverage")``.

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

from calc import Scenario, ScenarioError, evaluate, explain, parse_scenario, result_to_data, scenario_to_data

from .explainers.worked import worked
from .form.from_scenario import form_values
from .text import format as fmt
from .text.catalogue import section
from .text.figures import figure_text, format_result, label

__all__ = ["DEFAULT_SHOW", "EXAMPLE_KEYS", "MAX_SHOW", "checked_text", "example_view"]

EXAMPLE_KEYS: Final = ("title", "scenario", "show", "caption", "worked")
#: Figures a cross position that gives no leverage does not have (they read "—", and the card says why).
NEEDS_LEVERAGE: Final = frozenset({"margin", "leverage", "roe", "total_margin"})
DEFAULT_SHOW: Final = ("margin", "leverage", "liquidation_price", "max_loss")
MAX_TEXT: Final = 300
MAX_SHOW: Final = 12


def checked_text(data: Mapping[str, object], key: str, *, required: bool) -> str:
    """Card field *key* as trimmed text (empty when optional and absent), or a ScenarioError naming it."""
    if key not in data:
        if required:
            raise ScenarioError((key,), "missing")
        return ""
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError((key,), "not_text", value)
    if len(value) > MAX_TEXT:
        raise ScenarioError((key,), "text_too_long", value, maximum=MAX_TEXT)
    return value.strip()


def _show(data: Mapping[str, object]) -> tuple[str, ...]:
    raw = data.get("show", list(DEFAULT_SHOW))
    if not isinstance(raw, list) or not raw or len(raw) > MAX_SHOW:
        raise ScenarioError(("show",), "bad_show", raw, maximum=MAX_SHOW)
    for index, key in enumerate(raw):
        if not isinstance(key, str):
            raise ScenarioError(("show", index), "not_a_figure_key", key)
    return tuple(raw)


def _flag(data: Mapping[str, object], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ScenarioError((key,), "not_a_flag", value)
    return value


def _checked_fields(data: object) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise ScenarioError((), "not_a_card", data)
    for key in data:
        if key not in EXAMPLE_KEYS:
            raise ScenarioError((str(key),), "unknown_card_field", data[key], allowed=EXAMPLE_KEYS)
    return data


def _haircuts(scenario: Scenario, locale: str) -> str:
    """Each coin held as cross collateral with its haircut (``BTC 5.00%``), or that the card holds none."""
    if not scenario.collateral:
        return str(section(locale, "example")["no_coins"])
    return ", ".join(f"{coin.asset} {fmt.rate(coin.haircut, locale)}" for coin in scenario.collateral)


def example_view(card: object, locale: str = "en") -> dict[str, object]:
    """Everything a card shows: title, caption, figures (key, label, text), assumptions, calculator link, and
    with ``worked: true`` the first position's worked equation (HTML)."""
    data = _checked_fields(card)
    title = checked_text(data, "title", required=True)
    caption = checked_text(data, "caption", required=False)
    show = _show(data)
    with_worked = _flag(data, "worked")
    if not isinstance(raw_scenario := data.get("scenario"), Mapping):
        given = (data["scenario"],) if "scenario" in data else ()  # no value shown for a card without one
        raise ScenarioError(("scenario",), "not_a_scenario", *given)
    try:
        scenario = parse_scenario(raw_scenario)
    except ScenarioError as error:
        raise error.within("scenario") from None
    result = result_to_data(evaluate(scenario))
    text = format_result(result, locale)
    figures = []
    for index, key in enumerate(show):
        try:
            figures.append({"key": key, "label": label(key, locale), "text": figure_text(text, key)})
        except ScenarioError as error:
            raise error.within("show", index) from None
    assumptions = text["assumptions"]
    form = form_values(scenario)
    without_leverage = any(p.leverage is None for p in scenario.positions) and any(
        key.rsplit(".", 1)[-1] in NEEDS_LEVERAGE for key in show)
    return {
        "title": title,
        "caption": caption,
        "note": section(locale, "example")["no_leverage"] if without_leverage else "",
        "show": list(show),
        "figures": figures,
        "liquidated": any(bool(p["liquidated"]) for p in result["positions"]),
        "assumptions": {
            "tiers": ", ".join(str(t) for t in assumptions["tiers"]),
            "convention": str(assumptions["maintenance_price"]),
            "fee": str(assumptions["fee_rate"]),
            "fee_price": str(assumptions["fee_price"]),
            "haircuts": _haircuts(scenario, locale),
        },
        "query": urlencode(form) if form is not None else None,
        "scenario": scenario_to_data(scenario),
        # The first position's worked equation (``worked: true``), as the calculator's explainer writes it.
        "worked": worked(explain(scenario, 0), scenario.positions[0].symbol, locale) if with_worked else None,
    }
