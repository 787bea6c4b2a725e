"""Step (e)'s policy: the site's own origin only, inline code only by hash.

The policy goes in a ``<meta http-equiv>`` tag so it travels with the files to any static host. Inline scripts
(Material's palette and scope snippets) and inline style attributes (table column alignment) are allowed by
their SHA-256 hashes, computed from the finished HTML, so nothing injected later can run. Pyodide needs
``'wasm-unsafe-eval'`` to compile WebAssembly; its worker is a same-origin module.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Inline <script> elements that the browser executes (JSON data blocks are not executed, so need no hash).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"")
# The tag this step writes, so that a second run replaces it instead of adding another.
POLICY_TAG = re.compile(r"<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attribute_value(raw: str) -> str:
    """What the browser hashes: the attribute's value with the two entities Jinja and Markdown write decoded."""
    return raw.replace("&quot;", '"').replace("&amp;", "&")


def policy(html: str) -> str:
    """The Content-Security-Policy for the page *html* (which must not hold a policy tag already)."""
    scripts = sorted({_hash(body) for body in INLINE_SCRIPT.findall(html)})
    styles = sorted({_hash(_attribute_value(value)) for value in STYLE_ATTRIBUTE.findall(html)})
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


def policy_tag(html: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'


def without_policy(html: str) -> str:
    """*html* with the tags this step wrote removed."""
    return POLICY_TAG.sub("", html)
