"""A MkDocs config elsewhere that inherits the project's: for throwaway sites built by tests and the bench.

MkDocs resolves ``custom_dir`` and ``hooks`` relative to the config that names them, so the child repeats them
with absolute paths, in the project's order (the hooks depend on it: the runtime is copied before it is gzipped).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_HOOK = re.compile(r"^  - (hooks/\S+\.py)\s*$", re.M)


def project_hooks() -> list[Path]:
    """The hooks of ``mkdocs.yml``, in the order it lists them."""
    section = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:\n", 1)[1].split("\n\n", 1)[0]
    return [ROOT / path for path in _HOOK.findall(section)]


def write_inherited_config(folder: Path, docs: Path, nav: list[str] | None = None) -> Path:
    """Write ``folder/mkdocs.yml`` inheriting the project's, with *docs* as its pages; returns its path."""
    lines = [
        f"INHERIT: {ROOT / 'mkdocs.yml'}",
        f"docs_dir: {docs}",
        f"theme:\n  custom_dir: {ROOT / 'site_overrides'}",
        "hooks:",
        *(f"  - {hook}" for hook in project_hooks()),
        "watch: []",
    ]
    if nav is not None:
        lines += ["nav:", *(f"  - {page}" for page in nav)]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config
