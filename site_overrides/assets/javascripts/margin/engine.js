// The page's handle on the calc worker: boots it, matches replies to requests, and turns every way it can fail
// (runtime missing, blocked by CSP, never answering, crashing later) into one "error" state with a retry.

export class Engine {
  constructor(urls, bootTimeoutMs) {
    this.urls = urls;
    this.bootTimeoutMs = bootTimeoutMs;
    this.listeners = [];
    this.pending = new Map();
    this.nextId = 0;
    this.state = "loading";
    this.worker = null;
  }

  onState(listener) {
    this.listeners.push(listener);
    listener(this.state);
  }

  setState(state, detail) {
    this.state = state;
    for (const listener of this.listeners) listener(state, detail);
  }

  start() {
    this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.worker.addEventListener("message", ({ data }) => this.received(data));
    this.worker.addEventListener("error", (event) => this.fail(event.message || "the worker stopped"));
    this.worker.addEventListener("messageerror", () => this.fail("a message could not be read"));
    // loadPyodide never settles when the wasm is blocked (CSP) or served wrongly: bound the wait.
    this.bootTimer = setTimeout(() => this.fail("the calculator took too long to start"), this.bootTimeoutMs);
    this.worker.postMessage({ type: "boot", ...this.urls });
  }

  restart() {
    this.worker?.terminate();
    this.setState("loading");
    this.start();
  }

  received(data) {
    if (data.type === "ready") {
      clearTimeout(this.bootTimer);
      this.setState("ready");
    } else if (data.type === "failed") {
      this.fail(data.error);
    } else if (this.pending.has(data.id)) {
      const { resolve, reject } = this.pending.get(data.id);
      this.pending.delete(data.id);
      if ("error" in data) reject(new Error(data.error));
      else resolve(data.result);
    }
  }

  fail(reason) {
    clearTimeout(this.bootTimer);
    this.worker?.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
    this.setState("error", reason);
  }

  call(request) {
    if (!this.worker) return Promise.reject(new Error("the calculator is not running"));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }
}
