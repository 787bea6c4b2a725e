// Writes the site's service worker with Workbox: every file of the site precached, so a second visit works offline.
// Usage: node make_service_worker.mjs <node_modules folder> <site folder> <its name in the site> <output file>
// Run by postbuild/offline.py after every page is final (the manifest holds each file's hash). Prints the
// precache's entry count and size as JSON.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [modules, site, name, output] = process.argv.slice(2);

// The memory snapshot is gzip inside (snapshot-<hash>.bin.gz) and would fall under the rule that skips the .gz
// copies, but it is a file the worker asks for: listed by hand, with its hash in its name for a revision.
function snapshots() {
  const runtime = join(site, "assets", "pyodide");
  if (!existsSync(runtime)) return [];
  return readdirSync(runtime).flatMap((version) => readdirSync(join(runtime, version))
    .filter((file) => /^snapshot-[0-9a-f]+\.bin\.gz$/.test(file))
    .map((file) => ({ url: `assets/pyodide/${version}/${file}`, revision: null })));
}

try {
  const { generateSW } = createRequire(join(modules, "workbox-build", "package.json"))("workbox-build");
  const { count, size, warnings } = await generateSW({
    globDirectory: site,
    globPatterns: ["**/*"],
    // The browser asks for the originals; the .gz copies are the host's business. The naive page is the bench's.
    // The full standard library is fetched only for a module the trimmed one left out (postbuild/stdlib.py). The
    // hosts' header files (postbuild/hosts.py) are read by the host and never served: precached, a 404 would
    // fail the worker's install.
    globIgnores: ["**/*.gz", "**/*.br", name, "bench-naive/**", "assets/pyodide/*/python_stdlib.zip",
                  "_headers", "vercel.json", ".htaccess"],
    additionalManifestEntries: snapshots(),
    swDest: output,
    // The runtime's wasm and the memory snapshot are several megabytes each.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    // Names that change with their content are fetched without cache-busting, so the HTTP cache, which already
    // holds them from the page's own requests, serves the precache instead of the network.
    dontCacheBustURLsMatching: /(^assets\/(pyodide|calc)\/|\.[0-9a-f]{8}\.min\.(js|css)$)/,
    // The calculator's links carry its inputs in the query: any query serves the same cached page.
    ignoreURLParametersMatching: [/.*/],
    directoryIndex: "index.html",
    // One file, no importScripts from a CDN: the policy allows only this origin.
    inlineWorkboxRuntime: true,
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    sourcemap: false,
    mode: "production",
  });
  if (warnings.length) console.error(warnings.join("\n"));
  process.stdout.write(JSON.stringify({ count, size }) + "\n");
} catch (error) {
  console.error(error?.message ?? String(error));
  process.exit(1);
}
