// End-to-end tests of a person's own points in lesson 3: a link's points drawn on the input
// plane and trained on, points added, dragged and removed with the pointer, lines pasted in
// the box, the limit of 200 points, and the exported CSV and Python cell.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertClean, viewOf, toPixel, hasColorNear, prefers } from './harness.mjs';
import { capture, nthDownload, python } from './capture.mjs';

/** A host page with the element on own points (the attributes are the settings' keys). */
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>notes</title>
<script type="module" src="../descent-lab.js"></script></head><body>
<descent-lab id="own" lesson="neuron" seed="1" ngate="points" ndata="0.1,0.2,0;0.9,0.8,1;0.2,0.9,0"></descent-lab>
</body></html>`;

let lab;
before(async () => { lab = await setup({ pages: { '/notes/own.html': HOST } }); });
after(async () => { await lab?.close(); });


/** viridis at 0 and 1: the colours of class 0 and class 1 points. */
const CLASS_RGB = [[68, 1, 84], [253, 231, 37]];

/** A separable set: class 0 low and left, class 1 high and right. */
const SET = [[0.1, 0.2, 0], [0.3, 0.1, 0], [0.2, 0.4, 0], [0.8, 0.9, 1], [0.9, 0.7, 1], [0.7, 1, 1]];
const linkOf = (points) => points.map((p) => p.join(',')).join(';');

const open = (hash) => lab.open(`lesson=neuron&seed=1&${hash}`, { init: capture });
const lesson = (page) => page.locator('#lesson-neuron');
const square = (page) => lesson(page).locator('canvas[data-role="square"]');
const box = (page) => lesson(page).locator('textarea[name="ndata"]');
const out = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).first().textContent()).trim();

/** The points the link carries now, as triples. */
async function linked(page) {
  const text = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('ndata'));
  return text ? text.split(';').map((p) => p.split(',').map(Number)) : null;
}

/** Waits until the link carries `n` points. */
async function linksPoints(page, n) {
  await page.waitForFunction((count) => (new URLSearchParams(location.hash.slice(1)).get('ndata') ?? '').split(';').length === count, n);
}

/** The viewport position of data point (x, y) on the input plane. */
async function at(page, x, y) {
  const canvas = square(page);
  await canvas.scrollIntoViewIfNeeded();
  const v = await viewOf(canvas);
  const b = await canvas.boundingBox();
  const { px, py } = toPixel(v, x, y);
  return { x: b.x + px, y: b.y + py, px, py };
}

test('a link\'s own points: drawn in their class colours, listed, trained until each is classified right', async () => {
  const page = await open(`ngate=points&ndata=${linkOf(SET)}`);
  assert.equal(await lesson(page).locator('select[name="ngate"]').inputValue(), 'points');
  assert.equal(await box(page).inputValue(), SET.map((p) => p.join(',')).join('\n'), 'one point per line');
  assert.ok(await lesson(page).locator('[data-role="points-hint"]').isVisible());
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), SET.length);
  for (const [x, y, label] of SET) {
    const p = await at(page, x, y);
    assert.ok(await hasColorNear(square(page), p.px, p.py, CLASS_RGB[label], { radius: 1, tol: 12 }), `point (${x}, ${y}) in class ${label}'s colour`);
  }
  await lesson(page).locator('.train-bar [data-action="train"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 30_000 });
  const epochs = Number(/Training finished after (\d+) epochs/.exec(await out(page, 'status'))?.[1]);
  assert.ok(epochs > 0);
  // The cost curve and the cost surface follow the training on these points.
  assert.equal(Number(await lesson(page).locator('canvas[data-role="cost"]').getAttribute('data-points')), epochs);
  await page.waitForFunction((n) => JSON.parse(document.querySelector('#lesson-neuron canvas[data-role="landscape"]').dataset.landscape ?? '{}').epochs === n, epochs);
  const land = JSON.parse(await lesson(page).locator('canvas[data-role="landscape"]').getAttribute('data-landscape'));
  const w = [await out(page, 'w-w₁'), await out(page, 'w-w₂')].map(Number);
  w.forEach((v, i) => assert.ok(Math.abs(land.at[i] - v) < 1e-6 * (1 + Math.abs(v)), `surface at ${land.at}, weights ${w}`));
  const rounded = (await lesson(page).locator('table.truth tbody [data-out="rounded"]').allTextContents()).map(Number);
  assert.deepEqual(rounded, SET.map((p) => p[2]));
  assert.equal(await square(page).getAttribute('data-boundary'), 'line');
  assertClean(page);
});

