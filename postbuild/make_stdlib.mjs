// Writes the trimmed, precompiled standard library the worker boots with: the modules that a run of the worker's
// requests imports, as bytecode, plus the finder that reaches the full archive for any module left out.
// Usage: node make_stdlib.mjs <pyodide package folder> <calc archive .zip> <left_out.py> <requests.json> <output.zip>
// Run by postbuild/stdlib.py, which caches the output. Bytecode because compiling the standard library's sources
// is most of a plain boot's time (loadPyodide in Node: 1.75 s from sources, 0.57 s from this); it must be compiled
// by the Python that will run it.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [runtime, archive, finder, requests, output] = process.argv.slice(2);
try {
  const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: `${runtime}/` });
  // From site (frozen into the runtime), not sysconfig: this run's imports are what the trimmed archive keeps,
  // and sysconfig would bring itself and 76 KB of build configuration that nothing the worker runs needs.
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: sitePackages });
  pyodide.FS.writeFile("/tmp/_margin_left_out.py", readFileSync(finder));
  pyodide.FS.writeFile("/tmp/requests.json", readFileSync(requests));
  pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import json
import sys
import zipfile

FULL = "/lib/python314.zip/"
sys.path.insert(0, "/tmp")
import _margin_left_out  # its own imports must be in the trimmed archive too
import margin_view.service

for request in json.load(open("/tmp/requests.json", encoding="utf-8")):
    margin_view.service.handle_json(json.dumps(request))

def pyc(source, name):
    # Unchecked hash-based bytecode: valid with no source beside it and no timestamp to compare. Compiled as
    # python -OO would (no docstrings, no asserts): 15% smaller, and nothing the worker runs reads either.
    code = compile(source, FULL + name, "exec", dont_inherit=True, optimize=2)
    return bootstrap._code_to_hash_pyc(code, bytes(8), checked=False)

def stored(name, data):
    info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info, data

def frozen(module):
    # Frozen into the runtime (os, io, codecs, site, importlib's bootstrap, ...): imported from the wasm, never
    # from the archive, though their __file__ names it. Shipped, they were 16 modules and 150 KB read by nobody.
    return getattr(getattr(module, "__spec__", None), "origin", None) == "frozen"

full = zipfile.ZipFile(FULL.rstrip("/"))
modules = list(sys.modules.values())
used = sorted({module.__file__[len(FULL):] for module in modules
               if (getattr(module, "__file__", None) or "").startswith(FULL) and not frozen(module)})
skipped = {module.__file__[len(FULL):] for module in modules
           if (getattr(module, "__file__", None) or "").startswith(FULL) and frozen(module)}
every = [name for name in full.namelist() if name.endswith(".py")]
def dotted(name):
    return name[:-3].removesuffix("/__init__").replace("/", ".")
left_out = sorted(dotted(name) for name in every if name not in set(used) | skipped)
entries = [stored(name + "c", pyc(full.read(name), name)) for name in used]
entries.append(stored("_margin_left_out.pyc", pyc(open("/tmp/_margin_left_out.py", "rb").read(), "_margin_left_out.py")))
entries.append(stored("_margin_left_out.txt", ("\\n".join(left_out) + "\\n").encode()))
with zipfile.ZipFile("/tmp/stdlib.zip", "w", compresslevel=9) as trimmed:
    for info, data in sorted(entries, key=lambda entry: entry[0].filename):
        trimmed.writestr(info, data)
print(json.dumps({"modules": len(used), "left_out": len(left_out)}))
`);
  writeFileSync(output, pyodide.FS.readFile("/tmp/stdlib.zip"));
} catch (error) {
  console.error(error?.message ?? String(error));
  process.exit(1);
}
