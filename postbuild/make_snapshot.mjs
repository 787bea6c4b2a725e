// Makes a Pyodide memory snapshot with the engine unpacked, imported and warmed, for the calculator's fast start.
// Usage: node make_snapshot.mjs <pyodide package folder> <calc archive .zip> <standard library .zip> <output file>
// Run by postbuild/snapshot.py, which gzips the output and caches it. Pyodide 314's snapshot API is experimental
// (underscore options): the page falls back to a plain boot whenever the snapshot is missing or cannot be loaded.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [runtime, archive, stdlib, output] = process.argv.slice(2);
try {
  const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
  // With the trimmed standard library the site serves (postbuild/stdlib.py): a restored interpreter keeps reading it.
  const pyodide = await loadPyodide({ indexURL: `${runtime}/`, stdLibURL: stdlib, _makeSnapshot: true });
  // As the worker finds it (site, not sysconfig, which the trimmed standard library leaves out).
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: sitePackages });
  // The worker's entry point, called once: it loads every module and the default tier table and strings.
  pyodide.runPython(`
import margin_view.service
margin_view.service.handle_json('{"op": "calculator", "values": {}}')
`);
  writeFileSync(output, pyodide.makeMemorySnapshot());
} catch (error) {
  // Uncaught, Node would print the minified line of Pyodide that threw (a megabyte); the message is what helps:
  // for a Python error it is the traceback, whose last line snapshot.py reports.
  console.error(error?.message ?? String(error));
  process.exit(1);
}
