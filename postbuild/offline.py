"""Step (f): a service worker that precaches the whole site, so that a second visit works with no network.

Workbox (``workbox-build``, pinned in package.json) writes it from the finished files: each file's hash is in its
manifest, so a new build is a new worker, which installs the new files and removes the old cache. It is written
to ``sw.js`` at the site root, whose scope is the whole site, and every page names it in a
``<meta name="margin:offline">`` tag; the glue registers it once the page's own start-up is done, so its downloads
never delay the calculator. Files whose names change with their content are precached without cache-busting, so
the browser's HTTP cache, which the page has just filled, supplies them.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from postbuild import node as node_js
from postbuild.errors import PostbuildError
from postbuild.hosts import SKIPPED
from postbuild.project import Project
from postbuild.runtime import FULL_STDLIB

SERVICE_WORKER = "sw.js"
MAKER = Path(__file__).resolve().parent / "make_service_worker.mjs"
NODE_TIMEOUT_S = 120
#: Service workers kept in the cache: enough to switch between a few builds without Node.
KEEP = 20


def workbox(project: Project) -> Path:
    """The node_modules folder that holds workbox-build; fails with a sentence when it is not installed."""
    modules = project.root / "node_modules"
    if not (modules / "workbox-build" / "package.json").is_file():
        raise PostbuildError(f"Workbox is not installed in {modules}: run `npm ci` in the project root.")
    return modules


def _precached(site: Path) -> list[Path]:
    """The files the worker's manifest lists (as the Node script's globs choose them)."""
    skipped = (".gz", ".br")
    return sorted(path for path in site.rglob("*") if path.is_file()
                  and (not path.name.endswith(skipped) or path.name.startswith("snapshot-"))
                  and path.relative_to(site).as_posix() != SERVICE_WORKER
                  and path.relative_to(site).parts[0] != "bench-naive" and path.name != FULL_STDLIB
                  and path.relative_to(site).as_posix() not in SKIPPED)


def _key(site: Path, modules: Path) -> str:
    """What the worker is made from: every precached file's path and bytes, the script, the Workbox version."""
    digest = hashlib.sha256(MAKER.read_bytes())
    digest.update((modules / "workbox-build" / "package.json").read_bytes())
    for path in _precached(site):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _make(node: str, modules: Path, site: Path, destination: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / SERVICE_WORKER
        node_js.run(node, [str(MAKER), str(modules), str(site), SERVICE_WORKER, str(made)],
                    "Writing the service worker", NODE_TIMEOUT_S)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, destination)


def write_service_worker(project: Project, node: str, site: Path) -> Path:
    """Write ``sw.js`` for the site as it now stands; rewrite it only when its text changes.

    A site whose files are byte for byte those of an earlier build gets that build's worker from the cache.
    """
    modules = workbox(project)
    cached = project.service_workers / f"sw-{_key(site, modules)}.js"
    if not cached.is_file():
        _make(node, modules, site, cached)
        # Each edit of a page makes a new worker; the cache keeps the last few builds' (a few KB each).
        for stale in sorted(project.service_workers.glob("sw-*.js"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            stale.unlink()
    target = site / SERVICE_WORKER
    if not target.is_file() or target.read_bytes() != cached.read_bytes():
        shutil.copyfile(cached, target)
    return target
