"""The engine, the view layer, the post-build step and the data tool are fully typed: mypy --strict finds nothing in them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_calc_and_margin_view_pass_mypy_strict() -> None:
    """Every function annotated, no Any leaking out, no implicit Optional: as the principles ask of calc."""
    # Incremental: mypy's cache (.mypy_cache) makes the second run of the fast loop a fraction of the first.
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "calc", "margin_view", "postbuild",
                             "exchange_data"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_passes_ruff() -> None:
    """Every Python file passes the linter with the rule set pyproject.toml chooses and explains ([tool.ruff])."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
