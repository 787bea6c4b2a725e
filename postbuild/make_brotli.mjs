// Writes brotli copies with Node's zlib (no dependency): the best compression brotli has, since each copy is made
// once per content and cached by postbuild/brotli.py, while every visitor downloads it.
// Usage: node make_brotli.mjs <jobs.json>, a JSON list of [source, target] paths.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

try {
  for (const [source, target] of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
    const data = readFileSync(source);
    const packed = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        // A 16 MB window (the largest the format allows a browser to be sent) finds repeats across the wasm.
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    // Written under another name and renamed: the cache never holds half a copy.
    writeFileSync(`${target}.partial`, packed);
    renameSync(`${target}.partial`, target);
  }
} catch (error) {
  console.error(error?.message ?? String(error));
  process.exit(1);
}
