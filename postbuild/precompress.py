"""Step (g): a gzipped copy beside every compressible file of the site (``page.html`` → ``page.html.gz``), and a
brotli one (``page.html.br``, see :mod:`postbuild.brotli`) when the site is built for publishing.

Hosts that serve precompressed files (nginx ``gzip_static``, Caddy ``precompressed``, Netlify, Cloudflare Pages)
then send the small copy to browsers that accept gzip, with no compression work per request. The guide's HTML,
Material's CSS and JS and Pyodide's wasm shrink by 70–80%. Copies are deterministic (no timestamp inside) and
rewritten only when their source is newer, so repeated runs are quick and change nothing.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from postbuild.brotli import Brotli
from postbuild.hosts import SKIPPED

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map"})
# Below this a gzip copy saves less than the extra request headers cost.
SMALLEST = 1024


def _compress(source: Path, target: Path) -> None:
    # Written under another name and renamed: a host never serves half a copy.
    partial = target.with_name(target.name + ".partial")
    with source.open("rb") as raw, gzip.GzipFile(partial, "wb", compresslevel=9, mtime=0) as packed:
        shutil.copyfileobj(raw, packed)
    partial.replace(target)


def _wants_copy(source: Path) -> bool:
    # The hosts' header files are read by the host, never sent to a browser.
    return (source.suffix in COMPRESSIBLE and source.name not in SKIPPED and source.is_file()
            and source.stat().st_size >= SMALLEST)


def _stale(source: Path, target: Path) -> bool:
    return not target.is_file() or target.stat().st_mtime_ns < source.stat().st_mtime_ns


def precompress(site: Path, brotli: Brotli | None = None) -> list[Path]:
    """Write the missing and stale copies (brotli ones too, with *brotli*); return the copies written.

    Copies whose source has gone are left alone: the step cannot tell them from ``.gz`` files the generator
    wrote itself (MkDocs writes ``sitemap.xml.gz``), and a clean build starts from an empty folder anyway.
    """
    written, to_brotli = [], []
    for source in sorted(site.rglob("*")):
        if _wants_copy(source):
            target = source.with_name(source.name + ".gz")
            if _stale(source, target):
                _compress(source, target)
                written.append(target)
            packed = source.with_name(source.name + ".br")
            if brotli is not None and _stale(source, packed):
                to_brotli.append((source, packed))
    if brotli is not None and to_brotli:
        brotli.write(to_brotli)
        written += [target for _, target in to_brotli]
    return written
