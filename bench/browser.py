"""Page measurements in headless Chromium, driven by Playwright. All times are milliseconds from navigation start
(``performance.now()`` inside the page, so Playwright's own round trips never count).

- ``first_figures_ms``: the pre-rendered isolated liquidation price is in the document, filled and not hidden, in a
  ``requestAnimationFrame`` callback (a frame about to be painted), and the page has painted
  (``first-contentful-paint``): the later of the two. (The calculator is below the fold: "visible" means
  rendered, there when the reader scrolls to it.)
- ``ready_cold_ms``: the calculator's ``data-state`` turns ``"ready"``, in a fresh browser context (empty cache).
- ``ready_warm_ms``: the same on later visits with a persistent profile that has seen the page once.
- ``naive_ready_cold_ms``: the baseline page (``bench/site.py``) sets ``data-state="ready"``, fresh context.
- ``cards_checked_ms``: every example card on the page has been re-checked by the live engine (after ready).
- ``planner_input_ms``, ``tab_switch_ms``: the calculator page's planner tab, a leverage typed into it, and a switch
  to it from the first tab (:func:`planner_latency`).
- ``input_ms``: one slider move: from dispatching its ``input`` event to the calculator's ``margin:computed``
  event, fired once the new figures are in the DOM; moves are made one after the other.
- ``long_tasks``: main-thread tasks over 50 ms (``PerformanceObserver('longtask')``) that start before ready,
  each with the scripts that Chromium's Long Animation Frame entries blame for that time. One is the calculator's
  when, without its scripts' time (``assets/javascripts/margin/``, ``assets/pyodide/``), it would be under 50 ms.
- ``bytes``: response body bytes as transferred (the server sends the build's precompressed ``.gz`` copies, as a
  ``gzip_static`` host does), by URL, split into the page's own files and the Pyodide runtime
  (``assets/pyodide/``), and into before and after ready; ``own_bytes_gzip`` is what the own files weigh gzipped
  (computed from the files, a check on the transferred figure).
"""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request

from harness import CHROMIUM_ARGS, chromium

TIMEOUT_MS = 60_000
RUNTIME_PREFIX = "assets/pyodide/"
FIGURE = "[data-margin-calculator] [data-mode=isolated] [data-result=liquidation_price]"

# Installed before any page script runs. Everything lands on window.__bench.
INIT_SCRIPT = """
(() => {
  const bench = window.__bench = {fcp: null, figures: null, ready: null, state: null, cards: null,
                                  readyOk: null, errorAt: null, longTasks: [], frames: []};
  const observe = (type, each) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({type, buffered: true}); }
    catch (error) { /* entry type not supported by this browser */ }
  };
  observe("paint", (e) => { if (e.name === "first-contentful-paint") bench.fcp = e.startTime; });
  observe("longtask", (e) => bench.longTasks.push({start: e.startTime, duration: e.duration}));
  observe("long-animation-frame", (e) => bench.frames.push({start: e.startTime, end: e.startTime + e.duration,
    scripts: e.scripts.map((s) => ({source: s.sourceURL || s.invoker, duration: s.duration}))}));
  const findFigure = () => {
    const node = document.querySelector(FIGURE);  // no layout forced: present, filled and not hidden
    if (node && node.textContent.trim() && !node.closest("[hidden]")) bench.figures = performance.now();
    else requestAnimationFrame(findFigure);
  };
  requestAnimationFrame(findFigure);
  new MutationObserver(() => {
    const now = performance.now();
    const root = document.querySelector("[data-margin-calculator], [data-naive-calculator]");
    if (bench.ready === null && root && ["ready", "error"].includes(root.dataset.state)) {
      bench.ready = now;
      bench.state = root.dataset.state;
    }
    // A slow boot may pass through "error" (the boot watchdog) and still finish: note both separately.
    if (root && root.dataset.state === "ready" && bench.readyOk === null) bench.readyOk = now;
    if (root && root.dataset.state === "error" && bench.errorAt === null) bench.errorAt = now;
    const cards = document.querySelectorAll("[data-margin-example]");
    if (bench.cards === null && cards.length &&
        [...cards].every((card) => ["verified", "mismatch", "unchecked"].includes(card.dataset.state))) {
      bench.cards = now;
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"]});
})();
""".replace("FIGURE", json.dumps(FIGURE))

MARKS = """({...window.__bench, origin: performance.timeOrigin, controlled: !!navigator.serviceWorker?.controller,
  boot: performance.getEntriesByType("mark").map((mark) => mark.name).find((name) => name.startsWith("margin:boot:"))
    ?.slice("margin:boot:".length) ?? null})"""

# One slider move after another: set the value, dispatch "input", wait for the calculator's "margin:computed".
INPUT_LOOP = """
async (moves) => {
  const root = document.querySelector("[data-margin-calculator]");
  const sliders = [root.querySelector("input[name=price_slider]"), root.querySelector("input[name=leverage_slider]")];
  const times = [];
  for (let i = 0; i < moves; i++) {
    const slider = sliders[i % 2];
    const value = slider.name === "price_slider" ? ((i * 7) % 201) * 0.5 - 50 : 2 + ((i * 3) % 40);
    const computed = new Promise((resolve) => root.addEventListener("margin:computed", resolve, {once: true}));
    const start = performance.now();
    slider.value = String(value);
    slider.dispatchEvent(new Event("input", {bubbles: true}));
    await computed;
    times.push(performance.now() - start);
  }
  return times;
}
"""

