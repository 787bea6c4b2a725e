"""The Jinja environment for the blocks' templates, which live with the theme overrides."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

# site_overrides/partials sits beside this package in the project: the theme and the fences share templates.
PARTIALS = Path(__file__).resolve().parent.parent / "site_overrides" / "partials"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(PARTIALS),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """Render *template* from ``site_overrides/partials``; a missing variable is an error, not blank text."""
    return environment().get_template(template).render(**context)
