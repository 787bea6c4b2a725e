"""Which Chromium the browser tests launch: Playwright's own when installed, else Debian's.

Run as a script it prints the path and exits 0, or exits 1 when there is none (the Makefile then installs one).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Headless Chromium on a machine whose only network is loopback: no background services, no update checks.
CHROMIUM_ARGS = [
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def playwright_chromium() -> str | None:
    """Playwright's bundled Chromium, if `playwright install chromium` has been run on this machine."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def system_chromium() -> str | None:
    """Debian's chromium package (or any chromium on PATH)."""
    if Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


if __name__ == "__main__":
    found = playwright_chromium() or system_chromium()
    if found is None:
        sys.exit(1)
    print(found)
