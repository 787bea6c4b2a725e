"""The JSON entry point the browser worker calls: one request in, one response out, both plain text.

Requests carry an ``op``: ``"calculator"`` (the liquidation calculator's form, see
:func:`margin_view.form.respond.respond`), ``"plan"`` (the planning calculator's, see
:func:`margin_view.planner.respond.respond_plan`), ``"plan_example"`` (a planned-trade card's ``card`` data, see
:func:`margin_view.plan_cards.plan_card_view`) or ``"example"`` (a worked-example card's, see
:func:`margin_view.cards.example_view`), and an optional ``locale``. A response is
``{"ok": true, "result": …}`` or ``{"ok": false, "error": "<one line>"}``: bad input never escapes as an exception.

>>> import json
>>> json.loads(handle_json('{"op": "nope"}'))
{'ok': False, 'error': 'op: "nope" is not one of calculator, plan, plan_example, question, example'}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from calc import CHOICES, ScenarioError, load_profile, one_line

from .cards import example_view
from .form.respond import respond
from .form.schema import SLIDERS
from .form.trade import SYMBOL
from .plan_cards import plan_card_view
from .planner.respond import respond_plan
from .questions.respond import respond_question
from .text.messages import describe

__all__ = ["data_needed", "handle", "handle_json", "warm_up"]


def _example(request: Mapping[str, object], locale: str) -> object:
    return example_view(request.get("card"), locale)


_OPERATIONS: dict[str, Callable[[Mapping[str, object], str], object]] = {
    "calculator": lambda request, locale: respond(request, locale),
    "plan": lambda request, locale: respond_plan(request, locale),
    "plan_example": lambda request, locale: plan_card_view(request.get("card"), locale),
    "question": lambda request, locale: respond_question(request, locale, str(request.get("tab", ""))),
    "example": _example,
}


def handle(request: object) -> dict[str, object]:
    """Answer one request (already decoded from JSON)."""
    if not isinstance(request, Mapping):
        return {"ok": False, "error": describe(ScenarioError(("request",), "not_a_request"))}
    op = request.get("op")
    locale = request.get("locale", "en")
    if not isinstance(op, str) or op not in _OPERATIONS:
        return {"ok": False, "error": describe(ScenarioError(("op",), "unknown_op", op, options=tuple(_OPERATIONS)))}
    try:
        return {"ok": True, "result": _OPERATIONS[op](request, locale if isinstance(locale, str) else "en")}
    except ScenarioError as error:
        return {"ok": False, "error": _words(error)}
    except Exception as error:  # the worker's boundary: report, never throw into the page
        return {"ok": False, "error": one_line(f"internal error: {type(error).__name__}: {error}")}


def _words(error: ScenarioError) -> str:
    """The error in English: the worker's errors are for the console, and a language may lack the words."""
    return describe(error, "en")


def handle_json(text: str) -> str:
    """Decode a request, answer it, encode the answer (``ensure_ascii=False``: the page reads UTF-8)."""
    try:
        request = json.loads(text)
    except ValueError:
        request = None
    return json.dumps(handle(request), separators=(",", ":"), ensure_ascii=False)


def data_needed(text: str) -> list[str]:
    """The exchanges whose tier data a calculator request *text* needs and the engine does not hold yet (in the
    browser the data files are not in the engine's archive), for the worker to fetch before it answers: the exchange
    the request picks, and, when it asks for the explainers on a symbol other than BTCUSDT, every other exchange's
    too (the comparison values that symbol on each). Names are the profiles', so the worker can put them in a URL.

    >>> data_needed('{"op": "calculator", "values": {"exchange": "binance"}}')  # here every file is present
    []
    """
    try:
        request = json.loads(text)
    except ValueError:
        return []
    if not isinstance(request, Mapping) or request.get("op") != "calculator":
        return []
    values = request.get("values")
    exchange = values.get("exchange") if isinstance(values, Mapping) else None
    if not isinstance(values, Mapping) or not isinstance(exchange, str) or exchange not in CHOICES["exchange"]:
        return []
    wanted = [exchange]
    if request.get("explain") is True and str(values.get("symbol", SYMBOL)).strip().upper() != SYMBOL:
        wanted += [name for name in CHOICES["exchange"] if name != exchange]
    return [name for name in wanted if _missing(name)]


def _missing(exchange: str) -> bool:
    """Whether *exchange* ships data the engine cannot read here yet."""
    try:
        _ = load_profile(exchange).listed  # reads the exchange's data file, which may not be here yet
    except ScenarioError as error:
        return error.kind == "data_missing"
    return False


def warm_up(move: int) -> None:
    """Answer one of the moves the worker makes while idle, thrown away: the browser compiles the runtime's hot paths
    as they run, so a reader's first real drags are as quick as later ones. Moves alternate between the sliders
    (:data:`~margin_view.form.schema.SLIDERS`: leverage, then price) across their ranges."""
    slider = SLIDERS[move % 2]
    value = 2 + (move * 7) % 40 if slider == "leverage_slider" else move - 20
    handle({"op": "calculator", "values": {slider: str(value)}, "sources": [slider]})
