"""Run the post-build step (the ``postbuild`` package) on the site MkDocs has just written.

A thin adapter: everything the step does, and in which order, lives in ``postbuild/step.py``, where
``python -m postbuild`` runs it too for generators without MkDocs hooks. (Not named ``postbuild.py``: MkDocs puts
this folder first on ``sys.path`` while it loads a hook, and the hook would then import itself as the package.)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from postbuild import PostbuildError, run

# `mkdocs serve` injects an inline live-reload script into every page it sends; a policy written after the build
# cannot know its hash, so the development server gets no policy. Nor a service worker, which would serve the
# pages as they were. Built sites always have both. MkDocs keeps this
# module for the whole process, so what on_startup learnt holds for every rebuild.
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        run(Path(config.site_dir), policy=not _serving, offline_use=not _serving)
    except PostbuildError as error:
        raise PluginError(str(error)) from error
