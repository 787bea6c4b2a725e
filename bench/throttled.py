"""Slider moves on a phone's CPU: Chromium's CPU slowed 4× (issue 29), with where each move's time goes.

A cold visit on localhost, left to settle (start-up's work done, the cards checked), then the CPU is slowed with
the DevTools protocol's ``Emulation.setCPUThrottlingRate`` and the calculator gets the usual 200 moves. Each move
is split at the points the page can see: the main thread until the request is posted to the worker, the worker's
round trip (the Python of the answer, which the worker reports as ``took``, and the rest: the two messages and
their queues), and the main thread applying the answer until the calculator's ``margin:computed`` event. Whether
the slowdown reaches the module worker is measured, not assumed: ``python_slowdown`` is the median Python time of
the throttled moves over that of unthrottled ones on the same page.
"""

from __future__ import annotations

import statistics
from typing import Any

from playwright.sync_api import Browser

from bench import browser

#: What a mid-range phone's CPU is to this machine's, as Chromium's DevTools and Lighthouse assume.
RATE = 4
#: Unthrottled moves first, on the same page, for the Python time to compare with.
BASELINE_MOVES = 50

# Installed before any page script: every request posted to a worker and every reply, timed by its id.
SPLIT_SCRIPT = """
(() => {
  const posted = new Map(), replied = new Map();
  window.__split = {posted, replied};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (data, ...rest) {
    if (data && data.id !== undefined) posted.set(data.id, performance.now());
    return post.call(this, data, ...rest);
  };
  const listen = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, ...rest) {
    if (type !== "message") return listen.call(this, type, listener, ...rest);
    return listen.call(this, type, (event) => {
      const data = event.data;
      if (data && data.id !== undefined) replied.set(data.id, {at: performance.now(), took: data.took ?? null});
      return listener.call(this, event);
    }, ...rest);
  };
})();
"""

# The usual moves (bench/browser.py's INPUT_LOOP), each split by the first request it posted.
SPLIT_LOOP = """
async (moves) => {
  const root = document.querySelector("[data-margin-calculator]");
  const sliders = [root.querySelector("input[name=price_slider]"), root.querySelector("input[name=leverage_slider]")];
  const {posted, replied} = window.__split;
  const rows = [];
  for (let i = 0; i < moves; i++) {
    const slider = sliders[i % 2];
    const value = slider.name === "price_slider" ? ((i * 7) % 201) * 0.5 - 50 : 2 + ((i * 3) % 40);
    const computed = new Promise((resolve) => root.addEventListener("margin:computed", resolve, {once: true}));
    const known = new Set(posted.keys());
    const start = performance.now();
    slider.value = String(value);
    slider.dispatchEvent(new Event("input", {bubbles: true}));
    await computed;
    const end = performance.now();
    const id = [...posted.keys()].find((key) => !known.has(key));
    const sent = posted.get(id), reply = replied.get(id);
    rows.push({total: end - start, before_post: sent - start, round_trip: reply.at - sent,
               python: reply.took, apply: end - reply.at});
  }
  return rows;
}
"""


def _split(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Median and 95th percentile (nearest rank) of each part, and of the whole move."""
    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 2)

    parts = {"total": [r["total"] for r in rows], "before_post": [r["before_post"] for r in rows],
             "round_trip": [r["round_trip"] for r in rows], "apply": [r["apply"] for r in rows]}
    if all(r["python"] is not None for r in rows):
        parts["python"] = [r["python"] for r in rows]
        parts["messages_and_queues"] = [r["round_trip"] - r["python"] for r in rows]
    return {name: {"median": round(statistics.median(values), 2), "p95": p95(values)} for name, values in parts.items()}


def measure(chromium: Browser, url: str, base: str, moves: int, runs: int) -> dict[str, Any]:
    """*runs* cold visits, each: settle, :data:`BASELINE_MOVES` unthrottled moves, then *moves* at 1/RATE speed."""
    visits = []
    for _ in range(runs):
        context = chromium.new_context()
        context.add_init_script(browser.INIT_SCRIPT)
        context.add_init_script(SPLIT_SCRIPT)
        result, page = browser.visit(context, url, base)
        browser.settle(page)
        baseline = page.evaluate(SPLIT_LOOP, BASELINE_MOVES)
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
        throttled = page.evaluate(SPLIT_LOOP, moves)
        session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        context.close()
        visits.append({"baseline": baseline, "throttled": throttled})
    splits = [_split(visit["throttled"]) for visit in visits]
    baselines = [_split(visit["baseline"]) for visit in visits]
    summary: dict[str, Any] = {
        "rate": RATE,
        # Each visit's p95 and median per part, then the median over the visits (as for every figure here).
        "split": {part: {stat: round(statistics.median(split[part][stat] for split in splits), 2)
                         for stat in ("median", "p95")} for part in splits[0]},
        "unthrottled_split": {part: {stat: round(statistics.median(split[part][stat] for split in baselines), 2)
                                     for stat in ("median", "p95")} for part in baselines[0]},
        "raw": visits,
    }
    if "python" in splits[0]:
        summary["python_slowdown"] = round(summary["split"]["python"]["median"]
                                           / max(summary["unthrottled_split"]["python"]["median"], 0.01), 2)
    return summary


def rows(figures: dict[str, Any]) -> list[tuple[str, Any, str, bool | None]]:
    """Table rows: the throttled p95, then each part's median / p95."""
    split = figures["split"]
    out: list[tuple[str, Any, str, bool | None]] = [
        (f"input_p95_ms, CPU slowed {figures['rate']}× (median {split['total']['median']})",
         split["total"]["p95"], "reported", None)]
    names = {"before_post": "main thread, input to request posted", "round_trip": "worker round trip",
             "python": "… of which Python (the worker's own timing)",
             "messages_and_queues": "… of which messages and queues", "apply": "main thread, answer to figures in the DOM"}
    for part, name in names.items():
        if part in split:
            out.append((f"  {name}: median / p95", f"{split[part]['median']} / {split[part]['p95']}", "", None))
    if "python_slowdown" in figures:
        out.append(("  Python's slowdown in the worker (throttled ÷ unthrottled median)", figures["python_slowdown"],
                    "", None))
    return out