# The calculator page's planner tab: switch to it from the first tab (until its figures are shown), then type one
# leverage after another into it, each until the planner's "margin:computed".
PLANNER_LOOP = """
async (moves) => {
  const root = document.querySelector("#planner");
  const radios = document.querySelectorAll(".tabbed-set > input[type=radio]");
  const switches = [];
  for (let i = 0; i < 10; i++) {
    radios[0].click();
    const start = performance.now();
    radios[1].click();
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    if (root.offsetParent === null) throw new Error("the planner's tab did not open");
    switches.push(performance.now() - start);
  }
  const field = root.querySelector("input[name=leverage]");
  const times = [];
  for (let i = 0; i < moves; i++) {
    const computed = new Promise((resolve) => root.addEventListener("margin:computed", resolve, {once: true}));
    const start = performance.now();
    field.value = String(2 + ((i * 3) % 40));
    field.dispatchEvent(new Event("input", {bubbles: true}));
    await computed;
    times.push(performance.now() - start);
  }
  return {switches, times};
}
"""

# Keyboard steps on the price slider with the explainers open: "input" then "change", as an arrow key sends; timed
# until the explainers are redrawn for the new price (the figures come a reply earlier).
EXPLAINED_LOOP = """
async (moves) => {
  const root = document.querySelector("[data-margin-calculator]");
  const explain = root.querySelector("[data-calc-explain]");
  const slider = root.querySelector("input[name=price_slider]");
  const times = [];
  for (let i = 0; i < moves; i++) {
    const redrawn = new Promise((resolve) => {
      const listener = () => {
        if (explain.dataset.current !== "true") return;
        root.removeEventListener("margin:computed", listener);
        resolve();
      };
      root.addEventListener("margin:computed", listener);
    });
    const start = performance.now();
    slider.value = String(((i * 7) % 201) * 0.5 - 50);
    slider.dispatchEvent(new Event("input", {bubbles: true}));
    slider.dispatchEvent(new Event("change", {bubbles: true}));
    await redrawn;
    times.push(performance.now() - start);
  }
  return times;
}
"""

# calc_speed.measure_here() run by the naive page's main-thread Pyodide, from the module's own source.
PYODIDE_SPEED = """
(source) => {
  pyodide.FS.writeFile("/tmp/calc_speed.py", source);
  return pyodide.runPython(
    "import json, sys\\nsys.path.insert(0, '/tmp')\\nimport calc_speed\\njson.dumps(calc_speed.measure_here())");
}
"""


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)


@dataclass
class Visit:
    """What one page load recorded: the page's marks, and every request it made (a live list while open)."""

    marks: dict[str, Any]
    base: str
    requests: list[Request] = field(default_factory=list)

    @property
    def ready_ms(self) -> float:
        return float(self.marks["ready"])

    def responses(self) -> list[dict[str, Any]]:
        """Each finished request: path, body bytes, start and end in ms from navigation."""
        rows = []
        for request in list(self.requests):
            timing = request.timing  # wall-clock milliseconds: made relative to navigation
            start = timing["startTime"] - float(self.marks["origin"])
            rows.append({"path": request.url.removeprefix(self.base), "bytes": _body_size(request),
                         "start_ms": round(start, 1), "end_ms": round(start + timing["responseEnd"], 1)})
        return rows


def _body_size(request: Request) -> int:
    """Bytes that came over the network. A request answered by the HTTP cache (the worker's requests for the files
    its page preloaded) reports a negative size, and counts nothing: those bytes were counted with the preload."""
    size = request.sizes()["responseBodySize"]
    if size < 0:
        return 0
    if size == 0:  # worker scripts report 0: fall back to the header
        response = request.response()
        size = int(response.headers.get("content-length", 0)) if response else 0
    return int(size)


def visit(context: BrowserContext, url: str, base: str) -> tuple[Visit, Page]:
    """Open *url* in a new page of *context* and wait until the calculator is ready; the caller closes the page."""
    page = context.new_page()
    result = Visit({}, base)
    page.on("requestfinished", lambda request: result.requests.append(request))
    page.goto(url)
    page.wait_for_function("() => window.__bench.ready !== null", timeout=TIMEOUT_MS, polling=50)
    result.marks = page.evaluate(MARKS)
    if result.marks["state"] != "ready":
        raise RuntimeError(f"{url}: the calculator reached state {result.marks['state']!r}")
    return result, page


def cold(browser: Browser, url: str, base: str) -> tuple[Visit, BrowserContext, Page]:
    """A visit in a fresh browser context (nothing cached); the caller closes the context."""
    context = browser.new_context()
    context.add_init_script(INIT_SCRIPT)
    result, page = visit(context, url, base)
    return result, context, page


