"""Step (a): copy the pinned Pyodide runtime from ``node_modules/pyodide`` into the built site.

The files go under ``assets/pyodide/<version>/`` so a host can cache them forever: a new Pyodide version gets a
new path. Only what ``loadPyodide`` fetches is copied (the npm package also ships source maps and consoles).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from postbuild.errors import PostbuildError
from postbuild.project import Project

# What the worker's loadPyodide() requests at every boot (the worker asks for them all at once: worker.js).
BOOT_FILES = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "pyodide-lock.json")
# Pyodide's full standard library: the boot uses the trimmed one (postbuild/stdlib.py), and this is fetched only
# for a module it left out (postbuild/left_out.py), so it is copied but neither preloaded nor precached.
FULL_STDLIB = "python_stdlib.zip"
RUNTIME_FILES = (*BOOT_FILES, FULL_STDLIB)
LOCK_FILE = "pyodide-lock.json"


@dataclass(frozen=True)
class Pyodide:
    """The installed npm package: its folder and its version."""

    folder: Path
    version: str

    @property
    def site_path(self) -> str:
        """Where the runtime goes, relative to the site root, with the trailing slash ``indexURL`` wants."""
        return f"assets/pyodide/{self.version}/"


def locate(project: Project) -> Pyodide:
    """The project's Pyodide, checked complete before anything is written."""
    manifest = project.pyodide / "package.json"
    if not manifest.is_file():
        raise PostbuildError(
            f"Pyodide is not installed ({manifest} is missing): run `npm ci` (or `make install`) in {project.root}."
        )
    missing = [name for name in RUNTIME_FILES if not (project.pyodide / name).is_file()]
    if missing:
        raise PostbuildError(f"Pyodide in {project.pyodide} lacks {', '.join(missing)}: reinstall it with `npm ci`.")
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return Pyodide(project.pyodide, str(version))


def _is_current(source: Path, copy: Path) -> bool:
    """A copy is current when it is as large as its source and was made after the source last changed."""
    if not copy.is_file():
        return False
    mine, theirs = copy.stat(), source.stat()
    return mine.st_size == theirs.st_size and mine.st_mtime_ns >= theirs.st_mtime_ns


def lock_file(source: Path) -> bytes:
    """Pyodide's lock file as the site serves it: its ``info`` (Pyodide checks the ABI version in it) and no
    packages.

    The npm package's lock file lists the packages of Pyodide's distribution (119 KB, 22 KB brotli) at URLs on a
    CDN, which the site never asks for: the calculator needs none, and a request for one fails here at once
    instead of reaching another origin.
    """
    info = json.loads(source.read_text(encoding="utf-8"))["info"]
    return (json.dumps({"info": info, "packages": {}}, sort_keys=True, separators=(",", ":")) + "\n").encode()


def copy_runtime(pyodide: Pyodide, site: Path) -> Path:
    """Copy the runtime files that changed into the site; return the runtime folder.

    Copy only when changed: ``mkdocs serve --dirty`` and repeated ``python -m postbuild`` runs keep the folder,
    and the wasm alone is ~10 MB. A fresh copy gets a new modification time, which tells the gzip step that its
    ``.gz`` twin is stale.
    """
    target = site / pyodide.site_path
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        if name == LOCK_FILE:
            trimmed = lock_file(pyodide.folder / name)
            if not (target / name).is_file() or (target / name).read_bytes() != trimmed:
                (target / name).write_bytes(trimmed)
                # Too small for compressed copies: an earlier build's would be served instead of it.
                for copy in (".gz", ".br"):
                    (target / (name + copy)).unlink(missing_ok=True)
        elif not _is_current(pyodide.folder / name, target / name):
            shutil.copyfile(pyodide.folder / name, target / name)
    return target
