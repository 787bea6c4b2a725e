"""The test and benchmark server serves a site as a static host would (harness.SiteHandler): each file, or its
precompressed copy to a browser that accepts it, for a folder's address as for a file's."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from harness import Answer, SiteServer

PAGE = b"<!doctype html><title>Index</title>" + b"<p>text</p>" * 200


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for folder in (tmp_path, tmp_path / "nl"):
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_bytes(PAGE)
        (folder / "index.html.gz").write_bytes(gzip.compress(PAGE))
    return tmp_path


@pytest.mark.parametrize("address", ["", "nl/", "nl/index.html"])
def test_a_folder_or_file_is_sent_compressed_to_a_browser_that_accepts_it(site: Path, address: str) -> None:
    with SiteServer(site) as server:
        request = urllib.request.Request(server.url + address, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"] == "text/html"
            assert gzip.decompress(response.read()) == PAGE
        with urllib.request.urlopen(server.url + address) as response:
            assert response.headers["Content-Encoding"] is None
            assert response.read() == PAGE


def _cache_control(server: SiteServer, address: str) -> str | None:
    with urllib.request.urlopen(server.url + address) as response:
        return response.headers["Cache-Control"]


def test_the_immutable_profile_follows_the_sites_headers_file(site: Path) -> None:
    """With the build's ``_headers``, the server sends what it says (the bench's ``immutable`` host)."""
    (site / "sw.js").write_text("// worker\n", encoding="utf-8")
    (site / "_headers").write_text("/nl/*\n  Cache-Control: public, max-age=31536000, immutable\n"
                                   "/sw.js\n  Cache-Control: no-cache\n", encoding="utf-8")
    with SiteServer(site) as server:
        assert _cache_control(server, "nl/index.html") == "public, max-age=31536000, immutable"
        assert _cache_control(server, "sw.js") == "no-cache"
        assert _cache_control(server, "index.html") is None


@pytest.mark.parametrize(("profile", "sent"), [("revalidate", "public, max-age=0, must-revalidate"),
                                               ("max-age=600", "max-age=600"), ("none", None)])
def test_a_hosts_profile_sends_its_header_on_every_file_and_answers_304(site: Path, profile: str,
                                                                        sent: str | None) -> None:
    """The bench's other hosts: one header for every file, and a 304 for a copy the browser still has (a
    revalidation sends no body), which the server's log tells apart from a download."""
    log: list[Answer] = []
    with SiteServer(site, cache=profile, log=log) as server:
        assert _cache_control(server, "index.html") == sent
        request = urllib.request.Request(server.url + "nl/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            modified = response.headers["Last-Modified"]
        again = urllib.request.Request(server.url + "nl/", headers={"Accept-Encoding": "gzip",
                                                                    "If-Modified-Since": modified})
        with pytest.raises(urllib.error.HTTPError, match="304"):
            urllib.request.urlopen(again)
    assert [(answer.status, answer.body > 0) for answer in log] == [(200, True), (200, True), (304, False)]