test('a link with points and no gate opens on the points; one that names a gate keeps it', async () => {
  const page = await lab.open(`lesson=neuron&seed=1&ndata=${linkOf(SET)}`);
  assert.equal(await lesson(page).locator('select[name="ngate"]').inputValue(), 'points');
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), SET.length);
  assert.match(await page.evaluate(() => location.hash), /ngate=points/);
  // Back to AND: the link names the gate, so that it opens on AND, and keeps the points.
  await lesson(page).locator('select[name="ngate"]').selectOption('and');
  await page.waitForFunction(() => /ngate=and/.test(location.hash));
  assert.equal((await linked(page)).length, SET.length);
  const hash = await page.evaluate(() => location.hash.slice(1));
  const again = await lab.open(hash);
  assert.equal(await lesson(again).locator('select[name="ngate"]').inputValue(), 'and');
  assert.equal(await lesson(again).locator('table.truth tbody tr').count(), 4);
  await lesson(again).locator('select[name="ngate"]').selectOption('points');
  assert.equal(await lesson(again).locator('table.truth tbody tr').count(), SET.length);
  assertClean(page);
  assertClean(again);
});

test('the pointer adds a point of the chosen class, drags one, and removes one; the link follows', async () => {
  const page = await open(`ngate=points&ndata=${linkOf(SET.slice(0, 2))}`);
  // Class 1 is chosen at first.
  let p = await at(page, 0.6, 0.8);
  await page.mouse.click(p.x, p.y);
  await linksPoints(page, 3);
  let pts = await linked(page);
  assert.ok(Math.abs(pts[2][0] - 0.6) < 0.02 && Math.abs(pts[2][1] - 0.8) < 0.02 && pts[2][2] === 1, JSON.stringify(pts));
  assert.ok(await hasColorNear(square(page), p.px, p.py, CLASS_RGB[1], { radius: 1, tol: 12 }), 'the new point is drawn');
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), 3);
  // Class 0, then a click.
  await lesson(page).locator('input[name="nclass"][value="0"]').check();
  p = await at(page, 1, 0.1);
  await page.mouse.click(p.x, p.y);
  await linksPoints(page, 4);
  pts = await linked(page);
  assert.equal(pts[3][2], 0, JSON.stringify(pts));
  // The box shows it as its last line.
  const [bx, by, bl] = (await box(page).inputValue()).split('\n').pop().split(',').map(Number);
  assert.ok(Math.abs(bx - 1) < 0.02 && Math.abs(by - 0.1) < 0.02 && bl === 0, `${bx},${by},${bl}`);
  // Drag the first point to (0.5, 0.5): still four points, the first one moved.
  const from = await at(page, SET[0][0], SET[0][1]);
  const to = await at(page, 0.5, 0.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => !/^0\.1,0\.2,/.test(new URLSearchParams(location.hash.slice(1)).get('ndata')));
  pts = await linked(page);
  assert.equal(pts.length, 4);
  assert.ok(Math.abs(pts[0][0] - 0.5) < 0.02 && Math.abs(pts[0][1] - 0.5) < 0.02 && pts[0][2] === 0, JSON.stringify(pts));
  // A click on the second point removes it.
  const second = await at(page, SET[1][0], SET[1][1]);
  await page.mouse.click(second.x, second.y);
  await linksPoints(page, 3);
  pts = await linked(page);
  assert.ok(!pts.some(([x, y]) => x === SET[1][0] && y === SET[1][1]), JSON.stringify(pts));
  assertClean(page);
});

