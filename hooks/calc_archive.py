"""Package the ``calc`` engine as a zip archive the browser's Pyodide unpacks into site-packages.

A zip rather than a wheel: Pyodide's ``unpackArchive`` takes it as is, and it needs no build backend, so the
build works offline. The archive is reproducible (sorted entries, fixed timestamps) and its name carries a hash of
its content, so hosts can cache it forever and a new engine gets a new URL.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

PACKAGE = "calc"
# What the engine needs at run time: its modules and its data (tier tables, locale strings).
INCLUDED_SUFFIXES = {".py", ".json", ".typed"}
FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)

# The archive built in on_config, written in on_post_build (hook modules live for the whole build).
_archive = b""


def build_archive(package_root: Path) -> bytes:
    """Zip ``package_root`` (the ``calc`` folder) deterministically, with paths starting at ``calc/``."""
    buffer = io.BytesIO()
    files = sorted(
        path
        for path in package_root.rglob("*")
        if path.is_file() and path.suffix in INCLUDED_SUFFIXES and "__pycache__" not in path.parts
    )
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{PACKAGE}/{path.relative_to(package_root).as_posix()}", FIXED_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build the archive once per build and tell the templates its hashed name."""
    global _archive
    _archive = build_archive(Path(__file__).resolve().parent.parent / PACKAGE)
    digest = hashlib.sha256(_archive).hexdigest()[:12]
    runtime = config.extra.setdefault("margin_runtime", {})
    runtime["calc_archive"] = f"assets/calc/{PACKAGE}-{digest}.zip"
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    runtime = config.extra["margin_runtime"]
    target = Path(config.site_dir) / runtime["calc_archive"]
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{PACKAGE}-*.zip"):
        if stale != target:
            stale.unlink()
    target.write_bytes(_archive)
