"""Every hostile value in every field of the liquidation calculator, in every language, in-process: the reply puts a
message beside a field (that one, or one it no longer fits with) and no figures, so the page keeps its last good
ones, or reads the value as the number it means; no reply shows NaN, None or a traceback, and none raises. The browser suite (tests/hostile/test_inputs.py)
shows that the page applies such replies; this covers every combination of field, value and language."""

from __future__ import annotations

import re

import pytest

from margin_view.form.read import in_form
from margin_view.form.respond import respond
from margin_view.form.schema import BY_NAME, DEFAULTS
from margin_view.text.catalogue import languages
from tests.hostile.test_inputs import HOSTILE

NUMBER_FIELDS = [name for name, field in BY_NAME.items() if not field.is_choice and field.control == "text"]
FORBIDDEN = re.compile(r"\b(NaN|Infinity|undefined|null|None)\b|Traceback")


def words(value: object) -> list[str]:
    """Every text a reply could put on the page (the strings in it; its None fields are structure, not text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in words(item)]
    if isinstance(value, list):
        return [text for item in value for text in words(item)]
    return []


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_every_hostile_value_in_every_field(field: str, lang: str) -> None:
    # The form shows every field it has: cross with a second position and two coins (in isolated mode some fields
    # would be ignored, and a value there decides nothing).
    shown = in_form({**DEFAULTS, "mode": "both", "second": "other", "coin": "SOL", "coin2": "ETH",
                     "preset": "custom"}, lang)
    good = respond({"values": shown}, lang)
    assert good["view"] is not None and good["errors"] == {}
    for value in HOSTILE:
        reply = respond({"values": {**shown, field: value}}, lang)
        errors = reply["errors"]
        assert isinstance(errors, dict)
        if reply["view"] is None:
            # Beside the field, or beside the one it no longer fits with (a huge margin: the wallet's).
            assert errors, f"{field}={value!r}: no figures and no message"
        text = " | ".join(words([errors, reply["normalised"], reply["notices"], reply["view"]]))
        assert not FORBIDDEN.search(text), f"{field}={value!r}: {FORBIDDEN.search(text)}"
