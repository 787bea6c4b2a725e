"""Tell the margin fences which page they are in, so a broken block's error names the page and its line.

Only error messages depend on this hook: under a builder without MkDocs hooks (Zensical), the fences still render
and their errors name the line within the block.
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
    set_page(page.file.src_uri, source[:body_at].count("\n") if body_at > 0 else 0)
    return markdown
