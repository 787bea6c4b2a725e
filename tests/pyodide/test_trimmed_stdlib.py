"""The trimmed, precompiled standard library the site serves boots Pyodide, answers the calculator, and still
reaches every module it left out (through ``postbuild/left_out.py``), in the pinned Pyodide under Node (the ``node``
fixture marks it ``node``)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Build

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("boot_trimmed.mjs")


def meta(html: str, name: str) -> str:
    found = re.search(rf'<meta name="margin:{name}" content="([^"]+)">', html)
    assert found, f"no margin:{name} tag"
    return found.group(1)


def test_the_trimmed_library_boots_and_reaches_what_it_left_out(node: str, site_builds: Callable[[str], Build],
                                                                ) -> None:
    build = site_builds("mkdocs")
    html = (build.site / "index.html").read_text(encoding="utf-8")
    stdlib, archive = meta(html, "stdlib"), meta(html, "calc")
    trimmed = (build.site / stdlib).stat().st_size
    assert trimmed < 0.7 * (ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").stat().st_size
    result = subprocess.run([node, str(SCRIPT), str(ROOT / "node_modules" / "pyodide"), str(build.site),
                             stdlib, archive], capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["ok"] is True
    # Booting and answering the calculator need nothing from the full archive: it is never fetched.
    assert seen["from_full_before"] == [] and seen["from_full_after_calc"] == []
    assert seen["trimmed"].startswith("/lib/python314.zip/")
    # What Python froze into the runtime is never read from an archive, and the worker has no use for sysconfig
    # (issue 29): neither is in the trimmed one.
    names = set(zipfile.ZipFile(build.site / stdlib).namelist())
    assert not names & {"os.pyc", "io.pyc", "site.pyc", "importlib/_bootstrap.pyc", "importlib/_bootstrap_external.pyc"}
    assert "sysconfig/__init__.pyc" not in names and seen["sysconfig"] is False
    # Modules the worker never imports were left out, and come from the full archive when asked for.
    assert seen["difflib"].startswith("/lib/python_stdlib_full.zip/")
    assert seen["email"].startswith("/lib/python_stdlib_full.zip/email/")
