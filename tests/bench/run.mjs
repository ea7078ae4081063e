// The benchmark command's runner (scripts/bench.sh calls it after the builds): every
// workload natively, in wasm in headless Chromium, as the notebook's Python and as
// hand-written JavaScript in the same page, rounds interleaved; then the page figures
// (gzipped sizes, first drawn frame, frame times while playing). Prints the table and
// writes it as JSON and Markdown under target/bench-results/.
//
// Usage: node tests/bench/run.mjs [--rounds N]
//   BENCH_NATIVE  the native workloads binary (default: found through cargo)
//   BENCH_PYTHON  a Python with numpy and contourpy (default: target/bench-venv/bin/python)

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launchBrowser } from '../e2e/harness.mjs';
import { pageFigures, sizes } from './page.mjs';
import { WORKLOADS, IMPLS, summarise, table, markdown } from './report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argRounds = process.argv.indexOf('--rounds');
const ROUNDS = argRounds > 0 ? Number(process.argv[argRounds + 1]) : 5;
const MIN_MS = 20;

function nativeBinary() {
  if (process.env.BENCH_NATIVE) return process.env.BENCH_NATIVE;
  const out = execFileSync('cargo', ['bench', '-p', 'descent', '--features', 'bench', '--bench', 'workloads', '--no-run', '--message-format=json'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const exe = out.split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'workloads' && m.executable)?.executable;
  if (!exe) throw new Error('cargo did not report the workloads bench binary');
  return exe;
}

const python = process.env.BENCH_PYTHON ?? path.join(ROOT, 'target/bench-venv/bin/python');
const native = nativeBinary();
const runNative = () => JSON.parse(execFileSync(native, ['--json'], { encoding: 'utf8' }));
const runPython = () => JSON.parse(execFileSync(python, [path.join(ROOT, 'tests/bench/notebook.py')], { encoding: 'utf8' }));

// The workloads run in the benchmark build (the release page with the `bench` feature); the
// sizes and page figures below are the shipped build's.
const server = await serveDist({ dir: path.join(ROOT, 'target/bench-dist') });
const browser = await launchBrowser();
// The hand-written JS goes in as an inline script tag, which the page's strict CSP forbids.
const context = await browser.newContext({ bypassCSP: true });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
await page.goto(`${server.url}#seed=1`);
await page.waitForSelector('#loading', { state: 'detached' });
await page.addScriptTag({ path: path.join(ROOT, 'tests/bench/hand.js') });

const wasmNames = WORKLOADS.flatMap((w) => (w.wasm ? [w.wasm] : [])).concat(WORKLOADS.flatMap((w) => w.extraWasm ?? []));
const runWasm = () => page.evaluate(({ names, minMs }) => {
  const out = {};
  for (const n of names) out[n] = window.wasmBindings.benchWorkload(n, minMs);
  return out;
}, { names: [...new Set(wasmNames)], minMs: MIN_MS });
const runJs = () => page.evaluate((minMs) => {
  const out = {};
  for (const n of window.handBench.names) out[n] = window.handBench.run(n, minMs);
  return out;
}, MIN_MS);

const runners = { native: runNative, wasm: runWasm, js: runJs, python: runPython };
const samples = Object.fromEntries(IMPLS.map((i) => [i, []]));
const order = [...IMPLS];
for (let round = 0; round <= ROUNDS; round++) {
  for (const impl of order) {
    const t = Date.now();
    const result = await runners[impl]();
    if (round > 0) samples[impl].push(result); // round 0 warms every engine up
    process.stderr.write(`round ${round}/${ROUNDS} ${impl} ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
  order.push(order.shift()); // each implementation takes every position in turn
}
await context.close();

await server.close();
const shipped = await serveDist();
const zipped = await serveDist({ gzip: true });
const figures = await pageFigures(browser, shipped.url, zipped.url);
await browser.close();
await shipped.close();
await zipped.close();

const summary = summarise(samples);
const dist = await sizes(path.join(ROOT, 'dist'));
// The release wasm's vector instructions (wasm-dis from npm binaryen).
const wasmFile = dist.find((s) => s.file.endsWith('.wasm'))?.file;
let simd = null;
try {
  const wat = execFileSync(path.join(ROOT, 'tests/node_modules/.bin/wasm-dis'), [path.join(ROOT, 'dist', wasmFile)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  simd = (wat.match(/\b(v128|[if](8|16|32|64)x\d+)\.[a-z_]+/g) ?? []).length;
} catch (e) {
  process.stderr.write(`wasm-dis failed: ${e.message}\n`);
}
const result = {
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg() },
  rounds: ROUNDS,
  workloads: summary,
  sizes: dist,
  simdInstructions: simd,
  page: figures,
  pageErrors: problems,
};
const text = table(result);
console.log(text);
const dir = path.join(ROOT, 'target/bench-results');
await fs.mkdir(dir, { recursive: true });
const stamp = result.when.replace(/[:.]/g, '-');
await fs.writeFile(path.join(dir, `bench-${stamp}.json`), JSON.stringify(result, null, 2));
await fs.writeFile(path.join(dir, `bench-${stamp}.md`), markdown(result));
await fs.copyFile(path.join(dir, `bench-${stamp}.json`), path.join(dir, 'latest.json'));
await fs.copyFile(path.join(dir, `bench-${stamp}.md`), path.join(dir, 'latest.md'));
console.log(`\nwritten: target/bench-results/bench-${stamp}.{json,md} (and latest.{json,md})`);
