"""Ship a memory snapshot of Pyodide with calc already imported, so the calculator starts in about a second.

A plain start spends ~2 s of CPU booting Python; restoring a snapshot takes ~0.3 s (bench/README.md has the
figures). The snapshot is made with Node from the same npm package, gzipped (31 MB → 7 MB; the worker inflates
it with the browser's DecompressionStream), cached in ``.cache/`` by Pyodide version and calc digest, and named
after both so that hosts can cache it forever. The worker falls back to a plain start if it cannot be used.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parent.parent
CACHE = PROJECT / ".cache" / "pyodide-snapshots"
MAKER = Path(__file__).resolve().parent / "make_snapshot.mjs"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    runtime = config.extra["margin_runtime"]  # set by the pyodide_runtime and calc_archive hooks, listed before
    digest = Path(runtime["calc_archive"]).stem.removeprefix("calc-")
    runtime["snapshot"] = f"{runtime['pyodide']}snapshot-{digest}.bin.gz"
    return config


def _make(archive: Path, destination: Path) -> None:
    """Run the Node script, then gzip its output into *destination*."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to build the calculator's Pyodide snapshot: install Node 20 or later.")
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "snapshot.bin"
        result = subprocess.run(
            [node, str(MAKER), str(PROJECT / "node_modules" / "pyodide"), str(archive), str(raw)],
            capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0:
            raise PluginError(f"Making the Pyodide snapshot failed: {result.stderr.strip()[-500:]}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_suffix(".partial")
        with raw.open("rb") as source, gzip.GzipFile(partial, "wb", compresslevel=6, mtime=0) as target:
            shutil.copyfileobj(source, target)
        partial.replace(destination)


def on_post_build(*, config: MkDocsConfig) -> None:
    runtime = config.extra["margin_runtime"]
    site = Path(config.site_dir)
    target = site / runtime["snapshot"]
    # The cache key adds the script that makes snapshots: a change to it must not reuse an old one.
    maker = hashlib.sha256(MAKER.read_bytes()).hexdigest()[:8]
    cached = CACHE / f"{Path(runtime['pyodide']).name}-{maker}-{target.name}"
    if not cached.is_file():
        _make(site / runtime["calc_archive"], cached)
    for stale in target.parent.glob("snapshot-*.bin.gz"):
        if stale.name != target.name:
            stale.unlink()
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        shutil.copyfile(cached, target)
