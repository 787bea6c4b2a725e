"""Markdown fences that put calc's figures into pages: ```margin-calculator``` and ```margin-example```.

They are ``pymdownx.superfences`` custom fences (a Python-Markdown extension, not a MkDocs hook), so they run
under MkDocs and under Zensical alike. Register them in ``mkdocs.yml``::

    markdown_extensions:
      - margin_fences            # optional: lets errors name the line in the page
      - pymdownx.superfences:
          custom_fences:
            - name: margin-calculator
              class: margin-calculator
              format: !!python/name:margin_fences.calculator_fence
              validator: !!python/name:margin_fences.validate_calculator
            - name: margin-example
              class: margin-example
              format: !!python/name:margin_fences.example_fence
              validator: !!python/name:margin_fences.validate_example

A block that cannot be rendered (bad YAML, unknown field, impossible scenario) raises :class:`BlockError`, which
fails the build with the page, the line and the field at fault.
"""

from __future__ import annotations

from .calculator import calculator_fence, validate_calculator
from .errors import BlockError
from .example import example_fence, validate_example
from .extension import MarginFencesExtension, makeExtension

__all__ = [
    "BlockError",
    "MarginFencesExtension",
    "calculator_fence",
    "example_fence",
    "makeExtension",
    "validate_calculator",
    "validate_example",
]
