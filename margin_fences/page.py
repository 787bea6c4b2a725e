"""Which page a Markdown conversion is for, as each site generator lets an extension find out.

A fence's error should name the page and the line in its file, and a card's "Open in calculator" link must reach
the home page from wherever the card is. Python-Markdown itself knows neither, but both generators leave the
page on the ``Markdown`` instance they convert it with:

- **MkDocs** registers its link-rewriting treeprocessor ``relpath`` on it, holding the page's ``File``;
- **Zensical** registers a ``ContextPreprocessor`` holding the page (its source path and URL) and its config.

Both also hand over the configuration, whose ``theme.language`` is the page's language. Both hand Markdown the
page without its front matter, so the line offset is found by reading the source file.
Without either (plain Python-Markdown, a test), the page is unnamed and lines count from the block.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from markdown import Markdown

__all__ = ["CALCULATORS", "Page", "page_of"]

#: The calculator page, whose tabs are the liquidation calculator and the planner (its URL's folder, and its
#: source's name): every card links there, wherever the guide's pages embed a calculator too.
CALCULATORS: Final = "calculator"


@dataclass(frozen=True, slots=True)
class Page:
    """A page being converted: its source name, the lines before the Markdown body, the links to the calculators."""

    name: str = "page"
    #: Lines of the file before the text Markdown was given (its front matter).
    offset: int = 0
    #: The calculator page's address from this page, without query or fragment ("calculator/", "../calculator/",
    #: "calculator.md", …): the liquidation calculator is its first tab, the planner its second.
    calculator: str = f"{CALCULATORS}/"
    #: The page's language (``theme.language`` of the edition it belongs to): its blocks speak it.
    language: str = "en"


#: Lines compared to find where the body starts (enough to be unambiguous, few enough to stay inside the file:
#: extensions such as snippets' auto_append add lines after it).
_WINDOW: Final = 8


def _normal(line: str) -> str:
    """A line as Python-Markdown hands it to preprocessors: tabs expanded, blank when only whitespace."""
    line = line.expandtabs(4)
    return "" if not line.strip() else line


def _offset(source_file: Path, body: list[str]) -> int:
    """How many lines of *source_file* come before *body* (the generator removed the front matter)."""
    try:
        lines = [_normal(line) for line in source_file.read_text(encoding="utf-8-sig").splitlines()]
    except OSError:
        return 0
    for start in range(len(lines)):
        window = lines[start : start + _WINDOW]
        if [_normal(line) for line in body[: len(window)]] == window:
            return start
    return 0


def _mkdocs(md: Markdown, body: list[str]) -> Page | None:
    relpath: Any = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401 (no Registry.get)
    file = getattr(relpath, "file", None)
    if file is None or not getattr(file, "src_uri", None):
        return None
    # MkDocs leaves raw HTML (which fences produce) alone: the link must be relative to the page's own URL.
    depth = str(file.dest_uri).count("/")  # index.html → 0, methodology/index.html → 1 (with directory URLs)
    config = getattr(relpath, "config", None)
    theme = config["theme"] if config is not None else None
    language = str(theme["language"]) if theme is not None and "language" in theme else "en"
    return Page(str(file.src_uri), _offset(Path(file.abs_src_path), body), f"{'../' * depth}{CALCULATORS}/",
                language)


def _zensical(md: Markdown, body: list[str]) -> Page | None:
    context: Any = next((p for p in md.preprocessors if hasattr(p, "page") and hasattr(p, "config")), None)
    page = getattr(context, "page", None)
    if page is None or not isinstance(getattr(page, "path", None), str):
        return None
    config = context.config
    docs = Path(config.get("root_dir", ".")) / config.get("docs_dir", "docs")
    # Zensical rewrites relative links in the finished page as if they were written in the source file, and
    # resolves links to Markdown files to their page: link to the calculator page's source.
    link = "../" * page.path.count("/") + f"{CALCULATORS}.md"
    language = str(config.get("theme", {}).get("language", "en"))
    return Page(page.path, _offset(docs / page.path, body), link, language)


def page_of(md: Markdown, body: list[str]) -> Page:
    """The page *md* is converting (whose Markdown body is *body*), under MkDocs, Zensical, or neither."""
    return _mkdocs(md, body) or _zensical(md, body) or Page()
