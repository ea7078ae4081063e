// Gzipped size of every file of a built site (gzip -9), shared by the build's size report
// (scripts/minify.mjs) and the benchmark (tests/bench/page.mjs).

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { walk } from './site.mjs';

/** {file, raw, gzip} for every file under `dir`, paths relative to it with '/'. */
export async function sizes(dir) {
  const rows = [];
  for (const p of await walk(dir)) {
    const body = await fs.readFile(p);
    const file = path.relative(dir, p).split(path.sep).join('/');
    rows.push({ file, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

/** Totals by kind (wasm, js, css, html, other) and overall, in bytes. */
export function totals(rows) {
  const kind = (f) => (f.match(/\.(wasm|js|css|html)$/)?.[1] ?? 'other');
  const out = { total: { raw: 0, gzip: 0, files: 0 } };
  for (const r of rows) {
    for (const k of [kind(r.file), 'total']) {
      out[k] ??= { raw: 0, gzip: 0, files: 0 };
      out[k].raw += r.raw; out[k].gzip += r.gzip; out[k].files += 1;
    }
  }
  return out;
}
