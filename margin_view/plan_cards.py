"""Planning cards: a planning question (:func:`calc.plan`: a position size, a target price, a break-even…), the
figures to show, and the words around them.

The build renders each ``margin-plan`` block from :func:`plan_card_view`; the browser recomputes the same view and
checks the card still agrees, as it does for worked-example cards (:mod:`margin_view.cards`). Bad card data raises
:class:`~calc.errors.ScenarioError` with a path such as ``("show", 2)`` or ``("question", "stop_price")``.

>>> view = plan_card_view({"title": "1 % at a 2 % stop, 25x isolated",
...                        "question": {"side": "long", "entry_price": 50000, "stop_price": 49000,
...                                     "account_balance": 10000, "risk": "0.01", "leverage": 25},
...                        "show": ["quantity", "liquidation_price", "stop_before_liquidation"]})
>>> [figure["text"] for figure in view["figures"]]
['0.1 BTC', '$48,192.77', 'Yes']
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from calc import Plan, ScenarioError, engine_context, plain, plan

from .cards import MAX_SHOW, checked_text
from .form.controls import query
from .form.read import read_fields
from .form.schema import CUSTOM, NO_EXCHANGE
from .planner.schema import PLAN_FORM
from .text import format as fmt
from .text.catalogue import section
from .text.figures import PlanAnswer, plan_label, plan_text

__all__ = ["PLAN_CARD_KEYS", "plan_card_view", "planner_query"]

PLAN_CARD_KEYS: Final = ("title", "question", "show", "caption")
DEFAULT_SHOW: Final = ("quantity", "margin", "liquidation_price", "stop_before_liquidation", "max_leverage")


def _show(data: Mapping[str, object], answer: PlanAnswer) -> tuple[str, ...]:
    """The figures the card shows: its ``show`` list, checked against the answer's figures; by default a position
    size's usual five, or every figure another question answers with."""
    figures = answer.FIGURES
    default = DEFAULT_SHOW if isinstance(answer, Plan) else answer.data_keys()
    raw = data.get("show", list(default))
    if not isinstance(raw, list) or not raw or len(raw) > MAX_SHOW:
        raise ScenarioError(("show",), "bad_show", raw, maximum=MAX_SHOW)
    known = tuple(key for key, figure in figures.items() if figure.shown)
    for index, key in enumerate(raw):
        if key not in known:
            raise ScenarioError(("show", index), "not_a_figure", key, known=known)
    return tuple(raw)


def planner_query(question: Mapping[str, object]) -> str | None:
    """The planner's link that asks *question* again, or None when the form cannot hold it: an
    amount rather than a share at risk, another symbol or contract, a table the form does not offer."""
    if question.get("contract", "linear") != "linear" or question.get("symbol", "BTCUSDT") != "BTCUSDT":
        return None
    if "risk" not in question or "leverage" not in question or "maintenance_amount" in question:
        return None

    def percent(key: str) -> str:
        with engine_context():
            return plain(Decimal(str(question.get(key, 0))) * 100)

    values = {**PLAN_FORM.defaults, "mode": str(question.get("mode", "isolated")), "side": str(question["side"]),
              "balance": str(question["account_balance"]), "risk": percent("risk"),
              "entry": str(question["entry_price"]), "stop": str(question["stop_price"]),
              "leverage": str(question["leverage"]), "fee": percent("fee_rate"),
              "exchange": str(question.get("exchange", NO_EXCHANGE))}
    if "maintenance_margin_rate" in question:
        values |= {"preset": CUSTOM, "rate": percent("maintenance_margin_rate")}
    elif "tiers" in question:
        values["preset"] = str(question["tiers"])
    reading = read_fields(values, "en", PLAN_FORM)
    unused = PLAN_FORM.hidden(reading.parsed)
    if any(name not in unused for name in reading.errors):
        return None
    return query(reading.parsed, unused, PLAN_FORM)


def _assumptions(question: Mapping[str, object], answer: PlanAnswer, locale: str) -> list[str]:
    """What the card assumes, one line each: a position size's mode, rules, fee and stop; another question's
    convention (and an order's exchange rule)."""
    words = section(locale, "plan_card")
    if not isinstance(answer, Plan):
        lines = [str(words["conventions"][str(question["question"])])]
        if "rule" in question:
            lines.append(f"{words['rule']}: {section(locale, 'calculator', 'options', 'exchange')[str(question['rule'])]}")
        return lines
    if "exchange" in question:
        rules = str(section(locale, "calculator", "options", "exchange")[str(question["exchange"])])
    elif "maintenance_margin_rate" in question:
        rules = f"{words['flat']} {fmt.rate(Decimal(str(question['maintenance_margin_rate'])), locale)}"
    else:
        rules = str(question.get("tiers", "binance-btcusdt"))
    return [f"{words['mode']}: {section(locale, 'words')[answer.mode]}", f"{words['rules']}: {rules}",
            f"{words['fee']}: {fmt.rate(answer.fee_rate, locale)}", str(words["stop_fills"])]


def plan_card_view(card: object, locale: str = "en") -> dict[str, object]:
    """Everything a planned-trade card shows: title, caption, figures (key, label, text), assumptions and the
    planner link; ``question`` is the question as asked, for the live re-check."""
    if not isinstance(card, Mapping):
        raise ScenarioError((), "not_a_card", card)
    for key in card:
        if key not in PLAN_CARD_KEYS:
            raise ScenarioError((str(key),), "unknown_card_field", card[key], allowed=PLAN_CARD_KEYS)
    title = checked_text(card, "title", required=True)
    caption = checked_text(card, "caption", required=False)
    raw = card.get("question")
    if not isinstance(raw, Mapping):
        raise ScenarioError(("question",), "not_a_question", *((raw,) if "question" in card else ()))
    question = {"question": "position_size", **raw}
    try:
        answer = plan(question)
    except ScenarioError as error:
        raise error.within("question") from None
    show = _show(card, answer)
    sized = isinstance(answer, Plan)
    return {
        "title": title, "caption": caption, "show": list(show),
        "figures": [{"key": key, "label": plan_label(key, locale), "text": plan_text(answer, key, locale)}
                    for key in show],
        "assumptions": _assumptions(question, answer, locale),
        # Only a position size has a form to open yet (the planner); the other questions' cards say nothing of one.
        "query": planner_query(question) if sized else None, "sized": sized,
        "question": dict(raw), "worked": None,
        "liquidated": isinstance(answer, Plan) and answer.stop_before_liquidation is False,
    }
