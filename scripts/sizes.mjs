// Gzipped size of every file of a built site (gzip -9), shared by the build's size report
// (scripts/minify.mjs) and the benchmark (tests/bench/page.mjs).

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

/** {file, raw, gzip} for every file under `dir`, paths relative to it with '/'. */
export async function sizes(dir, prefix = '') {
  const rows = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) rows.push(...await sizes(p, `${prefix}${entry.name}/`));
      continue;
    }
    const body = await fs.readFile(p);
    rows.push({ file: prefix + entry.name, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
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
