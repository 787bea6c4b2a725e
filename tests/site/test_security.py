"""The Content-Security-Policy of every built page: own origin only, inline code only by its hash."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page

from postbuild.pages import RuntimePaths, rewrite
from tests.conftest import ROOT, Build, Guard
from tests.site.html import site_pages
from tests.site.test_pages import PAGES, page_url

pytestmark = pytest.mark.both_builders

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def directives(html: str) -> dict[str, list[str]]:
    found = POLICY.findall(html)
    assert len(found) == 1, "exactly one policy per page"
    return {name: values for name, *values in (part.split() for part in found[0].split("; "))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_allows_only_its_own_origin_and_hashed_inline_scripts(built_site: Build) -> None:
    """No host, no wildcard, no 'unsafe-inline'; every inline script on the page is allowed by its own hash."""
    for page in [*site_pages(built_site.site), built_site.site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        policy = directives(html)
        assert policy["default-src"] == ["'self'"]
        assert "'wasm-unsafe-eval'" in policy["script-src"]
        sources = [value for values in policy.values() for value in values]
        assert not [value for value in sources if "*" in value or "://" in value or value == "'unsafe-inline'"]
        for script in INLINE.findall(html):
            assert sha256(script) in policy["script-src"], page


def test_pages_run_under_their_policy_without_violations(page: Page, guard: Guard, site_url: str) -> None:
    """Under the policy every page loads and the calculator starts: a violation would be a console error."""
    for name in PAGES:
        page.goto(page_url(site_url, name), wait_until="networkidle")
    page.goto(site_url)
    page.wait_for_selector("[data-margin-calculator][data-state=ready]", timeout=60_000)
    assert page.evaluate("document.cookie") == ""


def test_the_development_server_gets_no_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`mkdocs serve` injects an inline live-reload script, so the hook asks the step for no policy (nor a service
    worker, which would serve stale pages), and the step then writes none (and removes one an earlier run wrote)."""
    spec = importlib.util.spec_from_file_location("post_build_hook", ROOT / "hooks" / "post_build.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    asked: list[tuple[bool, bool]] = []
    monkeypatch.setattr(hook, "run", lambda site, *, policy, offline_use: asked.append((policy, offline_use)))
    # A site of one edition (with more, the first edition's build builds the others before the step).
    config = SimpleNamespace(site_dir=str(tmp_path), extra={}, theme={"language": "en"})
    hook.on_startup(command="build", dirty=False)
    hook.on_post_build(config=config)
    hook.on_startup(command="serve", dirty=False)
    hook.on_post_build(config=config)
    assert asked == [(True, True), (False, False)]

    html = '<html><head><meta charset="utf-8"><script>go()</script></head></html>'
    runtime = RuntimePaths("assets/pyodide/1.0.0/", "assets/calc/calc-0123456789ab.zip", "stdlib.zip", "snapshot.bin.gz")
    built = rewrite(html, runtime, "", policy=True)
    assert sha256("go()") in directives(built)["script-src"]
    assert rewrite(built, runtime, "", policy=False) == html
