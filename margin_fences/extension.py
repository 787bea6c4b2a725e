"""Where each margin block starts in its page, so that errors can name the line.

Superfences hands a fence formatter the block's text but not its position. This preprocessor runs just before
superfences, notes the line of every margin fence in order, and the formatters take them in the same order.
MkDocs strips a page's front matter before Markdown sees it; :func:`set_page` (called by the build, if at all)
adds the page's name and the lines stripped, so the numbers match the file.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})\s*([\w-]*)")
FENCE_NAMES = ("margin-calculator", "margin-example")


@dataclass
class PageContext:
    """The page being converted: its name, the lines its front matter took, the margin fences found so far."""

    name: str = "page"
    offset: int = 0
    root: str = ""
    starts: list[int] = field(default_factory=list)
    taken: int = 0


_current: ContextVar[PageContext | None] = ContextVar("margin_fences_page", default=None)


def _context() -> PageContext:
    """The current page's context; a builder that never names pages (no MkDocs hooks) gets a fresh one."""
    context = _current.get()
    if context is None:
        context = PageContext()
        _current.set(context)
    return context


def set_page(name: str, offset: int, root: str = "") -> None:
    """Name the page about to be converted, the number of front-matter lines MkDocs removed from it, and the
    relative path from it to the site's home page (where the calculator is)."""
    _current.set(PageContext(name=name, offset=offset, root=root))


def current_page() -> str:
    """The name of the page being converted ("page" when the builder does not say)."""
    return _context().name


def calculator_url() -> str:
    """The calculator's address relative to the current page: the guide's home page holds it."""
    return _context().root or "./"


def next_block_line() -> tuple[str, int | None]:
    """The page name and the 1-based line of the next margin fence, in document order (None: unknown)."""
    context = _context()
    if context.taken < len(context.starts):
        line = context.starts[context.taken] + context.offset
        context.taken += 1
        return context.name, line
    return context.name, None


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
        context = _context()
        context.starts = starts
        context.taken = 0
        return lines


def _require_superfences(md: Markdown) -> None:
    """Fail with a sentence, rather than render margin blocks as plain code, when superfences lacks them."""
    fenced = md.preprocessors["fenced_code_block"] if "fenced_code_block" in md.preprocessors else None
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
