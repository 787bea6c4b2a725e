"""The examples in the docstrings of calc and margin_view run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest


def _modules(*packages: str) -> list[str]:
    """Every module of *packages*: an example added anywhere is run without a list to keep up to date."""
    names: list[str] = []
    for package in packages:
        module = importlib.import_module(package)
        names.append(package)
        names += [info.name for info in pkgutil.iter_modules(module.__path__, f"{package}.")]
    return names


MODULES = _modules("calc", "margin_view")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every >>> example in the module passes."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
