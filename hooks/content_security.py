"""Add a Content-Security-Policy to every page: the site's own origin only, inline code only by hash.

The policy goes in a ``<meta http-equiv>`` tag so it travels with the files to any static host. Inline scripts
(Material's palette and scope snippets) and inline style attributes (table column alignment) are allowed by
their SHA-256 hashes, computed from the finished HTML, so nothing injected later can run. Pyodide needs
``'wasm-unsafe-eval'`` to compile WebAssembly; its worker is a same-origin module.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Inline <script> elements that the browser executes (JSON data blocks are not executed, so need no hash).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"")
HEAD = re.compile(r"<meta charset=\"utf-8\">")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    scripts = sorted({_hash(body) for body in INLINE_SCRIPT.findall(html)})
    styles = sorted({_hash(value.replace("&quot;", '"').replace("&amp;", "&")) for value in STYLE_ATTRIBUTE.findall(html)})
    script_sources = " ".join(["'self'", "'wasm-unsafe-eval'", *scripts])
    style_sources = " ".join(["'self'", "'unsafe-hashes'", *styles] if styles else ["'self'"])
    directives = [
        "default-src 'self'",
        f"script-src {script_sources}",
        "worker-src 'self'",
        "connect-src 'self'",
        f"style-src {style_sources}",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(html: str) -> str:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return HEAD.sub(lambda match: match.group(0) + tag, html, count=1)


# `mkdocs serve` injects an inline live-reload script into every page it sends; a policy written at build time
# cannot know its hash, so the development server gets no policy. Built sites always have one.
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return output if _serving else with_policy(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page and other theme templates rendered outside the page loop."""
    return with_policy(output_content) if template_name.endswith(".html") and not _serving else output_content
