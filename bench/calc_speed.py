"""How fast is calc? Scenarios per second (single-position liquidation) and a 200-point chart sweep.

    python bench/calc_speed.py            # CPython, plus Pyodide under Node when available
    python bench/calc_speed.py --no-pyodide

Prints one JSON object: ``calc_per_s_cpython``, ``sweep_200_ms_cpython`` and, when Node and the
npm ``pyodide`` package are installed, ``calc_per_s_pyodide`` and ``sweep_200_ms_pyodide``.
Each figure is the median of several timed repeats (``time.perf_counter``). ``measure_here()``
uses only the standard library and calc, so the same function runs inside Pyodide.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

#: The guide's first card: isolated long, $1,000 at 10x from 50,000, Binance BTCUSDT tiers.
SCENARIO: dict[str, Any] = {
    "positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10, "tiers": "binance-btcusdt"}]
}
ROOT = Path(__file__).resolve().parent.parent


def measure_here(calls: int = 300, repeats: int = 7, sweeps: int = 21) -> dict[str, float]:
    """Time this interpreter: evaluate_data calls per second, and milliseconds per 200-point sweep (medians)."""
    from calc import evaluate, parse_scenario, pnl_sweep, result_to_data

    def evaluate_data(data: dict[str, object]) -> dict[str, object]:  # what the CLI does with one scenario
        return result_to_data(evaluate(parse_scenario(data)))

    evaluate_data(SCENARIO)  # warm the tier-table cache and imports: a page does this once
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            evaluate_data(SCENARIO)
        rates.append(calls / (time.perf_counter() - start))
    scenario = parse_scenario(SCENARIO)
    sweep_ms = []
    for _ in range(sweeps):
        start = time.perf_counter()
        pnl_sweep(scenario, points=200)
        sweep_ms.append((time.perf_counter() - start) * 1000)
    return {"calc_per_s": round(statistics.median(rates), 1), "sweep_200_ms": round(statistics.median(sweep_ms), 3)}


def measure_pyodide() -> dict[str, float] | None:
    """Run :func:`measure_here` inside the pinned Pyodide under Node; None if Node or Pyodide is missing."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        return None
    proc = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide" / "run_vectors.mjs"), "--bench"],
        capture_output=True, text=True, check=True, timeout=600, cwd=ROOT,
    )
    bench: dict[str, float] = json.loads(proc.stdout)["bench"]
    return bench


def main(argv: list[str] | None = None) -> int:
    """Print the measurements as one JSON object."""
    args = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing
    here = measure_here()
    report: dict[str, float | None] = {
        "calc_per_s_cpython": here["calc_per_s"],
        "sweep_200_ms_cpython": here["sweep_200_ms"],
    }
    if "--no-pyodide" not in args:
        pyodide = measure_pyodide()
        report["calc_per_s_pyodide"] = pyodide["calc_per_s"] if pyodide else None
        report["sweep_200_ms_pyodide"] = pyodide["sweep_200_ms"] if pyodide else None
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
