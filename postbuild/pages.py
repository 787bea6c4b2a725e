"""Steps (d) and (e): the runtime's meta tags on pages with a calculator or a card, the service worker's on every
page (when the site is to work offline), and a policy on every page.

The glue script (``assets/javascripts/margin/index.js``) finds Pyodide, the archive and the snapshot through
``<meta name="margin:…">`` tags. Writing them here, from the files this step has just put in the site, rather
than from a theme template, keeps every template free of build state and lets any generator that writes the
same HTML use the step. Their URLs are relative to the page, so the site works under any path prefix.
"""

from __future__ import annotations

import html as markup
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from postbuild.errors import PostbuildError
from postbuild.policy import policy_tag, theme_stylesheets, without_policy

# The elements margin_fences renders; a page with neither loads no runtime, so it gets no tags.
BLOCK_ATTRIBUTES = frozenset({"data-margin-calculator", "data-margin-example"})
CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
# The tags this step writes, so that a second run replaces them instead of adding more.
RUNTIME_TAG = re.compile(r"<meta name=\"margin:(?:pyodide|calc|stdlib|snapshot|offline)\" content=\"[^\"]*\">"
                         r"|<link rel=\"preload\" href=\"[^\"]*\" as=\"fetch\" crossorigin data-margin>"
                         r"|<script type=\"module\" async src=\"[^\"]*\" data-margin></script>"
                         r"|<link rel=\"modulepreload\" href=\"[^\"]*\" data-margin>")
# The module that starts the engine from the head (see its own comment), relative to the site root, and the one
# it imports, asked for at once rather than a round trip later.
START_SCRIPT = "assets/javascripts/margin/start.js"
ENGINE_SCRIPT = "assets/javascripts/margin/engine.js"
# The runtime's files (BOOT_FILES, the trimmed library, the archive) are not preloaded from the page: the worker
# fetches each of them itself, all at once as it starts. A page and its worker share only the browser's HTTP
# cache, which a host's headers may keep them out of, so a preloaded file could come over the network twice
# (see worker.js). The head starts the worker instead, as early as it can.


@dataclass(frozen=True)
class RuntimePaths:
    """The runtime folder, the archive, the trimmed standard library and the snapshot, relative to the site root."""

    pyodide: str
    calc: str
    stdlib: str
    snapshot: str

    def tags(self, prefix: str) -> str:
        """The four meta tags for a page whose way back to the site root is *prefix* (``""``, ``"../"``, …)."""
        named = (("pyodide", self.pyodide), ("calc", self.calc), ("stdlib", self.stdlib), ("snapshot", self.snapshot))
        metas = "".join(f'<meta name="margin:{name}" content="{markup.escape(prefix + path)}">' for name, path in named)
        start = (f'<script type="module" async src="{markup.escape(prefix + START_SCRIPT)}" data-margin></script>'
                 f'<link rel="modulepreload" href="{markup.escape(prefix + ENGINE_SCRIPT)}" data-margin>')
        return metas + start


class _BlockFinder(HTMLParser):
    """Looks for an element carrying a block attribute (not the words in text or code, which are escaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = self.found or any(name in BLOCK_ATTRIBUTES for name, _ in attrs)


def has_blocks(html: str) -> bool:
    """Whether the page holds a calculator or an example card."""
    if "data-margin-" not in html:  # most pages: no parse needed
        return False
    finder = _BlockFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def prefix_for(site: Path, page: Path) -> str:
    """How to get from *page*'s folder back to the site root: ``methodology/index.html`` → ``../``."""
    return "../" * (len(page.relative_to(site).parts) - 1)


def rewrite(html: str, runtime: RuntimePaths, prefix: str, *, policy: bool, stylesheets: tuple[str, ...] = (),
            service_worker: str | None = None) -> str:
    """*html* with this step's tags written afresh right after ``<meta charset>``: the same input always gives
    the same output, so a second run changes nothing.

    The policy comes first: a ``<meta>`` policy governs only what follows it. It is computed last, from the
    page as it will be served, so it hashes exactly the inline code the page ends up with.
    """
    html = without_policy(RUNTIME_TAG.sub("", html))
    charset = CHARSET.search(html)
    if charset is None:
        raise ValueError('no <meta charset="utf-8"> to write the tags after')
    end = charset.end()
    if has_blocks(html):
        html = html[:end] + runtime.tags(prefix) + html[end:]
    if service_worker is not None:
        tag = f'<meta name="margin:offline" content="{markup.escape(prefix + service_worker)}">'
        html = html[:end] + tag + html[end:]
    if policy:
        html = html[:end] + policy_tag(html, stylesheets) + html[end:]
    return html


def rewrite_pages(site: Path, runtime: RuntimePaths, *, policy: bool, service_worker: str | None = None,
                  ) -> list[Path]:
    """Rewrite every HTML page of *site* (404.html included); return the pages whose text changed.

    A page is written only when its text changes, so its modification time (and its gzip copy) stays put.
    Bytes are decoded by hand rather than read as text, so line endings pass through untouched.
    """
    changed = []
    stylesheets = theme_stylesheets(site) if policy else ()
    for page in sorted(site.rglob("*.html")):
        before = page.read_bytes().decode("utf-8")
        try:
            after = rewrite(before, runtime, prefix_for(site, page), policy=policy, stylesheets=stylesheets,
                            service_worker=service_worker)
        except ValueError as error:
            raise PostbuildError(f"{page.relative_to(site)} has {error}.") from error
        if after != before:
            page.write_bytes(after.encode("utf-8"))
            changed.append(page)
    return changed
