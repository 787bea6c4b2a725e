// The calculator's Python, off the main thread: a module worker that owns Pyodide, calc and its view layer.
//
// Protocol (plain data only, never proxies):
//   page -> worker  {type: "boot", pyodide: <runtime folder URL>, calc: <archive URL>, snapshot: <URL or null>}
//   worker -> page  {type: "progress"} (at most once a second while booting: the page's stall watchdog)
//   worker -> page  {type: "ready", python: "3.14.x"} | {type: "failed", error: "<one line>"}
//   page -> worker  {id, request: {op: "calculator" | "example", ...}}   (see margin_view.service)
//   worker -> page  {id, result: {...}} | {id, error: "<one line>"}
// Boot restores the memory snapshot (Python with calc and margin_view already imported) when there is one and it
// loads, and starts Python plainly otherwise; either way the archive (both packages) is unpacked for their data.
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

async function fetchBytes(url, label) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  return response;
}

// The snapshot is gzipped on disk (7 MB instead of 31 MB) and inflated here, so any static host will do.
async function fetchSnapshot(url) {
  const response = await fetchBytes(url, "snapshot");
  // The largest download of the boot: each chunk that arrives is progress.
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      progress();
      controller.enqueue(chunk);
    },
  }));
  const inflated = counted.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function startPython(loadPyodide, runtimeURL, snapshotURL) {
  if (snapshotURL) {
    try {
      // Restoring a snapshot of an interpreter that has already imported calc skips ~2 s of start-up work.
      return await loadPyodide({ indexURL: runtimeURL, _loadSnapshot: await fetchSnapshot(snapshotURL) });
    } catch (error) {
      console.warn(`Pyodide snapshot not usable, starting Python from scratch: ${oneLine(error)}`);
    }
  }
  return loadPyodide({ indexURL: runtimeURL });
}

async function boot({ pyodide: runtimeURL, calc: archiveURL, snapshot: snapshotURL }) {
  // Fetch the engine while the runtime starts: the downloads overlap.
  const archive = fetchBytes(archiveURL, "calc archive").then((response) => response.arrayBuffer()).finally(progress);
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
  progress();
  const pyodide = await startPython(loadPyodide, runtimeURL, snapshotURL);
  progress();
  // The packages may already be in memory (snapshot), but their data files are read on demand: unpack anyway.
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(await archive, "zip", { extractDir: sitePackages });
  const respond = pyodide.pyimport("margin_view.service").handle_json;
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  return { respond, python };
}

function oneLine(error) {
  // A Python exception's message ends with its traceback's last line; the page shows only that line.
  const text = String(error && error.message ? error.message : error).trim();
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length ? lines[lines.length - 1].slice(0, 300) : "unknown error";
}

// Pyodide starts some downloads (the standard library) on promises of its own; when one of those fails it is not
// an exception of ours to throw at the page, but a failed boot to report.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  self.postMessage({ type: "failed", error: oneLine(event.reason) });
});

self.addEventListener("message", async ({ data }) => {
  if (data.type === "boot") {
    booted ??= boot(data);
    try {
      const { python } = await booted;
      self.postMessage({ type: "ready", python });
    } catch (error) {
      self.postMessage({ type: "failed", error: oneLine(error) });
    }
    return;
  }
  if (data.request) {
    try {
      const { respond } = await booted;
      const response = JSON.parse(respond(JSON.stringify(data.request)));
      self.postMessage(response.ok ? { id: data.id, result: response.result } : { id: data.id, error: response.error });
    } catch (error) {
      self.postMessage({ id: data.id, error: oneLine(error) });
    }
  }
});
