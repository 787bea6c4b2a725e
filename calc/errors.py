"""The one error type for input the engine cannot accept, and the words for it.

A :class:`ScenarioError` is data: the *path* of the field at fault (``("positions", 0, "leverage")``), a *kind*
code (``"above_bracket"``), the value as given and the values its message needs (``maximum=125``). Code that
handles an error reads those attributes, never the message. Words come from the packaged catalogue
``calc/locales/<language>.json``, so a message can change, or be translated, without breaking any caller:

>>> err = ScenarioError(("positions", 0, "leverage"), "below_one", 0.5)
>>> err.where, err.kind
('positions[0].leverage', 'below_one')
>>> str(err)
'positions[0].leverage: 0.5 is below 1x'
>>> str(ScenarioError(("positions", 0, "side"), "missing"))
'positions[0].side: is missing'
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Final

from .numbers import plain

__all__ = ["MISSING", "Path", "ScenarioError", "describe", "fill", "message", "one_line", "path_text", "show_value"]

#: Where a value sits: keys and list indexes from the top of the input, e.g. ``("positions", 0, "leverage")``.
Path = tuple[str | int, ...]

#: Longest shown value before it is cut with an ellipsis; keeps the error to one line.
_SHOWN_MAX: Final = 40
#: Longest line any boundary (CLI, worker) passes on.
LINE_MAX: Final = 300


class _Missing:
    """Marker for "no value": a missing field, or an error about a key rather than a value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def one_line(text: str, limit: int = LINE_MAX) -> str:
    """*text* as one printable line of at most *limit* characters: the single sanitiser every boundary uses.

    >>> one_line("a\\n  b\\x00c")
    'a b?c'
    """
    flat = " ".join(text.split())
    flat = "".join(ch if ch.isprintable() else "?" for ch in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
        return one_line(str(value), _SHOWN_MAX)
    try:
        # JSON spelling is what the reader typed; ensure_ascii escapes newlines and
        # control characters so the message can never span two lines.
        text = json.dumps(value, ensure_ascii=True, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(value).encode("ascii", "backslashreplace").decode("ascii")
    return one_line(text, _SHOWN_MAX)


def path_text(path: Path) -> str:
    """``("positions", 0, "leverage")`` → ``"positions[0].leverage"``; the empty path is ``"scenario"``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "scenario"


class ScenarioError(ValueError):
    """A value the engine, or a view reading what a person typed, cannot accept.

    Attributes:
        path: where the value sits (:data:`Path`); empty for the input as a whole.
        kind: what is wrong, a code with a message in every catalogue (``"missing"``, ``"not_positive"``, …).
        value: the value as given, or :data:`MISSING` when the error is about an absent key.
        params: what the message needs besides the value (``maximum``, ``options``, …), as data.
    """

    path: Path
    kind: str
    value: object
    params: Mapping[str, object]

    def __init__(self, path: Path, kind: str, value: object = MISSING, **params: object) -> None:
        self.path = tuple(path)
        self.kind = kind
        self.value = value
        self.params = params
        super().__init__(self.path, kind, value, params)

    @property
    def where(self) -> str:
        """The path as text: ``positions[0].leverage``."""
        return path_text(self.path)

    def within(self, *prefix: str | int) -> ScenarioError:
        """The same error, for a value nested under *prefix* (a card's scenario sits under ``scenario``)."""
        return ScenarioError((*prefix, *self.path), self.kind, self.value, **self.params)

    def moved(self, path: Path) -> ScenarioError:
        """The same error, for the same value under another name (a question's key for the scenario's field)."""
        return ScenarioError(path, self.kind, self.value, **self.params)

    def reason(self, language: str = "en") -> str:
        """The engine's words for what is wrong, which follow the value: ``"is below 1x"``."""
        return message("errors", self.kind, language, **self.params)

    def fill(self, template: str) -> str:
        """*template* (a catalogue's words for this kind, the engine's or a view's) filled with this error's params."""
        return fill(template, **self.params)

    def line(self, reason: str) -> str:
        """One line: ``path: value reason``, without the value when there is none."""
        return one_line(f"{self.where}: {self.value_and(reason)}")

    def value_and(self, reason: str) -> str:
        """``value reason``: the value as given, then *reason* (the reason alone when there is no value)."""
        return reason if self.value is MISSING else f"{show_value(self.value)} {reason}"

    def __str__(self) -> str:
        try:
            return describe(self)
        except ScenarioError:  # a kind only a view's catalogue words; str() must not raise
            return self.line(f"({self.kind})")


class _Words(string.Formatter):
    """Fills a message template: decimals in plain notation, lists joined (``{options:quoted}`` quotes them)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Decimal):
            return plain(value)
        if isinstance(value, Sequence) and not isinstance(value, str):
            items = [f"'{item}'" if format_spec == "quoted" else str(item) for item in value]
            return ", ".join(items)
        return format(value, format_spec)


_WORDS: Final = _Words()


def fill(template: str, /, **params: object) -> str:
    """Fill a message *template* with an error's params, as every catalogue's messages are filled."""
    return _WORDS.format(template, **params)


@cache
def _catalogue(language: str) -> Mapping[str, Mapping[str, str]]:
    folder = resources.files("calc") / "locales"
    entry = folder / f"{language}.json"
    if not entry.is_file():
        known = sorted(item.name.removesuffix(".json") for item in folder.iterdir() if item.name.endswith(".json"))
        raise ScenarioError(("locale",), "unknown_locale", language, known=known)
    data: Mapping[str, Mapping[str, str]] = json.loads(entry.read_text(encoding="utf-8"))
    return data


def message(section: str, key: str, language: str = "en", /, **params: object) -> str:
    """A message of the engine's catalogue (``errors`` for error kinds, ``cli`` for the command line).

    A key the catalogue lacks is itself an error naming the key, never a bare ``KeyError``.
    """
    texts = _catalogue(language).get(section, {})
    if key not in texts:
        if (section, key) == ("errors", "missing_text"):  # the catalogue cannot even say that it lacks a text
            return f"has no text for {params.get('key')}"
        raise ScenarioError(("locale",), "missing_text", language, key=f"{section}.{key}")
    return fill(texts[key], **params)


def describe(error: ScenarioError, language: str = "en") -> str:
    """One line: ``path: value reason`` (without the value when there is none).

    >>> describe(ScenarioError(("mode",), "not_one_of", 1, options=("isolated", "cross")))
    "mode: 1 is not one of 'isolated', 'cross'"
    """
    return error.line(error.reason(language))
