"""Interface text, one JSON file per language in ``calc/locales/``: a second language is data, not code.

The build (templates) and the browser (through :mod:`calc.calculator`) read the same file, so every label,
note and message exists once.

>>> strings("en")["calculator"]["modes"]["cross"]
'Cross margin'
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["languages", "strings"]


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a strings file, e.g. ``("en",)``."""
    folder = files("calc") / "locales"
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


@cache
def strings(language: str = "en") -> dict[str, Any]:
    """The interface text for *language*; raises ``ValueError`` naming the languages there are."""
    if language not in languages():
        raise ValueError(f"no interface text for language {language!r}; there is: {', '.join(languages())}")
    text = (files("calc") / "locales" / f"{language}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
