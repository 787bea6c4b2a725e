"""The test and benchmark server serves a site as a static host would (harness.SiteHandler): each file, or its
precompressed copy to a browser that accepts it, for a folder's address as for a file's."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from harness import SiteServer

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
