"""Cold visits over emulated 4G from hosts that send different ``Cache-Control`` headers (issue 29).

The same built site is served under each of ``harness.CACHE_PROFILES`` (long immutable caching for the
content-named files, GitHub Pages' ``max-age=600``, Netlify's and Cloudflare's ``public, max-age=0,
must-revalidate``, and no header at all). A page and its module worker share the browser's HTTP cache, but not a
preload: when the host's headers keep a file from being reused, or the worker asks while the page's request is
still on its way, the file comes over the network twice. So each visit reports, besides ready and the bytes
before ready, how many times the server sent each runtime file in full (a ``200``; a ``304`` sends no body), from
the server's own log.
"""

from __future__ import annotations

import collections
import statistics
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

import harness
from bench import network

#: Page loads per figure and host (a 4G cold visit takes 5 to 10 s).
RUNS = 3
#: The runtime's files, as the server's log names them: Pyodide's folder and the engine's archive.
RUNTIME = ("/assets/pyodide/", "/assets/calc/")


def _fetches(log: list[harness.Answer], status: int) -> dict[str, int]:
    """How many times each runtime file was answered with *status* during one visit (200: its body was sent;
    304: the browser revalidated a copy it had), by file name."""
    sent = collections.Counter(answer.path.rsplit("/", 1)[-1] for answer in log
                               if answer.status == status and answer.path.startswith(RUNTIME))
    return dict(sorted(sent.items()))


def measure(chromium: Browser, site: Path, naive_path: str) -> dict[str, Any]:
    """For each cache profile: cold 4G visits of the home page and of the naive page, alternated."""
    profile = next(p for p in network.PROFILES if p.name == "4g")
    out: dict[str, Any] = {}
    for cache in harness.CACHE_PROFILES:
        log: list[harness.Answer] = []
        rows: dict[str, list[dict[str, Any]]] = {"home": [], "naive": []}
        with harness.SiteServer(site, cache=cache, log=log) as server:
            for _ in range(RUNS):
                for which, url in (("home", server.url), ("naive", server.url + naive_path)):
                    log.clear()
                    row, page = network.visit_row(chromium, url, server.url, profile)
                    ready_at = float(page.evaluate("performance.timeOrigin")) + float(row["ready"])
                    page.context.close()
                    # Up to the end of the visit: the page is closed once the calculator is ready.
                    row["fetches"], row["revalidated"] = _fetches(log, 200), _fetches(log, 304)
                    # The server's count, not the browser's: Chromium's network emulation reports a revalidated
                    # file's body as if it had been sent again.
                    row["bytes_browser"] = row["bytes"]
                    row["bytes"] = sum(answer.body for answer in log if answer.at_ms <= ready_at)
                    rows[which].append(row)
        summary = network.summarise(rows, profile)
        counts = [row["fetches"] for row in rows["home"]]
        files = sorted({name for count in counts for name in count})
        # The most times any visit fetched each file: "once" has to hold on every visit.
        summary["fetches"] = {name: max(count.get(name, 0) for count in counts) for name in files}
        summary["fetched_twice"] = sorted(name for name, times in summary["fetches"].items() if times > 1)
        summary["revalidated"] = max(sum(row["revalidated"].values()) for row in rows["home"])
        summary["ready_cold_ms_runs"] = [row["ready"] for row in rows["home"]]
        for edge in ("start", "end"):
            summary[f"wasm_{edge}_ms"] = round(statistics.median(row[f"wasm_{edge}_ms"] for row in rows["home"]), 1)
        summary["bytes_before_ready_runs"] = [row["bytes"] for row in rows["home"]]
        out[cache] = summary
    return out


def rows(hosts: dict[str, Any]) -> list[tuple[str, Any, str, bool | None]]:
    """Table rows: per host profile, ready against the naive page, bytes, and files fetched more than once."""
    out: list[tuple[str, Any, str, bool | None]] = []
    for cache, f in hosts.items():
        twice = ", ".join(f"{name} ×{f['fetches'][name]}" for name in f["fetched_twice"]) or "none"
        out += [
            (f"4g, host `{cache}`: ready_cold_ms (naive {f['naive_ready_cold_ms']:.0f}; first figures "
             f"{f['first_figures_ms']:.0f})", f["ready_cold_ms"], f"≤ 0.6 × naive (is {f['ratio']})",
             f["ratio"] <= 0.6),
            (f"4g, host `{cache}`: bytes_before_ready", f"{f['bytes_before_ready'] / 1e6:.2f} MB", "", None),
            (f"4g, host `{cache}`: the wasm asked for at / arrived by (ms)",
             f"{f['wasm_start_ms']:.0f} / {f['wasm_end_ms']:.0f}", "", None),
            (f"4g, host `{cache}`: runtime files sent more than once", twice, "none", not f["fetched_twice"]),
            (f"4g, host `{cache}`: runtime files revalidated (a 304, a round trip each)", f["revalidated"], "", None),
        ]
    return out

