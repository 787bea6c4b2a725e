// Run calc inside the pinned Pyodide under Node, for parity tests and benchmarks.
//
//   node tests/pyodide/run_vectors.mjs VECTORS.json   -> {"python": "3.14.x ...", "output": "<run_vectors(text)>"}
//   node tests/pyodide/run_vectors.mjs --bench        -> {"python": "...", "bench": {...calc_speed.measure_here()}}
//
// Pyodide is loaded from the npm package in the project's node_modules (no network), and the
// calc and margin_view packages are copied file by file into Pyodide's in-memory filesystem.
import { loadPyodide } from "pyodide";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const indexURL = dirname(fileURLToPath(import.meta.resolve("pyodide"))) + "/";
const home = "/home/pyodide";

function copyTree(pyodide, source, target) {
  pyodide.FS.mkdirTree(target);
  for (const name of readdirSync(source)) {
    if (name === "__pycache__") continue;
    const from = join(source, name);
    const to = `${target}/${name}`;
    if (statSync(from).isDirectory()) copyTree(pyodide, from, to);
    else pyodide.FS.writeFile(to, readFileSync(from));
  }
}

const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error("usage: node run_vectors.mjs VECTORS.json | --bench");
  process.exit(2);
}

const pyodide = await loadPyodide({ indexURL });
copyTree(pyodide, join(root, "calc"), `${home}/calc`);
copyTree(pyodide, join(root, "margin_view"), `${home}/margin_view`);
pyodide.FS.writeFile(`${home}/pyodide_vectors.py`, readFileSync(join(here, "pyodide_vectors.py")));
pyodide.FS.writeFile(`${home}/calc_speed.py`, readFileSync(join(root, "bench", "calc_speed.py")));
pyodide.runPython(`import sys\nif ${JSON.stringify(home)} not in sys.path: sys.path.insert(0, ${JSON.stringify(home)})`);
const python = pyodide.runPython("import sys; sys.version");

let payload;
if (args[0] === "--bench") {
  const text = pyodide.runPython("import json, calc_speed; json.dumps(calc_speed.measure_here())");
  payload = { python, bench: JSON.parse(text) };
} else {
  pyodide.globals.set("vectors_text", readFileSync(args[0], "utf8"));
  const output = pyodide.runPython("import pyodide_vectors; pyodide_vectors.run_vectors(vectors_text)");
  payload = { python, output };
}
process.stdout.write(JSON.stringify(payload) + "\n");
