"""``python -m bench`` (``make bench``): build, serve, measure in headless Chromium, write the results.

Writes ``bench/results/latest.json`` (every figure, the raw per-run numbers, the machine) and
``bench/results/latest.md`` (the table it also prints). See ``bench/README.md`` for how to read them.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

import harness
from bench import browser, hosts, network, throttled
from bench.calc_speed import measure_here
from bench.site import build_times, write_naive_page

RUNS = 7  # page loads per figure (cold, naive and warm each)
THROTTLED_RUNS = 3  # cold visits whose slider moves are made with the CPU slowed
MOVES = 200  # slider moves for input latency
EXPLAINED_STEPS = 50  # keyboard steps, each until the open explainers are redrawn
RESULTS = Path(__file__).resolve().parent / "results"


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank."""
    ordered = sorted(values)
    return round(ordered[math.ceil(0.95 * len(ordered)) - 1], 2)


def is_calculators(task: dict[str, Any]) -> bool:
    """A long task is the calculator's when, without its scripts' time, it would not be long."""
    own = sum(ms for script, ms in task["scripts"].items()
              if script.startswith(("assets/javascripts/margin/", browser.RUNTIME_PREFIX)))
    return bool(own > 0 and task["duration_ms"] - own <= 50)


#: What a run measures; ``--only`` picks some (a quicker loop while working on one of them).
PARTS = ("pages", "hosts", "network", "warm", "throttled")


