"""Cold visits over an emulated phone network: Chromium's network emulation through the DevTools protocol.

``Network.emulateNetworkConditions`` is sent to the page's own DevTools session before it navigates. Whether it
also slows the calculator's module worker (which fetches the runtime, the archive and the snapshot) is not taken
on trust: each visit reports ``worker_throttled``, the largest file the worker fetched divided by the time it
took, against the profile's bandwidth (a ratio near or below 1 means throttled, far above 1 means not).

Profiles (``down``/``up`` in kbit/s, ``rtt`` the added round trip in ms):

- ``4g``: 9,000 / 1,500, 85 ms — the issue's phone on 4G;
- ``slow-3g``: 1,600 / 750, 300 ms.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page

from bench import browser

#: Page loads per figure and profile (a slow-3G cold visit moves 13 MB: about a minute each).
RUNS = 3
#: On slow 3G the calculator needs minutes, not the bench's usual one.
TIMEOUT_MS = 300_000


@dataclass(frozen=True)
class Profile:
    name: str
    down_kbps: int
    up_kbps: int
    rtt_ms: int

    def conditions(self) -> dict[str, Any]:
        """The DevTools protocol's parameters (bytes per second)."""
        return {"offline": False, "latency": self.rtt_ms, "downloadThroughput": self.down_kbps * 1000 / 8,
                "uploadThroughput": self.up_kbps * 1000 / 8}


PROFILES = (Profile("4g", 9_000, 1_500, 85), Profile("slow-3g", 1_600, 750, 300))


def _throttled_visit(chromium: Browser, url: str, base: str, profile: Profile) -> tuple[browser.Visit, Page]:
    context = chromium.new_context()
    context.add_init_script(browser.INIT_SCRIPT)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", profile.conditions())
    result = browser.Visit({}, base)
    page.on("requestfinished", lambda request: result.requests.append(request))
    page.goto(url, timeout=TIMEOUT_MS)
    # The calculator's own state, not the first of ready/error: a slow boot may show an error and then recover.
    page.wait_for_function("() => window.__bench.readyOk !== null", timeout=TIMEOUT_MS, polling=100)
    result.marks = page.evaluate(browser.MARKS)
    return result, page


def _worker_speed(responses: list[dict[str, Any]], profile: Profile) -> float:
    """The largest response's observed rate over the profile's bandwidth."""
    biggest = max(responses, key=lambda row: int(row["bytes"]))
    seconds = max((float(biggest["end_ms"]) - float(biggest["start_ms"])) / 1000, 1e-3)
    return round(int(biggest["bytes"]) * 8 / 1000 / seconds / profile.down_kbps, 2)


def visit_row(chromium: Browser, url: str, base: str, profile: Profile) -> tuple[dict[str, Any], Page]:
    """One cold visit of *url* over *profile*: its figures, and the page (the caller closes its context)."""
    result, page = _throttled_visit(chromium, url, base, profile)
    responses = result.responses()
    return {"first": max(result.marks["fcp"] or 0, result.marks["figures"] or 0),
            "ready": result.marks["readyOk"], "errored_at": result.marks["errorAt"],
            "bytes": sum(int(r["bytes"]) for r in responses if float(r["end_ms"]) <= float(result.marks["readyOk"])),
            "worker_throttled": _worker_speed(responses, profile),
            # When the wasm (the largest runtime file) was first asked for, and when its last byte came.
            **{f"wasm_{edge}_ms": min((float(r[f"{edge}_ms"]) for r in responses
                                       if str(r["path"]).endswith("pyodide.asm.wasm")), default=None)
               for edge in ("start", "end")},
            "boot": result.marks.get("boot")}, page


def measure(chromium: Browser, home: str, naive: str, base: str,
            profiles: tuple[Profile, ...] = PROFILES) -> dict[str, Any]:
    """For each profile: cold visits of the home page and of the naive page, alternated."""
    out: dict[str, Any] = {}
    for profile in profiles:
        rows: dict[str, list[dict[str, Any]]] = {"home": [], "naive": []}
        for _ in range(RUNS):
            for which, url in (("home", home), ("naive", naive)):
                row, page = visit_row(chromium, url, base, profile)
                rows[which].append(row)
                page.context.close()
        out[profile.name] = summarise(rows, profile)
    return out


def summarise(rows: dict[str, list[dict[str, Any]]], profile: Profile) -> dict[str, Any]:
    def median(which: str, key: str) -> float:
        return round(statistics.median(float(row[key]) for row in rows[which]), 1)

    errored = [row["errored_at"] for row in rows["home"] if row["errored_at"] is not None]
    return {
        "profile": {"down_kbps": profile.down_kbps, "up_kbps": profile.up_kbps, "rtt_ms": profile.rtt_ms},
        "first_figures_ms": median("home", "first"),
        "ready_cold_ms": median("home", "ready"),
        "naive_ready_cold_ms": median("naive", "ready"),
        "ratio": round(median("home", "ready") / median("naive", "ready"), 2),
        "bytes_before_ready": int(median("home", "bytes")),
        "naive_bytes_before_ready": int(median("naive", "bytes")),
        "worker_throttled": median("home", "worker_throttled"),
        "error_state_shown_in_runs": len(errored),
        "boot": ", ".join(sorted({str(row["boot"]) for row in rows["home"]})),
        "raw": rows,
    }
