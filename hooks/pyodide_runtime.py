"""Copy the pinned Pyodide runtime from node_modules into the built site.

The files go under ``assets/pyodide/<version>/`` so a host can cache them forever: a new Pyodide version gets a
new path. Only what ``loadPyodide`` fetches is copied (the npm package also ships source maps and consoles).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# What loadPyodide() requests at start-up (toolchain notes: the lock file can later be inlined).
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


# The project root, found from this file rather than the working directory or the config file, so that a config
# elsewhere (tests build throwaway pages with one) still finds the project's node_modules.
PROJECT = Path(__file__).resolve().parent.parent


def package_dir(config: MkDocsConfig) -> Path:
    """The npm package's folder in the project root."""
    return PROJECT / "node_modules" / "pyodide"


def runtime_version(config: MkDocsConfig) -> str:
    manifest = package_dir(config) / "package.json"
    if not manifest.is_file():
        raise PluginError(
            f"Pyodide is not installed: {manifest} is missing. Run `npm ci` (or `make build`) in the project root."
        )
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Tell the templates where the runtime will be, relative to the site root."""
    runtime = config.extra.setdefault("margin_runtime", {})
    runtime["pyodide"] = f"assets/pyodide/{runtime_version(config)}/"
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    source = package_dir(config)
    target = Path(config.site_dir) / config.extra["margin_runtime"]["pyodide"]
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        if not (source / name).is_file():
            raise PluginError(f"Pyodide file {name} is missing from {source}. Reinstall with `npm ci`.")
        destination = target / name
        # Copy only when changed: `mkdocs serve` rebuilds often and the wasm alone is ~10 MB.
        if not destination.is_file() or destination.stat().st_size != (source / name).stat().st_size:
            shutil.copyfile(source / name, destination)
