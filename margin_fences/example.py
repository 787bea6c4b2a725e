"""```margin-example```: a worked-example card whose figures calc computes at build time (issue 5 completes it)."""

from __future__ import annotations

from typing import Any

from markdown import Markdown


def validate_example(language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any],
                     md: Markdown) -> bool:
    return not inputs


def example_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown,
                  **kwargs: Any) -> str:
    from html import escape

    return f'<pre class="{css_class}"><code>{escape(source)}</code></pre>'
