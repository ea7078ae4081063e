// A/B of benchWorkload between benchmark builds (`trunk build --release --offline --features bench
// --dist DIR`) in one headless Chromium, rounds interleaved:
// node tests/bench/ab.mjs ROUNDS DIR_A DIR_B [...]   (NAMES=basin_gd,… picks workloads)
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const [rounds, ...dirs] = process.argv.slice(2);
const names = (process.env.NAMES ?? 'basin_gd,basin_adam,field256,nb2d_central,nb2d_exact,typed_interp,neuron_and').split(',');
function serve(dir) {
  return new Promise((res) => {
    const s = http.createServer(async (req, r) => {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      try { const b = await fs.readFile(path.join(dir, p)); r.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream' }).end(b); }
      catch { r.writeHead(404).end(); }
    });
    s.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${s.address().port}/`));
  });
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const pages = [];
for (const d of dirs) {
  const url = await serve(d);
  const p = await browser.newPage();
  p.on('pageerror', (e) => console.error(d, e.message));
  await p.goto(url + '#seed=1');
  await p.waitForSelector('#loading', { state: 'detached' });
  pages.push(p);
}
const res = dirs.map(() => Object.fromEntries(names.map((n) => [n, []])));
for (let r = 0; r <= Number(rounds); r++) { console.error('round', r, new Date().toISOString());
  for (const n of names) {
    const order = r % 2 ? [...pages.keys()].reverse() : [...pages.keys()];
    for (const i of order) {
      const o = await pages[i].evaluate(([n]) => window.wasmBindings.benchWorkload(n, 150), [n]);
      if (r > 0) res[i][n].push(o.ms / o.reps);
    }
  }
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
console.log('ms per rep (median of', rounds, ')');
console.log(['workload', ...dirs.map((d) => path.basename(path.dirname(d)))].join('\t'));
for (const n of names) console.log([n, ...res.map((x) => med(x[n]).toFixed(3)), ...res.slice(1).map((x) => (med(x[n]) / med(res[0][n])).toFixed(3) + 'x')].join('\t'));
// Noise from a shared machine only adds time: the fastest round and the median of the
// rounds' paired ratios (A and B run back to back) are steadier than a ratio of medians.
const fastest = (a) => Math.min(...a);
const paired = (a, b) => med(a.map((x, k) => b[k] / x));
console.log('fastest ms per rep; ratios of the fastest, median of per-round ratios');
for (const n of names) {
  const rest = res.slice(1).map((x) => `${(fastest(x[n]) / fastest(res[0][n])).toFixed(3)}x ${paired(res[0][n], x[n]).toFixed(3)}x`);
  console.log([n, ...res.map((x) => fastest(x[n]).toFixed(3)), ...rest].join('\t'));
}
// The browser sometimes never answers close(): the results are out, so leave anyway.
await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 3000))]);
process.exit(0);
