"""Build the site (timed), build it again without its example cards (timed), and write the naive baseline page.

Figures:

- ``build_s``: wall time of ``mkdocs build --strict`` into a fresh folder (every edition, Python start-up and the
  copy of the 13.5 MB Pyodide runtime included), median of :data:`BUILDS` builds.
- ``build_s_english``: the same for the English edition alone, built with a config that inherits the project's
  ``mkdocs.yml`` and lists no other edition.
- ``build_s_without_cards``: the English edition again, from a copy of ``docs/`` with every
  ```` ```margin-example ```` block removed.
- ``build_cards_ratio``: ``build_s_english / build_s_without_cards``: what the build-time computation of the cards
  costs, between two builds of the same pages.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from pathlib import Path

from harness import ROOT, build_site, write_inherited_config

BUILDS = 3
CARD_BLOCK = re.compile(r"^```margin-example\n.*?^```[ \t]*\n", re.MULTILINE | re.DOTALL)
NAIVE_DIR = "bench-naive"


def build(destination: Path, config: Path = ROOT / "mkdocs.yml") -> float:
    """Run ``mkdocs build --strict`` into *destination*; return its wall time in seconds."""
    start = time.perf_counter()
    result = build_site(destination, config)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({config}):\n{result.stdout}\n{result.stderr}")
    return elapsed


def english_only(folder: Path) -> Path:
    """A config inheriting the project's that builds the English edition alone; returns the config."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_inherited_config(folder, ROOT / "docs")


def site_without_cards(folder: Path) -> Path:
    """A copy of ``docs/`` without its example cards, and a config inheriting the project's; returns the config."""
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    removed = 0
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        stripped, count = CARD_BLOCK.subn("", text)
        removed += count
        page.write_text(stripped, encoding="utf-8")
    if not removed:
        raise RuntimeError("no ```margin-example block found in docs/: the card pattern needs updating")
    return write_inherited_config(folder, docs)


def build_times(work: Path) -> tuple[Path, dict[str, object]]:
    """Build the site :data:`BUILDS` times, its English edition alone with cards and without; return the first site
    and the figures."""
    site = [build(work / f"site-{n}") for n in range(BUILDS)]
    english_config, bare_config = english_only(work / "english"), site_without_cards(work / "no-cards")
    english = [build(work / f"english-site-{n}", english_config) for n in range(BUILDS)]
    without = [build(work / f"no-cards-site-{n}", bare_config) for n in range(BUILDS)]
    for n in range(BUILDS):
        shutil.rmtree(work / f"english-site-{n}")
        shutil.rmtree(work / f"no-cards-site-{n}")
        if n:
            shutil.rmtree(work / f"site-{n}")
    english_s, bare_s = statistics.median(english), statistics.median(without)
    return work / "site-0", {
        "build_s": round(statistics.median(site), 3),
        "build_s_english": round(english_s, 3),
        "build_s_without_cards": round(bare_s, 3),
        "build_cards_ratio": round(english_s / bare_s, 3),
        "raw": {"build_s": [round(t, 3) for t in site], "build_s_english": [round(t, 3) for t in english],
                "build_s_without_cards": [round(t, 3) for t in without]},
    }


# The plain way to put Pyodide on a page: a classic script that waits for the page's load event, then on the main
# thread imports the runtime, boots it, fetches and unpacks calc, and computes one figure. Nothing is overlapped.
NAIVE_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Naive Pyodide baseline</title>
</head>
<body>
<h1>Naive Pyodide baseline</h1>
<p>Isolated liquidation price: <span data-result="liquidation_price">…</span></p>
<div data-naive-calculator data-state="loading"></div>
<script>
window.addEventListener("load", async () => {
  const root = document.querySelector("[data-naive-calculator]");
  try {
    const indexURL = new URL("../%(pyodide)s", location.href).href;
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL });
    const archive = await (await fetch(new URL("../%(calc)s", location.href))).arrayBuffer();
    const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    pyodide.unpackArchive(archive, "zip", { extractDir: sitePackages });
    const text = pyodide.runPython(`
import json
from margin_view.service import handle_json
json.loads(handle_json('{"op": "calculator", "values": {}}'))["result"]["view"]["modes"]["isolated"]["figures"]["liquidation_price"]
`);
    document.querySelector("[data-result=liquidation_price]").textContent = text;
    window.pyodide = pyodide;
    root.dataset.state = "ready";
  } catch (error) {
    root.textContent = String(error);
    root.dataset.state = "error";
  }
});
</script>
</body>
</html>
"""


def runtime_paths(site: Path) -> dict[str, str]:
    """The Pyodide folder and the calc archive, relative to the site root, as the home page's meta tags give them."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = dict(re.findall(r'<meta name="margin:(pyodide|calc)" content="([^"]+)"', html))
    if set(found) != {"pyodide", "calc"}:
        raise RuntimeError("index.html lacks the margin:pyodide / margin:calc meta tags")
    return found


def write_naive_page(site: Path) -> str:
    """Write the baseline page into the built site; return its path relative to the site root."""
    page = site / NAIVE_DIR / "index.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(NAIVE_PAGE % runtime_paths(site), encoding="utf-8")
    return f"{NAIVE_DIR}/"
