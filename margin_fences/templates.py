"""The Jinja environment for the blocks' templates, shipped as package data in ``margin_fences/templates/``.

Found through the package, never by a path relative to the work tree, so the fences render the same from an
editable install, a wheel, or under another site generator.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("margin_fences", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """Render *template*; a missing variable is an error, not blank text."""
    return environment().get_template(template).render(**context)
