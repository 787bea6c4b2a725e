"""The view layer places engine errors by their data, never by their words: reword every engine message and the
form still puts each error beside the same field, with the same words of its own."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

import calc.errors
from margin_view.form.respond import respond
from margin_view.form.schema import DEFAULTS

ENGINE_CATALOGUE = Path(calc.errors.__file__).parent / "locales" / "en.json"

#: Forms the engine refuses as a whole (each field is fine on its own), and the field the error belongs beside.
REFUSED = {
    "wallet below the margin": ({"mode": "cross", "balance": "500"}, "balance"),
    "leverage above the bracket": ({"margin": "20000", "leverage": "120"}, "leverage"),
    "hedge leg above its bracket": ({"mode": "cross", "second": "hedge", "second_margin": "10000",
                                     "second_leverage": "100"}, "second_leverage"),
}


@pytest.fixture
def reworded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's catalogue with every message replaced by other words."""
    data = json.loads(ENGINE_CATALOGUE.read_text(encoding="utf-8"))
    other: Mapping[str, Mapping[str, str]] = {
        section: {key: f"[{key}] worded otherwise" for key in texts} for section, texts in data.items()
        if isinstance(texts, dict)
    }
    monkeypatch.setattr(calc.errors, "_catalogue", lambda language: other)


@pytest.mark.parametrize("case", list(REFUSED))
def test_engine_errors_land_beside_their_field(case: str) -> None:
    """Each refusal is reported beside the field at fault, in the form's own words."""
    values, field = REFUSED[case]
    errors = respond({"values": {**DEFAULTS, **values}})["errors"]
    assert isinstance(errors, dict) and list(errors) == [field]


@pytest.mark.parametrize("case", list(REFUSED))
def test_rewording_the_engine_changes_nothing_the_form_decides(case: str, reworded: None) -> None:
    """With every engine message reworded, the same field gets the same message (the form's, not the engine's)."""
    values, field = REFUSED[case]
    errors = respond({"values": {**DEFAULTS, **values}})["errors"]
    assert isinstance(errors, dict) and list(errors) == [field]
    assert "worded otherwise" not in errors[field]  # type: ignore[index]


def test_a_link_field_its_own_choices_leave_out_is_ignored_without_a_notice() -> None:
    """A link with no second position but a broken second entry opens with no notice and no error, and the link the
    calculator writes back leaves the field out."""
    from margin_view.form.respond import respond

    link = "mode=cross&second=none&second_entry=abc&coin=none&coin_price=-5"
    values = dict(pair.split("=") for pair in link.split("&"))
    response = respond({"values": values, "from_link": list(values), "link_query": link})
    assert response["notices"] == [] and response["errors"] == {} and response["replace"] == {}
    assert "second_entry" not in str(response["query"]) and "coin_price" not in str(response["query"])
    assert {"second_entry", "coin_price"} <= set(response["hidden"])  # type: ignore[arg-type]


def test_the_same_field_counts_once_its_choices_bring_it_in() -> None:
    """The same broken value with a second position on another symbol is reported and replaced by the default."""
    from margin_view.form.respond import respond

    link = "mode=cross&second=other&second_entry=abc"
    values = dict(pair.split("=") for pair in link.split("&"))
    response = respond({"values": values, "from_link": list(values), "link_query": link})
    assert list(response["replace"]) == ["second_entry"]  # type: ignore[call-overload]
    assert len(response["notices"]) == 1  # type: ignore[arg-type]
