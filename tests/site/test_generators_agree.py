"""MkDocs and Zensical build the same site: every page's article is the same HTML, and the post-build step leaves
the same files for a host to serve.

Theme chrome may differ (Zensical's header and search are its own); what a reader reads, and every figure in it,
may not. The only differences allowed inside the article are Zensical's skip-link anchor and blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Build

# Greedy: the example cards inside the page are <article>s too, and the page's own closes last.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
SKIP_ANCHOR = '<a id="__skip" tabindex="-1"></a>'
#: Material's mark for a block its search leaves out: MkDocs keeps it in the page, Zensical takes it out as it reads
#: it. A search directive, not content.
SEARCH_EXCLUDE = " data-search-exclude"


def article(page: Path) -> list[str]:
    """The page's article, one stripped line per line of HTML, without blank lines, the skip anchor or search
    directives."""
    found = ARTICLE.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{page}: {len(found)} articles"
    text = found[0].replace(SKIP_ANCHOR, "").replace(SEARCH_EXCLUDE, "")
    return [line.strip() for line in text.splitlines() if line.strip()]


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html") if "assets" not in path.parts}


@pytest.fixture(scope="module")
def both(site_builds: Callable[[str], Build]) -> tuple[Build, Build]:
    return site_builds("mkdocs"), site_builds("zensical")


def test_both_build_the_same_pages(both: tuple[Build, Build]) -> None:
    """Every page of one build is a page of the other."""
    mkdocs, zensical = both
    assert pages(mkdocs.site) == pages(zensical.site)


def test_every_article_is_the_same_html(both: tuple[Build, Build]) -> None:
    """The articles agree line for line: text, figures, cards and their calculator links."""
    mkdocs, zensical = both
    differ = [name for name in sorted(pages(mkdocs.site))
              if article(mkdocs.site / name) != article(zensical.site / name)]
    assert not differ, differ


def test_a_host_serves_the_same_runtime_files(both: tuple[Build, Build]) -> None:
    """The same Pyodide files, engine archive and snapshot, under the same names, from either build."""
    mkdocs, zensical = both
    runtime = {path.relative_to(mkdocs.site).as_posix() for folder in ("pyodide", "calc")
               for path in (mkdocs.site / "assets" / folder).rglob("*") if path.is_file()}
    assert runtime, "no runtime files in the MkDocs build"
    for name in runtime:
        assert (zensical.site / name).read_bytes() == (mkdocs.site / name).read_bytes(), name


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    """The check is not blind: a changed figure in an article is a difference."""
    page = tmp_path / "page.html"
    page.write_text('<article class="md-content__inner md-typeset"><p>$45,180.72</p></article>', encoding="utf-8")
    other = tmp_path / "other.html"
    other.write_text('<article class="md-content__inner md-typeset"><p>$45,180.73</p></article>', encoding="utf-8")
    assert article(page) != article(other)
