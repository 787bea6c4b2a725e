"""Prose names the calculator's controls as the calculator shows them, and the Dutch pages keep to one word per concept.

Read from the Markdown and the locale files, with no site build. The convention (docs/contributing.md, *Writing
style*): prose that names a control, heading or button of the calculator writes its label in italics and curly
quotes, *“Added margin”*; the label may leave out a unit in parentheses that the calculator adds (*“Added margin”*
for "Added margin (USDT)"). The Dutch term list is the first table after the paragraph that begins **Termenlijst.**
in docs-nl/contributing.md: its third column holds, in backticks, the words the Dutch edition does not use.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.test_guide_length import GUIDE_PAGES

ROOT = Path(__file__).resolve().parents[2]

#: Each edition's pages and the interface text its calculator shows.
EDITIONS = {
    "en": (ROOT / "docs", ROOT / "margin_view" / "locales" / "en.json"),
    "nl": (ROOT / "docs-nl", ROOT / "margin_view" / "locales" / "nl.json"),
}
#: Where the Dutch words live besides the pages: the calculator, the engine's messages and the hover texts.
DUTCH_TEXTS = [ROOT / "margin_view" / "locales" / "nl.json", ROOT / "calc" / "locales" / "nl.json"]
DUTCH_PROFILES = ROOT / "margin_view" / "locales" / "profiles" / "nl.json"
DUTCH_HOVERS = ROOT / "includes" / "abbreviations" / "nl.md"
TERM_PAGE = ROOT / "docs-nl" / "contributing.md"

LABEL = re.compile(r"(?<!\*)\*“([^”*]+)”\*(?!\*)")
#: A label is short and has no placeholder; longer strings are sentences (hints, notes, messages).
LABEL_LENGTH = 60
UNIT = re.compile(r"\s*\([^()]*\)$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,}).*?^(?P=indent)(?P=mark)[ \t]*$", re.S | re.M)
#: What the term check reads past: inline code, link targets, addresses, {placeholders}, HTML comments and italic
#: spans (names and titles of English pages, quoted labels).
SKIPPED = re.compile(r"`[^`\n]*`|\]\([^)]*\)|https?://\S+|\{[a-z_0-9]+\}|<!--.*?-->|(?<!\*)\*(?!\*)[^*\n]+\*(?!\*)", re.S)
TERM_LIST = re.compile(r"^\*\*Termenlijst\.\*\*.*?\n\n(?P<table>(?:\|.*(?:\n|$))+)", re.S | re.M)


def leaves(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from leaves(value)
    elif isinstance(node, str):
        yield node


def calculator_labels(locale: Path) -> set[str]:
    """Every short text the calculator, its cards and its explainers show, with and without a trailing unit."""
    words = {" ".join(text.split()) for text in leaves(json.loads(locale.read_text(encoding="utf-8")))}
    labels = {text for text in words if "{" not in text and len(text) <= LABEL_LENGTH}
    return labels | {UNIT.sub("", text) for text in labels}


def named_labels(markdown: str) -> list[str]:
    """The labels a page names in prose, as *“Label”* (spaces and line breaks inside one collapsed)."""
    return [" ".join(label.split()) for label in LABEL.findall(markdown)]


def prose_words(text: str) -> str:
    """Text a reader reads as Dutch words: fenced blocks and the SKIPPED spans blanked."""
    return SKIPPED.sub(" ", FENCE.sub(" ", text))


def uses(text: str, phrase: str) -> bool:
    """Whether *phrase* occurs as whole words (not inside a longer word or hyphenated compound), any case."""
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.I) is not None


def term_rows(page: str) -> list[list[str]]:
    """The Dutch term list's rows: English, the word this site uses, the rejected words, a note."""
    found = TERM_LIST.search(page)
    assert found, f"{TERM_PAGE.relative_to(ROOT)} has no table after its **Termenlijst.** paragraph"
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in found["table"].splitlines()]
    return [row for row in rows[2:] if len(row) == 4]


