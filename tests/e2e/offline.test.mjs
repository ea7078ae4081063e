// End-to-end tests of the offline copy: after one visit, the service worker serves every
// lesson, the docs page and the course-notes example with the network off; a new build
// replaces the cached one whole (a page never runs the old wasm with the new JS), after the
// page offers it; all of it from a sub-path of the server. A lab embedded in another
// origin's page registers no worker.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setup, serveDist, assertClean, onlyIn, DIST } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SUB = 'course/lab/';

let lab;
let tmp; // the server's folder; the site is in its sub-folder SUB
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'descent-offline-'));
  await fs.cp(DIST, path.join(tmp, SUB), { recursive: true });
  lab = await setup({ dir: tmp, serviceWorkers: true });
});
after(async () => {
  await lab?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const site = () => `${lab.server.url}${SUB}`;
const readout = async (page, id, name) => (await page.locator(`#lesson-${id} [data-out="${name}"]`).first().textContent()).trim();

/**
 * Polls `fn` (which may be async) in the page until it gives a truthy value; a poll cut off
 * by a navigation (the page still loading) counts as false.
 */
async function until(page, fn, what) {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(fn).catch(() => false))) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the page's service worker has cached the site and controls the page. */
async function controlled(page) {
  await until(page, async () => !!(await navigator.serviceWorker.getRegistration())?.active, 'an active service worker');
  // A new load (not a reload, which Firefox's WebDriver makes bypass the worker).
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await goto(page, await page.evaluate(() => location.href.replace(/\?[^#]*/, '')));
  await until(page, () => !!navigator.serviceWorker.controller, 'the page to be controlled');
}

let visits = 0;
/** Loads `url` (made a new document by a query the lab ignores) and waits until the lab has started. */
async function goto(page, url) {
  const [before, hash = ''] = url.split('#');
  await page.goto(`${before}?visit=${++visits}${hash ? `#${hash}` : ''}`);
  await page.waitForFunction(() => document.readyState === 'complete' && !document.getElementById('loading'), null, { timeout: 30_000 });
}

/** Makes the site a new build: its main module marks the page, its wasm gains a custom section. */
async function rebuild() {
  const dir = path.join(tmp, SUB);
  await fs.appendFile(path.join(dir, 'js/main.js'), '\nglobalThis.__build = "B";\n');
  // A custom section (id 0, size 3: a 2-byte name "B2"): ignored by the engine, changes the bytes.
  await fs.appendFile(path.join(dir, 'descent-web_bg.wasm'), Buffer.from([0, 3, 2, 0x42, 0x32]));
  execFileSync('node', [path.join(ROOT, 'scripts/offline.mjs'), dir], { env: { ...process.env, TRUNK_PROFILE: 'release' } });
}

/** The build the page runs: its main module's mark, and the size of the wasm it is served. */
const build = (page) => page.evaluate(async () => [globalThis.__build ?? 'A', (await (await fetch('descent-web_bg.wasm')).arrayBuffer()).byteLength]);

test('after one visit, every lesson, the docs page and the course-notes example work with the network off', async () => {
  const page = await lab.open('', { url: `${site()}#seed=3&x0=3` });
  await controlled(page);
  lab.server.setOffline(true);
  try {
    await goto(page, `${site()}#seed=3&x0=3`);
    for (let i = 0; i < 5; i++) await page.locator('#lesson-1d').getByRole('button', { name: 'step', exact: true }).click();
    assert.equal(await readout(page, '1d', 'k'), '5');
    assert.ok(Math.abs(Number(await readout(page, '1d', 'x')) - (1 + 2 * 0.98 ** 5)) < 1e-9);

    await goto(page, `${site()}docs.html`);
    await page.waitForFunction(() => document.querySelectorAll('#settings-tables table tbody tr').length > 20, null, { timeout: 30_000 });

    await goto(page, `${site()}#lesson=2d&seed=1`);
    await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4, null, { timeout: 30_000 });

    await page.goto(`${site()}examples/course-notes.html?visit=${++visits}`);
    await page.waitForFunction(() => document.getElementById('k2')?.textContent === '0'
      && document.getElementById('one-d').shadowRoot?.querySelector('[data-out="k"]')?.textContent === '0', null, { timeout: 30_000 });

    await goto(page, `${site()}#lesson=neuron&seed=1`);
    await page.locator('#lesson-neuron .train-bar [data-action="train"]').click();
    await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 30_000 });
    assert.deepEqual((await page.locator('#lesson-neuron table.truth tbody [data-out="rounded"]').allTextContents()).map(Number), [1, 0, 0, 0]);
  } finally {
    lab.server.setOffline(false);
  }
  assertClean(page);
});

test('a new build replaces the cached one whole, once the page is told and reloads', async () => {
  const page = await lab.open('', { url: `${site()}#seed=3` });
  await controlled(page);
  const [, sizeA] = await build(page);
  await rebuild();
  // The open page's next load still runs the cached build, JS and wasm alike, while the
  // browser fetches the new one beside it.
  await goto(page, `${site()}#seed=4`);
  assert.deepEqual(await build(page), ['A', sizeA]);
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
  const offer = page.locator('#update');
  await offer.waitFor({ timeout: 30_000 });
  assert.match(await offer.textContent(), /A new version of the lab is ready/);
  await offer.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => globalThis.__build === 'B' && !document.getElementById('loading'), null, { timeout: 30_000 });
  assert.deepEqual(await build(page), ['B', sizeA + 5]);
  // The new build works, from its own cache, with the network off.
  lab.server.setOffline(true);
  try {
    await goto(page, `${site()}#seed=3&x0=3`);
    await page.locator('#lesson-1d').getByRole('button', { name: 'step', exact: true }).click();
    assert.equal(await readout(page, '1d', 'k'), '1');
    assert.deepEqual(await build(page), ['B', sizeA + 5]);
  } finally {
    lab.server.setOffline(false);
  }
  assertClean(page);
});

/** Before the page's scripts: counts the page's service-worker registrations in `__registered`. */
function countRegistrations() {
  window.__registered = 0;
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) { window.__registered += 1; return register.apply(this, args); };
}

test('no service worker inside another origin\'s page', async (t) => {
  if (!onlyIn(t, ['chromium'], 'reading an iframe of another origin needs Playwright\'s frames')) return;
  const host = await serveDist({
    dir: tmp,
    pages: { '/host.html': `<!doctype html><title>host</title><iframe src="${site()}?embed#seed=3" width="600" height="400"></iframe>` },
  });
  try {
    // The host is 127.0.0.1 on another port: another origin.
    const page = await lab.open('', { url: `${host.url}host.html`, init: countRegistrations, started: false });
    const frame = () => page.frames().find((f) => f.url().includes('?embed'));
    const deadline = Date.now() + 30_000;
    while (!(await frame()?.evaluate(() => !document.getElementById('loading') && document.readyState === 'complete').catch(() => false))) {
      if (Date.now() > deadline) assert.fail('the embedded lab did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await frame().evaluate(() => new Promise((r) => setTimeout(r, 500)));
    assert.equal(await frame().evaluate(() => window.__registered), 0);
    // The same page opened by itself registers its worker.
    const own = await lab.open('', { url: `${site()}#seed=3`, init: countRegistrations });
    await until(own, () => window.__registered === 1, 'the lab\'s own page to register');
    assertClean(own);
  } finally {
    await host.close();
  }
});
