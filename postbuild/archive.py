"""Step (b): the browser archive, a zip of the engine and its view layer that Pyodide unpacks into site-packages.

A zip rather than a wheel: Pyodide's ``unpackArchive`` takes it as is, and it needs no build backend, so the
build works offline. What ships is the code without its docstrings and comments and the data without indentation
(:func:`shipped`): the browser reads neither, and the archive is downloaded before the calculator can start. The archive is reproducible (sorted entries, fixed timestamps and modes), so the same
sources give the same bytes, and its name carries a hash of those bytes: hosts can cache it forever and a new
engine gets a new URL (and a new memory snapshot, which is keyed by the same digest).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from postbuild.errors import PostbuildError

# The packages the worker imports: the engine and the view layer whose JSON entry point it calls.
PACKAGES = ("calc", "margin_view")
# What they need at run time: their modules and their data (tier tables, locale strings), and the typing marker.
INCLUDED_SUFFIXES = frozenset({".py", ".json", ".typed"})
#: Each exchange's tier data (calc/exchanges/<exchange>.json) stays out: the page fetches it when the reader picks
#: that exchange, so the archive, and the cold start, do not grow with it. Its small index ships.
LEFT_OUT = ("calc/exchanges/",)
KEPT = frozenset({"calc/exchanges/index.json"})
FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)
FOLDER = "assets/calc"


@dataclass(frozen=True)
class Archive:
    """The archive's bytes and the first 12 hex digits of their SHA-256."""

    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:12]

    @property
    def site_path(self) -> str:
        """Relative to the site root; tests and the README rely on the ``calc-<digest>.zip`` form."""
        return f"{FOLDER}/calc-{self.digest}.zip"


def package_folder(name: str) -> Path:
    """The folder of package *name* as Python imports it (from the work tree in an editable install).

    ``find_spec`` gives the path the package's ``__file__`` will have without running its code: the step must
    not depend on the engine importing cleanly in the build's Python, only on its files.
    """
    try:
        spec = importlib.util.find_spec(name)
    except ImportError as error:
        raise PostbuildError(f"The package {name} cannot be located ({error}): install the project first.") from error
    if spec is None or spec.origin is None or not spec.submodule_search_locations:
        raise PostbuildError(f"The package {name} is not importable here: install the project (`make install`).")
    return Path(spec.origin).resolve().parent


def _entries(name: str) -> list[tuple[str, Path]]:
    """(path inside the zip, file) for every run-time file of package *name*; paths start at ``name/``."""
    folder = package_folder(name)
    entries = [
        (f"{name}/{path.relative_to(folder).as_posix()}", path)
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in INCLUDED_SUFFIXES and "__pycache__" not in path.parts
    ]
    return [(arcname, path) for arcname, path in entries
            if arcname in KEPT or not arcname.startswith(LEFT_OUT)]


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _without_docstrings(source: bytes) -> bytes:
    """The module's code as ``ast.unparse`` writes it (no comments), every docstring left out."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, _DOCUMENTED) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = node.body[1:] or [ast.Pass()]
    return (ast.unparse(tree) + "\n").encode("utf-8")


def shipped(arcname: str, data: bytes) -> bytes:
    """What goes into the archive for one file: the same program or data, without what only a reader needs."""
    if arcname.endswith(".py"):
        return _without_docstrings(data)
    if arcname.endswith(".json"):
        return json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return data


def build(packages: tuple[str, ...] = PACKAGES) -> Archive:
    """Zip *packages* deterministically, entries sorted by their path in the zip."""
    buffer = io.BytesIO()
    entries = sorted(entry for name in packages for entry in _entries(name))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for arcname, path in entries:
            info = zipfile.ZipInfo(arcname, FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, shipped(arcname, path.read_bytes()))
    return Archive(buffer.getvalue())


def write(archive: Archive, site: Path) -> Path:
    """Put *archive* in the site under its hashed name and remove archives of other engines; return its path.

    The name is the content's hash, so a file already there under that name holds these bytes: it is kept, and
    its modification time with it (the gzip step and hosts see no change).
    """
    target = site / archive.site_path
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob("calc-*.zip"):
        if stale != target:
            stale.unlink()
    if not target.is_file() or target.stat().st_size != len(archive.data):
        target.write_bytes(archive.data)
    return target


def write_data(site: Path) -> list[Path]:
    """Put each exchange's tier data beside the archive (``assets/calc/exchanges/<exchange>.json``), where the worker
    fetches it when the reader picks that exchange (and the service worker keeps it for offline use); files of
    exchanges that no longer ship are removed. Each file is written only when its bytes change."""
    source = package_folder("calc") / "exchanges"
    folder = site / FOLDER / "exchanges"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {path.name: path for path in sorted(source.glob("*.json")) if path.name != "index.json"}
    for stale in folder.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for name, path in wanted.items():
        data = shipped(f"calc/exchanges/{name}", path.read_bytes())
        target = folder / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(target)
    return written
