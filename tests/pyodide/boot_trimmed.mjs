// Boots the pinned Pyodide the way the site's worker does, with the built site's trimmed standard library, and
// prints what tests/pyodide/test_trimmed_stdlib.py checks. The full archive is written into the filesystem where
// the worker mounts it as a lazy file (Node has no synchronous XHR for one).
// Usage: node boot_trimmed.mjs <pyodide folder> <site folder> <stdlib path in site> <calc archive path in site>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [runtime, site, stdlib, archive] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, stdLibURL: `${site}/${stdlib}` });
pyodide.FS.writeFile("/lib/python_stdlib_full.zip", readFileSync(`${runtime}/python_stdlib.zip`));
pyodide.pyimport("_margin_left_out").install("/lib/python_stdlib_full.zip");
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(readFileSync(`${site}/${archive}`)), "zip", { extractDir: sitePackages });
console.log(pyodide.runPython(`
import json, sys
before = {name for name, module in sys.modules.items() if "python_stdlib_full" in (getattr(module, "__file__", None) or "")}
import margin_view.service
answer = json.loads(margin_view.service.handle_json('{"op": "calculator", "values": {}}'))
sysconfig_imported = "sysconfig" in sys.modules
after_calc = {name for name, module in sys.modules.items() if "python_stdlib_full" in (getattr(module, "__file__", None) or "")}
import difflib, email.mime.text
json.dumps({
    "ok": answer["ok"],
    "from_full_before": sorted(before), "from_full_after_calc": sorted(after_calc),
    "difflib": difflib.__file__, "email": email.mime.text.__file__,
    "trimmed": sys.modules["json"].__file__, "sysconfig": sysconfig_imported,
})
`));
