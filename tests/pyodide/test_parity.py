"""CPython and the Python inside the pinned Pyodide print byte-identical results.

Runs ``run_vectors.mjs`` under Node (the ``node`` fixture, which marks the tests that use it ``node``): it loads
Pyodide from ``node_modules/pyodide`` (the npm package the site ships), copies ``calc`` into its filesystem and
evaluates the same vectors.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.pyodide.pyodide_vectors import generate_scenarios, run_vectors

ROOT = Path(__file__).resolve().parents[2]
COUNT = 300


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The seeded scenarios as JSON text, and a file holding them."""
    text = json.dumps(generate_scenarios(COUNT, seed=1234))
    path = tmp_path_factory.mktemp("vectors") / "vectors.json"
    path.write_text(text, encoding="utf-8")
    return text, path


@pytest.fixture(scope="module")
def pyodide_run(node: str, vectors: tuple[str, Path]) -> dict[str, Any]:
    """Evaluate the vectors inside Pyodide, once for the module."""
    proc = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide" / "run_vectors.mjs"), str(vectors[1])],
        capture_output=True, text=True, check=False, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    payload: dict[str, Any] = json.loads(proc.stdout)
    return payload


def test_pyodide_runs_python_3_14(pyodide_run: dict[str, Any]) -> None:
    """The pinned Pyodide embeds Python 3.14, not the CPython running the tests."""
    assert pyodide_run["python"].startswith("3.14.")


def test_outputs_are_byte_identical(vectors: tuple[str, Path], pyodide_run: dict[str, Any]) -> None:
    """Results, display strings, sweeps and error messages match CPython's byte for byte."""
    here = run_vectors(vectors[0])
    there = pyodide_run["output"]
    if here != there:  # point at the first differing scenario rather than two long strings
        for i, (a, b) in enumerate(zip(json.loads(here), json.loads(there))):
            assert a == b, f"scenario {i} differs"
    assert here == there


def test_vectors_cover_the_model(vectors: tuple[str, Path]) -> None:
    """The generated vectors mix modes, sides, conventions, tier tables and some invalid input."""
    scenarios = json.loads(vectors[0])
    outputs = json.loads(run_vectors(vectors[0]))
    assert len(scenarios) == COUNT
    assert {s["mode"] for s in scenarios} == {"isolated", "cross"}
    assert {s.get("maintenance_price") for s in scenarios} >= {"liquidation", "entry"}
    tiers = {str(p.get("tiers", "rate" if "maintenance_margin_rate" in p else "default"))[:15]
             for s in scenarios for p in s["positions"]}
    assert {"binance-btcusdt", "bybit-btcusdt", "rate", "default"} <= tiers
    positions = [p for s in scenarios for p in s["positions"]]
    assert sum(p.get("contract") == "inverse" for p in positions) >= COUNT // 10  # coin-margined contracts
    assert {"contracts", "notional", "margin"} <= {key for p in positions if p.get("contract") for key in p}
    assert sum("collateral" in s for s in scenarios) >= COUNT // 20  # coins as cross margin
    assert any("collateral" in s and "wallet_balance" not in s for s in scenarios)  # an account of coins alone
    errors = sum("error" in o for o in outputs)
    assert 0 < errors < COUNT // 5
    bands = {p["distance_band"] for o in outputs if "result" in o for p in json.loads(o["result"])["positions"]}
    assert {"far", "liquidated"} <= bands
