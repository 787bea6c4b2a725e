"""Tell the margin fences which page they are in: a broken block's error then names the page and its line, and
a card's "Open in calculator" link finds the home page from any depth.

Under a builder without MkDocs hooks (Zensical) the fences still render; errors name the line within the block
and card links assume the card is on the home page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from margin_fences.extension import set_page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.content_string
    body_at = source.find(markdown[:200]) if markdown else -1
    # MkDocs removed the front matter; count the lines it took so that line numbers match the file.
    offset = source[:body_at].count("\n") if body_at > 0 else 0
    depth = page.url.count("/")  # "" for the home page, "methodology/" → 1 with directory URLs
    set_page(page.file.src_uri, offset, "../" * depth)
    return markdown
