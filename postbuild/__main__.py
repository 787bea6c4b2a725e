"""``python -m postbuild SITE_DIR [--no-policy] [--no-offline]``: run the post-build step over a built site folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from postbuild.errors import PostbuildError
from postbuild.project import CHECKOUT, Project
from postbuild.step import run

# argparse's own exit status for a bad command line; a missing tool is the same kind of "cannot start" failure.
EXIT_UNUSABLE = 2


def parser() -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(
        prog="python -m postbuild",
        description=(
            "Finish a built site: copy the pinned Pyodide runtime into it, add the engine's archive and a memory "
            "snapshot, point the pages that hold a calculator or an example card at them, add a "
            "Content-Security-Policy to every page, a service worker for offline use, and write gzip copies. Safe to run again: it writes only what "
            "changed."
        ),
    )
    arguments.add_argument("site", type=Path, metavar="SITE_DIR", help="the folder the generator wrote the site to")
    arguments.add_argument(
        "--no-policy", dest="policy", action="store_false",
        help="leave out the Content-Security-Policy (for a development server that injects inline scripts)",
    )
    arguments.add_argument(
        "--no-offline", dest="offline", action="store_false",
        help="leave out the service worker that lets a second visit work offline (for a development server)",
    )
    arguments.add_argument(
        "--project", type=Path, default=CHECKOUT, metavar="DIR",
        help="the folder holding node_modules/ and .build-cache/ (default: %(default)s)",
    )
    return arguments


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        paths = run(options.site, policy=options.policy, offline_use=options.offline, project=Project(options.project))
    except PostbuildError as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"postbuild: {options.site}: runtime {paths.pyodide}, engine {paths.calc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
