// The calculator's Python, off the main thread: a module worker that owns Pyodide, calc and its view layer.
//
// Protocol (plain data only, never proxies):
//   page -> worker  {type: "boot", pyodide: <runtime folder URL>, calc: <archive URL>, stdlib: <trimmed standard
//                    library URL or null>, snapshot: <URL or null>, rate: <the page's download rate in bytes/s, or null>}
//   worker -> page  {type: "progress"} (at most once a second while booting: the page's stall watchdog)
//   worker -> page  {type: "ready", python: "3.14.x", boot: "snapshot" | "plain"} | {type: "failed", error: "…"}
//   page -> worker  {id, request: {op: "calculator" | "example", ...}}   (see margin_view.service; a request that
//                    picks an exchange first fetches that exchange's tier data, once: see ensureData)
//   worker -> page  {id, result: {...}, took} | {id, error: "<one line>", took}   (took: ms of Python, for the bench)
// Boot starts Python with the trimmed, precompiled standard library, or restores the memory snapshot when that is
// quicker (see snapshotSource); either way the archive (both packages) is unpacked for their data.
// Requests that arrive before Python is ready wait on the boot promise, so nothing the reader does is lost.

let booted = null;
let reported = 0;

// Tells the page the boot is moving (so a slow network is not taken for a stalled one), at most once a second.
function progress() {
  const now = Date.now();
  if (now - reported < 1000) return;
  reported = now;
  self.postMessage({ type: "progress" });
}

// Every file the boot fetches, Pyodide's own requests for the wasm and the standard library included, is progress
// when it arrives: on slow 3G those take tens of seconds inside loadPyodide, where nothing else reports. The
// arrivals are also what tells how fast the link is (see linkIsFast).
const arrivals = new Map();

if (self.PerformanceObserver) {
  new PerformanceObserver((list) => {
    progress();
    for (const entry of list.getEntries()) arrivals.get(entry.name)?.(entry);
  }).observe({ type: "resource" });
}

// The resource timing entry of *url* once its last byte has arrived.
function arrival(url) {
  const [done] = self.performance?.getEntriesByName?.(url, "resource") ?? [];
  return done ? Promise.resolve(done) : new Promise((resolve) => arrivals.set(url, resolve));
}

async function fetchBytes(url, label) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  return response;
}

// The snapshot is gzipped on disk (5 MB instead of 31 MB) and inflated here, so any static host will do.
async function inflate(response) {
  const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function fetchSnapshot(url) {
  const response = await fetchBytes(url, "snapshot");
  // The largest download of the boot: each chunk that arrives is progress.
  return inflate(new Response(response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      progress();
      controller.enqueue(chunk);
    },
  }))));
}

// Restoring the snapshot (Python with calc and margin_view imported) instead of a plain boot with the precompiled
// standard library saves about 0.45 s of start-up (on localhost: ready at 1.3 s against 1.75 s) and costs a 5 MB
// download: on a cold visit it pays only above about 11 MB/s. The rate measured on the page's own files, which
// are small, understates a fast link, so the threshold sits lower; on slower links the boot is plain (bench/README.md
// has the figures). Once the service worker holds the snapshot it costs nothing and is always used.
const SNAPSHOT_PAYS_AT_BYTES_PER_S = 7e6;
// The page's own files are often too few and too small to tell (it no longer preloads the runtime), so the worker
// also times its own first large file, the trimmed standard library (1.4 MB), and waits for it this long at most.
// Its rate understates the link (the wasm shares it) as the page's did. Waiting costs a slow link nothing: every
// download is already under way, and Python cannot start before the wasm (twice as large) has arrived.
const STDLIB_WAIT_MS = 300;

async function linkIsFast(rate, stdlibURL) {
  if (rate >= SNAPSHOT_PAYS_AT_BYTES_PER_S) return true;
  if (!stdlibURL) return false;
  const timedOut = new Promise((resolve) => setTimeout(resolve, STDLIB_WAIT_MS, null));
  const entry = await Promise.race([arrival(stdlibURL), timedOut]);
  if (entry === null) return false;
  // From the browser's cache (no bytes transferred) it is as good as fast.
  const bytes = entry.transferSize || entry.decodedBodySize;
  return bytes / (Math.max(entry.responseEnd - entry.startTime, 1) / 1000) >= SNAPSHOT_PAYS_AT_BYTES_PER_S;
}

// The snapshot as a warm visit wants it: the worker's own copy, stored raw (31 MB) after it first inflated the
// gzip one, so that later visits read it without the ~0.2 s of inflating. Beside Workbox's caches, under a query
// that no page asks for (caches.match(url) must keep finding the gzip copy); one snapshot at a time.
const RAW_SNAPSHOTS = "margin-snapshot-raw";
const rawKey = (url) => `${url}?raw`;