test('pasted lines become the points; a bad line is named under the box', async () => {
  const page = await open('ngate=points');
  await box(page).fill('0.1,0.1,0\n0.9,0.9,1\n0.5,0.2,0');
  await box(page).press('Tab');
  await linksPoints(page, 3);
  assert.deepEqual(await linked(page), [[0.1, 0.1, 0], [0.9, 0.9, 1], [0.5, 0.2, 0]]);
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), 3);
  await box(page).fill('0.1,0.1,0\n0.9,0.9,2');
  await box(page).press('Tab');
  const error = lesson(page).locator('.error[data-for="ndata"]');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron .error[data-for="ndata"]').textContent !== '');
  assert.match(await error.textContent(), /point 2 \("0\.9,0\.9,2"\): the label must be 0 or 1/);
  assert.equal((await linked(page)).length, 3, 'the link keeps the points on screen');
  assertClean(page);
});

test('in Spanish (es-ES) the box writes decimal commas and reads either separator; the link keeps points', async () => {
  const page = await lab.open(`lesson=neuron&seed=1&ngate=points&ndata=${linkOf(SET.slice(0, 2))}`, { init: prefers(['es-ES', 'es']) });
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron textarea[name="ndata"]').value.includes(';'));
  assert.equal(await box(page).inputValue(), '0,1; 0,2; 0\n0,3; 0,1; 0', 'a point per line, its numbers as Spain writes them');
  // Typed with commas between the numbers' parts, with points, with spaces: all one form in the link.
  await box(page).fill('0,1; 0,2; 0\n0,85; 0,9; 1\n0.5 0.25 0');
  await box(page).press('Tab');
  await linksPoints(page, 3);
  assert.deepEqual(await linked(page), [[0.1, 0.2, 0], [0.85, 0.9, 1], [0.5, 0.25, 0]]);
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), 3);
  // A bad line is still named under the box, in Spanish.
  await box(page).fill('0,1; 0,2; 0\n0,9; 0,9; 2');
  await box(page).press('Tab');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron .error[data-for="ndata"]').textContent !== '');
  assert.match(await lesson(page).locator('.error[data-for="ndata"]').textContent(), /punto 2/);
  assertClean(page);
});

test('a link with 201 points is refused with a notice that names the limit of 200', async () => {
  const many = Array.from({ length: 201 }, (_, i) => [(i % 20) / 20, Math.floor(i / 20) / 10, i % 2]);
  const page = await open(`ngate=points&ndata=${linkOf(many)}`);
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="notice"]').textContent !== '');
  assert.match(await out(page, 'notice'), /at most 200 points, got 201/);
  // The default points are on screen instead.
  assert.equal(await lesson(page).locator('table.truth tbody tr').count(), 6);
  assert.equal(await linked(page), null);
  // 200 points are taken.
  const page2 = await open(`ngate=points&ndata=${linkOf(many.slice(0, 200))}`);
  assert.equal(await lesson(page2).locator('table.truth tbody tr').count(), 200);
  assert.equal(await out(page2, 'notice'), '');
  assertClean(page);
  assertClean(page2);
});

