"""The post-build step on its own: ``python -m postbuild`` over a small folder of pages, as another generator
(Zensical) would run it, and the page rewriting it is made of.

The folder has a page at the root and pages one and two folders down, with a calculator, with a card, with
neither (but the attribute names in its text), and a 404 page. The runs that finish it need the npm Pyodide
package and, when the snapshot for the current engine is not in ``.build-cache/`` yet, Node: the fixture that runs
them asks for the ``node`` fixture, so the tests that read their result are marked ``node``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness import header_rules
from postbuild import archive, hosts
from postbuild.pages import RuntimePaths, prefix_for, rewrite
from postbuild.precompress import COMPRESSIBLE, SMALLEST
from tests.conftest import ROOT
from tests.site.html import read_page
from tests.site.test_security import directives, sha256

PYODIDE = ROOT / "node_modules" / "pyodide"
needs_pyodide = pytest.mark.skipif(not (PYODIDE / "package.json").is_file(), reason="run `npm ci` first")

RUNTIME_NAMES = ("margin:pyodide", "margin:calc", "margin:stdlib", "margin:snapshot")
FILLER = "<p>" + "Cross margin shares one balance; isolated margin gives each position its own. " * 20 + "</p>"
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script>document.documentElement.classList.add("js")</script>
</head>
<body>
<h1 style="color: red">{title}</h1>
{body}
{filler}
</body>
</html>
"""
# Page → (its body, whether it holds a block).
PAGES = {
    "index.html": ('<section class="mdx-calc" data-margin-calculator data-state="loading"></section>', True),
    "guide/index.html": (
        "<p>The data-margin-calculator attribute, shown as code: <code>&lt;div data-margin-example&gt;</code></p>",
        False,
    ),
    "guide/cards/index.html": ('<article class="mdx-card" data-margin-example data-state="static"></article>', True),
    "404.html": ("<p>Nothing here.</p>", False),
}


def write_pages(site: Path) -> None:
    for name, (body, _) in PAGES.items():
        page = site / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(title=name, body=body, filler=FILLER), encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "guide.css").write_text("p { margin: 0 0 1em; }\n" * 100, encoding="utf-8")
    (site / "assets" / "tiny.js").write_text("export const tiny = 1;\n", encoding="utf-8")


