// End-to-end tests of the worker pool where the lab is hosted: served from a sub-path, in the
// ?embed iframe, and as a <descent-lab> element on a page of another origin (whose workers
// start through a blob that imports the site's worker.js). In each, lesson 1's multi-start
// of 3000 runs starts background threads and ends as the page's own thread ends it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setup, serveDist, assertClean, viaWebDriver, NO_SERVICE_WORKER, DIST } from './harness.mjs';
import { CAPTURE } from './wd-inpage.mjs';

const SUB = 'course/lab/';
const LINK = 'seed=5&multi=1&n=3000&steps=1000&gamma=0.002';

/** Counts the workers the page starts, in `window.__workers` (source run before the page's scripts). */
const COUNT = `window.__workers = 0;
{ const W = window.Worker; window.Worker = class extends W { constructor(...a) { super(...a); window.__workers += 1; } }; }`;

/** A page of another origin holding the element, with the lab's files from `site`. */
const host = (site) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>notes</title>
<script>${COUNT}</script>
<script type="module" src="${site}descent-lab.js"></script></head><body>
<descent-lab id="m" lesson="1d" multi="1" n="3000" steps="1000" gamma="0.002" seed="5" workers="2"></descent-lab>
</body></html>`;

let lab; // the site under SUB
let site; // the site at the root of another server, readable from any origin
let other; // the host page's origin
let tmp;
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'descent-workers-'));
  await fs.cp(DIST, path.join(tmp, SUB), { recursive: true });
  lab = await setup({ dir: tmp });
  site = await serveDist({ cors: true });
  const inject = viaWebDriver ? () => `${CAPTURE}\n${NO_SERVICE_WORKER}` : undefined;
  other = await serveDist({ pages: { '/notes.html': host(site.url) }, inject });
});
after(async () => {
  await lab?.close();
  await site?.close();
  await other?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The multi-start's best-run line and its listed ends in `root` (a document or a shadow root's host id). */
async function outcome(page, id = null) {
  await page.waitForFunction((id) => {
    const root = id ? document.getElementById(id)?.shadowRoot : document;
    const best = root?.querySelector('#lesson-1d [data-out="best"]')?.textContent ?? '';
    return /best/i.test(best) && !root.querySelector('#lesson-1d').dataset.working;
  }, id, { timeout: 120_000 });
  return page.evaluate((id) => {
    const root = id ? document.getElementById(id).shadowRoot : document;
    const one = root.querySelector('#lesson-1d');
    return {
      best: one.querySelector('[data-out="best"]').textContent.trim(),
      ends: [...one.querySelectorAll('[data-out="ends"] li')].map((li) => li.textContent),
      notice: one.querySelector('[data-out="notice"]').textContent,
    };
  }, id);
}

let reference;
/** The page thread's outcome, from the sub-path. */
async function pageThread() {
  reference ??= await outcome(await lab.open(`${LINK}&workers=0`, { url: `${lab.server.url}${SUB}#${LINK}&workers=0` }));
  return reference;
}

test('from a sub-path, a multi-start on two workers ends as the page thread ends it', async () => {
  const here = await pageThread();
  assert.ok(here.ends.length > 0 && /best/i.test(here.best));
  const page = await lab.open('', { url: `${lab.server.url}${SUB}#${LINK}&workers=2`, init: COUNT });
  assert.deepEqual(await outcome(page), here);
  assert.equal(await page.evaluate(() => window.__workers), 2);
  assertClean(page);
});

test('in the ?embed iframe, a multi-start on two workers ends as the page thread ends it', async () => {
  const here = await pageThread();
  const page = await lab.open('', { url: `${lab.server.url}${SUB}?embed#${LINK}&workers=2`, init: COUNT });
  const got = await outcome(page);
  assert.equal(got.best, here.best);
  assert.deepEqual(got.ends, here.ends);
  assert.equal(await page.evaluate(() => window.__workers), 2);
  assertClean(page);
});

test('a <descent-lab> element on another origin\'s page starts its workers and ends as the page thread ends it', async () => {
  const here = await pageThread();
  const page = await lab.open('', { url: `${other.url}notes.html`, started: false });
  const got = await outcome(page, 'm');
  assert.equal(got.best, here.best);
  assert.deepEqual(got.ends, here.ends);
  assert.doesNotMatch(got.notice, /not available/);
  assert.equal(await page.evaluate(() => window.__workers), 2);
  assertClean(page);
});