async function cached(url) {
  if (!self.caches) return null;
  try {
    const raw = await (await caches.open(RAW_SNAPSHOTS)).match(rawKey(url));
    if (raw) return { bytes: raw.arrayBuffer().then((buffer) => new Uint8Array(buffer)), raw: true };
    const packed = await caches.match(url);
    return packed ? { bytes: inflate(packed), raw: false } : null;
  } catch (error) {
    console.warn(`Pyodide snapshot not readable from the cache: ${oneLine(error)}`);
    return null;
  }
}

async function keepRaw(url, bytes) {
  try {
    const cache = await caches.open(RAW_SNAPSHOTS);
    for (const request of await cache.keys()) if (request.url !== rawKey(url)) await cache.delete(request);
    await cache.put(rawKey(url), new Response(bytes));
  } catch (error) {
    console.warn(`Pyodide snapshot not kept for the next visit: ${oneLine(error)}`);
  }
}

// Where the snapshot's bytes will come from, decided before Python starts (loadPyodide is told up front whether
// to restore one), or null for a plain boot. The bytes themselves are a promise: loadPyodide fetches and compiles
// the wasm and imports its script while they are read, inflated or downloaded, where it used to wait for them.
async function snapshotSource(url, fast) {
  if (!url) return null;
  const found = await cached(url);
  if (found) return found;
  return (await fast) ? { bytes: fetchSnapshot(url), raw: false } : null;
}

async function startPython(loadPyodide, options, snapshotURL, fast) {
  const source = await snapshotSource(snapshotURL, fast);
  progress();
  if (source) {
    // Handled here so that a failed read is not reported as a failed boot: loadPyodide rejects, and the boot
    // goes on plainly.
    source.bytes.catch(() => {});
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: source.bytes });
      if (!source.raw) source.bytes.then((bytes) => keepRaw(snapshotURL, bytes));
      return { pyodide, boot: "snapshot" };
    } catch (error) {
      console.warn(`Pyodide snapshot not usable, starting Python from scratch: ${oneLine(error)}`);
      // A raw copy that cannot be restored would fail every visit: the next one inflates the gzip copy again.
      if (source.raw) caches.delete(RAW_SNAPSHOTS).catch(() => {});
    }
  }
  return { pyodide: await loadPyodide(options), boot: "plain" };
}

// The trimmed standard library holds what the worker imports; the full one is mounted as a lazy file, fetched
// only if some rarer path imports a module that was left out (see postbuild/left_out.py).
function reachLeftOut(pyodide, runtimeURL) {
  const full = "python_stdlib_full.zip";
  pyodide.FS.createLazyFile("/lib", full, new URL("python_stdlib.zip", runtimeURL).href, true, false);
  pyodide.pyimport("_margin_left_out").install(`/lib/${full}`);
}

// This worker is the only one to fetch the runtime, and it asks for every file at once. The page used to preload
// them from its head, a little sooner; but a page and its worker share only the browser's HTTP cache, not a
// preload, and the host's headers decide what that cache may give back: under Netlify's, Cloudflare's and Vercel's
// default ("max-age=0, must-revalidate") the worker revalidated each of the six files, a round trip each, and a
// host that sends no validator, or "no-store", makes it download them again (bench/README.md has the figures
// for each kind of host). Pyodide, left to itself, asks for the standard library only
// once it has loaded pyodide.asm.mjs, so the requests it will make are made here first and handed to it when it
// makes them (by URL, once each; anything else goes to the network as usual).
const early = new Map();
const networkFetch = self.fetch.bind(self);

self.fetch = (resource, init) => {
  const url = resource instanceof Request ? resource.url : String(resource);
  const response = early.get(url);
  if (!response) return networkFetch(resource, init);
  early.delete(url);
  return response;
};

function fetchEarly(url) {
  if (url && !early.has(url)) early.set(url, networkFetch(url));
}

async function boot({ pyodide: runtimeURL, calc: archiveURL, stdlib: stdlibURL, snapshot: snapshotURL, rate }) {
  const runtime = (name) => new URL(name, runtimeURL).href;
  for (const url of [runtime("pyodide.asm.wasm"), stdlibURL, runtime("pyodide-lock.json")]) fetchEarly(url);
  // The same URL Pyodide imports: the worker's module map holds one copy, so Pyodide's import finds it loading.
  // A failure is Pyodide's to report, from its own import.
  import(runtime("pyodide.asm.mjs")).catch(() => {});
  // Fetch the engine while the runtime starts: the downloads overlap.
  const archive = fetchBytes(archiveURL, "calc archive").then((response) => response.arrayBuffer()).finally(progress);
  const { loadPyodide } = await import(runtime("pyodide.mjs"));
  progress();
  const options = { indexURL: runtimeURL, ...(stdlibURL ? { stdLibURL: stdlibURL } : {}) };
  const { pyodide, boot: started } = await startPython(loadPyodide, options, snapshotURL, linkIsFast(rate, stdlibURL));
  progress();
  if (stdlibURL) reachLeftOut(pyodide, runtimeURL);
  // The packages may already be in memory (snapshot), but their data files are read on demand: unpack anyway.
  // From site (frozen into the runtime), not sysconfig, which the trimmed standard library leaves out.
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(await archive, "zip", { extractDir: sitePackages });
  const service = pyodide.pyimport("margin_view.service");
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  const data = { pyodide, folder: `${sitePackages}/calc/exchanges`, from: new URL("exchanges/", archiveURL).href };
  return { respond: service.handle_json, warmUp: service.warm_up, dataNeeded: service.data_needed, data, python,
           boot: started };
}

