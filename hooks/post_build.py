"""Build the site's other editions into it, then run the post-build step (the ``postbuild`` package) on the whole.

A thin adapter: everything the step does, and in which order, lives in ``postbuild/step.py``, where
``python -m postbuild`` runs it too for generators without MkDocs hooks. (Not named ``postbuild.py``: MkDocs puts
this folder first on ``sys.path`` while it loads a hook, and the hook would then import itself as the package.)

The editions are listed in ``extra.editions`` of mkdocs.yml; the first is the one ``mkdocs build`` is run for, and
each other one is ``mkdocs.<lang>.yml`` beside it (inheriting it), built into its folder of the site after the
first has been written (a build empties its folder, so the order matters) and before the step, which then serves
every edition from one copy of the runtime. An edition's own build (it inherits this hook) leaves the step to the
first edition's.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from calc import CHOICES, load_profile
from postbuild import PostbuildError, run

log = logging.getLogger("mkdocs.hooks.post_build")

# `mkdocs serve` injects an inline live-reload script into every page it sends; a policy written after the build
# cannot know its hash, so the development server gets no policy. Nor a service worker, which would serve the
# pages as they were. Built sites always have both. MkDocs keeps this
# module for the whole process, so what on_startup learnt holds for every rebuild.
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _is_first_edition(config: MkDocsConfig) -> bool:
    editions = config.extra.get("editions") or []
    return not editions or editions[0]["lang"] == config.theme["language"]


def _other_editions(config: MkDocsConfig) -> list[tuple[Path, Path]]:
    """``(configuration file, folder)`` of each edition after the first."""
    others = (config.extra.get("editions") or [])[1:]
    here = Path(config.config_file_path).parent if others else Path()
    found = []
    for edition in others:
        file = here / f"mkdocs.{edition['lang']}.yml"
        if not file.is_file():
            raise PluginError(f"extra.editions lists {edition['lang']!r}, but {file} is missing")
        found.append((file, Path(config.site_dir) / edition["folder"]))
    return found


def data_ages(today: datetime.date) -> list[str]:
    """Each exchange's tier data as the build ships it: its date, its age in days and how many symbols it lists."""
    lines = []
    for name in CHOICES["exchange"]:
        profile = load_profile(name)
        if profile.recorded is None:
            lines.append(f"{profile.label}: no tier data beyond the bundled tables ({', '.join(profile.symbols)})")
            continue
        days = (today - datetime.date.fromisoformat(profile.recorded)).days
        lines.append(f"{profile.label}: tiers as of {profile.recorded}, {days} days old, {len(profile.listed)} symbols")
    return lines


def on_post_build(*, config: MkDocsConfig) -> None:
    if not _is_first_edition(config):
        return
    for line in data_ages(datetime.datetime.now(datetime.UTC).date()):
        log.info("Exchange data: %s", line)
    for file, folder in _other_editions(config):
        # In this process, so that a warning counts against the first build's --strict as well as its own.
        edition = load_config(str(file), site_dir=str(folder), strict=config.strict)
        edition.plugins.on_startup(command="serve" if _serving else "build", dirty=False)
        try:
            build(edition)
        finally:
            edition.plugins.on_shutdown()
    try:
        run(Path(config.site_dir), policy=not _serving, offline_use=not _serving)
    except PostbuildError as error:
        raise PluginError(str(error)) from error
