"""Step (f): a service worker that precaches the whole site, so that a second visit works with no network.

Workbox (``workbox-build``, pinned in package.json) writes it from the finished files: each file's hash is in its
manifest, so a new build is a new worker, which installs the new files and removes the old cache. It is written
to ``sw.js`` at the site root, whose scope is the whole site, and every page names it in a
``<meta name="margin:offline">`` tag; the glue registers it once the page's own start-up is done, so its downloads
never delay the calculator. Files whose names change with their content are precached without cache-busting, so
the browser's HTTP cache, which the page has just filled, supplies them.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from postbuild.errors import PostbuildError
from postbuild.project import Project

SERVICE_WORKER = "sw.js"
MAKER = Path(__file__).resolve().parent / "make_service_worker.mjs"
NODE_TIMEOUT_S = 120


def workbox(project: Project) -> Path:
    """The node_modules folder that holds workbox-build; fails with a sentence when it is not installed."""
    modules = project.root / "node_modules"
    if not (modules / "workbox-build" / "package.json").is_file():
        raise PostbuildError(f"Workbox is not installed in {modules}: run `npm ci` in the project root.")
    return modules


def write_service_worker(project: Project, node: str, site: Path) -> Path:
    """Write ``sw.js`` for the site as it now stands; rewrite it only when its text changes."""
    modules = workbox(project)
    target = site / SERVICE_WORKER
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / SERVICE_WORKER
        command = [node, str(MAKER), str(modules), str(site), SERVICE_WORKER, str(made)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=NODE_TIMEOUT_S, check=False)
        if result.returncode != 0 or not made.is_file():
            lines = result.stderr.strip().splitlines() or [f"node exited {result.returncode}"]
            raise PostbuildError(f"Writing the service worker failed: {lines[-1].strip()[:300]}")
        text = made.read_bytes()
    if not target.is_file() or target.read_bytes() != text:
        target.write_bytes(text)
    return target