// Each exchange's tier data (every perpetual it lists) is not in the engine's archive: it is fetched the first time
// a request picks that exchange (Python names it: margin_view.service.data_needed; the explainers' comparison of a
// symbol other than BTCUSDT asks for the other exchanges' too), written where the engine reads it, and kept for
// offline use by the service worker. A fetch that fails (offline before the first visit, a server
// error) is tried again on a later request, no sooner than DATA_RETRY_MS after; meanwhile the engine answers with
// its bundled tables, and says beside the symbol that the exchange's data is missing.
const DATA_RETRY_MS = 10000;
const dataFetches = new Map();

async function fetchData(data, exchange) {
  const response = await fetch(new URL(`${exchange}.json`, data.from));
  if (!response.ok) throw new Error(`${exchange} tier data: HTTP ${response.status}`);
  data.pyodide.FS.writeFile(`${data.folder}/${exchange}.json`, await response.text());
}

async function ensureData({ dataNeeded, data }, text) {
  const needed = dataNeeded(text);
  const names = needed.toJs();
  needed.destroy();
  await Promise.all(names.map((exchange) => ensureOne(data, exchange)));
}

async function ensureOne(data, exchange) {
  const earlier = dataFetches.get(exchange);
  if (earlier && (earlier.pending || Date.now() - earlier.failedAt < DATA_RETRY_MS)) {
    await earlier.pending;
    return;
  }
  const attempt = { pending: null, failedAt: 0 };
  attempt.pending = fetchData(data, exchange).catch((error) => {
    attempt.failedAt = Date.now();
    console.warn(`Exchange data not loaded: ${oneLine(error)}`);
  }).finally(() => { attempt.pending = null; });
  dataFetches.set(exchange, attempt);
  await attempt.pending;
}

// A failure outside Python's answers (a download, a boot step, an exception Pyodide raised) is cut to this length
// for the console. Python's own errors arrive already one bounded line (calc.LIMITS.line_length): this is not that.
const FAILURE_TEXT_MAX = 300;

function oneLine(error) {
  // A Python exception's message ends with its traceback's last line; the page shows only that line.
  const text = String(error && error.message ? error.message : error).trim();
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length ? lines[lines.length - 1].slice(0, FAILURE_TEXT_MAX) : "unknown error";
}

// Pyodide starts some downloads (the standard library) on promises of its own; when one of those fails it is not
// an exception of ours to throw at the page, but a failed boot to report.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  self.postMessage({ type: "failed", error: oneLine(event.reason) });
});

// V8 compiles Pyodide's WebAssembly (and this worker's own code) in tiers, optimising what has run often: a reader's
// first slider moves would each take two or three times as long as later ones. So once start-up's requests are
// answered and the worker has been idle a moment, it answers a few moves of its own, one task each, thrown away. A
// real request pauses them until the worker is idle again, and waits behind at most one.
const WARM_UP_MOVES = 40;
const WARM_UP_AFTER_IDLE_MS = 100;
let warmUp = { timer: null, left: WARM_UP_MOVES };

// Python makes each move (margin_view.service.warm_up): the form's fields are its business, not this file's.
function scheduleWarmUp(warm) {
  clearTimeout(warmUp.timer);
  if (warmUp.left <= 0) return;
  warmUp.timer = setTimeout(function step() {
    warm(WARM_UP_MOVES - warmUp.left--);
    if (warmUp.left > 0) warmUp.timer = setTimeout(step, 0);
  }, WARM_UP_AFTER_IDLE_MS);
}

self.addEventListener("message", async ({ data }) => {
  // Any request holds the warm-up back until the worker is idle again.
  clearTimeout(warmUp.timer);
  if (data.type === "boot") {
    booted ??= boot(data);
    try {
      const { python, boot: started } = await booted;
      self.postMessage({ type: "ready", python, boot: started });
    } catch (error) {
      self.postMessage({ type: "failed", error: oneLine(error) });
    }
    return;
  }
  if (data.request) {
    try {
      const engine = await booted;
      const { respond, warmUp: warm } = engine;
      const text = JSON.stringify(data.request);
      await ensureData(engine, text);
      const started = performance.now();
      const response = JSON.parse(respond(text));
      // The Python's share of a move's time, which only this side can see (bench/throttled.py splits a move by it).
      const took = performance.now() - started;
      self.postMessage(response.ok ? { id: data.id, result: response.result, took }
        : { id: data.id, error: response.error, took });
      scheduleWarmUp(warm);
    } catch (error) {
      self.postMessage({ id: data.id, error: oneLine(error) });
    }
  }
});
