// End-to-end tests of the neuron's cost surface: the mean cost over two chosen parameters
// with the others held at the epoch on screen, the training path projected onto the plane,
// the transport moving the epoch's point, the choice of parameters (of the neuron and of the
// hidden-layer network), and the view alone in an embed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-neuron');
const canvas = (page) => lesson(page).locator('canvas[data-role="landscape"]');
const state = async (page) => JSON.parse(await canvas(page).getAttribute('data-landscape'));
const text = async (page) => (await lesson(page).locator('[data-out="landscape"]').textContent()).trim();
const hash = (page) => canvas(page).evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 7) h = (Math.imul(h, 31) + d[i]) | 0;
  return h;
});

/** The notebook's In[25] weights, and the mean AND cost they give. */
const B = -0.57089547;
const W = [-0.43758178, 0.52004418];
function meanCost(b, w1, w2) {
  const rows = [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]];
  return rows.reduce((s, [x1, x2, y]) => s + 0.5 * (1 / (1 + Math.exp(-(b + w1 * x1 + w2 * x2))) - y) ** 2, 0) / rows.length;
}

async function train(page) {
  await lesson(page).getByRole('button', { name: 'train to the stop rule', exact: true }).click();
  await page.waitForFunction(() => /finished/.test(document.querySelector('#lesson-neuron [data-out="status"]')?.textContent ?? '')
    && JSON.parse(document.querySelector('#lesson-neuron canvas[data-role="landscape"]').dataset.landscape).epochs > 100, null, { timeout: 60_000 });
}

test('before training: the surface over w₁ and w₂ with b held, at the notebook\'s weights', async () => {
  const page = await lab.open('lesson=neuron');
  const s = await state(page);
  assert.equal(s.a, 'w₁');
  assert.equal(s.b, 'w₂');
  assert.deepEqual(s.at, W);
  assert.ok(Math.abs(s.cost - meanCost(B, W[0], W[1])) < 1e-12, `C = ${s.cost}`);
  assert.equal(s.epochs, 0);
  assert.match(await text(page), /as a function of w₁ and w₂; the other parameters \(b\) are held/);
  assertClean(page);
});

test('trained: the path ends below the target cost, and the transport moves the point back to the start', async () => {
  const page = await lab.open('lesson=neuron');
  await train(page);
  const end = await state(page);
  assert.ok(end.cost < 0.001, `C at the end = ${end.cost}`);
  assert.ok(end.at[0] > 3 && end.at[1] > 3, `AND needs large positive weights: ${end.at}`);
  const endPixels = await hash(page);
  await lesson(page).getByRole('button', { name: 'back to the start', exact: true }).click();
  await page.waitForFunction((w) => JSON.parse(document.querySelector('#lesson-neuron canvas[data-role="landscape"]').dataset.landscape).at[0] === w, W[0]);
  const start = await state(page);
  assert.deepEqual(start.at, W);
  assert.equal(start.epochs, end.epochs, 'the whole path stays drawn');
  assert.deepEqual(start.view, end.view, 'the plane keeps its box');
  assert.notEqual(await hash(page), endPixels, 'the held bias moved: another slice');
  assertClean(page);
});

test('any two parameters can be chosen; the same one twice is refused in words', async () => {
  const page = await lab.open('lesson=neuron');
  await lesson(page).locator('select[name="land-a"]').selectOption({ label: 'b' });
  await page.waitForFunction(() => JSON.parse(document.querySelector('#lesson-neuron canvas[data-role="landscape"]').dataset.landscape).a === 'b');
  const s = await state(page);
  assert.deepEqual(s.at, [B, W[1]]);
  assert.match(await text(page), /the other parameters \(w₁\) are held/);
  await lesson(page).locator('select[name="land-b"]').selectOption({ label: 'b' });
  assert.equal(await text(page), 'Choose two different parameters.');
  assertClean(page);
});

test('the hidden-layer network: two output weights by default, and the page says why the path leaves the valleys', async () => {
  const page = await lab.open('lesson=neuron&ngate=xor&nhidden=2');
  const s = await state(page);
  assert.equal(s.a, 'w₂[1]');
  assert.equal(s.b, 'w₂[2]');
  const names = await lesson(page).locator('select[name="land-a"] option').allTextContents();
  assert.deepEqual(names, ['W₁[1,1]', 'W₁[1,2]', 'W₁[2,1]', 'W₁[2,2]', 'b₁[1]', 'b₁[2]', 'w₂[1]', 'w₂[2]', 'b₂']);
  assert.match(await text(page), /leave its valleys/);
  assertClean(page);
});

test('?embed&view=landscape shows the cost surface alone', async () => {
  const page = await lab.open('lesson=neuron', { query: '?embed&view=landscape' });
  assert.ok(await canvas(page).isVisible());
  assert.equal(await lesson(page).locator('canvas[data-role="square"]').isVisible(), false);
  assertClean(page);
});

test('in 3-D: the same slice as a surface with the path on it; the transport and a drag redraw it', async () => {
  const page = await lab.open('lesson=neuron');
  await train(page);
  const view3d = lesson(page).locator('canvas[data-role="landscape-3d"]');
  assert.equal(await view3d.isVisible(), false, 'the heatmap is shown first');
  await lesson(page).locator('input[name="land-3d"]').check();
  await view3d.waitFor({ state: 'visible' });
  assert.equal(await canvas(page).isVisible(), false, 'the 3-D view replaces the heatmap');
  // The same slice: the 3-D view's point is the heatmap's (its state is copied).
  assert.deepEqual(JSON.parse(await view3d.getAttribute('data-landscape')), await state(page));
  const pixels = () => view3d.evaluate((c) => c.toDataURL());
  // The mesh covers a good share of the canvas in the surface's colours (not the background).
  const painted = await view3d.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60) n++;
    return n / (d.length / 4);
  });
  assert.ok(painted > 0.2, `${(100 * painted).toFixed(1)} % of the canvas painted`);
  const end = await pixels();
  // Back to the start: the other parameters are held at epoch 0 and the path shrinks to its start.
  await lesson(page).getByRole('button', { name: 'back to the start', exact: true }).click();
  await page.waitForFunction(() => JSON.parse(document.querySelector('#lesson-neuron canvas[data-role="landscape-3d"]').dataset.landscape).at[0] === -0.43758178);
  const start = await pixels();
  assert.notEqual(start, end);
  // A drag turns it.
  assert.equal(await view3d.getAttribute('data-azim'), '25');
  const box = await view3d.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await view3d.getAttribute('data-azim'), '25');
  assert.notEqual(await pixels(), start);
  // Off again: the heatmap is back.
  await lesson(page).locator('input[name="land-3d"]').uncheck();
  await canvas(page).waitFor({ state: 'visible' });
  assert.equal(await view3d.isVisible(), false);
  assertClean(page);
});
