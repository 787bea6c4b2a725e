"""The layout rules, checked on the source: calc depends on nothing, the view layer only on calc, the post-build
step on nothing; modules stay short enough to read in one sitting."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Each package and what, besides the standard library and itself, it may import.
ALLOWED = {"calc": set(), "margin_view": {"calc"}, "postbuild": set()}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def imported_roots(source: Path) -> set[str]:
    """The top-level names of every module *source* imports (relative imports count as its own package)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_it_may(package: str) -> None:
    """calc imports only the standard library and itself; margin_view adds calc; never the other way round."""
    allowed = set(sys.stdlib_module_names) | {package} | ALLOWED[package]
    found = {f"{path.relative_to(ROOT)}: {name}" for path in modules(package) for name in imported_roots(path)
             if name not in allowed and name != "__future__"}
    assert not found, sorted(found)


def test_the_import_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The checker is not blind: an engine module importing the view layer, or jinja2, is caught."""
    module = tmp_path / "bad.py"
    module.write_text("from margin_view.format import money\nimport jinja2\nfrom . import errors\n", encoding="utf-8")
    assert imported_roots(module) == {"margin_view", "jinja2"}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_modules_and_functions_are_short(package: str) -> None:
    """No module over 300 lines, no function over 60: each reads in one pass."""
    long: list[str] = []
    for path in modules(package):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}: {node.name} has {size} lines")
    assert not long, long
