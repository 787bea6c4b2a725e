"""Fixtures shared by every test: the built site, a server for it, and a browser page that fails on leaks.

The site is built once per session with ``mkdocs build --strict`` into a temporary folder, served on
127.0.0.1, and opened in headless Chromium: Playwright's own build when installed, else Debian's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser_path import CHROMIUM_ARGS, playwright_chromium, system_chromium
from tests.serve import SiteServer

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Build:
    site: Path
    output: str


def build_site(destination: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` into *destination*; the caller checks the result."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir",
         str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return Build(destination, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    with SiteServer(built_site.site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """Debian's Chromium when Playwright's own is absent (CI, offline machines); Playwright's otherwise."""
    args = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]}
    if playwright_chromium() is None:
        executable = system_chromium()
        if executable is None:
            pytest.fail("No Chromium: run `make test` (it installs Debian's chromium) or `playwright install chromium`.")
        args["executable_path"] = executable
    return args


@dataclass
class Guard:
    """What a page did that it must not: requests to other origins, console errors, uncaught exceptions."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed_console_errors: list[str] = field(default_factory=list)

    def watch(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign_requests.append(request.url)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error" and not any(text in message.text for text in self.allowed_console_errors):
            self.console_errors.append(message.text)

    def check(self) -> None:
        assert not self.foreign_requests, f"requests left 127.0.0.1: {self.foreign_requests}"
        assert not self.page_errors, f"uncaught exceptions: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture
def guard(page, site_url: str) -> Iterator[Guard]:  # type: ignore[no-untyped-def]
    """Attach to ``page``; at teardown fail on foreign requests, console errors or uncaught exceptions."""
    parts = urlsplit(site_url)
    watcher = Guard(origin=f"{parts.scheme}://{parts.netloc}")
    watcher.watch(page)
    yield watcher
    watcher.check()
