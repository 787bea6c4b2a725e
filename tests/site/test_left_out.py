"""The trimmed standard library's finder (postbuild/left_out.py), run here in CPython on a small "full" archive.

In the browser the full archive is a lazy file that is fetched when first read; here it is a plain zip, and the
test watches whether it is read at all.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from postbuild.left_out import LeftOutFinder


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Path]:
    archive = tmp_path / "full.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("leftout_mod.py", "WHERE = 'full'\n")
        z.writestr("leftout_pkg/__init__.py", "")
        z.writestr("leftout_pkg/inner.py", "VALUE = 42\n")
    yield archive
    for name in ("leftout_mod", "leftout_pkg", "leftout_pkg.inner"):
        sys.modules.pop(name, None)


def installed(finder: LeftOutFinder) -> LeftOutFinder:
    sys.meta_path.append(finder)
    return finder


def test_a_left_out_module_and_package_come_from_the_full_archive(full: Path) -> None:
    finder = installed(LeftOutFinder(str(full), frozenset({"leftout_mod", "leftout_pkg", "leftout_pkg.inner"})))
    try:
        import leftout_mod  # type: ignore[import-not-found]
        import leftout_pkg.inner  # type: ignore[import-not-found]

        assert leftout_mod.WHERE == "full"
        assert leftout_pkg.inner.VALUE == 42
        assert leftout_mod.__file__.startswith(str(full))
    finally:
        sys.meta_path.remove(finder)


def test_a_name_the_full_archive_lacks_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Imports that probe for optional modules must not fetch 2.5 MB: a name not listed never opens the archive."""
    absent = tmp_path / "never-read.zip"  # does not exist: reading it would raise ZipImportError, not ImportError
    finder = installed(LeftOutFinder(str(absent), frozenset({"something_listed"})))
    try:
        with pytest.raises(ModuleNotFoundError):
            import leftout_probe_for_an_accelerator  # type: ignore[import-not-found]  # noqa: F401
    finally:
        sys.meta_path.remove(finder)
