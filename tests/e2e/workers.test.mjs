// End-to-end tests of the worker pool: a basin map computed by background threads equals
// the page thread's, pixel for pixel and word for word; Cancel stops it at once; where
// workers cannot start, the page's thread computes the same map and the page says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-2d');
const note = (page) => lesson(page).locator('[data-out="basin"]');

/** Draws the basin map of a 64² grid; resolves to its summary (without its time) and a hash of the contour canvas. */
async function basinMap(page) {
  await lesson(page).locator('select[name="basin-n"]').selectOption('64');
  await lesson(page).getByRole('button', { name: 'basin map', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').dataset.minima !== undefined, null, { timeout: 60_000 });
  const text = (await note(page).textContent()).replace(/ in \d+ ms/, '');
  // The finished map is drawn on the next animation frame: hash the canvas after it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const pixels = await lesson(page).locator('canvas[data-role="contour"]').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]) | 0;
    return h;
  });
  return { text, pixels };
}

test('a basin map from the workers equals the page thread\'s, for GD, Adam and a typed function', async () => {
  const links = ['lesson=2d&seed=1&bsteps=300', 'lesson=2d&seed=1&bsteps=300&opt=adam&adam.lr=0.05', 'lesson=2d&seed=2&bsteps=300&fn2=sin(x)*cos(y)%2Bx^2/10'];
  for (const [i, link] of links.entries()) {
    const here = await lab.open(`${link}&workers=0`);
    const one = await basinMap(here);
    assert.match(one.text, /minima reached from 64² starts \(up to 300 steps each\)/);
    for (const workers of i === 0 ? ['2', 'auto'] : ['2']) {
      const page = await lab.open(`${link}&workers=${workers}`);
      assert.deepEqual(await basinMap(page), one, `${link} with workers=${workers}`);
      assert.equal(await note(page).getAttribute('data-workers'), null);
      assertClean(page);
    }
    assertClean(here);
  }
});

test('Cancel stops a map the workers compute, at once and for good', async () => {
  const page = await lab.open('lesson=2d&seed=1&workers=2');
  await lesson(page).locator('select[name="basin-n"]').selectOption('256');
  await page.evaluate(() => {
    document.querySelector('#lesson-2d [data-action="basin"]').click();
    document.querySelector('#lesson-2d [data-action="basin-cancel"]').click();
  });
  const said = (await note(page).textContent()).trim();
  assert.match(said, /cancelled at \d+ %/);
  // Tiles still coming back from the workers change nothing.
  await page.waitForTimeout(1500);
  assert.equal((await note(page).textContent()).trim(), said);
  // A new map after a cancelled one completes.
  const { text } = await basinMap(page);
  assert.match(text, /^2 minima reached from 64² starts/);
  assertClean(page);
});

test('a long map reports its progress at most ten times a second, not on every frame', async () => {
  const page = await lab.open('lesson=2d&seed=1&bsteps=300&opt=adam&adam.lr=0.05&workers=2');
  await lesson(page).locator('select[name="basin-n"]').selectOption('256');
  const reports = await page.evaluate(() => new Promise((resolve) => {
    const note = document.querySelector('#lesson-2d [data-out="basin"]');
    const seen = [];
    new MutationObserver((_, mo) => {
      if (note.dataset.minima !== undefined) { mo.disconnect(); resolve(seen); return; }
      const pct = /(\d+) %/.exec(note.textContent)?.[1];
      if (pct !== undefined && pct !== seen.at(-1)?.pct) seen.push({ pct, at: performance.now() });
    }).observe(note, { childList: true, characterData: true, subtree: true, attributes: true });
    document.querySelector('#lesson-2d [data-action="basin"]').click();
  }));
  assert.ok(reports.length >= 3, `the map's progress was reported ${reports.length} times`);
  const gaps = reports.slice(1).map((r, i) => r.at - reports[i].at);
  // Reports are 100 ms apart or more; each is seen at the end of its task (a progress paint
  // may follow it there), so a gap may look a few ms shorter. On every frame it would be ~17 ms.
  assert.ok(Math.min(...gaps) >= 75, `progress reports ${gaps.map(Math.round).join(', ')} ms apart`);
  assertClean(page);
});

/** Before the page's scripts: no worker can start. */
function noWorkers() {
  window.Worker = function Worker() { throw new DOMException('workers blocked by the test', 'SecurityError'); };
}

test('where workers cannot start, the page\'s thread computes the same map and says so once', async () => {
  const reference = await basinMap(await lab.open('lesson=2d&seed=1&workers=0'));
  const page = await lab.open('lesson=2d&seed=1', { init: noWorkers });
  const first = await basinMap(page);
  assert.match(first.text, /^Background threads \(Web Workers\) are not available here \(workers blocked by the test\): the page's own thread computes, in slices\. 2 minima/);
  assert.equal(first.pixels, reference.pixels);
  assert.equal(first.text.replace(/^Background threads.*?in slices\. /, ''), reference.text);
  // Said once: the next map is computed the same way, without the notice.
  await lesson(page).getByRole('button', { name: 'basin map', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').textContent.startsWith('2 minima'), null, { timeout: 60_000 });
  assertClean(page);
});

/** The lesson-1 multi-start's best-run line and its first listed ends, once its runs are in. */
async function multiStart1d(page) {
  await page.waitForFunction(() => /best/i.test(document.querySelector('#lesson-1d [data-out="best"]')?.textContent ?? '')
    && !document.querySelector('#lesson-1d').dataset.working, null, { timeout: 120_000 });
  const one = page.locator('#lesson-1d');
  return {
    best: (await one.locator('[data-out="best"]').textContent()).trim(),
    ends: await one.locator('[data-out="ends"] li').allTextContents(),
  };
}

/** Before the page's scripts: keeps every progress label the page shows in `__labels`. */
function recordLabels() {
  window.__labels = new Set();
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-out="work"]')) if (el.textContent) window.__labels.add(el.textContent.replace(/\d+ %/, 'N %'));
  }).observe(document, { subtree: true, childList: true, characterData: true });
}
const labels = (page) => page.evaluate(() => [...window.__labels]);

test('many runs of a multi-start (lesson 1) and of a race (lesson 2) from the workers equal the page thread\'s', async () => {
  const link1 = 'seed=5&multi=1&n=3000&steps=1000&gamma=0.002';
  const here1 = await multiStart1d(await lab.open(`${link1}&workers=0`));
  const pool1 = await lab.open(`${link1}&workers=2`, { init: recordLabels });
  assert.deepEqual(await multiStart1d(pool1), here1);
  assert.ok(here1.ends.length > 0);
  assert.ok((await labels(pool1)).includes('computing 3000 runs on 2 background threads: N %'), (await labels(pool1)).join(' | '));
  assertClean(pool1);

  const link2 = 'lesson=2d&seed=3&n2=800&multi2=1&steps2=1500&race=gd,adam,momentum';
  const table = async (page) => {
    await page.waitForFunction(() => /Best:/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent)
      && !document.querySelector('#lesson-2d').dataset.working, null, { timeout: 120_000 });
    const two = page.locator('#lesson-2d');
    return [(await two.locator('[data-out="status"]').textContent()).trim(), await two.locator('table.runs tbody tr').allTextContents()];
  };
  const here2 = await table(await lab.open(`${link2}&workers=0`));
  const pool2 = await lab.open(`${link2}&workers=2`, { init: recordLabels });
  assert.deepEqual(await table(pool2), here2);
  assert.ok((await labels(pool2)).includes('computing 2400 runs on 2 background threads: N %'), (await labels(pool2)).join(' | '));
  assertClean(pool2);
});
