"""The one error type the engine raises for bad input.

Every check in :mod:`calc` that rejects a scenario raises :class:`ScenarioError`
naming the field path, so the CLI, the browser calculator and the docs can all
print the same single line:

>>> err = ScenarioError("positions[0].leverage", 200, "is above the bracket's maximum of 125x")
>>> str(err)
"positions[0].leverage: 200 is above the bracket's maximum of 125x"
>>> str(ScenarioError("positions[0].side", MISSING, "is missing"))
'positions[0].side: is missing'
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Final

__all__ = ["MISSING", "NumberFormatError", "ScenarioError", "show_value"]

#: Longest shown value before it is cut with an ellipsis; keeps the error to one line.
_SHOWN_MAX: Final = 40


class _Missing:
    """Marker for "no value": a missing field, or an error about a key rather than a value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def show_value(value: object) -> str:
    """Render *value* on one short line, JSON-like, for an error message.

    >>> show_value("abc")
    '"abc"'
    >>> show_value(float("nan"))
    'NaN'
    >>> len(show_value("x" * 60))
    40
    """
    if isinstance(value, Decimal):
        return _cut(str(value))
    try:
        # JSON spelling is what the reader typed; ensure_ascii escapes newlines and
        # control characters so the message can never span two lines.
        text = json.dumps(value, ensure_ascii=True, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(value).encode("ascii", "backslashreplace").decode("ascii")
    return _cut(text)


def _cut(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return text


class ScenarioError(ValueError):
    """A scenario value the engine cannot accept.

    Attributes:
        path: where the value sits, e.g. ``"positions[0].leverage"`` (``"scenario"`` for the whole input).
        value: the raw value as given, or :data:`MISSING`.
        reason: short English text that reads after the value, e.g. ``"must be positive"``.
    """

    path: str
    value: object
    reason: str

    def __init__(self, path: str, value: object, reason: str) -> None:
        self.path = path or "scenario"
        self.value = value
        self.reason = " ".join(reason.split())
        super().__init__(self.path, value, self.reason)

    def __str__(self) -> str:
        if self.value is MISSING:
            return f"{self.path}: {self.reason}"
        return f"{self.path}: {show_value(self.value)} {self.reason}"


class NumberFormatError(ValueError):
    """Typed text that is not a usable number (see :func:`calc.format.parse_number`).

    Attributes:
        text: the text as typed.
        reason: why, e.g. ``"not a number"``, ``"too large"``, ``"empty"``.

    >>> str(NumberFormatError("abc", "not a number"))
    '"abc" is not a number'
    """

    text: object
    reason: str

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(text, reason)

    def __str__(self) -> str:
        return f"{show_value(self.text)} is {self.reason}"
