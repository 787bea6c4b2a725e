"""Reading the built site's HTML with the standard library: links, ids, headings, meta tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageFacts:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.facts.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.facts.links.append(values["href"])
        if tag in ("script", "img") and values.get("src"):
            self.facts.assets.append(values["src"])
        if tag == "link" and values.get("href") and values.get("rel") in ("stylesheet", "icon", "preload", "modulepreload"):
            self.facts.assets.append(values["href"])
        if tag == "meta" and "name" in values:
            self.facts.meta[values["name"]] = values.get("content", "")
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.facts.headings.append((tag, "".join(self._text).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


def read_page(path: Path) -> PageFacts:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.facts


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site but the 404 page (which is served at any depth)."""
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")