def dutch_texts() -> dict[str, str]:
    """Each Dutch text a reader sees, by where it lives: the pages (the term list itself left out), the locale
    strings and the hover texts."""
    texts = {}
    for page in sorted(EDITIONS["nl"][0].glob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        texts[page.relative_to(ROOT).as_posix()] = TERM_LIST.sub(" ", markdown)  # the list names what it rejects
    for locale in DUTCH_TEXTS:
        texts[locale.relative_to(ROOT).as_posix()] = "\n".join(leaves(json.loads(locale.read_text(encoding="utf-8"))))
    texts[DUTCH_HOVERS.relative_to(ROOT).as_posix()] = DUTCH_HOVERS.read_text(encoding="utf-8")
    # The exchange profiles' titles and notes: the Dutch of each entry, not the English it was translated from.
    profiles = json.loads(DUTCH_PROFILES.read_text(encoding="utf-8"))
    texts[DUTCH_PROFILES.relative_to(ROOT).as_posix()] = "\n".join(
        entry["nl"] for profile in profiles.values() for entry in (profile["title"], *profile["rules"].values()))
    return texts


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_prose_names_only_labels_the_calculator_of_its_language_shows(edition: str) -> None:
    """Each *“Label”* on a page of an edition is a label of that edition's calculator, cards or explainers."""
    pages, locale = EDITIONS[edition]
    known = calculator_labels(locale)
    wrong = [
        f"{page.relative_to(ROOT)}: *“{label}”* (closest: {difflib.get_close_matches(label, known, n=2) or 'none'})"
        for page in sorted(pages.glob("*.md")) for label in named_labels(page.read_text(encoding="utf-8"))
        if label not in known
    ]
    assert not wrong, "labels the calculator does not have:\n" + "\n".join(wrong)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_the_guide_names_calculator_controls_by_their_labels(edition: str) -> None:
    """The guide of each edition refers to the calculator through its labels, so the check above has work to do."""
    labels = {label for name in GUIDE_PAGES
              for label in named_labels((EDITIONS[edition][0] / name).read_text(encoding="utf-8"))}
    assert len(labels) >= 8, labels


def test_the_dutch_term_list_maps_english_terms_and_rejects_alternatives() -> None:
    """docs-nl/contributing.md holds the term list: English term → the Dutch word used, with rejected words."""
    rows = term_rows(TERM_PAGE.read_text(encoding="utf-8"))
    english = [row[0] for row in rows]
    assert len(rows) >= 15 and len(set(english)) == len(english), english
    assert sum(bool(re.findall(r"`([^`]+)`", row[2])) for row in rows) >= 10


def test_dutch_pages_and_calculator_use_none_of_the_rejected_words() -> None:
    """For each English term the list maps, the Dutch pages, the Dutch calculator and the hover texts avoid the
    words the list rejects."""
    rejected = [(row[0], word) for row in term_rows(TERM_PAGE.read_text(encoding="utf-8"))
                for word in re.findall(r"`([^`]+)`", row[2])]
    found = []
    for where, text in dutch_texts().items():
        words = prose_words(text)
        found += [f"{where}: {word!r} (for {term!r})" for term, word in rejected if uses(words, word)]
    assert not found, "rejected Dutch terms in use:\n" + "\n".join(found)


def test_each_listed_dutch_word_is_in_use() -> None:
    """The word the list gives for each term occurs in the Dutch pages or the Dutch calculator: the list describes
    the site as it is."""
    texts = "\n".join(dutch_texts().values())
    unused = []
    for term, dutch, _, _ in term_rows(TERM_PAGE.read_text(encoding="utf-8")):
        choices = [choice.strip() for part in re.split(r"[;,]", re.sub(r"\([^)]*\)", "", dutch))
                   for choice in [part] if choice.strip()]
        if not any(uses(texts, choice) for choice in choices):
            unused.append(f"{term}: {dutch}")
    assert not unused, "listed Dutch words that no Dutch text uses:\n" + "\n".join(unused)


def test_the_checks_see_labels_and_terms_and_skip_code_and_titles() -> None:
    """The readers are not blind: a label in prose is found across a line break, and a rejected word is found in
    prose but not in code, a link, a placeholder or an italic title."""
    assert named_labels("Use *“Copy link to these\n    inputs”* or **bold** and *plain italics*.") == [
        "Copy link to these inputs"]
    assert calculator_labels(EDITIONS["en"][1]) >= {"Added margin (USDT)", "Added margin", "Open in calculator"}
    sample = prose_words("De `beurs` en [link](https://beurs.nl) en {beurs} en *Beurs Title*.\n```\nbeurs\n```\n")
    assert not uses(sample, "beurs")
    assert uses(prose_words("Op de beurs."), "beurs") and not uses("de beursvloer", "beurs")
    assert not uses("coin-margined", "coin") and uses("een coin", "coin")
