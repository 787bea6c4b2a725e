"""Where the step finds what the site is made from: the project's npm packages and its build cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The checkout this package sits in. The step finds node_modules from here rather than from the working
# directory or a config file, so that a config elsewhere (the tests' throwaway sites) still finds the project's.
CHECKOUT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    """A project folder: ``node_modules/`` (the pinned runtime, Workbox) and ``.build-cache/`` (what Node made before).

    Not in ``.cache/``: ``zensical build -c`` empties that folder, and a snapshot takes Node seconds to make.
    """

    root: Path = CHECKOUT

    @property
    def pyodide(self) -> Path:
        """The npm ``pyodide`` package, installed by ``npm ci`` from package-lock.json."""
        return self.root / "node_modules" / "pyodide"

    @property
    def snapshots(self) -> Path:
        """Snapshots already made, kept across builds: making one takes Node several seconds."""
        return self.root / ".build-cache" / "snapshots"

    @property
    def stdlibs(self) -> Path:
        """Trimmed standard libraries already made: Node boots Pyodide to make one."""
        return self.root / ".build-cache" / "stdlib"

    @property
    def brotli_copies(self) -> Path:
        """Brotli copies by their source's hash: the wasm's takes Node about 25 s."""
        return self.root / ".build-cache" / "brotli"

    @property
    def service_workers(self) -> Path:
        """Service workers already written, by the files they precache: Workbox takes Node a second or two."""
        return self.root / ".build-cache" / "service-workers"