def settle(page: Page) -> dict[str, Any]:
    """Let the start-up work after ready (the first computation, the card re-checks) finish; return the marks."""
    page.wait_for_function(
        "() => window.__bench.cards !== null || !document.querySelector('[data-margin-example]')", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)
    return dict(page.evaluate(MARKS))


def input_latency(page: Page, moves: int) -> list[float]:
    """Milliseconds from each slider input event to the updated figures in the DOM, in order. Call it after
    :func:`settle`, so that no start-up request is still queued in the worker."""
    return list(page.evaluate(INPUT_LOOP, moves))


def planner_latency(page: Page, moves: int) -> dict[str, list[float]]:
    """On the calculator page (its planner ready): milliseconds for each switch to the planner's tab, and from each
    leverage typed into the planner to its updated figures."""
    return dict(page.evaluate(PLANNER_LOOP, moves))


def open_explainers(page: Page) -> None:
    """Open every explainer of the calculator and wait until they are drawn for the inputs shown."""
    page.evaluate("document.querySelectorAll('[data-calc-explain] details').forEach((d) => { d.open = true; })")
    page.wait_for_function("document.querySelector('[data-margin-calculator]').dataset.stale === 'false' && "
                           "document.querySelector('[data-calc-explain]').dataset.current !== 'false'",
                           timeout=TIMEOUT_MS)


def explained_latency(page: Page, moves: int) -> list[float]:
    """Milliseconds from each keyboard step of the price slider to the explainers redrawn (they must be open)."""
    return list(page.evaluate(EXPLAINED_LOOP, moves))


def pyodide_speed(page: Page, source: str) -> dict[str, float]:
    """calc_speed.measure_here() inside the naive page's main-thread Pyodide."""
    return dict(json.loads(page.evaluate(PYODIDE_SPEED, source)))


def warm(playwright: Playwright, url: str, base: str, runs: int) -> list[Visit]:
    """Visits with a persistent profile: one to fill the caches (not counted), then *runs* measured visits."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium(), args=CHROMIUM_ARGS, headless=True)
        context.add_init_script(INIT_SCRIPT)
        try:
            _, page = visit(context, url, base)
            settle(page)
            # The service worker registers once the page has been quiet for a few seconds, then precaches the site
            # (the snapshot with it): the measured visits are the ones it serves.
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=TIMEOUT_MS)
            time.sleep(2)  # Chromium writes the compiled wasm to its code cache after start-up
            page.close()
            visits = []
            for _ in range(runs):
                result, page = visit(context, url, base)
                # A reader stays a moment: the start-up's work after ready (the cards, the worker keeping its
                # snapshot for the next visit) is done before the page goes.
                settle(page)
                page.close()
                visits.append(result)
            return visits
        finally:
            context.close()


def long_tasks(marks: dict[str, Any], base: str) -> list[dict[str, Any]]:
    """The long tasks that started before ready. Each lists the scripts that Chromium's long animation frames
    overlapping it blame (path from the site root, or how it was invoked) with their milliseconds."""
    ready = float(marks["ready"])
    found = []
    for task in marks["longTasks"]:
        if task["start"] >= ready:
            continue
        end = task["start"] + task["duration"]
        scripts: dict[str, float] = {}
        for frame in marks["frames"]:
            if frame["start"] < end and frame["end"] > task["start"]:
                for script in frame["scripts"]:
                    name = script["source"].split("?")[0].removeprefix(base)
                    scripts[name] = round(scripts.get(name, 0) + script["duration"], 1)
        found.append({"start_ms": round(task["start"], 1), "duration_ms": round(task["duration"], 1),
                      "scripts": scripts})
    return found


def split_bytes(result: Visit, responses: list[dict[str, Any]], site: Path) -> dict[str, int]:
    """Bytes before ready and in all, for the page's own files and for the Pyodide runtime; and what the own
    files would weigh from a host that gzips them (each file compressed at level 6)."""
    before = [r for r in responses if float(r["end_ms"]) <= result.ready_ms]

    def total(rows: list[dict[str, Any]], which: str = "all") -> int:
        return sum(int(r["bytes"]) for r in rows
                   if which == "all" or str(r["path"]).startswith(RUNTIME_PREFIX) == (which == "runtime"))

    return {
        "bytes_before_ready": total(before),
        "bytes_total": total(responses),
        "own_bytes_before_ready": total(before, "own"),
        "own_bytes": total(responses, "own"),
        "runtime_bytes": total(responses, "runtime"),
        "own_bytes_gzip": sum(len(gzip.compress(file.read_bytes(), 6)) for file in own_files(responses, site)),
    }


def own_files(responses: list[dict[str, Any]], site: Path) -> list[Path]:
    """The files on disk behind the page's own responses."""
    files = []
    for response in responses:
        path = str(response["path"]).split("?")[0].split("#")[0]
        if path.startswith(RUNTIME_PREFIX):
            continue
        file = site / path
        files.append(file / "index.html" if file.is_dir() else file)
    return [file for file in files if file.is_file()]
