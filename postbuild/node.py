"""Node.js for the parts of the step that need it: the memory snapshot and the service worker.

One place finds Node and runs a script, so both report a missing Node, a hang or a failure the same way: one
sentence, the script's own last line of error (for Python inside Pyodide, its traceback's last line).
"""

from __future__ import annotations

import shutil
import subprocess

from postbuild.errors import PostbuildError

__all__ = ["find", "run"]


def find(needed_for: str) -> str:
    """The ``node`` on PATH; fails with a sentence saying what it is *needed_for*."""
    node = shutil.which("node")
    if node is None:
        raise PostbuildError(f"Node.js is needed to {needed_for}: install Node 20 or later.")
    return node


def run(node: str, arguments: list[str], doing: str, timeout_s: int) -> str:
    """Run ``node ARGUMENTS`` (a script and its arguments); return its output, or fail naming what it was *doing*."""
    try:
        result = subprocess.run([node, *arguments], capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as error:
        raise PostbuildError(f"{doing} took over {timeout_s} s and was stopped.") from error
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"node exited {result.returncode}"]
        raise PostbuildError(f"{doing} failed: {lines[-1].strip()[:300]}")
    return result.stdout
