"""Fuzzing the command line: any input ends in JSON and status 0, or one line and status 2."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.__main__ import main
from tests.calc.strategies import scenarios

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["long", "short", "cross", "isolated", "entry", "binance-btcusdt", "1e999", "-0", "NaN"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def run_main(stdin: bytes) -> tuple[int, str, str]:
    """Call the CLI in-process with *stdin*; return (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([])
    finally:
        sys.stdin = saved
    return status, out.getvalue(), err.getvalue()


def check_outcome(status: int, out: str, err: str) -> None:
    """Either results (0, JSON, no stderr) or a one-line error (2, no stdout), never an internal error."""
    if status == 0:
        assert err == ""
        assert set(json.loads(out)) == {"positions", "account", "assumptions"}
    else:
        assert status == 2 and out == ""
        assert err.endswith("\n") and err.count("\n") == 1, err
        assert not err.startswith("internal error"), err


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> Any:
    """A valid scenario with one value replaced, one key deleted or one key added, somewhere."""
    data = draw(scenarios())
    node: Any = data
    # Walk down a random path of objects and lists.
    for _ in range(draw(st.integers(0, 3))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        containers = [(k, v) for k, v in children if isinstance(v, (dict, list)) and v]
        if not containers:
            break
        _, node = draw(st.sampled_from(containers))
    if isinstance(node, dict):
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        key = draw(st.sampled_from(sorted(node))) if node else "x"
        if action == "delete":
            node.pop(key, None)
        elif action == "add":
            node[draw(st.text(max_size=8))] = draw(json_values)
        else:
            node[key] = draw(json_values)
    elif isinstance(node, list) and node:
        node[draw(st.integers(0, len(node) - 1))] = draw(json_values)
    return data


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json(value: Any) -> None:
    """Any JSON document (NaN and Infinity included) gets results or a one-line error."""
    check_outcome(*run_main(json.dumps(value).encode()))


@settings(max_examples=400, deadline=None)
@given(mutated_scenarios())
def test_mutated_valid_scenarios(value: Any) -> None:
    """A valid scenario with one thing changed gets results or a one-line error."""
    check_outcome(*run_main(json.dumps(value).encode()))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=60).map(str.encode))
def test_arbitrary_bytes(raw: bytes) -> None:
    """Bytes that may not even be text get a one-line error."""
    check_outcome(*run_main(raw))


@pytest.mark.parametrize(
    "stdin",
    [
        b'{"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]}',
        b'{"positions": [{"side": "long", "entry_price": -1, "margin": 1000, "leverage": 10}]}',
        b"[" * 100_000,
        b'{"positions": [{"side": "long", "entry_price": 1' + b"0" * 5000 + b', "quantity": 1, "leverage": 1}]}',
        b"\xff\xfe\x00",
        b"",
    ],
)
def test_through_a_real_process(stdin: bytes) -> None:
    """A real ``python -m calc`` process keeps the same contract, even on deep nesting and huge numbers."""
    proc = subprocess.run([sys.executable, "-m", "calc"], input=stdin, capture_output=True, check=False, timeout=60)
    check_outcome(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
