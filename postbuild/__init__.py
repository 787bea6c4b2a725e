"""The guide's post-build step: package Pyodide and the engine into a built site and finish its pages.

``run(site)`` (or ``python -m postbuild SITE_DIR``) works on any folder of built HTML, whatever generator wrote
it: the MkDocs hook ``hooks/post_build.py`` calls it, and a generator that runs no MkDocs hooks (Zensical) can
run the command after its build. ``step.py`` says what it does, in which order and why.
"""

from __future__ import annotations

from postbuild.errors import PostbuildError
from postbuild.pages import RuntimePaths
from postbuild.step import run

__all__ = ["PostbuildError", "RuntimePaths", "run"]
