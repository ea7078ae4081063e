// Browser benchmarks of the release build: transfer size, time to the first drawn frame,
// and every `bench*` function the wasm exports. Prints figures; asserts nothing.
// Usage: node tests/bench/page.mjs   (after `trunk build --release --offline`)

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launchBrowser } from '../e2e/harness.mjs';

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist');

async function sizes(dir, prefix = '') {
  const rows = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (!entry.name.startsWith('.')) rows.push(...await sizes(p, `${prefix}${entry.name}/`)); continue; }
    const body = await fs.readFile(p);
    rows.push({ file: prefix + entry.name, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

const rows = await sizes(dist);
const kb = (n) => (n / 1024).toFixed(1);
for (const r of rows) console.log(`size  ${r.file.padEnd(44)} ${kb(r.raw).padStart(7)} KB raw ${kb(r.gzip).padStart(6)} KB gzip`);
const total = (pred) => rows.filter(pred).reduce((a, r) => a + r.gzip, 0);
console.log(`size  wasm gzip ${kb(total((r) => r.file.endsWith('.wasm')))} KB; wasm+js+css gzip ${kb(total((r) => /\.(wasm|js|css)$/.test(r.file)))} KB; all files ${kb(total(() => true))} KB`);

const server = await serveDist();
const browser = await launchBrowser();
const firsts = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}#seed=1`);
  await page.waitForFunction(() => performance.getEntriesByName('descent:first-frame').length > 0);
  firsts.push(await page.evaluate(() => performance.getEntriesByName('descent:first-frame')[0].startTime));
  await context.close();
}
firsts.sort((a, b) => a - b);
console.log(`first frame  median ${firsts[3].toFixed(0)} ms after navigation (min ${firsts[0].toFixed(0)}, max ${firsts[6].toFixed(0)}, 7 loads)`);

const page = await browser.newPage();
await page.goto(`${server.url}#seed=1`);
await page.waitForSelector('#loading', { state: 'detached' });
const results = await page.evaluate(() => {
  const out = {};
  for (const [name, fn] of Object.entries(window.wasmBindings)) {
    if (name.startsWith('bench') && typeof fn === 'function') out[name] = fn();
  }
  return out;
});
for (const [name, figures] of Object.entries(results)) console.log(`wasm  ${name}: ${JSON.stringify(figures)}`);
await browser.close();
await server.close();
