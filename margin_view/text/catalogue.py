"""Interface text, one JSON file per language in ``margin_view/locales/``: a second language is data, not code.

The build (templates) and the browser (through the worker) read the same file, so every label, note and message
exists once. English is the reference: a section asked of another language must hold every key the English
section holds, or the request fails with one line naming the first key missing — never a bare ``KeyError``.

>>> section("en", "calculator", "modes")["cross"]
'Cross margin'
>>> section("nl", "calculator", "modes")["cross"]
'Cross margin'
>>> section("fr", "calculator")
Traceback (most recent call last):
...
calc.errors.ScenarioError: locale: "fr" is not a language the site has text in; the languages are: en, nl
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from calc import ScenarioError

__all__ = ["REFERENCE", "languages", "section", "strings"]

#: The language every other one is checked against.
REFERENCE = "en"


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a strings file, e.g. ``("en", "nl")``."""
    folder = files("margin_view") / "locales"
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


@cache
def strings(language: str = REFERENCE) -> Mapping[str, Any]:
    """The whole strings file of *language*, as it is (see :func:`section` for a checked part of it)."""
    if language not in languages():
        raise ScenarioError(("locale",), "unknown_locale", language, known=languages())
    text = (files("margin_view") / "locales" / f"{language}.json").read_text(encoding="utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data


def _first_missing(reference: Mapping[str, Any], texts: object, prefix: str) -> str | None:
    """The dotted key of the first text *reference* has and *texts* lacks, or None."""
    if not isinstance(texts, Mapping):
        return prefix
    for key, value in reference.items():
        here = f"{prefix}.{key}"
        if key not in texts:
            return here
        if isinstance(value, Mapping):
            missing = _first_missing(value, texts[key], here)
            if missing:
                return missing
    return None


@cache
def section(language: str, *keys: str) -> Mapping[str, Any]:
    """``strings(language)[keys[0]][keys[1]]…``, checked complete against the English section."""
    found: Any = strings(language)
    reference: Any = strings(REFERENCE)
    for depth, key in enumerate(keys):
        reference = reference[key]
        if not isinstance(found, Mapping) or key not in found:
            raise ScenarioError(("locale",), "missing_text", language, key=".".join(keys[: depth + 1]))
        found = found[key]
    missing = _first_missing(reference, found, ".".join(keys)) if isinstance(reference, Mapping) else None
    if missing:
        raise ScenarioError(("locale",), "missing_text", language, key=missing)
    result: Mapping[str, Any] = found
    return result
