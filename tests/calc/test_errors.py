"""calc.errors: one-line messages that name the field and the value."""

from __future__ import annotations

from calc.errors import MISSING, NumberFormatError, ScenarioError, show_value


def test_message_is_path_value_reason() -> None:
    """str(err) reads "path: value reason"."""
    err = ScenarioError("positions[0].leverage", 200, "is above the bracket's maximum of 125x")
    assert str(err) == "positions[0].leverage: 200 is above the bracket's maximum of 125x"
    assert (err.path, err.value, err.reason) == ("positions[0].leverage", 200, "is above the bracket's maximum of 125x")


def test_missing_value_is_left_out_of_the_message() -> None:
    """A missing field shows only the path and the reason."""
    assert str(ScenarioError("positions[0].side", MISSING, "is missing")) == "positions[0].side: is missing"


def test_message_is_always_one_line() -> None:
    """Newlines in the value or the reason never reach the message."""
    err = ScenarioError("mode", "a\nb\r\nc", "is not\none of 'isolated', 'cross'")
    assert "\n" not in str(err) and "\r" not in str(err)


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
    assert str(ScenarioError("", [], "is not an object")) == "scenario: [] is not an object"


def test_errors_are_value_errors() -> None:
    """Both error types can be caught as ValueError."""
    assert issubclass(ScenarioError, ValueError) and issubclass(NumberFormatError, ValueError)
    assert str(NumberFormatError("", "empty")) == '"" is empty'
