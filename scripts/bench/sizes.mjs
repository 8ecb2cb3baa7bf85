// Shipped size of the app: the wasm and JS files in dist/, raw, gzip and brotli.
// Usage: node scripts/bench/sizes.mjs dist  → prints JSON
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const out = { wasm: null, js: null };
for (const f of readdirSync(dir)) {
  const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : null;
  // The service worker (sw.js) is not part of the app's download.
  if (!kind || f === 'sw.js') continue;
  const buf = readFileSync(join(dir, f));
  out[kind] = {
    file: f,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}
console.log(JSON.stringify(out));
