// Makes a Pyodide memory snapshot with calc unpacked, imported and warmed, for the calculator's fast start.
// Usage: node hooks/make_snapshot.mjs <pyodide package folder> <calc archive .zip> <output file>
// Pyodide 314's snapshot API is experimental (underscore options): the page falls back to a plain boot whenever
// the snapshot is missing or cannot be loaded.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [runtime, archive, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, _makeSnapshot: true });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: sitePackages });
// One request of each kind loads every module and the default tier table and strings into memory.
pyodide.runPython(`
import calc.service
calc.service.handle_json('{"op": "calculator", "values": {}}')
`);
writeFileSync(output, pyodide.makeMemorySnapshot());
