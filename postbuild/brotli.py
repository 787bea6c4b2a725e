"""Brotli copies (``.br``) beside the gzip ones, for hosts that serve precompressed brotli (and the test server).

Brotli at its best setting is about a fifth smaller than gzip on Pyodide's wasm (2.8 MB against 3.5 MB) and on
the pages, but slow to make (about 25 s for the wasm). Python's standard library has no brotli, Node's zlib has:
``make_brotli.mjs`` makes the copies, and each is cached in ``.build-cache/brotli/`` by a hash of its source, so
the runtime's are made once per Pyodide version and a page's once per edit.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from postbuild import node as node_js

MAKER = Path(__file__).resolve().parent / "make_brotli.mjs"
NODE_TIMEOUT_S = 600


class Brotli:
    """Makes ``.br`` copies with *node*, through the cache folder *cache*."""

    def __init__(self, node: str, cache: Path) -> None:
        self.node = node
        self.cache = cache

    def _cached(self, source: Path) -> Path:
        key = hashlib.sha256(MAKER.read_bytes() + source.read_bytes()).hexdigest()[:20]
        return self.cache / f"{key}.br"

    def write(self, jobs: list[tuple[Path, Path]]) -> None:
        """Write each (source, copy) pair, making in one Node run the copies the cache lacks."""
        wanted = [(source, self._cached(source), target) for source, target in jobs]
        missing = sorted({(str(source), str(cached)) for source, cached, _ in wanted if not cached.is_file()})
        if missing:
            self.cache.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory() as scratch:
                listing = Path(scratch) / "jobs.json"
                listing.write_text(json.dumps(missing), encoding="utf-8")
                node_js.run(self.node, [str(MAKER), str(listing)], "Writing brotli copies", NODE_TIMEOUT_S)
        for _, cached, target in wanted:
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(cached, partial)
            partial.replace(target)
