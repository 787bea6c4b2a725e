"""The layout rules, checked on the source: calc depends on nothing, the view layer only on calc, the post-build
step on nothing; modules stay short enough to read in one sitting."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Each package and what, besides the standard library and itself, it may import.
ALLOWED = {"calc": set(), "margin_view": {"calc"}, "postbuild": set(), "exchange_data": {"calc", "ccxt"}}
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
    module.write_text("from margin_view.text.format import money\nimport jinja2\nfrom . import errors\n", encoding="utf-8")
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


#: Packages and scripts that use the engine as a client: through its public API (``from calc import …``) only.
CLIENTS = ("margin_view", "margin_fences", "hooks", "postbuild", "bench", "exchange_data", "harness.py")


def calc_submodule_imports(source: Path) -> set[str]:
    """Every ``calc.<module>`` that *source* imports by name (``from calc.x import y``, ``import calc.x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
        found |= {name for name in names if name.startswith("calc.")}
    return found


def test_clients_use_only_calcs_public_api() -> None:
    """Outside calc/ and tests/, calc is imported as a package: its internals can move without breaking a client."""
    sources = [path for client in CLIENTS for path in
               ([ROOT / client] if client.endswith(".py") else sorted((ROOT / client).rglob("*.py")))]
    found = {f"{path.relative_to(ROOT)}: {name}" for path in sources for name in calc_submodule_imports(path)}
    assert not found, sorted(found)


def test_the_public_api_check_sees_an_internal_import(tmp_path: Path) -> None:
    """The checker is not blind: a submodule import, even one made inside a function, is caught."""
    module = tmp_path / "client.py"
    module.write_text("from calc import evaluate\ndef f():\n    from calc.tiers import Tier\nimport calc.numbers\n",
                      encoding="utf-8")
    assert calc_submodule_imports(module) == {"calc.tiers", "calc.numbers"}


def test_calcs_public_api_is_small_and_complete() -> None:
    """``calc.__all__`` names at most 30 things, each of them defined, and the clients need nothing else of it."""
    import calc

    assert len(calc.__all__) <= 30, calc.__all__
    assert all(hasattr(calc, name) for name in calc.__all__)
    used = {alias.name for client in CLIENTS[:-1] for path in (ROOT / client).rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module == "calc" for alias in node.names}
    assert used <= set(calc.__all__), sorted(used - set(calc.__all__))


def calc_import_graph() -> dict[str, set[str]]:
    """Each calc module and the calc modules it imports, wherever in the module the import is."""
    graph: dict[str, set[str]] = {}
    for path in modules("calc"):
        name = path.stem
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                graph[name] |= {node.module} if node.module else {alias.name for alias in node.names}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle of *graph* as the path that closes it (a depth-first search's back edges)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append([*trail[trail.index(target):], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_calc_has_no_import_cycle() -> None:
    """Each calc module can be read knowing only the ones it imports: no two import each other, even lazily."""
    graph = {name: targets for name, targets in calc_import_graph().items() if name not in ("__init__", "__main__")}
    assert not cycles(graph), cycles(graph)


def test_the_cycle_check_sees_a_cycle() -> None:
    """The checker is not blind: a cycle through three modules is found."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