test('<descent-lab ndata="…">: the element takes the points its attribute carries and follows new ones', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/own.html`, started: false });
  const rows = () => page.evaluate(() => document.getElementById('own').shadowRoot?.querySelectorAll('table.truth tbody tr').length ?? 0);
  await page.waitForFunction(() => document.getElementById('own').shadowRoot?.querySelectorAll('table.truth tbody tr').length === 3);
  assert.equal(await page.evaluate(() => document.getElementById('own').settings.ndata), '0.1,0.2,0;0.9,0.8,1;0.2,0.9,0');
  await page.evaluate(() => document.getElementById('own').setAttribute('ndata', '0.1,0.1,0;0.9,0.9,1'));
  await page.waitForFunction(() => document.getElementById('own').shadowRoot.querySelectorAll('table.truth tbody tr').length === 2);
  await page.evaluate(() => document.getElementById('own').set({ ndata: '0,0,0;1,1,1;1,0,1;0,1,0' }));
  await page.waitForFunction(() => document.getElementById('own').shadowRoot.querySelectorAll('table.truth tbody tr').length === 4);
  assert.equal(await rows(), 4);
  assertClean(page);
});

/** Records tasks over 50 ms (Chromium only); resolves to whether the engine reports them. */
const watchLongTasks = (page) => page.evaluate(() => {
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return false;
  window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
  return true;
});

/** 200 points that no line separates (a checkerboard of labels), so training runs to its epoch limit. */
const MANY = Array.from({ length: 200 }, (_, i) => [(i % 20) / 20, Math.floor(i / 20) / 10, (i + Math.floor(i / 20)) % 2]);

for (const [hidden, epochs] of [[0, 20000], [2, 20000], [8, 4000]]) {
  test(`200 points, hidden layer ${hidden}, ${epochs} epochs: trained in slices, no task blocks the page`, async (t) => {
    const page = await open(`ngate=points&ndata=${linkOf(MANY)}&nhidden=${hidden}&ninit=seeded&nepochs=${epochs}`);
    const nl = lesson(page);
    await nl.locator('[data-out="progress-text"]').waitFor();
    const longtask = await watchLongTasks(page);
    await nl.locator('.train-bar [data-action="train"]').click();
    await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 90_000 });
    assert.match(await out(page, 'progress-text'), new RegExp(`^epoch ${epochs} / ${epochs}`));
    if (longtask) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      const tasks = await page.evaluate(() => window.longTasks);
      t.diagnostic(`tasks over 50 ms: ${tasks.join(', ') || 'none'}`);
      assert.ok(Math.max(0, ...tasks) <= Number(process.env.E2E_LONG_TASK_MS ?? 250), `a task blocked the page: ${tasks.join(', ')}`);
    }
    assertClean(page);
  });
}

test('200 points on a hidden layer of 8 for 20000 epochs is refused, naming the budget', async () => {
  const page = await open(`ngate=points&ndata=${linkOf(MANY)}&nepochs=20000`);
  await lesson(page).locator('select[name="nhidden"]').selectOption('8');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron .error[data-for="nepochs"]').textContent !== '');
  assert.match(await lesson(page).locator('.error[data-for="nepochs"]').textContent(), /max epochs × table rows × parameters = 20000 × 200 × 33 = 132000000 parameter updates exceeds the budget of 50000000/);
  assertClean(page);
});

test('the CSV holds the points and the Python cell trains on them to the page\'s weights', async (t) => {
  const page = await open(`ngate=points&ndata=${linkOf(SET)}&nlr=0.9`);
  await lesson(page).locator('.train-bar [data-action="train"]').click();
  await page.waitForFunction(() => document.getElementById('lesson-neuron').dataset.training === 'done', null, { timeout: 30_000 });
  await lesson(page).getByRole('button', { name: 'CSV', exact: true }).click();
  const csv = (await nthDownload(page, 1)).text;
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'epoch,cost,b,w1,w2,x1,x2,label');
  SET.forEach((p, i) => assert.ok(lines[1 + i].endsWith(`,${p.join(',')}`), lines[1 + i]));
  const py = python();
  if (!py) { t.skip('no python3 with numpy'); return; }
  await lesson(page).getByRole('button', { name: 'copy as Python', exact: true }).click();
  await page.waitForFunction(() => window.__clipboard.length > 0);
  const cell = await page.evaluate(() => window.__clipboard[0]);
  const printed = execFileSync(py, ['-c', cell], { encoding: 'utf8' }).trim().split('\n').filter((l) => !/^Training/.test(l));
  const weights = printed[0].trim().split(/\s+/).map(Number);
  const epochs = Number(printed[1]);
  const last = lines.find((l) => l.startsWith(`${epochs},`)).split(',').map(Number);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(weights[i] - last[2 + i]) <= 1e-9, `weight ${i}: python ${weights[i]}, page ${last[2 + i]}`);
  assert.match(await out(page, 'status'), new RegExp(`after ${epochs} epochs`));
  assertClean(page);
});
