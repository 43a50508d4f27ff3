// Writes .br and .gz copies of the built assets, at the highest compression levels, so the
// server sends them as they are (tower-http's ServeDir picks them by Accept-Encoding).
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node precompress.mjs DIR');
  process.exit(2);
}
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!statSync(path).isFile() || !/\.(js|wasm|css|svg)$/.test(name)) continue;
  const raw = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  }));
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
}