def postbuild(site: Path, *options: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m postbuild`` from another folder: the step finds the project from where it is installed."""
    return subprocess.run(
        [sys.executable, "-m", "postbuild", str(site), *options],
        cwd=site.parent, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def state(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of *site*: the hash of its bytes and its modification time."""
    return {
        path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(site.rglob("*")) if path.is_file()
    }


@dataclass(frozen=True)
class Finished:
    site: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def finished(node: str, tmp_path_factory: pytest.TempPathFactory) -> Finished:
    """The small site, finished once by the step (which runs Node to make the snapshot if ``.build-cache/`` lacks
    it)."""
    site = tmp_path_factory.mktemp("postbuild") / "site"
    site.mkdir()
    write_pages(site)
    result = postbuild(site)
    assert result.returncode == 0, result.stderr
    return Finished(site, result)


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_with_blocks_point_at_the_runtime_relative_to_themselves(name: str, finished: Finished) -> None:
    """Pages with a calculator or a card get the four tags once, with URLs that resolve from the page's own
    folder to the files the step wrote; other pages (prose naming the attributes included) get none."""
    page = finished.site / name
    html = page.read_text(encoding="utf-8")
    meta = read_page(page).meta
    if not PAGES[name][1]:
        assert not [key for key in meta if key.startswith("margin:") and key != "margin:offline"], meta
        return
    depth = name.count("/")
    assert all(html.count(f'name="{key}"') == 1 for key in RUNTIME_NAMES), html[:2000]
    assert all(meta[key].startswith("../" * depth + "assets/") for key in RUNTIME_NAMES), meta
    assert not meta["margin:pyodide"].removeprefix("../" * depth).startswith("../"), meta
    assert (page.parent / meta["margin:pyodide"] / "pyodide.asm.wasm").is_file()
    assert re.fullmatch(r"(\.\./)*assets/calc/calc-[0-9a-f]{12}\.zip", meta["margin:calc"]), meta
    assert (page.parent / meta["margin:calc"]).is_file()
    assert (page.parent / meta["margin:snapshot"]).is_file()
    assert Path(meta["margin:snapshot"]).parent == Path(meta["margin:pyodide"])
    assert re.fullmatch(r"(\.\./)*assets/pyodide/[^/]+/stdlib-[0-9a-f]{12}\.zip", meta["margin:stdlib"]), meta
    assert (page.parent / meta["margin:stdlib"]).is_file()
    # No runtime file is preloaded by the page: the worker fetches each one itself, so that a host whose headers
    # keep the page's copy from the worker's cannot make it come twice (issue 29).
    assert not re.findall(r'<link rel="preload"[^>]*data-margin>', html)
    # And the engine starts from the head, before the page has finished loading (the theme's glue provides the
    # script, so this synthetic site lacks it: tests/site/test_offline.py checks a real build's pages).
    start = re.findall(r'<script type="module" async src="([^"]+)" data-margin></script>', html)
    assert start == ["../" * depth + "assets/javascripts/margin/start.js"], start


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_gets_one_policy_right_after_its_charset(name: str, finished: Finished) -> None:
    """One policy per page (404 included), first after ``<meta charset>``, hashing the page's inline code."""
    html = (finished.site / name).read_text(encoding="utf-8")
    policy = directives(html)
    assert html.index('<meta charset="utf-8">') + len('<meta charset="utf-8">') == html.index(
        '<meta http-equiv="Content-Security-Policy"')
    assert sha256('document.documentElement.classList.add("js")') in policy["script-src"]
    assert sha256("color: red") in policy["style-src"]
    if PAGES[name][1]:
        assert html.index("Content-Security-Policy") < html.index('name="margin:pyodide"') < html.index("<title>")


def test_every_compressible_file_has_a_faithful_gzip_copy(finished: Finished) -> None:
    """Copies beside every compressible file at least SMALLEST bytes long, with the same content; none for the rest."""
    for path in finished.site.rglob("*"):
        copy = path.with_name(path.name + ".gz")
        if path.suffix in COMPRESSIBLE and path.stat().st_size >= SMALLEST:
            assert gzip.decompress(copy.read_bytes()) == path.read_bytes(), path
        elif path.suffix != ".gz":
            assert not copy.exists(), path
    assert (finished.site / "index.html.gz").is_file() and not (finished.site / "assets" / "tiny.js.gz").exists()


def test_the_archive_is_reproducible_and_holds_both_packages(finished: Finished) -> None:
    """Sorted entries with a fixed date, the engine and the view layer's entry point, no bytecode; its name is
    the digest of what this Python's packages zip to."""
    (path,) = (finished.site / "assets" / "calc").glob("calc-*.zip")
    with zipfile.ZipFile(path) as zipped:
        entries = zipped.infolist()
    names = [entry.filename for entry in entries]
    assert names == sorted(names)
    assert {"calc/__init__.py", "margin_view/service.py"} <= set(names)
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert {entry.date_time for entry in entries} == {archive.FIXED_TIMESTAMP}
    assert path.name == f"calc-{archive.build().digest}.zip"


def test_a_second_run_changes_nothing(finished: Finished) -> None:
    """Same bytes, same modification times: no duplicate tags or policies, no copy or gzip redone."""
    before = state(finished.site)
    again = postbuild(finished.site)
    assert again.returncode == 0, again.stderr
    assert state(finished.site) == before


def test_no_policy_leaves_the_policy_out_and_the_tags_in(finished: Finished, tmp_path: Path) -> None:
    """``--no-policy`` (the development server's case) removes the policy a first run wrote, keeps the runtime
    tags, and refreshes the pages' gzip copies."""
    site = tmp_path / "site"
    shutil.copytree(finished.site, site)
    result = postbuild(site, "--no-policy")
    assert result.returncode == 0, result.stderr
    for name, (_, blocks) in PAGES.items():
        html = (site / name).read_text(encoding="utf-8")
        assert "Content-Security-Policy" not in html
        assert ('name="margin:calc"' in html) == blocks
        assert gzip.decompress((site / f"{name}.gz").read_bytes()).decode("utf-8") == html


def test_without_pyodide_it_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    write_pages(site)
    before = state(site)
    result = postbuild(site, "--project", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Pyodide is not installed" in result.stderr and "npm ci" in result.stderr
    assert state(site) == before


@needs_pyodide
def test_without_node_it_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    """A project whose snapshot cache is empty needs Node; with none on PATH the step stops before writing."""
    project = tmp_path / "project"
    (project / "node_modules").mkdir(parents=True)
    (project / "node_modules" / "pyodide").symlink_to(PYODIDE)
    site = tmp_path / "site"
    site.mkdir()
    write_pages(site)
    before = state(site)
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = postbuild(site, "--project", str(project), env={**os.environ, "PATH": str(empty_path)})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Node.js is needed" in result.stderr
    assert state(site) == before


def test_help_names_the_folder_and_the_option(tmp_path: Path) -> None:
    result = postbuild(tmp_path, "--help")
    assert result.returncode == 0
    assert "SITE_DIR" in result.stdout and "--no-policy" in result.stdout


# The page rewriting itself, without Pyodide or Node.

RUNTIME = RuntimePaths("assets/pyodide/1.0.0/", "assets/calc/calc-0123456789ab.zip",
                       "assets/pyodide/1.0.0/stdlib-0123456789ab.zip", "assets/pyodide/1.0.0/snapshot-0123456789ab.bin.gz")


@pytest.mark.parametrize(
    ("page", "prefix"),
    [("index.html", ""), ("404.html", ""), ("methodology/index.html", "../"), ("a/b/c.html", "../../")],
)
def test_prefix_leads_back_to_the_site_root(page: str, prefix: str) -> None:
    assert prefix_for(Path("/site"), Path("/site") / page) == prefix


@pytest.mark.parametrize("policy", [True, False])
def test_rewriting_a_rewritten_page_changes_nothing(policy: bool) -> None:
    html = PAGE.format(title="t", body=PAGES["index.html"][0], filler="")
    once = rewrite(html, RUNTIME, "../", policy=policy)
    assert rewrite(once, RUNTIME, "../", policy=policy) == once
    assert once.count('name="margin:snapshot" content="../assets/pyodide/1.0.0/snapshot-') == 1
    assert once.count('<script type="module" async src="../assets/javascripts/margin/start.js"') == 1


def test_rewriting_a_page_drops_the_preloads_an_earlier_step_wrote() -> None:
    """Pages rewritten from an older build lose its runtime preloads, which made a file come twice (issue 29)."""
    html = PAGE.format(title="t", body=PAGES["index.html"][0], filler="")
    old = html.replace('<meta charset="utf-8">', '<meta charset="utf-8"><link rel="preload" '
                       'href="../assets/pyodide/1.0.0/pyodide.asm.wasm" as="fetch" crossorigin data-margin>')
    assert "pyodide.asm.wasm" in old and "pyodide.asm.wasm" not in rewrite(old, RUNTIME, "../", policy=True)


def test_a_page_without_a_charset_is_refused() -> None:
    with pytest.raises(ValueError, match="charset"):
        rewrite("<html><head><title>t</title></head></html>", RUNTIME, "", policy=True)



def test_the_shipped_code_answers_exactly_as_the_source(tmp_path: Path) -> None:
    """Without docstrings, comments and indentation, the archive's packages still give byte-identical answers."""
    zipfile.ZipFile(io.BytesIO(archive.build().data)).extractall(tmp_path)
    requests = [{"op": "calculator", "values": {"mode": "cross", "second": "hedge", "fee": "0.05"}},
                {"op": "calculator", "values": {"leverage": "lots"}, "link_query": "?speed=3"},
                {"op": "example", "card": {"title": "A", "show": ["liquidation_price", "account.total_margin"],
                                           "scenario": {"positions": [{"side": "short", "entry_price": 3000,
                                                                        "quantity": 2, "leverage": 20}]}}}]
    code = ("import json, sys\nfrom margin_view.service import handle_json\n"
            "print(json.dumps([handle_json(json.dumps(r)) for r in json.loads(sys.argv[1])]))")
    # -S: only the unpacked archive (the working folder) can supply calc and margin_view.
    shipped = subprocess.run([sys.executable, "-S", "-c", code, json.dumps(requests)], cwd=tmp_path,
                             capture_output=True, text=True, check=True)
    source = subprocess.run([sys.executable, "-c", code, json.dumps(requests)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert shipped.stdout == source.stdout
    assert b'"""' not in (tmp_path / "calc" / "scenario.py").read_bytes()  # docstrings really left out


def test_the_themes_own_stylesheets_are_allowed_and_nothing_else(tmp_path: Path) -> None:
    """A stylesheet held as a constant string in the theme's bundle gets a hash; code and escaped strings do not."""
    from postbuild.policy import theme_stylesheets

    css = ".dialog{position:absolute;inset:0;background:rgba(0,0,0,.5)}@starting-style{.dialog{opacity:0}}" * 3
    bundle = tmp_path / "assets" / "javascripts" / "bundle.1234abcd.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text(f'var a="{css}",b=`.x{{color:red}}${{y}}`,c=\'));return e.pipe(m(x=>x)){"a":1}\';'
                      f'var d="say \\"hi\\" .q{{a:b}}" + "{"x" * 120}";', encoding="utf-8")
    assert theme_stylesheets(tmp_path) == (css,)



def _cache_control(rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]], path: str) -> list[str]:
    return [value for pattern, headers in rules if pattern.match(path) for name, value in headers
            if name == "Cache-Control"]


def test_the_hosts_header_files_cache_content_named_files_forever_and_revalidate_the_service_worker(
        finished: Finished) -> None:
    """``_headers`` (Netlify, Cloudflare Pages), ``vercel.json`` and ``.htaccess`` say the same: every file of the
    runtime and the archive is cached for a year, ``sw.js`` is revalidated, a page and the exchanges' data keep the
    host's default."""
    site = finished.site
    rules = header_rules(site)
    assert rules is not None
    content_named = [path for path in site.rglob("*") if path.is_file()
                     and (path.relative_to(site).as_posix().startswith("assets/pyodide/")
                          or re.fullmatch(r"calc-[0-9a-f]{12}\.zip", path.name))]
    assert len(content_named) >= 6 and any(path.suffix == ".zip" for path in content_named)
    for path in content_named:
        assert _cache_control(rules, "/" + path.relative_to(site).as_posix()) == [hosts.IMMUTABLE], path
    # The exchanges' tier data keeps its name when it is updated: never cached for long.
    data = list((site / "assets" / "calc" / "exchanges").glob("*.json"))
    assert data and all(_cache_control(rules, "/" + path.relative_to(site).as_posix()) == [] for path in data)
    assert _cache_control(rules, "/sw.js") == ["no-cache"]
    assert _cache_control(rules, "/index.html") == _cache_control(rules, "/methodology/") == []
    vercel = json.loads((site / "vercel.json").read_text(encoding="utf-8"))["headers"]
    from_vercel = {rule["source"].replace("(.*)", "*"): rule["headers"][0]["value"] for rule in vercel}
    from_netlify = {pattern.pattern: values[0][1] for pattern, values in rules}
    assert {re.compile(".*".join(map(re.escape, source.split("*"))) + "$").pattern: value
            for source, value in from_vercel.items()} == from_netlify
    apache = (site / ".htaccess").read_text(encoding="utf-8")
    assert "m#/(assets/pyodide)/#" in apache and '<Files "sw.js">' in apache and "calc-[0-9a-f]{12}" in apache
    assert apache.count(f'Header set Cache-Control "{hosts.IMMUTABLE}"') == 2


def test_the_hosts_header_files_are_neither_compressed_nor_precached(finished: Finished) -> None:
    """A host reads them and never serves them: a precached one would 404 and fail the service worker's install."""
    worker = (finished.site / "sw.js").read_text(encoding="utf-8")
    for name in hosts.SKIPPED:
        assert (finished.site / name).is_file()
        assert not (finished.site / f"{name}.gz").exists() and not (finished.site / f"{name}.br").exists()
        assert f'"{name}"' not in worker and f"url:\"{name}\"" not in worker


def test_the_themes_content_named_bundles_are_cached_forever_by_name(tmp_path: Path) -> None:
    """Material's ``*.<hash>.min.js|css`` in every edition and the engine's archive, each named in full; the site's
    own glue and the exchanges' data are not."""
    for name in ("assets/javascripts/bundle.0123abcd.min.js", "nl/assets/stylesheets/main.89abcdef.min.css",
                 "assets/javascripts/margin/worker.js", "assets/stylesheets/calculator.css",
                 "assets/calc/calc-0123456789ab.zip", "assets/calc/exchanges/binance.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert hosts.immutable_paths(tmp_path) == [
        "/assets/pyodide/*", "/assets/calc/calc-0123456789ab.zip", "/assets/javascripts/bundle.0123abcd.min.js",
        "/nl/assets/stylesheets/main.89abcdef.min.css"]


def test_without_the_service_worker_the_header_files_go_too(finished: Finished, tmp_path: Path) -> None:
    """A development build (``--no-offline``) has no ``sw.js`` for the files to name: they are removed."""
    site = tmp_path / "site"
    shutil.copytree(finished.site, site)
    result = postbuild(site, "--no-offline")
    assert result.returncode == 0, result.stderr
    assert not [name for name in hosts.SKIPPED if (site / name).exists()]


def test_the_lock_file_keeps_pyodides_info_and_lists_no_package(finished: Finished) -> None:
    """The calculator loads no package: the served lock file lists none (so none is fetched from a CDN), and keeps
    the ``info`` Pyodide checks its ABI against (issue 29: 22 KB brotli fewer before ready)."""
    served = json.loads((finished.site / "assets" / "pyodide").glob("*/pyodide-lock.json").__next__().read_text())
    npm = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert served == {"info": npm["info"], "packages": {}}
