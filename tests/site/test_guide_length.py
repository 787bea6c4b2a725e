"""The guide's pages stay short enough to read and keep every topic a reader comes for, read from their Markdown.

The guide is its first pages in the navigation (GUIDE_PAGES, in reading order); the calculator page and the
reference pages are not part of it. Each page of it is short enough to read in one sitting, the first page
shortest, and all of them together are a limited read.

Prose is what a reader reads as text: the page's Markdown without its front matter, HTML comments, fenced blocks
(the calculator, the worked-example cards, formulas), diagrams (``<figure class="mdx-diagram">``) and HTML tags.
Headings, tables, admonitions and the FAQ count. A word is a run of letters or digits, with inner hyphens,
apostrophes, dots or commas (``cross-margin``, ``50,000``, ``don't`` are one word each); a link counts its text,
not its address. Run ``python -m tests.site.test_guide_length`` to print each page's count and each topic's page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[2]
#: The guide's pages, in reading order (the first entries of mkdocs.yml's nav), the same names in every edition.
GUIDE_PAGES = ("index.md", "liquidation-price.md", "beyond-one-position.md")
#: Each edition's pages folder and its limits in prose words: the first page, and the guide's pages together.
#: Dutch runs about 11 % longer than English for the same text (2,000 and 5,550), and its first page has a section
#: of its own, for readers in the Netherlands and Belgium (about 400 words).
LIMITS = {
    "en": (ROOT / "docs", 1_800, 5_000),
    "nl": (ROOT / "docs-nl", 2_400, 5_950),
}

#: Each topic a reader comes for, and the id of the heading that explains it (the toc extension's slug, or the
#: ``{#id}`` a Dutch heading gives itself: the same in every edition), on one of the guide's pages.
TOPICS = {
    "the decision in short": "in-short",
    "long and short, margin and leverage": "what-is-margin-trading",
    "comparison table, when to use each, pros and cons": "key-differences",
    "the calculator": "liquidation-price-calculator",
    "the worked examples": "worked-examples",
    "mark vs last price": "mark-price-vs-last-price",
    "bankruptcy price": "bankruptcy-price",
    "tiers and the maintenance amount": "tiers-and-the-maintenance-amount",
    "partial liquidation": "partial-liquidation",
    "insurance fund": "the-insurance-fund",
    "ADL": "auto-deleveraging-adl",
    "adding margin": "adding-and-removing-margin",
    "what the pool holds": "what-the-pool-holds",
    "portfolio margin": "portfolio-margin",
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


def guide(edition: str) -> dict[str, str]:
    """Each page of the guide in *edition*, by name: its Markdown."""
    folder = LIMITS[edition][0]
    return {name: (folder / name).read_text(encoding="utf-8") for name in GUIDE_PAGES}


def test_the_guide_is_the_first_pages_of_the_navigation() -> None:
    """GUIDE_PAGES is what the reader sees as the guide: the first pages of the navigation, in its order."""
    nav = yaml.safe_load(re.search(r"^nav:\n(?:  - .*\n)+", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[0])
    assert tuple(nav["nav"][: len(GUIDE_PAGES)]) == GUIDE_PAGES, nav


@pytest.mark.parametrize("edition", sorted(LIMITS))
def test_each_page_and_the_whole_guide_are_short_enough(edition: str) -> None:
    """The first page holds at most 1,800 prose words and the guide's pages together 5,000 (Dutch: 2,400 and
    5,950); no other page is longer than the first may be plus half again."""
    _, first_limit, total_limit = LIMITS[edition]
    counts = {name: word_count(markdown) for name, markdown in guide(edition).items()}
    print(f"{edition}: {counts}, {sum(counts.values())} in all (limits {first_limit}, {total_limit})")
    assert counts[GUIDE_PAGES[0]] <= first_limit, counts
    assert sum(counts.values()) <= total_limit, counts
    assert max(counts.values()) <= first_limit * 3 // 2, counts


@pytest.mark.parametrize("edition", sorted(LIMITS))
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_has_its_heading(topic: str, edition: str) -> None:
    """Each topic the guide promises is a heading of its own on one of its pages, so it can be found and linked to,
    in every edition."""
    ids = {anchor for markdown in guide(edition).values() for anchor in heading_ids(markdown)}
    assert TOPICS[topic] in ids, f"{topic}: no heading with id #{TOPICS[topic]}; headings: {sorted(ids)}"


@pytest.mark.parametrize("edition", sorted(LIMITS))
def test_the_calculator_and_the_cards_are_in_the_guide(edition: str) -> None:
    """The calculator fence is in the guide once, on its first page, after the ideas it needs; the worked
    examples are computed cards."""
    pages = guide(edition)
    calculators = {name: len(re.findall(r"^```margin-calculator\b", markdown, re.M)) for name, markdown in pages.items()}
    assert calculators == {name: int(name == GUIDE_PAGES[0]) for name in GUIDE_PAGES}, calculators
    first = pages[GUIDE_PAGES[0]]
    explained = re.search(r"^## .*(?:Isolated margin explained|\{#isolated-margin-explained\})", first, re.M)
    assert explained and explained.start() < first.index("```margin-calculator"), "the calculator comes first"
    assert sum(len(re.findall(r"^```margin-example\b", markdown, re.M)) for markdown in pages.values()) >= 8


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
    for edition, (_, first_limit, total_limit) in LIMITS.items():
        pages = guide(edition)
        counts = {name: word_count(markdown) for name, markdown in pages.items()}
        print(f"{edition}: {counts}, {sum(counts.values())} in all (limits: first {first_limit}, all {total_limit})")
    ids = {anchor: name for name, markdown in guide("en").items() for anchor in heading_ids(markdown)}
    for topic, anchor in TOPICS.items():
        print(f"  {topic:52} #{anchor:36} {ids.get(anchor, 'MISSING')}")
