"""What the tests and the benchmark share: a strict build, a config inheriting the project's, a static server that
behaves like a precompressing host, and the Chromium to launch with its flags.

It lives outside ``tests/`` so that ``bench/`` does not import the test suite. Run as a script it prints the
Chromium the browser tests would launch and exits 0, or exits 1 when there is none (``make browser`` then
installs Debian's): ``python harness.py``.
"""

from __future__ import annotations

import email.utils
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent
BUILD_TIMEOUT_S = 300


# Building

def build_site(destination: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` into *destination* from the project root; the caller checks the result."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir",
         str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False,
    )


#: What Zensical needs of the project to build the site (the Python packages come from the environment).
ZENSICAL_SOURCES = ("mkdocs.yml", "docs", "includes", "site_overrides")


def build_site_zensical(destination: Path, docs: Path | None = None, nav: list[str] | None = None,
                        ) -> subprocess.CompletedProcess[str]:
    """Build the same site with Zensical, then run the post-build step on it, into *destination*.

    Zensical writes only inside the folder of its config, so it builds a copy of the project's sources next to
    *destination* and the result is moved there. *docs* and *nav* replace the project's pages (a throwaway site,
    as for broken blocks). The returned process carries both commands' output; its status is the first failure's.
    """
    project = destination.with_name(destination.name + "-zensical-project")
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    # The other editions, when the project's pages are built: each a configuration and its pages (docs_dir).
    others = [] if nav is not None else list(editions())[1:]
    for name in (*ZENSICAL_SOURCES, *(f"mkdocs.{language}.yml" for language in others),
                 *(_edition_docs(language) for language in others)):
        source = docs if name == "docs" and docs is not None else ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    if nav is not None:
        (project / "mkdocs.yml").rename(project / "project.yml")
        (project / "mkdocs.yml").write_text("INHERIT: project.yml\nnav:\n" + "".join(f"  - {page}\n" for page in nav),
                                            encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The other editions after the English one, whose build empties site/ (their folders are inside it).
    builds = [[], *(["--config-file", f"mkdocs.{language}.yml"] for language in others)]
    steps = (*([sys.executable, "-m", "zensical", "build", "--strict", *edition] for edition in builds),
             [sys.executable, "-m", "postbuild", str(destination)])
    outputs: list[str] = []
    for number, command in enumerate(steps):
        if number == len(builds):
            shutil.rmtree(destination, ignore_errors=True)
            shutil.move(project / "site", destination)
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                              timeout=BUILD_TIMEOUT_S, check=False)
        outputs += [done.stdout, done.stderr]
        if done.returncode != 0:
            return subprocess.CompletedProcess(command, done.returncode, "".join(outputs[::2]), "".join(outputs[1::2]))
    return subprocess.CompletedProcess(list(steps[-1]), 0, "".join(outputs[::2]), "".join(outputs[1::2]))


class _TagBlindLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: its ``!ENV`` and ``!!python/name`` tags (which would need MkDocs' loader)
    become None."""


_TagBlindLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _project_config(name: str = "mkdocs.yml") -> dict[str, Any]:
    config: dict[str, Any] = yaml.load((ROOT / name).read_text(encoding="utf-8"),  # noqa: S506
                                       Loader=_TagBlindLoader)
    return config


def project_hooks() -> list[Path]:
    """The hooks ``mkdocs.yml`` lists, as absolute paths: a new hook reaches the throwaway sites too."""
    return [ROOT / path for path in _project_config()["hooks"]]


def editions() -> dict[str, str]:
    """Each edition's language and its folder in the built site, from ``extra.editions`` of mkdocs.yml."""
    return {edition["lang"]: edition["folder"] for edition in _project_config()["extra"]["editions"]}


def _edition_docs(language: str) -> str:
    """The pages folder of the edition in *language* (the ``docs_dir`` of its ``mkdocs.<language>.yml``)."""
    return str(_project_config(f"mkdocs.{language}.yml")["docs_dir"])


def write_inherited_config(folder: Path, docs: Path, nav: list[str] | None = None) -> Path:
    """Write ``folder/mkdocs.yml`` inheriting the project's, with *docs* as its pages; returns its path.

    MkDocs resolves ``custom_dir`` and ``hooks`` relative to the config that names them, so the child repeats
    them with absolute paths.
    """
    lines = [
        f"INHERIT: {ROOT / 'mkdocs.yml'}",
        f"docs_dir: {docs}",
        f"theme:\n  custom_dir: {ROOT / 'site_overrides'}",
        "hooks:",
        *(f"  - {hook}" for hook in project_hooks()),
        "watch: []",
        # One edition: the project's others are configurations beside its mkdocs.yml, not beside this one.
        "extra:\n  editions: []",
    ]
    if nav is not None:
        lines += ["nav:", *(f"  - {page}" for page in nav)]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


# Serving

#: The ``Cache-Control`` a host sends, by profile: what the bench serves the site under (issue 29). ``immutable`` is
#: what the build's ``_headers`` asks for (content-named files cached for a year, the service worker revalidated,
#: the rest with ``Last-Modified`` only); the others are common hosts' defaults for every file: ``max-age=600`` (GitHub Pages),
#: ``revalidate`` (Netlify, Cloudflare Pages, Vercel) and ``none`` (a bare server: no header at all, so the
#: browser's heuristic freshness applies).
CACHE_PROFILES: dict[str, str | None] = {
    "immutable": None,
    "max-age=600": "max-age=600",
    "revalidate": "public, max-age=0, must-revalidate",
    "none": None,
}
#: Under the ``immutable`` profile, for a site without a ``_headers`` file: the runtime and the engine archive have
#: versioned or hashed names.
IMMUTABLE_PREFIXES = ("/assets/pyodide/", "/assets/calc/")


def header_rules(site: Path) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]] | None:
    """The rules of the site's ``_headers`` file (Netlify's and Cloudflare Pages' form, as the build writes it):
    each path pattern (``*`` for any characters) with its headers; None when the site has no such file."""
    file = site / "_headers"
    if not file.is_file():
        return None
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((re.compile(".*".join(map(re.escape, line.strip().split("*"))) + "$"), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class Answer(NamedTuple):
    """One response the server sent: the path asked for, its status, its body's bytes, when (ms since the epoch)."""

    path: str
    status: int
    body: int
    at_ms: float


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host would: precompressed .br or .gz copies to browsers that accept them, with
    ``Last-Modified`` and ``304`` answers, and the ``Cache-Control`` of the server's profile."""

    # Module scripts need a JavaScript type and WebAssembly streaming compilation needs application/wasm;
    # Python's own table lacks .mjs on some versions.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".svg": "image/svg+xml",
    }
    cache_profile = "immutable"
    #: The site's ``_headers`` rules, which the ``immutable`` profile follows when the build wrote the file.
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] | None = None
    #: Every answer, in order, when the server keeps a log.
    log: list[Answer] | None = None

    def _copy(self, path: Path) -> tuple[str, Path] | None:
        """The precompressed copy to send for *path*, brotli first, among the encodings the browser accepts."""
        accepted = {token.split(";")[0].strip() for token in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            packed = path.with_name(path.name + suffix)
            if encoding in accepted and path.is_file() and packed.is_file():
                return encoding, packed
        return None

    def _not_modified(self, path: Path) -> bool:
        """Whether the request's ``If-Modified-Since`` still holds for *path* (seconds, as the header has them)."""
        since = self.headers.get("If-Modified-Since")
        if since is None or self.headers.get("If-None-Match") is not None:
            return False
        try:
            then = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        return int(path.stat().st_mtime) <= then.timestamp()

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            # A folder's address is its index.html, compressed copies included (as nginx's index and gzip_static).
            path = path / "index.html"
        copy = self._copy(path)
        if copy is None:
            return super().send_head()
        if self._not_modified(path):
            self.send_response(304)
            self.end_headers()
            return None
        # Like nginx's brotli_static and gzip_static: the type and date of the original, the bytes of the copy.
        encoding, packed = copy
        file = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return file

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        self._length = 0
        super().send_response(code, message)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self._length = int(value)
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        fixed = CACHE_PROFILES[self.cache_profile]
        if fixed is not None:
            self.send_header("Cache-Control", fixed)
        elif self.cache_profile == "immutable" and self.rules is not None:
            path = urlsplit(self.path).path
            for pattern, headers in self.rules:
                if pattern.match(path):
                    for name, value in headers:
                        self.send_header(name, value)
        elif self.cache_profile == "immutable" and self.path.startswith(IMMUTABLE_PREFIXES):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()
        if self.log is not None:
            # What the browser gets over the wire: a 200's body, nothing for a 304. The wall-clock time in ms (as
            # a page's performance.timeOrigin) tells which answers came before the calculator was ready.
            body = self._length if self._status == 200 else 0
            self.log.append(Answer(urlsplit(self.path).path, self._status, body, time.time() * 1000))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that navigates away mid-download resets the connection: not a failure of the site.
        pass


class SiteServer:
    """Serves *root* on an ephemeral port of 127.0.0.1 until closed; use it as a context manager."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, *, cache: str = "immutable",
                 log: list[Answer] | None = None) -> None:
        if cache not in CACHE_PROFILES:
            raise ValueError(f"unknown cache profile {cache!r}: one of {', '.join(CACHE_PROFILES)}")
        # A subclass per server, so that two servers with different profiles can run at once.
        handler_class = type("ProfiledSiteHandler", (SiteHandler,),
                             {"cache_profile": cache, "log": log, "rules": header_rules(root)})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = QuietServer((host, port), handler)
        # A short poll: shutdown() waits up to one poll for the loop to notice (0.5 s by default, per server).
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Chromium: Playwright's own when installed (a laptop), Debian's otherwise (CI, offline machines)

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
    """Playwright's bundled Chromium, if ``playwright install chromium`` has been run on this machine.

    It starts Playwright to ask, so call it before starting one of your own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def system_chromium() -> str | None:
    """Debian's chromium package (or any chromium on PATH)."""
    if Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


@functools.cache
def chromium() -> str | None:
    """The Chromium to launch: Playwright's own when installed, else Debian's; None when there is neither."""
    return playwright_chromium() or system_chromium()


if __name__ == "__main__":
    found = chromium()
    if found is None:
        sys.exit(1)
    print(found)
