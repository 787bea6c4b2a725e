"""Markdown fences that put calc's figures into pages: ```margin-calculator```, ```margin-planner```,
```margin-question```, ```margin-example```, ```margin-plan```, ```margin-compare```, ```margin-profile``` and ```margin-tiers```;
and ```margin-moved```, which follows old links to the guide's first page to the sections that moved to other pages.

They are ``pymdownx.superfences`` custom fences (a Python-Markdown extension, not a MkDocs hook), so they run
under MkDocs and under Zensical alike. Register them in ``mkdocs.yml``::

    markdown_extensions:
      - margin_fences            # required: the blocks' language, the line an error names, the abbreviations
      - pymdownx.superfences:
          custom_fences:
            - name: margin-calculator
              class: margin-calculator
              format: !!python/name:margin_fences.calculator_fence
              validator: !!python/name:margin_fences.validate_calculator
            - name: margin-planner
              class: margin-planner
              format: !!python/name:margin_fences.planner_fence
              validator: !!python/name:margin_fences.validate_planner
            - name: margin-question
              class: margin-question
              format: !!python/name:margin_fences.question_fence
              validator: !!python/name:margin_fences.validate_question
            - name: margin-example
              class: margin-example
              format: !!python/name:margin_fences.example_fence
              validator: !!python/name:margin_fences.validate_example
            - name: margin-plan
              class: margin-plan
              format: !!python/name:margin_fences.plan_card_fence
              validator: !!python/name:margin_fences.validate_plan_card
            - name: margin-profile
              class: margin-profile
              format: !!python/name:margin_fences.profile_fence
              validator: !!python/name:margin_fences.validate_profile
            - name: margin-tiers
              class: margin-tiers
              format: !!python/name:margin_fences.tiers_fence
              validator: !!python/name:margin_fences.validate_tiers
            - name: margin-compare
              class: margin-compare
              format: !!python/name:margin_fences.compare_fence
              validator: !!python/name:margin_fences.validate_compare
            - name: margin-moved
              class: margin-moved
              format: !!python/name:margin_fences.moved_fence
              validator: !!python/name:margin_fences.validate_moved

A block that cannot be rendered (bad YAML, unknown field, impossible scenario) raises :class:`BlockError`, which
fails the build with the page, the line and the field at fault.
"""

from __future__ import annotations

from .calculator import calculator_fence, validate_calculator
from .compare import compare_fence, validate_compare
from .errors import BlockError
from .example import example_fence, validate_example
from .extension import MarginFencesExtension, makeExtension
from .moved import MOVED, moved_fence, validate_moved
from .plan_card import plan_card_fence, validate_plan_card
from .planner import planner_fence, validate_planner
from .profile import profile_fence, tiers_fence, validate_profile, validate_tiers
from .question import question_fence, validate_question

__all__ = [
    "MOVED",
    "BlockError",
    "MarginFencesExtension",
    "calculator_fence",
    "compare_fence",
    "example_fence",
    "makeExtension",
    "moved_fence",
    "plan_card_fence",
    "planner_fence",
    "profile_fence",
    "question_fence",
    "tiers_fence",
    "validate_calculator",
    "validate_compare",
    "validate_example",
    "validate_moved",
    "validate_plan_card",
    "validate_planner",
    "validate_profile",
    "validate_question",
    "validate_tiers",
]
