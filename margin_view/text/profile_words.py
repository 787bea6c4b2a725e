"""The exchange profiles' own words in the reader's language: each profile's title and what each rule's source says.

The profiles (``calc/profiles/*.json``) write them in English, beside the data they describe. Another language keeps
its text in ``margin_view/locales/profiles/<language>.json``, keyed by profile name and rule, each entry holding the
English it was translated from beside the translation::

    {"bybit": {"title": {"en": "Bybit USDT perpetual, …", "nl": "Bybit USDT-perpetual, …"},
               "rules": {"tiers": {"en": "Risk-limit tiers …", "nl": "Risicolimietstaffels …"}, …}}}

A translation is used only while its English is the profile's: once the English changes, the page quotes the new
English (marked as English, :attr:`Words.lang`) rather than a translation of what the source no longer says, and
``tests/view/test_profile_words.py`` names the entry to translate again.

>>> from calc import load_profile
>>> title(load_profile("hyperliquid"), "nl")
Words(text='Hyperliquid-perpetuals (marge in USDC)', lang=None)
>>> says(load_profile("okx"), "roe", "en").text[:8]
'uplRatio'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from calc import Profile

from .catalogue import REFERENCE, languages

__all__ = ["Words", "says", "title", "translations"]


@dataclass(frozen=True, slots=True)
class Words:
    """A profile's text as shown, and the language it is in when that is not the page's (``"en"``), else None."""

    text: str
    lang: str | None = None


@cache
def translations(language: str) -> Mapping[str, Any]:
    """The profiles' words in *language*, as its file holds them (``{}`` for English, or a language without one)."""
    if language == REFERENCE or language not in languages():
        return {}
    path = files("margin_view") / "locales" / "profiles" / f"{language}.json"
    if not path.is_file():
        return {}
    data: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _words(english: str, entry: object, locale: str) -> Words:
    if locale == REFERENCE:
        return Words(english)
    if isinstance(entry, Mapping) and entry.get(REFERENCE) == english and isinstance(entry.get(locale), str):
        return Words(entry[locale])
    return Words(english, REFERENCE)


def title(profile: Profile, locale: str) -> Words:
    """The profile's title (which exchange, contract and account it describes) in *locale*."""
    return _words(profile.title, translations(locale).get(profile.name, {}).get("title"), locale)


def says(profile: Profile, rule: str, locale: str) -> Words:
    """What the source of the profile's *rule* says, in *locale*."""
    entry = translations(locale).get(profile.name, {}).get("rules", {}).get(rule)
    return _words(profile.rules[rule].says, entry, locale)
