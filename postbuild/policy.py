"""Step (e)'s policy: the site's own origin only, inline code only by hash.

The policy goes in a ``<meta http-equiv>`` tag so it travels with the files to any static host. Inline scripts
(Material's palette and scope snippets) and inline style attributes (table column alignment) are allowed by
their SHA-256 hashes, computed from the finished HTML, so nothing injected later can run. So are the stylesheets
the theme's own script inserts as ``<style>`` elements (Zensical's search dialog does), found as constant strings
in the theme's bundle (:func:`theme_stylesheets`): same-origin code, so this admits nothing from elsewhere.
Pyodide needs ``'wasm-unsafe-eval'`` to compile WebAssembly; its worker is a same-origin module.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

# Inline <script> elements that the browser executes (JSON data blocks are not executed, so need no hash).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"")
# The theme's script bundles (Material's and Zensical's); their string literals, escapes taken into account so that
# quotes pair up; and what makes a literal a stylesheet: it opens with a selector or an at-rule, closes a rule,
# balances its braces and holds no code.
THEME_BUNDLES = "assets/javascripts/bundle.*.js"
JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')
STYLESHEET = re.compile(r"[.#@*:\[a-zA-Z][^{}]*\{[^{}]*:.*\}", re.S)
CODE = re.compile(r"=>|\breturn\b|\bfunction\b|\$\{")
# The tag this step writes, so that a second run replaces it instead of adding another.
POLICY_TAG = re.compile(r"<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attribute_value(raw: str) -> str:
    """What the browser hashes: the attribute's value with the two entities Jinja and Markdown write decoded."""
    return raw.replace("&quot;", '"').replace("&amp;", "&")


def _is_stylesheet(text: str) -> bool:
    """A literal the browser would hash as it stands (no escapes), that reads as CSS rather than code."""
    return (len(text) >= 100 and "\\" not in text and STYLESHEET.fullmatch(text) is not None
            and text.count("{") == text.count("}") and CODE.search(text) is None)


def theme_stylesheets(site: Path) -> tuple[str, ...]:
    """The stylesheets held as constant strings in the theme's script bundles."""
    found: set[str] = set()
    for bundle in sorted(site.glob(THEME_BUNDLES)):
        for groups in JS_STRING.findall(bundle.read_text(encoding="utf-8", errors="replace")):
            found.update(text for text in groups if _is_stylesheet(text))
    return tuple(sorted(found))


def policy(html: str, stylesheets: Iterable[str] = ()) -> str:
    """The Content-Security-Policy for the page *html* (which must not hold a policy tag already), allowing
    *stylesheets* as ``<style>`` elements besides the page's own inline styles."""
    scripts = sorted({_hash(body) for body in INLINE_SCRIPT.findall(html)})
    attributes = sorted({_hash(_attribute_value(value)) for value in STYLE_ATTRIBUTE.findall(html)})
    elements = sorted({_hash(text) for text in stylesheets})
    script_sources = " ".join(["'self'", "'wasm-unsafe-eval'", *scripts])
    # 'unsafe-hashes' lets hashes cover style attributes; <style> elements need only their hash.
    style_sources = " ".join(["'self'", *(["'unsafe-hashes'", *attributes] if attributes else []), *elements])
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


def policy_tag(html: str, stylesheets: Iterable[str] = ()) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(html, stylesheets)}">'


def without_policy(html: str) -> str:
    """*html* with the tags this step wrote removed."""
    return POLICY_TAG.sub("", html)
