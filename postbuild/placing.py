"""Putting a file the step made (and cached) into the site under its content-named path."""

from __future__ import annotations

import shutil
from pathlib import Path


def place(cached: Path, target: Path, siblings: str) -> Path:
    """Copy *cached* to *target* unless it is there already, and remove the files beside it that match the glob
    *siblings* (other builds' versions: their names carry another hash). Returns *target*.

    A name carries its content's hash, so a file of the same size under it is taken to be the same file and kept,
    with its modification time (the gzip step and hosts then see no change).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(siblings):
        if stale != target:
            stale.unlink()
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        shutil.copyfile(cached, target)
    return target
