"""The exchange profiles' own words in every language: each title and each rule's note has its translation, made from
the English the profile now holds, and each language's tables and comparison show it."""

from __future__ import annotations

from html import escape

import pytest

from calc import load_profile
from calc.profiles import PROFILE_NAMES
from margin_view.exchange_comparison import comparison
from margin_view.profile_tables import profile_rules
from margin_view.text import profile_words
from margin_view.text.catalogue import REFERENCE, languages

OTHERS = [language for language in languages() if language != REFERENCE]


def _english_texts() -> dict[tuple[str, str], str]:
    """Every English text of the profiles, by (profile, "title" or the rule's name)."""
    texts = {}
    for name in PROFILE_NAMES:
        profile = load_profile(name)
        texts[name, "title"] = profile.title
        texts.update({(name, rule): profile.rules[rule].says for rule in profile.RULES})
    return texts


def _entries(language: str) -> dict[tuple[str, str], object]:
    data = profile_words.translations(language)
    entries: dict[tuple[str, str], object] = {}
    for name, profile in data.items():
        entries[name, "title"] = profile.get("title")
        entries.update({(name, rule): entry for rule, entry in profile.get("rules", {}).items()})
    return entries


@pytest.mark.parametrize("other", OTHERS)
def test_every_profile_text_has_a_translation_of_its_current_english(other: str) -> None:
    """Each title and note of every profile has an entry in margin_view/locales/profiles/<language>.json, translated
    from the English the profile holds now (an entry whose English has since changed is named, to translate again),
    and the file holds nothing for a profile or rule that does not exist."""
    english, entries = _english_texts(), _entries(other)
    missing = sorted(f"{name}.{key}" for name, key in english.keys() - entries.keys())
    unknown = sorted(f"{name}.{key}" for name, key in entries.keys() - english.keys())
    stale = sorted(f"{name}.{key}" for (name, key), text in english.items()
                   if (name, key) in entries and not _current(entries[name, key], text, other))
    assert not missing, f"not translated into {other}: {missing}"
    assert not unknown, f"{other} translates texts no profile has: {unknown}"
    assert not stale, f"translated from English the profile no longer holds, translate again: {stale}"


def _current(entry: object, english: str, language: str) -> bool:
    return (isinstance(entry, dict) and entry.get(REFERENCE) == english and isinstance(entry.get(language), str)
            and bool(entry[language].strip()))


@pytest.mark.parametrize("other", OTHERS)
@pytest.mark.parametrize("name", PROFILE_NAMES)
def test_a_languages_profile_table_shows_its_own_words(name: str, other: str) -> None:
    """The profile's table on that edition's Methodology page shows the translated title and notes, none of them
    quoted in English, and writes each day checked in words of that language."""
    profile = load_profile(name)
    html = profile_rules(name, other)
    texts = [profile_words.title(profile, other), *(profile_words.says(profile, rule, other)
                                                       for rule in profile.RULES)]
    assert all(words.lang is None and escape(words.text) in html for words in texts)
    assert 'lang="en"' not in html
    assert not any(rule.checked in html for rule in profile.rules.values()), "a day written YYYY-MM-DD"


def test_the_english_tables_quote_the_profiles_as_they_are() -> None:
    """English, the profiles' own language, shows their words unchanged and unmarked."""
    for name in PROFILE_NAMES:
        profile = load_profile(name)
        html = profile_rules(name)
        assert escape(profile.title) in html and 'lang="' not in html


def test_a_stale_translation_gives_way_to_the_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a profile's English changes, the page quotes the new English, marked as English, rather than a translation
    of what the source no longer says."""
    profile = load_profile("okx")
    entry = {REFERENCE: "An older English title", "nl": "Een oudere titel"}
    monkeypatch.setattr(profile_words, "translations", lambda language: {"okx": {"title": entry}})
    assert profile_words.title(profile, "nl") == profile_words.Words(profile.title, REFERENCE)
    entry[REFERENCE] = profile.title
    assert profile_words.title(profile, "nl") == profile_words.Words("Een oudere titel")


@pytest.mark.parametrize("other", OTHERS)
def test_the_comparison_names_each_exchanges_account_in_the_language(other: str) -> None:
    """The four-exchange comparison (the calculator's and the guide's) titles each column in the page's language."""
    from calc import parse_scenario

    html = comparison(parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
                                                     "leverage": 10}]}), other)
    for name in PROFILE_NAMES:
        words = profile_words.title(load_profile(name), other)
        assert words.lang is None and escape(words.text) in html
    assert 'lang="en"' not in html