def measure_pages(site: Path, parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    """Cold visits of the home page and of the naive page, alternated; the same over emulated 4G from hosts with
    different cache headers, and over slow 3G; then warm visits of the home page."""
    naive_path = write_naive_page(site)
    raw: dict[str, Any] = {"home": [], "naive": [], "warm": []}
    harness.chromium()  # asks Playwright, so before Playwright starts here; cached for browser.launch()
    with harness.SiteServer(site) as server, sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        for run in range(RUNS if "pages" in parts else 0):
            result, context, page = browser.cold(chromium, server.url, server.url)
            result.marks = browser.settle(page)
            responses = result.responses()
            entry: dict[str, Any] = {**browser.split_bytes(result, responses, site), "marks": result.marks, "responses": responses}
            if run == 0:
                # The planner on the calculator page, in the same browser: the engine is the same, its page is another.
                planner = context.new_page()
                planner.goto(server.url + "calculator/")
                planner.wait_for_function("() => document.querySelector('#planner')?.dataset.state === 'ready'",
                                          timeout=browser.TIMEOUT_MS)
                browser.settle(planner)  # as for the liquidation calculator: start-up requests done first
                measured = browser.planner_latency(planner, MOVES // 2)
                entry["planner_input_ms"], entry["tab_switch_ms"] = measured["times"], measured["switches"]
                planner.close()
            if run != 1:
                entry["input_ms"] = browser.input_latency(page, MOVES)
            else:
                browser.open_explainers(page)
                entry["input_explained_ms"] = browser.input_latency(page, MOVES)
                entry["explainers_ms"] = browser.explained_latency(page, EXPLAINED_STEPS)
            raw["home"].append(entry)
            context.close()

            result, context, page = browser.cold(chromium, server.url + naive_path, server.url)
            entry = {**browser.split_bytes(result, result.responses(), site), "marks": result.marks}
            if run == 0:
                source = (harness.ROOT / "bench" / "calc_speed.py").read_text(encoding="utf-8")
                entry["pyodide_speed"] = browser.pyodide_speed(page, source)
            raw["naive"].append(entry)
            context.close()
        if "hosts" in parts:
            print(f"measuring cold 4G visits from hosts with different cache headers ({', '.join(harness.CACHE_PROFILES)}, "
                  f"{hosts.RUNS} each of the site and the naive page)…", file=sys.stderr)
            raw["hosts"] = hosts.measure(chromium, site, naive_path)
        if "throttled" in parts:
            print(f"measuring slider moves with the CPU slowed {throttled.RATE}× ({THROTTLED_RUNS} visits, {MOVES} moves "
                  "each)…", file=sys.stderr)
            raw["throttled"] = throttled.measure(chromium, server.url, server.url, MOVES, THROTTLED_RUNS)
        if "network" in parts:
            slow = tuple(profile for profile in network.PROFILES if profile.name != "4g")
            print(f"measuring cold visits on emulated networks ({', '.join(p.name for p in slow)}, "
                  f"{network.RUNS} each of the site and the naive page)…", file=sys.stderr)
            raw["network"] = network.measure(chromium, server.url, server.url + naive_path, server.url, slow)
        version = chromium.version
        chromium.close()
        if "warm" in parts:
            raw["warm"] = [{"marks": visit.marks} for visit in browser.warm(playwright, server.url, server.url, RUNS)]
    for entry in raw["home"] + raw["naive"] + raw["warm"]:
        marks = entry["marks"]
        entry["long_tasks"] = browser.long_tasks(marks, server.url)
        entry["marks"] = {key: marks.get(key) for key in ("fcp", "figures", "ready", "cards", "boot", "controlled")}
    return {"chromium": version, "raw": raw}


def boots(entries: list[dict[str, Any]]) -> str:
    """"snapshot 7/7"-style counts of how Python started (the worker's ``margin:boot:`` mark)."""
    counted = collections.Counter(str(entry["marks"].get("boot")) for entry in entries)
    return ", ".join(f"{name} {count}/{len(entries)}" for name, count in sorted(counted.items()))


def summarise(pages: dict[str, Any], builds: dict[str, Any], cpython: float) -> dict[str, Any]:
    """The figures of the parts that were measured (every part in a full run)."""
    raw = pages["raw"]
    home, naive, warm = raw["home"], raw["naive"], raw["warm"]

    def marks(entries: list[dict[str, Any]], key: str) -> list[float]:
        return [entry["marks"][key] for entry in entries]

    figures: dict[str, Any] = {**{key: value for key, value in builds.items() if key != "raw"},
                               "calc_per_s_cpython": cpython, "exchange_data": data_sizes()}
    if warm:
        figures.update({
            "ready_warm_ms": median(marks(warm, "ready")),
            # The first warm visit does what later ones are spared (issue 29): apart, so that both show.
            "ready_warm_first_ms": round(warm[0]["marks"]["ready"], 1),
            "ready_warm_later_ms": median(marks(warm[1:], "ready")),
            "boot_warm": boots(warm),
            "warm_controlled": sum(bool(entry["marks"].get("controlled")) for entry in warm),
        })
    for part in ("hosts", "network"):
        if part in raw:
            figures[part] = {name: {key: value for key, value in profile.items() if key != "raw"}
                             for name, profile in raw[part].items()}
    if "throttled" in raw:
        figures["throttled"] = {key: value for key, value in raw["throttled"].items() if key != "raw"}
    if not home:
        return figures
    first = [max(entry["marks"]["fcp"], entry["marks"]["figures"]) for entry in home]
    tasks = [task for entry in home for task in entry["long_tasks"]]
    calculator_tasks = [task for task in tasks if is_calculators(task)]
    return {
        "first_figures_ms": median(first),
        "ready_cold_ms": median(marks(home, "ready")),
        # How each visit's Python started.
        "boot_cold": boots(home),
        "naive_ready_cold_ms": median(marks(naive, "ready")),
        "cards_checked_ms": median(marks(home, "cards")),
        # Like every figure here, a median over cold visits: each visit's p95 of its own 200 moves.
        "input_p95_ms": median([p95(entry["input_ms"]) for entry in home if "input_ms" in entry]),
        "input_p95_worst_ms": max(p95(entry["input_ms"]) for entry in home if "input_ms" in entry),
        "input_median_ms": median([median(entry["input_ms"]) for entry in home if "input_ms" in entry]),
        "planner_input_p95_ms": p95(home[0]["planner_input_ms"]) if "planner_input_ms" in home[0] else None,
        "planner_input_median_ms": median(home[0]["planner_input_ms"]) if "planner_input_ms" in home[0] else None,
        "tab_switch_p95_ms": p95(home[0]["tab_switch_ms"]) if "tab_switch_ms" in home[0] else None,
        "input_explained_p95_ms": p95(home[1]["input_explained_ms"]),
        "input_explained_median_ms": median(home[1]["input_explained_ms"]),
        "explainers_p95_ms": p95(home[1]["explainers_ms"]),
        "explainers_median_ms": median(home[1]["explainers_ms"]),
        "long_tasks": {
            "per_run": [len(entry["long_tasks"]) for entry in home],
            "max_ms": max((task["duration_ms"] for task in tasks), default=0),
            "calculator_per_run": [sum(map(is_calculators, entry["long_tasks"])) for entry in home],
            "calculator_max_ms": max((task["duration_ms"] for task in calculator_tasks), default=0),
        },
        **{key: int(statistics.median(entry[key] for entry in home)) for key in
           ("bytes_before_ready", "bytes_total", "own_bytes_before_ready", "own_bytes", "own_bytes_gzip",
            "runtime_bytes")},
        "naive_bytes_total": int(statistics.median(entry["bytes_total"] for entry in naive)),
        "naive_long_task_max_ms": max(task["duration_ms"] for entry in naive for task in entry["long_tasks"]),
        "calc_per_s_pyodide": naive[0]["pyodide_speed"]["calc_per_s"],
        **figures,
    }


#: Each exchange's tier data file, compressed, at most (issue 28); the files are fetched one at a time, when the
#: reader picks that exchange, never on the cold start's path.
DATA_GZIP_TARGET = 40_000
INDEX = Path(__file__).resolve().parent.parent / "calc" / "exchanges" / "index.json"


def data_sizes() -> dict[str, Any]:
    """Each shipped exchange data file: symbols, distinct tables, date, bytes and gzip bytes (its index says)."""
    if not INDEX.exists():
        return {}
    index = json.loads(INDEX.read_text(encoding="utf-8"))
    return {name: {key: entry[key] for key in ("symbols", "tables", "recorded", "bytes", "gzip_bytes")}
            for name, entry in sorted(index.items())}


def data_rows(sizes: dict[str, Any]) -> list[tuple[str, Any, str, bool | None]]:
    return [(f"exchange data {name}.json ({entry['symbols']} symbols in {entry['tables']} tables, as of "
             f"{entry['recorded']}), gzip", f"{entry['gzip_bytes'] / 1000:.1f} KB", "≤ 40 KB",
             entry["gzip_bytes"] <= DATA_GZIP_TARGET) for name, entry in sizes.items()]


#: The issue's targets per profile: ready as a share of the naive page's, and first figures, in ms.
NETWORK_TARGETS = {"4g": (0.6, 1500), "slow-3g": (0.8, 4000)}
BYTES_TARGET = 7_000_000


def network_rows(profiles: dict[str, Any]) -> list[tuple[str, Any, str, bool | None]]:
    rows: list[tuple[str, Any, str, bool | None]] = []
    for name, f in profiles.items():
        share, first = NETWORK_TARGETS[name]
        rows += [
            (f"{name}: first_figures_ms", f["first_figures_ms"], f"< {first}", f["first_figures_ms"] < first),
            (f"{name}: ready_cold_ms (naive {f['naive_ready_cold_ms']:.0f})", f["ready_cold_ms"],
             f"≤ {share} × naive (is {f['ratio']})", f["ratio"] <= share),
            (f"{name}: bytes_before_ready (naive {f['naive_bytes_before_ready'] / 1e6:.2f} MB)",
             f"{f['bytes_before_ready'] / 1e6:.2f} MB", "≤ 7 MB", f["bytes_before_ready"] <= BYTES_TARGET),
            (f"{name}: worker fetches throttled (observed ÷ profile rate)", f["worker_throttled"], "≤ 1.2",
             f["worker_throttled"] <= 1.2),
            (f"{name}: runs that showed the boot's error state before ready", f["error_state_shown_in_runs"],
             "0", f["error_state_shown_in_runs"] == 0),
            (f"{name}: how Python started", f["boot"], "", None),
        ]
    return rows


def table(figures: dict[str, Any]) -> str:
    """The Markdown table: metric, median, target, met?"""
    f = figures
    rows: list[tuple[str, Any, str, bool | None]] = []
    if "ready_cold_ms" in f:
        rows += page_rows(f)
    if "ready_warm_ms" in f:
        rows += [
            ("ready_warm_ms (service worker)", f["ready_warm_ms"], "< 600", f["ready_warm_ms"] < 600),
            ("ready_warm_ms: the first warm visit / the later ones",
             f"{f['ready_warm_first_ms']} / {f['ready_warm_later_ms']}", "", None),
            ("how Python started: warm visits (served by the service worker)",
             f"{f['boot_warm']} ({f['warm_controlled']} controlled)", "snapshot",
             f["boot_warm"].startswith("snapshot") and "," not in f["boot_warm"]),
        ]
    if "ready_warm_ms" in f and "naive_ready_cold_ms" in f:
        share = round(f["ready_warm_ms"] / f["naive_ready_cold_ms"], 2)
        rows.append(("ready_warm_ms ÷ naive_ready_cold_ms", share, "≤ 0.2", share <= 0.2))
    if "build_s" in f:
        rows += [
            ("build_s", f["build_s"], "", None),
            ("build_s_english (the English edition alone)", f["build_s_english"], "", None),
            ("build_s_without_cards (the English edition without its cards)", f["build_s_without_cards"], "", None),
            ("build_cards_ratio", f["build_cards_ratio"], "≤ 1.5", f["build_cards_ratio"] <= 1.5),
        ]
    rows.append(("calc_per_s_cpython", f"{f['calc_per_s_cpython']:.0f}", "", None))
    if "calc_per_s_pyodide" in f:
        rows.append(("calc_per_s_pyodide", f"{f['calc_per_s_pyodide']:.0f}", "", None))
    if "throttled" in f:
        rows += throttled.rows(f["throttled"])
    rows += hosts.rows(f.get("hosts", {}))
    rows += network_rows(f.get("network", {}))
    rows += data_rows(f.get("exchange_data", {}))
    lines = ["| metric | median | target | met? |", "| --- | ---: | --- | --- |"]
    for name, value, target, met in rows:
        lines.append(f"| {name} | {value} | {target} | {'' if met is None else 'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


def page_rows(f: dict[str, Any]) -> list[tuple[str, Any, str, bool | None]]:
    """The rows of the cold visits on localhost."""
    tasks = f["long_tasks"]
    half_naive = 0.5 * f["naive_ready_cold_ms"]
    return [
        ("first_figures_ms", f["first_figures_ms"], "", None),
        ("ready_cold_ms", f["ready_cold_ms"], f"≤ {half_naive:.0f} (½ naive)", f["ready_cold_ms"] <= half_naive),
        ("naive_ready_cold_ms", f["naive_ready_cold_ms"], "baseline", None),
        ("naive page's longest main-thread task", f"{f['naive_long_task_max_ms']} ms", "", None),
        ("how Python started: cold visits", f["boot_cold"], "", None),
        ("cards_checked_ms", f["cards_checked_ms"], "", None),
        ("input_p95_ms (median of the cold visits' p95; the worst visit's in brackets)",
         f"{f['input_p95_ms']} ({f['input_p95_worst_ms']})", "< 16", f["input_p95_ms"] < 16),
        ("planner_input_p95_ms: a leverage typed into the calculator page's planner (first visit; median)",
         f"{f['planner_input_p95_ms']} (median {f['planner_input_median_ms']})", "< 16",
         f["planner_input_p95_ms"] is not None and f["planner_input_p95_ms"] < 16),
        ("tab_switch_p95_ms: from the first tab to the planner's, shown", f["tab_switch_p95_ms"], "< 16",
         f["tab_switch_p95_ms"] is not None and f["tab_switch_p95_ms"] < 16),
        ("input_p95_ms with every explainer open (figures; the explainers follow when a drag ends)",
         f["input_explained_p95_ms"], "< 16", f["input_explained_p95_ms"] < 16),
        ("explainers_p95_ms: a keyboard step until the open explainers are redrawn",
         f"{f['explainers_p95_ms']} (median {f['explainers_median_ms']})", "", None),
        ("long tasks > 50 ms before ready, per run (calculator's)",
         (f"{statistics.median(tasks['per_run']):g} ({statistics.median(tasks['calculator_per_run']):g}), "
          f"max {tasks['max_ms']} ms"), "calculator's: 0", not tasks["calculator_max_ms"]),
        ("own_bytes (all but assets/pyodide/)", f"{f['own_bytes'] / 1000:.0f} KB", "< 400 KB",
         f["own_bytes"] < 400_000),
        ("own_bytes_gzip (the same files, gzipped)", f"{f['own_bytes_gzip'] / 1000:.0f} KB", "< 400 KB",
         f["own_bytes_gzip"] < 400_000),
        ("own_bytes_before_ready", f"{f['own_bytes_before_ready'] / 1000:.0f} KB", "", None),
        ("bytes_before_ready", f"{f['bytes_before_ready'] / 1e6:.2f} MB", "", None),
        ("bytes_total", f"{f['bytes_total'] / 1e6:.2f} MB", "", None),
    ]


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="measure this built site (a copy of it) instead of building; no build figures")
    parser.add_argument("--only", default=",".join(PARTS), metavar="PARTS",
                        help=f"comma-separated parts to measure, of {', '.join(PARTS)} (default: all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    options = arguments().parse_args(argv)
    parts = tuple(part for part in options.only.split(",") if part)
    if not set(parts) <= set(PARTS):
        raise SystemExit(f"--only takes {', '.join(PARTS)}")
    started = time.perf_counter()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        if options.site:
            site, builds = Path(work) / "site", dict[str, Any]()
            shutil.copytree(options.site, site)
        else:
            print("building the site (3 builds with cards, 3 without)…", file=sys.stderr)
            site, builds = build_times(Path(work))
        cpython = measure_here()["calc_per_s"]
        print(f"measuring {', '.join(parts)} ({RUNS} cold, {RUNS} naive, {RUNS} warm visits, {MOVES} slider moves)…",
              file=sys.stderr)
        pages = measure_pages(site, parts)
    figures = summarise(pages, builds, cpython)
    load_after = os.getloadavg()
    markdown = table(figures) + (
        f"\nChromium {pages['chromium']}, {os.cpu_count()} CPUs, load average (1 min) {load_before[0]:.2f} before and "
        f"{load_after[0]:.2f} after the run: other work on the machine slows every figure.\n")
    report = {
        "figures": figures,
        "raw": {**pages["raw"], "builds": builds.get("raw")},
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "chromium": pages["chromium"],
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "runs": RUNS,
            "load_average_1m": {"start": round(load_before[0], 2), "end": round(load_after[0], 2)},
            "bench_s": round(time.perf_counter() - started, 1),
        },
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (RESULTS / "latest.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    print(f"bench/results/latest.json and latest.md written in {report['machine']['bench_s']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
