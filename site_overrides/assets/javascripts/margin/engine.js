// The page's handle on the calc worker: boots it, matches replies to requests, and turns every way it can fail
// (runtime missing, blocked by CSP, too slow, crashing later) into one "error" state the reader can retry from.

// loadPyodide never settles when the wasm is blocked (CSP) or served wrongly, so the wait is bounded: by the time
// since the worker last reported progress (a file or a snapshot chunk arriving, a boot step done), not the start,
// so a boot that is merely slow (a phone on slow 3G needs over 30 s) is not called failed while it advances. One
// that does stall shows the error, keeps going, and recovers if it finishes.
const STALL_TIMEOUT_MS = 20000;
// A request unanswered this long means the worker has died (closed, crashed, out of memory).
const REQUEST_TIMEOUT_MS = 10000;

// The rate at which this page's larger files arrived (bytes per second, the fastest of them: smaller files and
// parallel ones read slower than the link is), from the browser's resource timing; null when they all came from a
// cache. The worker uses it to decide whether fetching the memory snapshot is quicker than a plain start.
const RATE_SAMPLE_MIN_BYTES = 16 * 1024;

function downloadRate() {
  const rates = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
    .filter((entry) => entry.transferSize >= RATE_SAMPLE_MIN_BYTES && entry.responseEnd > entry.requestStart)
    .map((entry) => entry.transferSize / ((entry.responseEnd - entry.requestStart) / 1000));
  return rates.length ? Math.max(...rates) : null;
}

function runtimeURLs() {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
  const pyodide = meta("margin:pyodide");
  const calc = meta("margin:calc");
  const stdlib = meta("margin:stdlib");
  const snapshot = meta("margin:snapshot");
  if (!pyodide || !calc) return null;
  const absolute = (url) => (url ? new URL(url, document.baseURI).href : null);
  return { pyodide: absolute(pyodide), calc: absolute(calc), stdlib: absolute(stdlib), snapshot: absolute(snapshot) };
}

let shared = null;

// The page's one engine, started on first use: by start.js, which the build puts in the head of every page with a
// calculator or a card so that the worker starts while the page is still loading, or by index.js.
export function pageEngine() {
  if (!shared) {
    // The page's language (Material writes theme.language into <html lang>): every answer comes back in it.
    shared = new Engine(runtimeURLs(), document.documentElement.lang || "en");
    shared.start();
  }
  return shared;
}

export class Engine {
  constructor(urls, locale = "en") {
    this.urls = urls;
    this.locale = locale;
    this.listeners = [];
    this.pending = new Map();
    this.nextId = 0;
    this.state = "loading";
    this.worker = null;
  }

  // A listener hears the current state at once (the engine may have started, or failed, before it was added).
  onState(listener) {
    this.listeners.push(listener);
    listener(this.state, this.detail);
  }

  setState(state, detail) {
    this.state = state;
    this.detail = detail;
    for (const listener of this.listeners) listener(state, detail);
  }

  start() {
    if (!this.urls) {
      this.setState("error", "the page does not say where the calculator's runtime is");
      return;
    }
    let worker;
    try {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      // Module workers cannot start everywhere (a page opened from file://, an old browser).
      this.setState("error", `the calculator's worker could not start: ${error.message ?? error}`);
      return;
    }
    this.worker = worker;
    worker.addEventListener("message", ({ data }) => this.received(worker, data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(worker, event.message || "the calculator's worker stopped");
    });
    worker.addEventListener("messageerror", () => this.fail(worker, "a message could not be read"));
    this.watchBoot();
    worker.postMessage({ type: "boot", ...this.urls, rate: downloadRate() });
  }

  // (Re)starts the stall watchdog: called at boot and whenever the worker reports progress.
  watchBoot() {
    clearTimeout(this.bootTimer);
    this.bootTimer = setTimeout(() => this.setState("error", "the calculator is taking too long to start"),
      STALL_TIMEOUT_MS);
  }

  restart() {
    this.stop();
    this.setState("loading");
    this.start();
  }

  stop() {
    clearTimeout(this.bootTimer);
    this.worker?.terminate();
    this.worker = null;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error("the calculator stopped"));
    }
    this.pending.clear();
  }

  received(worker, data) {
    if (worker !== this.worker) return; // a reply from a worker that has since been replaced
    if (data.type === "progress") {
      if (this.state === "loading") this.watchBoot();
    } else if (data.type === "ready") {
      clearTimeout(this.bootTimer);
      // How Python started ("snapshot" or "plain"), for the bench and for anyone profiling the page.
      performance.mark(`margin:boot:${data.boot}`);
      this.setState("ready");
    } else if (data.type === "failed") {
      this.fail(worker, data.error);
    } else if (this.pending.has(data.id)) {
      const { resolve, reject, timer } = this.pending.get(data.id);
      clearTimeout(timer);
      this.pending.delete(data.id);
      if ("error" in data) reject(new Error(data.error));
      else resolve(data.result);
    }
  }

  fail(worker, reason) {
    if (worker !== this.worker) return;
    this.stop();
    this.setState("error", reason);
  }

  call(request) {
    const worker = this.worker;
    if (!worker || this.state !== "ready") return Promise.reject(new Error("the calculator is not running"));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(worker, "the calculator stopped responding"), REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, request: { locale: this.locale, ...request } });
    });
  }
}
