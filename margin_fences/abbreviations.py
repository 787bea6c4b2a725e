"""The abbreviations every page explains on hover (``*[LP]: Liquidation price``), one file per language.

Python-Markdown's ``abbr`` extension reads the definitions wherever they are in a page; each page gets those of
its own language, from ``includes/abbreviations/<language>.md`` under the folder the site is built from. The
file is read for each page (a few hundred bytes), so `mkdocs serve` shows an edit to it at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["FOLDER", "abbreviations"]

#: Relative to the folder the generator runs in, the project root (as pymdownx.snippets resolves its paths).
FOLDER: Final = Path("includes") / "abbreviations"


def abbreviations(language: str) -> tuple[str, ...]:
    """The definition lines for *language*; an edition without its file fails its build, naming the file."""
    source = FOLDER / f"{language}.md"
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(f"{source} is missing: each language of the site explains its abbreviations there") from None
    return tuple(text.splitlines())
