"""calc.errors: errors are data (path, kind, values); words come from the catalogue, and nothing reads them back."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from calc.errors import MISSING, ScenarioError, describe, one_line, path_text, show_value
from calc.scenario import parse_scenario

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = json.loads((ROOT / "calc" / "locales" / "en.json").read_text(encoding="utf-8"))


def test_an_error_is_its_path_kind_and_values() -> None:
    """The engine reports where (a path tuple), what (a kind code) and the values a message needs."""
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 200}]})
    error = caught.value
    assert error.path == ("positions", 0, "leverage") and error.kind == "above_bracket"
    assert error.value == 200 and error.params["maximum"] == 100 and error.params["table"] == "binance-btcusdt"
    assert str(error) == ("positions[0].leverage: 200 is above the bracket's maximum of 100x "
                          "(notional 200000 at entry, binance-btcusdt tiers)")


def test_message_is_path_value_reason() -> None:
    """str(err) reads "path: value reason"."""
    err = ScenarioError(("positions", 0, "leverage"), "below_one", 0.5)
    assert str(err) == "positions[0].leverage: 0.5 is below 1x"
    assert err.where == "positions[0].leverage"


def test_missing_value_is_left_out_of_the_message() -> None:
    """A missing field shows only the path and the reason."""
    assert str(ScenarioError(("positions", 0, "side"), "missing")) == "positions[0].side: is missing"


def test_the_words_come_from_the_catalogue_not_the_code() -> None:
    """Rewording a message in another language's catalogue changes the words and nothing else."""
    err = ScenarioError(("mode",), "not_one_of", "x", options=("isolated", "cross"))
    assert describe(err) == "mode: \"x\" is not one of 'isolated', 'cross'"
    with pytest.raises(ScenarioError) as unknown:
        describe(err, "xx")
    assert (unknown.value.kind, unknown.value.value) == ("unknown_locale", "xx")


def test_a_kind_without_words_is_a_clear_error() -> None:
    """describe() of a kind the catalogue lacks names the missing key; str() still gives one line."""
    err = ScenarioError(("x",), "no_such_kind", 1)
    with pytest.raises(ScenarioError) as missing:
        describe(err)
    assert missing.value.kind == "missing_text" and missing.value.params["key"] == "errors.no_such_kind"
    assert str(err) == "x: 1 (no_such_kind)"


def _raised_kinds(folder: Path) -> set[str]:
    """Every kind code a ScenarioError(...) call in *folder* passes as a literal."""
    kinds: set[str] = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ScenarioError" and len(node.args) > 1:
                kind = node.args[1]
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    kinds.add(kind.value)
    return kinds


def test_every_kind_the_engine_raises_has_words() -> None:
    """Each kind raised in calc has an English message, and the catalogue carries no message nothing raises."""
    raised = _raised_kinds(ROOT / "calc") | {"too_long", "not_a_number"}
    assert raised <= set(CATALOGUE["errors"]), raised - set(CATALOGUE["errors"])
    view = _raised_kinds(ROOT / "margin_view")
    assert set(CATALOGUE["errors"]) <= raised | view, set(CATALOGUE["errors"]) - raised - view


def _reads_words(handler: ast.ExceptHandler) -> list[int]:
    """Lines in an ``except ScenarioError as e`` handler that look into the text of ``e`` (``"x" in str(e)``,
    ``str(e).split(…)``, ``e.args``)."""
    name = handler.name
    text_of_e = [node for node in ast.walk(handler) if isinstance(node, ast.Call)
                 and getattr(node.func, "id", "") == "str" and node.args and getattr(node.args[0], "id", "") == name]
    lines = []
    for node in ast.walk(handler):
        if isinstance(node, ast.Compare) and any(part in text_of_e for part in [node.left, *node.comparators]):
            lines.append(node.lineno)
        if isinstance(node, ast.Attribute) and (node.value in text_of_e or (
                getattr(node.value, "id", "") == name and node.attr == "args")):
            lines.append(node.lineno)
    return lines


def test_no_code_reads_an_errors_words() -> None:
    """Nothing in the engine, the view layer or the fences takes an error's message apart."""
    found = []
    for folder in ("calc", "margin_view", "margin_fences"):
        for source in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ExceptHandler) and node.name and "ScenarioError" in ast.unparse(node.type or node):
                    found += [f"{source.relative_to(ROOT)}:{line}" for line in _reads_words(node)]
    assert not found, found


def test_the_words_check_sees_text_being_read() -> None:
    """The check above is not blind: it flags a handler that tests the message's words."""
    tree = ast.parse("try:\n    f()\nexcept ScenarioError as error:\n    if 'too large' in str(error):\n        g()\n")
    handler = next(node for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler))
    assert _reads_words(handler) == [4]


def test_paths_read_as_the_contract_spells_them() -> None:
    """Keys joined by dots, list indexes in brackets; the input as a whole is "scenario"."""
    assert path_text(("positions", 1, "tiers", 0, "rate")) == "positions[1].tiers[0].rate"
    assert path_text(()) == "scenario"
    assert ScenarioError(("leverage",), "missing").within("scenario", "positions", 0).where == (
        "scenario.positions[0].leverage")


def test_message_is_always_one_line() -> None:
    """Newlines in the value never reach the message."""
    err = ScenarioError(("mode",), "not_one_of", "a\nb\r\nc", options=("isolated", "cross"))
    assert "\n" not in str(err) and "\r" not in str(err)
    assert one_line("a\n b\tc\x00") == "a b c?"


def test_long_values_are_cut() -> None:
    """Values are shown in at most 40 characters."""
    shown = show_value(["x" * 100])
    assert len(shown) == 40 and shown.endswith("…")


def test_unprintable_and_odd_values_are_shown_safely() -> None:
    """Objects JSON cannot encode still render, in ASCII."""
    assert show_value(object()).startswith('"<object')
    assert show_value(float("inf")) == "Infinity"
    assert show_value("é") == '"\\u00e9"'


def test_empty_path_means_the_whole_scenario() -> None:
    """An error about the input itself names "scenario"."""
    assert str(ScenarioError((), "not_an_object", [])) == "scenario: [] is not an object"


def test_errors_are_value_errors() -> None:
    """The one error type can be caught as ValueError, and MISSING marks an absent value."""
    assert issubclass(ScenarioError, ValueError)
    assert ScenarioError(("x",), "missing").value is MISSING
