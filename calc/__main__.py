"""Command line: ``python -m calc [FILE]`` — one scenario in (FILE or stdin), results out as JSON.

Exit status 0 with the results on stdout, or 2 with one line on stderr naming what is wrong
(``positions[0].leverage: 200 is above the bracket's maximum of 125x``). Never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

from .account import evaluate_data
from .errors import ScenarioError, show_value
from .numbers import engine_context

__all__ = ["main"]

USAGE: Final = "usage: python -m calc [FILE]  (one scenario as JSON; reads stdin without FILE)"
#: A scenario is a few kilobytes; refuse anything that is clearly not one before parsing it.
MAX_INPUT: Final = 1_000_000


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build a JSON object, refusing duplicate keys (JSON allows them; they hide typos)."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {show_value(key)}")
        out[key] = value
    return out


def _read(argv: Sequence[str]) -> str:
    if len(argv) > 1:
        raise _Usage(USAGE)
    if argv and argv[0] != "-":
        with open(argv[0], "rb") as handle:
            raw = handle.read(MAX_INPUT + 1)
    else:
        raw = sys.stdin.buffer.read(MAX_INPUT + 1)
    if len(raw) > MAX_INPUT:
        raise _Usage(f"input is larger than {MAX_INPUT} bytes; a scenario is a small JSON object")
    return raw.decode("utf-8-sig")


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


class _Usage(Exception):
    """Bad invocation or unreadable input: the message is the whole line."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 results printed, 2 bad input)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["-h"], ["--help"]):
        sys.stdout.write(USAGE + "\n")
        return 0
    try:
        text = _read(args)
        data = json.loads(text, parse_float=_json_number, object_pairs_hook=_pairs)
        if not isinstance(data, dict):
            raise ScenarioError("scenario", data, "is not a JSON object")
        result = evaluate_data(data)
    except ScenarioError as err:
        message = str(err)
    except _Usage as err:
        message = str(err)
    except OSError as err:
        message = f"{args[0] if args else 'stdin'}: cannot read: {err.strerror or err}"
    except UnicodeDecodeError:
        message = "input is not UTF-8 text"
    except (json.JSONDecodeError, RecursionError) as err:
        message = f"invalid JSON: {err}"
    except ValueError as err:  # int() digit limits, duplicate keys: raised while decoding
        message = f"invalid JSON: {err}"
    except Exception as err:  # the boundary: whatever happens, one line, never a traceback
        message = f"internal error: {type(err).__name__}: {err}"
    else:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return 0
    sys.stderr.write(_one_line(message) + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
