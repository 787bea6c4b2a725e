"""The examples in calc's docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "calc", "calc.account", "calc.choices", "calc.errors", "calc.liquidation", "calc.numbers", "calc.position", "calc.position_input",
    "calc.explain", "calc.results", "calc.risk",
    "calc.scenario", "calc.sweep", "calc.tiers",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every >>> example in the module passes."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
