// End-to-end test of the contributor's loop: `scripts/serve.sh` (trunk serve) on a free port,
// in a temporary copy of the project, serves the page under its strict Content-Security-Policy
// with no console error, and reloads it by itself after a file is edited.
//
// It runs in Chromium only (one engine shows the dev server's behaviour) and shares the
// project's cargo target folder, so only the first run compiles the debug wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser, onlyIn } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What the copy leaves out: build output, git, and the npm packages (linked instead). */
const SKIP = new Set(['target', 'dist', '.git', 'node_modules']);

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Copies the project into a temporary folder, linking tests/node_modules. */
async function copyProject() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'descent-serve-'));
  await fs.cp(ROOT, dir, {
    recursive: true,
    preserveTimestamps: true,
    filter: (src) => !SKIP.has(path.basename(src)),
  });
  await fs.symlink(path.join(ROOT, 'tests/node_modules'), path.join(dir, 'tests/node_modules'));
  return dir;
}

/** Resolves when `url` answers with HTML that loads the reload client, or rejects after `ms`. */
async function served(url, ms, server) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`scripts/serve.sh exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      const html = await res.text();
      if (res.ok && html.includes('trunk-reload.js')) return html;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not serve the page within ${ms / 1000} s`);
}

test('scripts/serve.sh serves the page with no CSP error and reloads it when a file changes', async (t) => {
  if (!onlyIn(t, ['chromium'], 'starts trunk serve')) return;
  const dir = await copyProject();
  const port = await freePort();
  const log = [];
  const server = spawn('bash', ['scripts/serve.sh'], {
    cwd: dir,
    detached: true,
    env: { ...process.env, PORT: String(port), CARGO_TARGET_DIR: path.join(ROOT, 'target') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [server.stdout, server.stderr]) s.on('data', (d) => log.push(d.toString()));
  const browser = await launchBrowser();
  try {
    const url = `http://127.0.0.1:${port}/`;
    const t0 = Date.now();
    const html = await served(url, 15 * 60 * 1000, server);
    t.diagnostic(`first page served after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the served page');

    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${url}#seed=3`);
    await page.waitForSelector('#loading', { state: 'detached', timeout: 120000 });
    await page.evaluate(() => { window.__beforeEdit = true; });

    // An edit in the copy: Trunk rebuilds, and the page reloads by itself.
    const css = path.join(dir, 'www/style.css');
    await fs.appendFile(css, '\n/* edited by the live-reload test */\n');
    const t1 = Date.now();
    await page.waitForFunction(() => window.__beforeEdit === undefined && document.readyState === 'complete',
      undefined, { timeout: 300000, polling: 500 });
    t.diagnostic(`the page reloaded ${((Date.now() - t1) / 1000).toFixed(1)} s after the edit`);
    await page.waitForSelector('#loading', { state: 'detached', timeout: 120000 });
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(problems, [], `the page reported errors:\n${problems.join('\n')}`);
  } catch (e) {
    throw new Error(`${e.message}\n--- scripts/serve.sh said:\n${log.join('').slice(-4000)}`);
  } finally {
    await browser.close();
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    await fs.rm(dir, { recursive: true, force: true });
  }
});
