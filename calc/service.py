"""The JSON entry point the browser worker calls: one request in, one response out, both plain text.

Requests carry an ``op``: ``"calculator"`` (the form, see :func:`calc.calculator.respond`) or ``"example"`` (a
card's ``card`` data, see :func:`calc.examples.example_view`). A response is ``{"ok": true, "result": …}`` or
``{"ok": false, "error": "<one line>"}``: bad input never escapes as an exception.

>>> import json
>>> json.loads(handle_json('{"op": "nope"}'))
{'ok': False, 'error': 'op: "nope" is not one of calculator, example'}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from .calculator import respond
from .errors import ScenarioError, show_value
from .examples import example_view

__all__ = ["handle", "handle_json"]


def _example(request: Mapping[str, object], locale: str) -> object:
    card = request.get("card")
    if not isinstance(card, Mapping):
        raise ScenarioError("card", card, "must be a card's fields")
    return example_view(card, locale)


_OPERATIONS: dict[str, Callable[[Mapping[str, object], str], object]] = {
    "calculator": lambda request, locale: respond(request, locale),
    "example": _example,
}


def handle(request: object) -> dict[str, object]:
    if not isinstance(request, Mapping):
        return {"ok": False, "error": "request: must be a JSON object"}
    op = request.get("op")
    locale = request.get("locale", "en")
    if not isinstance(op, str) or op not in _OPERATIONS:
        return {"ok": False, "error": f"op: {show_value(op)} is not one of {', '.join(_OPERATIONS)}"}
    try:
        return {"ok": True, "result": _OPERATIONS[op](request, locale if isinstance(locale, str) else "en")}
    except (ScenarioError, ValueError) as error:
        return {"ok": False, "error": _one_line(str(error)) or type(error).__name__}
    except Exception as error:  # the worker's boundary: report, never throw into the page
        return {"ok": False, "error": _one_line(f"internal error: {type(error).__name__}: {error}")}


def _one_line(text: str) -> str:
    """One printable line, whatever characters the request's keys held."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:300]


def handle_json(text: str) -> str:
    try:
        request = json.loads(text)
    except ValueError:
        request = None
    return json.dumps(handle(request), separators=(",", ":"), ensure_ascii=False)
