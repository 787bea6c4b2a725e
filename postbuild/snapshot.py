"""Step (c): a memory snapshot of Pyodide with the engine already imported, so the calculator starts in ~1 s.

A plain start spends ~2 s of CPU booting Python; restoring a snapshot takes ~0.3 s (bench/README.md has the
figures). The snapshot is made with Node from the same npm package by ``make_snapshot.mjs`` (beside this file),
gzipped (31 MB → 7 MB; the worker inflates it with the browser's DecompressionStream) and cached in the project's
``.build-cache/snapshots/``. It is named after the archive it holds, so hosts can cache it forever; the worker
falls back to a plain start if it cannot be used.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from postbuild import node as node_js
from postbuild.archive import Archive
from postbuild.placing import place
from postbuild.project import Project
from postbuild.runtime import Pyodide
from postbuild.stdlib import Stdlib

MAKER = Path(__file__).resolve().parent / "make_snapshot.mjs"
NODE_TIMEOUT_S = 300


@dataclass(frozen=True)
class Snapshot:
    """The snapshot for one Pyodide version and one archive: where it is cached and where the site has it."""

    project: Project
    pyodide: Pyodide
    archive: Archive
    stdlib: Stdlib

    @property
    def digest(self) -> str:
        """What the snapshot holds: the archive it has imported and the standard library it imported from.

        The standard library counts because a restored interpreter keeps the directory of the archive it read
        modules from: restored beside another one, its later imports would read the wrong bytes.
        """
        return hashlib.sha256(f"{self.archive.digest}-{self.stdlib.digest}".encode()).hexdigest()[:12]

    @property
    def site_path(self) -> str:
        """Beside the runtime it belongs to, named after what it holds."""
        return f"{self.pyodide.site_path}snapshot-{self.digest}.bin.gz"

    @property
    def cached(self) -> Path:
        # The key adds the script that makes snapshots: a change to it must not reuse an old one.
        maker = hashlib.sha256(MAKER.read_bytes()).hexdigest()[:8]
        return self.project.snapshots / f"{self.pyodide.version}-{maker}-snapshot-{self.digest}.bin.gz"


def _make(node: str, snapshot: Snapshot, archive: Path) -> None:
    """Run the Node script on the archive written into the site, then gzip its output into the cache."""
    destination = snapshot.cached
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "snapshot.bin"
        # The script prints the error's message: for Python, a traceback whose last line names the fault.
        node_js.run(node, [str(MAKER), str(snapshot.pyodide.folder), str(archive), str(snapshot.stdlib.cached), str(raw)],
                    "Making the Pyodide snapshot", NODE_TIMEOUT_S)
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Written under another name and renamed, so an interrupted build never leaves half a snapshot cached.
        partial = destination.with_suffix(".partial")
        with raw.open("rb") as source, gzip.GzipFile(partial, "wb", compresslevel=6, mtime=0) as target:
            shutil.copyfileobj(source, target)
        partial.replace(destination)


def install(snapshot: Snapshot, node: str | None, site: Path, archive: Path) -> Path:
    """Make *snapshot* if it is not cached (with *node*, which is then needed), then put it in the site and
    remove snapshots of other archives."""
    if not snapshot.cached.is_file():
        assert node is not None, "the step finds Node when the snapshot is not cached"
        _make(node, snapshot, archive)
    return place(snapshot.cached, site / snapshot.site_path, "snapshot-*.bin.gz")
