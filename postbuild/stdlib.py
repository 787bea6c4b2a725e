"""Step (b2): Python's standard library as the worker needs it, trimmed to what it imports and precompiled.

Pyodide's ``python_stdlib.zip`` (2.5 MB) holds every module as source, and compiling the ones a boot imports is
most of a plain start's time. ``make_stdlib.mjs`` (beside this file) boots the pinned Pyodide in Node, answers the
requests the site's pages will make (every example card on the site, and the calculator's defaults, a bad value
and a moved slider in each language), and keeps the modules that imported, as bytecode for that very Python: about
160 modules, 1.4 MB, and a plain boot about three times quicker. Anything a rarer path imports is not lost: the
archive carries :mod:`postbuild.left_out`, which reaches the full archive (still in the site, fetched only then).

The archive is cached in ``.build-cache/stdlib/`` and named in the site by a hash of its bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from postbuild import node as node_js
from postbuild.archive import Archive
from postbuild.placing import place
from postbuild.project import Project
from postbuild.runtime import Pyodide

MAKER = Path(__file__).resolve().parent / "make_stdlib.mjs"
FINDER = Path(__file__).resolve().parent / "left_out.py"
NODE_TIMEOUT_S = 300
#: What the calculator sends besides its defaults: a value it must refuse and a slider move.
FORM_REQUESTS: tuple[dict[str, object], ...] = ({"values": {}}, {"values": {"entry_price": "50,000.5.1"}},
                 {"values": {"mode": "cross"}, "sources": ["price_slider"]},
                 {"values": {"wick": "250"}, "sources": ["wick"], "explain": True})


class _CardFinder(HTMLParser):
    """Collects the ``data-card`` attribute of every example card on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[object] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "data-card" and value:
                self.cards.append(json.loads(value))


def requests(site: Path, locales: tuple[str, ...] = ("en", "nl")) -> list[dict[str, object]]:
    """The requests to answer before listing what was imported: the site's cards and the form's usual ones."""
    cards = _CardFinder()
    for page in sorted(site.rglob("*.html")):
        cards.feed(page.read_text(encoding="utf-8"))
    out: list[dict[str, object]] = [{"op": "example", "card": card} for card in cards.cards]
    out += [{"op": "calculator", "locale": locale, **form} for locale in locales for form in FORM_REQUESTS]
    return out + [{"op": "no such operation"}]


@dataclass(frozen=True)
class Stdlib:
    """The trimmed standard library for one Pyodide version, one archive and one set of requests."""

    project: Project
    pyodide: Pyodide
    archive: Archive
    asked: str  # the requests, as the JSON the Node script reads

    @property
    def cached(self) -> Path:
        key = hashlib.sha256(MAKER.read_bytes() + FINDER.read_bytes() + self.asked.encode()).hexdigest()[:8]
        return self.project.stdlibs / f"{self.pyodide.version}-{key}-{self.archive.digest}.zip"

    @functools.cached_property
    def digest(self) -> str:
        """The first 12 hex digits of the made archive's SHA-256 (read once: the snapshot's key and the site path
        both need it)."""
        return hashlib.sha256(self.cached.read_bytes()).hexdigest()[:12]

    @property
    def site_path(self) -> str:
        return f"{self.pyodide.site_path}stdlib-{self.digest}.zip"


def plan(project: Project, pyodide: Pyodide, archive: Archive, site: Path) -> Stdlib:
    return Stdlib(project, pyodide, archive, json.dumps(requests(site), sort_keys=True))


def _make(node: str, stdlib: Stdlib, archive: Path) -> None:
    destination = stdlib.cached
    with tempfile.TemporaryDirectory() as scratch:
        asked = Path(scratch) / "requests.json"
        asked.write_text(stdlib.asked, encoding="utf-8")
        made = Path(scratch) / "stdlib.zip"
        node_js.run(node, [str(MAKER), str(stdlib.pyodide.folder), str(archive), str(FINDER), str(asked), str(made)],
                    "Trimming the standard library", NODE_TIMEOUT_S)
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Copied under another name and renamed, so an interrupted build never leaves half an archive cached.
        partial = destination.with_suffix(".partial")
        shutil.copyfile(made, partial)
        partial.replace(destination)


def install(stdlib: Stdlib, node: str | None, site: Path, archive: Path) -> Path:
    """Make *stdlib* if it is not cached, put it in the site and remove trimmed archives of other builds."""
    if not stdlib.cached.is_file():
        assert node is not None, "the step finds Node when the standard library is not cached"
        _make(node, stdlib, archive)
    return place(stdlib.cached, site / stdlib.site_path, "stdlib-*.zip")
