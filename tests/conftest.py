"""Fixtures shared by every test: the built site, a server for it, and a browser page that fails on leaks.

The site is built once per session with ``mkdocs build --strict`` into a temporary folder, served on
127.0.0.1, and opened in headless Chromium: Playwright's own build when installed, else Debian's. The helpers
behind them live in ``harness.py`` (the benchmark uses them too); ``ROOT``, ``Build`` and ``Guard`` are
imported from here by the test modules.

Every test is marked by what it needs, from the fixtures it uses, so that ``make test-fast`` (``-m "not browser
and not build and not node"``) can leave out the slow ones: ``browser`` (a page in Chromium), ``build`` (a site
built) and ``node`` (Pyodide run under Node.js). Which tests run against both builders and in every language is
declared by markers too (``both_builders``, ``every_language``), on the tests or their modules.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from harness import (
    CHROMIUM_ARGS,
    ROOT,
    SiteServer,
    build_site,
    build_site_zensical,
    chromium,
    editions,
    write_inherited_config,
)
from margin_view.text.catalogue import strings

__all__ = ["ROOT", "Build", "Guard"]

# Fixtures of pytest-playwright and of this file that open a browser, or serve the built site to one.
BROWSER_FIXTURES = frozenset({"page", "browser", "context", "site_url", "server_url"})
# Fixtures of this file that build a site: the session's, or a throwaway one of a test's own pages.
BUILD_FIXTURES = frozenset({"built_site", "site_builds", "throwaway_site"})
# Fixtures of this file that run Node.js (with the npm pyodide package).
NODE_FIXTURES = frozenset({"node"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests ``browser``, the other tests that build a site ``build``, and tests that run Node
    ``node``, from the fixtures they use (directly or through other fixtures).

    Browser tests need a build as well; they carry only ``browser``, the stronger requirement.
    """
    left_out = [item for item in items if _zensical_in_dutch(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]
    for item in items:
        # A parametrized argument is listed among the fixture names too; one called `page` opens no browser.
        callspec = getattr(item, "callspec", None)
        fixtures = set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if fixtures & NODE_FIXTURES:
            item.add_marker(pytest.mark.node)


#: The site generators, each followed by the post-build step: MkDocs (the default, whose hook runs the step) and
#: Zensical (Material's successor, which runs no hooks: the step runs after it).
BUILDERS: dict[str, Callable[[Path], subprocess.CompletedProcess[str]]] = {
    "mkdocs": build_site,
    "zensical": build_site_zensical,
}
#: Tests marked ``both_builders`` (a module's ``pytestmark`` or one test's mark) run against both builds: what a
#: reader sees of each page, security, accessibility, the cards, and the calculator starting with its figures.
#: Everything else (the calculator's workings, hostile input, faults, broken blocks, the engine) runs against
#: MkDocs' build: the two generators write the same article for every page (tests/site/test_generators_agree.py)
#: and the post-build step the same files.
BOTH_BUILDERS = "both_builders"


#: The site's editions, each language's folder in the built site (mkdocs.yml's extra.editions).
EDITIONS: Mapping[str, str] = editions()
#: Tests marked ``every_language`` run in every edition: its pages, the calculator, the cards, hostile input and
#: links, accessibility and the keyboard. The Dutch ones run against MkDocs' build; Zensical's Dutch pages are
#: compared with MkDocs' whole (tests/site/test_generators_agree.py) and have their language switch checked
#: (tests/site/test_pages.py).
EVERY_LANGUAGE = "every_language"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give every test that uses the built site a ``builder`` (both when marked ``both_builders``, MkDocs
    otherwise) and a ``language`` (every edition when marked ``every_language``, English otherwise)."""
    if "builder" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker(BOTH_BUILDERS) is not None
        metafunc.parametrize("builder", list(BUILDERS) if both else ["mkdocs"], indirect=True, scope="session")
    if "language" in metafunc.fixturenames:
        every = metafunc.definition.get_closest_marker(EVERY_LANGUAGE) is not None
        metafunc.parametrize("language", list(EDITIONS) if every else ["en"], indirect=True, scope="session")


def _zensical_in_dutch(item: pytest.Item) -> bool:
    params = getattr(getattr(item, "callspec", None), "params", {})
    return params.get("builder") == "zensical" and params.get("language", "en") != "en"


@pytest.fixture(scope="session")
def language(request: pytest.FixtureRequest) -> str:
    """The edition a test reads (see :func:`pytest_generate_tests`): its pages, labels and number formats."""
    return str(getattr(request, "param", "en"))


@pytest.fixture(scope="session")
def ui(language: str) -> Mapping[str, Any]:
    """The interface text of the test's language, as the page shows it (``margin_view/locales/<language>.json``)."""
    return strings(language)


@pytest.fixture(scope="session")
def builder(request: pytest.FixtureRequest) -> str:
    """Which generator built the site a test sees (see :func:`pytest_generate_tests`)."""
    return str(getattr(request, "param", "mkdocs"))


@dataclass(frozen=True)
class Build:
    site: Path
    output: str
    builder: str = "mkdocs"


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """The site as built by a given generator, built once per session on first use."""
    done: dict[str, Build] = {}

    def built_by(builder: str) -> Build:
        if builder not in done:
            destination = tmp_path_factory.mktemp(f"site-{builder}")
            result = BUILDERS[builder](destination)
            if result.returncode != 0:
                pytest.fail(f"the {builder} build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
            done[builder] = Build(destination, result.stdout + result.stderr, builder)
        return done[builder]

    return built_by


@pytest.fixture(scope="session")
def built_site(builder: str, site_builds: Callable[[str], Build]) -> Build:
    return site_builds(builder)


@pytest.fixture
def throwaway_site(tmp_path: Path) -> Callable[[str, Mapping[str, str]], subprocess.CompletedProcess[str]]:
    """Build a site of a test's own pages (file name → Markdown, in that order in the nav) with the project's
    configuration, by the named generator; the test reads the finished process (status and output)."""

    def build(builder: str, pages: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        docs = tmp_path / "docs"
        docs.mkdir()
        for name, text in pages.items():
            (docs / name).write_text(text, encoding="utf-8")
        if builder == "zensical":
            return build_site_zensical(tmp_path / "site", docs, list(pages))
        return build_site(tmp_path / "site", write_inherited_config(tmp_path, docs, nav=list(pages)))

    return build


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, for a test that runs Pyodide outside a browser (marked ``node``); skipped without Node.js or the
    npm pyodide package."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("Node.js is not installed (CI installs it: see package.json)")
    if not (ROOT / "node_modules" / "pyodide" / "package.json").is_file():
        pytest.skip("node_modules/pyodide is missing: run `npm ci` first")
    return found


@pytest.fixture(scope="session")
def server_url(built_site: Build) -> Iterator[str]:
    """The built site's root, served."""
    with SiteServer(built_site.site) as server:
        yield server.url


@pytest.fixture(scope="session")
def site_url(server_url: str, language: str) -> str:
    """The home page of the test's edition (the guide, with the calculator); other pages are below it."""
    return server_url + EDITIONS[language]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium when Playwright's own is absent (CI, offline machines); Playwright's otherwise."""
    executable = chromium()
    if executable is None:
        pytest.fail("No Chromium: run `make test` (it installs Debian's chromium) or `playwright install chromium`.")
    return {**browser_type_launch_args, "executable_path": executable,
            "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]}


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
