"""Where each margin block starts in its page, so that errors can name the line.

Superfences hands a fence formatter the block's text but not its position. This preprocessor runs just before
superfences, finds which page is being converted (:func:`margin_fences.page.page_of`, under MkDocs or Zensical),
notes the line of every margin fence in order, and keeps both on the ``Markdown`` instance; the formatters,
which are handed that instance, take the lines in the same order. It also appends the abbreviations' definitions
in the page's language (``includes/abbreviations/<language>.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .abbreviations import abbreviations
from .page import Page, page_of

FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})\s*([\w-]*)")
FENCE_NAMES = ("margin-calculator", "margin-planner", "margin-question", "margin-example", "margin-plan", "margin-compare", "margin-profile", "margin-tiers",
               "margin-moved")
#: Where the state of the current conversion is kept on the Markdown instance.
_STATE = "margin_fences_state"


@dataclass
class _Fences:
    """The page being converted and its margin fences: the lines they open on, and how many have been taken."""

    page: Page = field(default_factory=Page)
    starts: list[int] = field(default_factory=list)
    taken: int = 0


def _fences(md: Markdown | None) -> _Fences:
    state = getattr(md, _STATE, None)
    return state if isinstance(state, _Fences) else _Fences()


def current_page(md: Markdown | None) -> str:
    """The name of the page being converted ("page" when the generator does not say)."""
    return _fences(md).page.name


def current_language(md: Markdown | None) -> str:
    """The language of the page being converted: its blocks' labels, notes and numbers are written in it."""
    return _fences(md).page.language


def calculator_url(md: Markdown) -> str:
    """The calculator page's address relative to the current page: a card's link opens its tab there."""
    return _fences(md).page.calculator


def next_block_line(md: Markdown) -> tuple[str, int | None]:
    """The page name and the 1-based line of the next margin fence, in document order (None: unknown)."""
    state = _fences(md)
    if state.taken < len(state.starts):
        line = state.starts[state.taken] + state.page.offset
        state.taken += 1
        return state.page.name, line
    return state.page.name, None


def margin_fence_lines(lines: list[str]) -> list[int]:
    """1-based lines where margin fences open, skipping anything inside other fenced blocks (examples in the
    contributing guide show margin blocks inside a four-backtick Markdown block)."""
    starts: list[int] = []
    open_fence: str | None = None
    for number, line in enumerate(lines, start=1):
        match = FENCE.match(line)
        if match is None:
            continue
        marker, language = match.groups()
        if open_fence is None:
            open_fence = marker
            if language in FENCE_NAMES:
                starts.append(number)
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not language:
            open_fence = None
    return starts


class _FenceLocator(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        starts = margin_fence_lines(lines)
        if starts:
            _require_superfences(self.md)
        page = page_of(self.md, lines)
        setattr(self.md, _STATE, _Fences(page, starts))
        # The abbreviations' explanations in the page's language, after its own text (as snippets' auto_append
        # would, but a configuration shared by every edition cannot name one file per language).
        return [*lines, "", *abbreviations(page.language)]


def _require_superfences(md: Markdown) -> None:
    """Fail with a sentence, rather than render margin blocks as plain code, when superfences lacks them."""
    fenced = md.preprocessors["fenced_code_block"] if "fenced_code_block" in md.preprocessors else None  # noqa: SIM401 (a Registry has no get)
    names = {entry["name"] for entry in getattr(getattr(fenced, "extension", None), "superfences", [])}
    missing = [name for name in FENCE_NAMES if name not in names]
    if missing:
        raise RuntimeError(
            "This page has margin blocks, but pymdownx.superfences is not configured with the custom fences "
            f"{', '.join(missing)}: add them under markdown_extensions in mkdocs.yml (see margin_fences' docstring)."
        )


class MarginFencesExtension(Extension):
    """Registers the line-tracking preprocessor; the fences themselves are superfences custom fences."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace normalisation (30), before superfences collects fenced blocks (25).
        md.preprocessors.register(_FenceLocator(md), "margin_fence_locator", 26)


def makeExtension(**kwargs: object) -> MarginFencesExtension:  # noqa: N802 - Python-Markdown's entry point
    return MarginFencesExtension(**kwargs)
