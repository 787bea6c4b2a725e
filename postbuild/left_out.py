"""Runs in the browser, not in the build: the trimmed standard library's way to the modules it left out.

The step ships Python's standard library trimmed to the modules the worker imports (``postbuild/stdlib.py``),
precompiled, about a third of the full archive. Should some code path import a module that was left out, this
finder (installed last on ``sys.meta_path``, so it is asked only when every other finder has failed) puts the full
archive on ``sys.path`` and imports from it. The worker mounts that archive as a lazy file, so its bytes are
fetched only then. Names that are not in the full archive either (optional accelerators that imports probe for,
such as ``_decimal``) are refused here without a fetch: only the names in :data:`LISTING` count.

This file is copied into the trimmed archive as ``_margin_left_out.py``, with the listing beside it.
"""

from __future__ import annotations

import os
import sys
import zipimport
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

#: Beside this module in the trimmed archive: the dotted names of the left-out modules, one per line.
LISTING = "_margin_left_out.txt"


class LeftOutFinder:
    """Finds a left-out standard-library module in the full archive, mounted at *full*."""

    def __init__(self, full: str, names: frozenset[str]) -> None:
        self.full = full
        self.names = names

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        # A package found here has its __path__ in the full archive, so its submodules come from there too. A
        # left-out submodule of a package that came from the trimmed archive is looked up in the same folder of
        # the full one. Reading the archive's directory is what fetches it, once.
        package, _, name = fullname.rpartition(".")
        folder = "/".join([self.full, *package.split(".")]) if package else self.full
        return zipimport.zipimporter(folder).find_spec(name)


def install(full: str) -> LeftOutFinder:
    """Put the finder last on ``sys.meta_path`` (once); *full* is where the full archive is mounted."""
    for finder in sys.meta_path:
        if isinstance(finder, LeftOutFinder):
            return finder
    here = os.path.dirname(__file__)
    listing = zipimport.zipimporter(here).get_data(f"{here}/{LISTING}").decode("utf-8")
    finder = LeftOutFinder(full, frozenset(listing.split()))
    sys.meta_path.append(finder)
    return finder
