"""The build: strict and silent, and every internal link and anchor of the result resolves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import Build
from tests.site.html import read_page, site_pages

pytestmark = pytest.mark.both_builders


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = site if parts.path.startswith("/") else page.parent  # the 404 page links from the site root
    path = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_strict_build_prints_no_warning(built_site: Build) -> None:
    """mkdocs build --strict succeeds without a single warning."""
    assert "WARNING" not in built_site.output, built_site.output


def test_every_internal_link_and_anchor_resolves(built_site: Build) -> None:
    """Each relative link points at a built page, and each #fragment at an id on that page."""
    site = built_site.site
    facts = {page.resolve(): read_page(page) for page in site.rglob("*.html")}
    broken: list[str] = []
    for page, page_facts in facts.items():
        for href in page_facts.links:
            if urlsplit(href).scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target, fragment = _target(site, page, href)
            if target not in facts and not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif fragment and target in facts and fragment not in facts[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no anchor #{fragment})")
    assert not broken, "\n".join(broken)


def test_every_asset_a_page_loads_is_in_the_site(built_site: Build) -> None:
    """Scripts, stylesheets and images referenced by the pages were all built."""
    site = built_site.site
    missing = [
        f"{page.relative_to(site)}: {src}"
        for page in site_pages(site)
        for src in read_page(page).assets
        if not urlsplit(src).scheme and not _target(site, page, src)[0].is_file()
    ]
    assert not missing, "\n".join(missing)


def test_every_page_has_its_own_meta_description(built_site: Build) -> None:
    """Each page describes itself for search results and link previews (not only the site default)."""
    site = built_site.site
    pages = {page.relative_to(site).as_posix(): read_page(page).meta.get("description", "") for page in site_pages(site)}
    assert all(pages.values()), [name for name, text in pages.items() if not text]
    assert len(set(pages.values())) == len(pages), "two pages share a description"


def test_pyodide_runtime_and_calc_archive_are_packaged(built_site: Build) -> None:
    """The runtime sits under a versioned path and the engine archive has a content hash in its name."""
    site = built_site.site
    runtime = list((site / "assets" / "pyodide").glob("*/pyodide.asm.wasm"))
    archives = list((site / "assets" / "calc").glob("calc-*.zip"))
    assert len(runtime) == 1 and runtime[0].parent.name.count(".") == 2
    assert len(archives) == 1 and len(archives[0].stem.removeprefix("calc-")) == 12
