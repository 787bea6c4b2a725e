"""The guide page stays short enough to read and keeps every topic a reader comes for, read from its Markdown.

Prose is what a reader reads as text: the page's Markdown without its front matter, HTML comments, fenced blocks
(the calculator, the worked-example cards, formulas), diagrams (``<figure class="mdx-diagram">``) and HTML tags.
Headings, tables, admonitions and the FAQ count. A word is a run of letters or digits, with inner hyphens,
apostrophes, dots or commas (``cross-margin``, ``50,000``, ``don't`` are one word each); a link counts its text,
not its address. Run ``python -m tests.site.test_guide_length`` to print the count and each topic's heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "index.md"
MAX_WORDS = 4_400
#: Each edition's guide and its limit: Dutch runs about a tenth longer than English for the same text, and its
#: guide has one section more (for readers in the Netherlands and Belgium).
GUIDES = {"en": (GUIDE, MAX_WORDS), "nl": (ROOT / "docs-nl" / "index.md", 4_900)}

#: Each topic a reader comes for, and the id of the heading that explains it (the toc extension's slug).
TOPICS = {
    "the decision in short": "in-short",
    "comparison table": "key-differences",
    "when to use each": "when-to-use-each",
    "pros and cons": "pros-and-cons",
    "the calculator": "liquidation-price-calculator",
    "the worked examples": "worked-examples",
    "mark vs last price": "mark-price-vs-last-price",
    "bankruptcy price": "bankruptcy-price",
    "tiers and the maintenance amount": "tiers-and-the-maintenance-amount",
    "partial liquidation": "partial-liquidation",
    "insurance fund": "the-insurance-fund",
    "ADL": "auto-deleveraging-adl",
    "adding margin": "adding-and-removing-margin",
    "hedge mode": "hedge-mode",
    "coin-margined contracts": "coin-margined-contracts",
    "funding": "funding",
    "how exchanges differ": "how-exchanges-differ",
    "FAQ": "frequently-asked-questions",
    "takeaways": "key-takeaways",
}

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,}).*?^(?P=indent)(?P=mark)[ \t]*$", re.S | re.M)
DIAGRAM = re.compile(r'<figure class="mdx-diagram".*?</figure>', re.S)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
LINK = re.compile(r"\]\([^)]*\)")
ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")
ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+", re.M)
WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*(?:\{([^}]*)\})?[ \t]*$", re.M)
EXPLICIT_ID = re.compile(r"#([\w-]+)")


def prose(markdown: str) -> str:
    """The text a reader reads as prose: no front matter, comments, fenced blocks, diagrams, tags or link targets."""
    for pattern in (FRONT_MATTER, COMMENT, FENCE, DIAGRAM, TAG, LINK, ATTRIBUTES, ADMONITION):
        markdown = pattern.sub(" ", markdown)
    return markdown


def word_count(markdown: str) -> int:
    return len(WORD.findall(prose(markdown)))


def heading_ids(markdown: str) -> dict[str, str]:
    """Each heading's id, as the toc extension writes it (or as its ``{#id}`` gives it), mapped to its text (fenced
    blocks left out)."""
    text = FENCE.sub(" ", FRONT_MATTER.sub("", markdown))
    ids = {}
    for _, title, attributes in HEADING.findall(text):
        explicit = EXPLICIT_ID.search(attributes or "")
        ids[explicit.group(1) if explicit else slugify(title, "-")] = title
    return ids


@pytest.mark.parametrize("edition", sorted(GUIDES))
def test_the_guide_is_short_enough_in_every_edition(edition: str) -> None:
    """The guide's prose, without diagrams and card blocks, is no longer than 4,400 words (4,900 in Dutch)."""
    guide, limit = GUIDES[edition]
    count = word_count(guide.read_text(encoding="utf-8"))
    print(f"{guide.relative_to(ROOT)}: {count} words of prose (limit {limit})")
    assert count <= limit, f"{guide.relative_to(ROOT)} has {count} words of prose, more than {limit}"


@pytest.mark.parametrize("edition", sorted(GUIDES))
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_has_its_heading(topic: str, edition: str) -> None:
    """Each topic the guide promises is a heading of its own, so it can be found and linked to, in every edition."""
    ids = heading_ids(GUIDES[edition][0].read_text(encoding="utf-8"))
    assert TOPICS[topic] in ids, f"{topic}: no heading with id #{TOPICS[topic]}; headings: {sorted(ids)}"


def test_the_calculator_and_the_cards_are_on_the_page() -> None:
    """The calculator fence is there once, and the worked examples are computed cards."""
    markdown = GUIDE.read_text(encoding="utf-8")
    assert len(re.findall(r"^```margin-calculator\b", markdown, re.M)) == 1
    assert len(re.findall(r"^```margin-example\b", markdown, re.M)) >= 8


def test_the_counter_sees_prose_and_skips_the_rest() -> None:
    """The count is not blind: prose counts, while fences, diagrams, comments, tags and link targets do not."""
    sample = (
        "---\ndescription: not counted\n---\n\n# Two words\n\n<!-- not counted -->\n"
        "A [linked phrase](https://example.com/not/counted) and 50,000 cross-margin.\n\n"
        "```margin-example\ntitle: not counted\n```\n\n"
        '<figure class="mdx-diagram" markdown>\n<svg><text>not counted</text></svg>\n</figure>\n\n'
        '<div class="mdx-compare" markdown>\n\n| Yes | no |\n\n</div>\n\n'
        '??? note "How to use"\n\n    ```text\n    not counted\n    ```\n'
    )
    assert word_count(sample) == 2 + 6 + 2 + 3
    assert word_count(sample + "\none more\n") == 13 + 2
    assert heading_ids(sample) == {"two-words": "Two words"}
    assert heading_ids("## Twee woorden {#two-words}\n") == {"two-words": "Twee woorden"}


if __name__ == "__main__":
    markdown = GUIDE.read_text(encoding="utf-8")
    ids = heading_ids(markdown)
    print(f"docs/index.md: {word_count(markdown)} words of prose (limit {MAX_WORDS}); "
          f"docs-nl/index.md: {word_count(GUIDES['nl'][0].read_text(encoding='utf-8'))}")
    for topic, anchor in TOPICS.items():
        print(f"  {topic:34} #{anchor:42} {'ok' if anchor in ids else 'MISSING'}")
