// End-to-end tests of the page saying what things are: the export menu names views as a
// person reads them, the derivative lab prints an exact 0 as 0, and the notebook's cell
// numbers and the lab's terms (quantile-spaced, basin map, step limit, AMSGrad, the start
// box) carry a short help where they appear.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page, id) => page.locator(`#lesson-${id}`);
const menu = (page, id) => lesson(page, id).locator('select[name="export-view"] option').allTextContents();
const titleOf = (locator) => locator.getAttribute('title');

test('the export menu names each view in words', async () => {
  const page = await lab.open('seed=1');
  assert.deepEqual(await menu(page, '1d'), ['f(x) and the descent', 'step size', 'derivative lab: error against h']);
  const two = await lab.open('lesson=2d&seed=1');
  assert.deepEqual(await menu(two, '2d'), ['contour map', '3-D surface', 'cost against step', 'step size']);
  const neuron = await lab.open('lesson=neuron&seed=1');
  assert.deepEqual(await menu(neuron, 'neuron'), ['input plane: the output', 'mean cost per epoch', 'cost surface', 'cost surface in 3-D', 'XOR: one neuron', 'XOR: a hidden layer']);
  for (const p of [page, two, neuron]) assertClean(p);
});

test('the derivative lab shows an exact error as 0', async () => {
  // The central difference of (x − 1)² is exact: its error is 0, not the plot's floor.
  const page = await lab.open('seed=3&x0=3&labh=1');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-role="difflab"] canvas').dataset.best);
  const text = await lesson(page, '1d').locator('[data-role="difflab"] [data-out="lab"]').textContent();
  // At h = 1 both differences are exact in floating point: (f(4) − f(2))/2 = 4.
  assert.match(text, /With h = 1\.0e\+0: forward error 1\.0e\+0, central error 0\. /);
  assert.match(text, /central \S+ \(error 0\)/);
  assert.doesNotMatch(text, /e-20/);
  assertClean(page);
});

test('the notebook cells and the lab\'s terms carry a short help', async () => {
  const page = await lab.open('lesson=2d&seed=1&opt=adam');
  const two = (sel) => lesson(page, '2d').locator(sel);
  assert.match(await titleOf(two('select[name="order"]')), /the notebook's descent loop \(its cell In\[13\]\)/);
  assert.match(await titleOf(two('select[name="levels"]')), /Quantile-spaced: each band between two levels covers the same share of the map/);
  assert.equal(await two('select[name="levels"] option[value="quantile"]').textContent(), 'quantile-spaced');
  assert.match(await titleOf(two('[data-action="basin"]')), /basins of attraction/);
  assert.match(await titleOf(two('input[name="bsteps"]')), /The basin map colours every start of a grid by the minimum its run reaches/);
  assert.match(await titleOf(two('input[name="adam.amsgrad"]')), /^AMSGrad, a variant of Adam: each step divides by the largest second moment/);
  assert.match(await two('[data-setting="adam.amsgrad"]').textContent(), /AMSGrad \(largest v so far\)/);
  assert.match(await two('[data-setting="box"]').textContent(), /b \(start box half-width\)/);
  assert.match(await titleOf(two('input[name="box"]')), /drawn uniformly in the square \[−b, b\]²: b is half its width/);
  // The notebook's 4 runs of 100 steps stop at the step limit, said in words with a help.
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4);
  const status = two('table.runs tbody tr td:last-child').first();
  assert.equal(await status.textContent(), 'step limit');
  assert.match(await titleOf(status), /took every step the steps setting allows/);
  const neuron = await lab.open('lesson=neuron&seed=1');
  assert.match(await titleOf(lesson(neuron, 'neuron').locator('select[name="ninit"]')), /the notebook's weights \(the values its cell In\[25\] set\)/);
  assert.equal(await lesson(neuron, 'neuron').locator('select[name="ninit"] option[value="notebook"]').textContent(), 'the notebook\'s (cell In[25])');
  for (const p of [page, neuron]) assertClean(p);
});
