"""Command line: ``python -m calc [FILE]`` — one scenario in (FILE or stdin), results out as JSON.

``python -m calc --explain [--wick DEPTH] [FILE]`` prints the explainers' data instead
(:func:`calc.explainer_data.explainers_data`): each position's worked equation, aftermath and wick.

``python -m calc plan [FILE]`` answers one planning question instead (:mod:`calc.plan`): ``{"question":
"position_size", …}`` in, the answer's figures out, with the same error behaviour.

Exit status 0 with the results on stdout, or 2 with one line on stderr naming what is wrong
(``positions[0].leverage: 200 is above the bracket's maximum of 125x``). Never a traceback. The words come from
the engine's catalogue (``calc/locales/en.json``), like every other message.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

from .errors import ScenarioError, message, one_line, show_value
from .evaluate import evaluate_data
from .explainer_data import explainers_data
from .numbers import engine_context
from .plan import plan, plan_to_data
from .wick import DEPTH_DEFAULT, DEPTH_MAX

__all__ = ["main"]

#: A scenario is a few kilobytes; refuse anything that is clearly not one before parsing it.
MAX_INPUT: Final = 1_000_000


class _Refused(Exception):
    """Input the CLI cannot even parse: carries the catalogue key of its one line and that message's values."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build a JSON object, refusing duplicate keys (JSON allows them; they hide typos)."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("duplicate_key", name=show_value(key))
        out[key] = value
    return out


def _read(argv: Sequence[str]) -> str:
    if len(argv) > 1:
        raise _Refused("usage")
    if argv and argv[0] != "-":
        try:
            with open(argv[0], "rb") as handle:
                raw = handle.read(MAX_INPUT + 1)
        except OSError as err:
            raise _Refused("cannot_read", name=argv[0], reason=err.strerror or err) from None
    else:
        raw = sys.stdin.buffer.read(MAX_INPUT + 1)
    if len(raw) > MAX_INPUT:
        raise _Refused("too_big", maximum=MAX_INPUT)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused("not_utf8") from None


def _json_number(text: str) -> Decimal | str:
    """JSON fractions become exact Decimals, never floats.

    An exponent too large for Decimal itself stays text, so that the field's own check reports
    it with its path ("is out of range") instead of the whole input failing to parse.
    """
    try:
        with engine_context():
            return Decimal(text)
    except InvalidOperation:
        return text


def _parse(text: str) -> dict[str, object]:
    try:
        data = json.loads(text, parse_float=_json_number, object_pairs_hook=_pairs)
    except (json.JSONDecodeError, RecursionError) as err:
        raise _Refused("invalid_json", detail=err) from None
    except ValueError as err:  # int() digit limits, raised while decoding
        raise _Refused("invalid_json", detail=err) from None
    if not isinstance(data, dict):
        raise ScenarioError((), "not_a_json_object", data)
    return data


def _options(args: list[str]) -> tuple[list[str], Decimal | None]:
    """Take ``--explain`` and ``--wick DEPTH`` out of *args*: the rest, and the wick's depth (None: no --explain)."""
    if "--explain" not in args:
        return args, None
    args = [arg for arg in args if arg != "--explain"]
    if "--wick" not in args:
        return args, DEPTH_DEFAULT
    at = args.index("--wick")
    text = args[at + 1] if at + 1 < len(args) else ""
    depth = _json_number(text) if text else ""
    if not isinstance(depth, Decimal) or not depth.is_finite() or not 0 <= depth <= DEPTH_MAX:
        raise _Refused("bad_wick", value=show_value(text))
    return args[:at] + args[at + 2:], depth


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 results printed, 2 bad input)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["-h"], ["--help"]):
        sys.stdout.write(message("cli", "usage") + "\n")
        return 0
    try:
        planning = args[:1] == ["plan"]
        args, depth = (args[1:], None) if planning else _options(args)
        data = _parse(_read(args))
        if planning:
            result = plan_to_data(plan(data))
        else:
            result = evaluate_data(data) if depth is None else explainers_data(data, depth)
        text = json.dumps(result, indent=2)  # inside the boundary: whatever fails here is one line too
    except ScenarioError as err:
        line = str(err)
    except _Refused as refused:
        line = message("cli", refused.key, **refused.params)
    except Exception as err:  # the boundary: whatever happens, one line, never a traceback
        line = message("cli", "internal", name=type(err).__name__, detail=err)
    else:
        sys.stdout.write(text + "\n")
        return 0
    sys.stderr.write(one_line(line) + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
