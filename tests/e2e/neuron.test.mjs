// End-to-end tests of lesson 3 (the neuron), acting as a person in headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, countColor, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

/** The notebook's In[34] predictions, rows [1,1], [1,0], [0,1], [0,0]. */
const IN34 = [9.42445291e-01, 4.82439876e-02, 4.83079036e-02, 1.57107087e-04];
const COST_BLUE = [31, 119, 180];

const lesson = (page) => page.locator('#lesson-neuron');
const out = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).first().textContent()).trim();
const column = async (page, name) => lesson(page).locator(`table.truth tbody [data-out="${name}"]`).allTextContents();
const arith = async (page, name) => (await lesson(page).locator(`[data-role="arith"] [data-out="${name}"]`).textContent()).trim();
const press = (page, action) => lesson(page).locator(`.train-bar [data-action="${action}"]`).click();

async function open(hash = 'seed=1') {
  return lab.open(`lesson=neuron&${hash}`);
}

async function trainToStop(page) {
  await press(page, 'train');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 30_000 });
}

test('AND: train to the stop rule; rounded 1, 0, 0, 0, In[34] to 1e-6, progress finished, a cost curve', async () => {
  const page = await open();
  assert.equal(await lesson(page).locator('select[name="ngate"]').inputValue(), 'and');
  await lesson(page).locator('select[name="ngate"]').selectOption('and');
  await trainToStop(page);
  assert.deepEqual((await column(page, 'rounded')).map(Number), [1, 0, 0, 0]);
  assert.deepEqual(await column(page, 'round1'), ['0.9', '0.0', '0.0', '0.0'], "In[35]'s round(a, 1)");
  const raw = (await column(page, 'a')).map(Number);
  raw.forEach((a, i) => assert.ok(Math.abs(a - IN34[i]) < 1e-6, `row ${i + 1}: ${a} vs In[34] ${IN34[i]}`));
  const bar = lesson(page).locator('progress[data-out="progress"]');
  assert.equal(await bar.getAttribute('data-state'), 'done');
  assert.equal(await bar.evaluate((b) => [b.value, b.max].join('/')), '2561/20000');
  assert.match(await out(page, 'progress-text'), /^epoch 2561 \/ 20000 · cost 0\.000999\d* \(target 0\.001\)$/);
  assert.match(await out(page, 'status'), /Training finished after 2561 epochs/);
  const curve = lesson(page).locator('canvas[data-role="cost"]');
  assert.equal(await curve.getAttribute('data-points'), '2561');
  assert.ok(await countColor(curve, COST_BLUE) > 100, 'the cost curve is drawn');
  assert.equal(await lesson(page).locator('canvas[data-role="square"]').getAttribute('data-boundary'), 'line');
  // The log scale redraws the same curve on a log axis.
  await lesson(page).locator('[data-role="log"]').check();
  assert.ok(await countColor(curve, COST_BLUE) > 100, 'the log curve is drawn');
  assertClean(page);
});

test('one sample: the first row is highlighted and the arithmetic panel shows In[26]’s z', async () => {
  const page = await open();
  assert.match(await out(page, 'arith-sample'), /No sample trained yet/);
  await press(page, 'sample');
  const current = lesson(page).locator('table.truth tbody tr[aria-current="true"]');
  assert.equal(await current.count(), 1);
  assert.equal(await current.getAttribute('data-row'), '0');
  assert.match(await out(page, 'arith-sample'), /^Sample 1 of epoch 1: x = \(1, 1\), y = 1/);
  // By hand from In[25]: z = −0.48843307, a = σ(z), δ = (a − 1)·a(1 − a), Δb = −0.5·δ.
  assert.ok(Math.abs(Number(await arith(page, 'z')) + 0.48843307) < 1e-9);
  assert.ok(Math.abs(Number(await arith(page, 'a')) - 0.380262765729) < 1e-9);
  assert.ok(Math.abs(Number(await arith(page, 'err')) + 0.619737234271) < 1e-9);
  assert.ok(Math.abs(Number(await arith(page, 'delta')) + 0.146049132573) < 1e-9);
  assert.ok(Math.abs(Number(await arith(page, 'db')) - 0.0730245662867) < 1e-9);
  assert.equal(await arith(page, 'dw'), '(0.0730245662867, 0.0730245662867)');
  // The weights moved by Δ already, before the epoch ends.
  assert.equal(await out(page, 'w-b'), '-0.497870903713');
  await press(page, 'sample');
  assert.equal(await lesson(page).locator('table.truth tbody tr[aria-current="true"]').getAttribute('data-row'), '1');
  assertClean(page);
});

test('XOR: one neuron cannot (and the page says why); a hidden layer learns 0, 1, 1, 0', async () => {
  const page = await open();
  const l = lesson(page);
  await l.locator('select[name="ninit"]').selectOption('seeded');
  await l.locator('select[name="ngate"]').selectOption('xor');
  assert.match(await out(page, 'separable'), /not linearly separable/);
  await trainToStop(page);
  assert.match(await out(page, 'status'), /Stopped at the maximum of 20000 epochs/);
  assert.notDeepEqual((await column(page, 'rounded')).map(Number), [0, 1, 1, 0]);
  await l.locator('select[name="nhidden"]').selectOption('3');
  assert.equal(await out(page, 'progress-text'), 'epoch 0 / 20000 · cost – (target 0.001)');
  await trainToStop(page);
  assert.deepEqual((await column(page, 'rounded')).map(Number), [0, 1, 1, 0]);
  assert.match(await out(page, 'status'), /Training finished/);
  assert.match(await out(page, 'separable'), /hidden layer of 3 units/);
  assert.equal(await l.locator('canvas[data-role="square"]').getAttribute('data-boundary'), 'curve');
  assert.match(await page.evaluate(() => location.hash), /ngate=xor/);
  assert.match(await page.evaluate(() => location.hash), /nhidden=3/);
  assertClean(page);
});

test('the page stays responsive while training in chunks, and stop halts it', async () => {
  const page = await open('seed=1&nepochs=100000&ngate=xor&ninit=seeded&nhidden=8&nlr=0.001&ncost=0.000001');
  // The whole run takes about a second, less than a few round trips from the test on a
  // loaded machine, so the two clicks (train, then stop once the bar has moved on a later
  // frame) are made in the page.
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const section = document.querySelector('#lesson-neuron');
    const bar = section.querySelector('progress');
    const button = section.querySelector('[data-action="train"]');
    button.click();
    const from = bar.value;
    let frames = 0;
    const tick = () => {
      frames += 1;
      if (bar.value === from || frames < 3) { requestAnimationFrame(tick); return; }
      const state = section.querySelector('[data-out="progress"]').dataset.state;
      const label = button.textContent;
      button.click();
      resolve({ frames, state, label, stopped: bar.value });
    };
    requestAnimationFrame(tick);
  }));
  // While it trains, frames are drawn and the bar moves between them.
  assert.equal(seen.state, 'training');
  assert.equal(seen.label, 'stop');
  const stopped = await lesson(page).locator('progress').evaluate((b) => b.value);
  await page.waitForTimeout(200);
  assert.equal(await lesson(page).locator('progress').evaluate((b) => b.value), stopped, 'stopped');
  assert.ok(stopped >= seen.stopped && stopped > 0 && stopped < 100000, `stopped at ${stopped} of 100000`);
  // The transport steps back through the recorded epochs.
  await lesson(page).getByRole('button', { name: 'step back', exact: true }).click();
  assert.equal(await out(page, 'w-epoch'), String(stopped - 1));
  assertClean(page);
});

test('the custom table shows a message under the target typed wrong', async () => {
  const page = await open();
  await lesson(page).locator('select[name="ngate"]').selectOption('custom');
  const cell = lesson(page).locator('input[name="t2"]');
  await typeInto(cell, '7');
  assert.equal((await lesson(page).locator('.error[data-for="t2"]').textContent()).trim(),
    'custom targets must be a list of 4 items, each a number in [0, 1] (got "7" as item 3)');
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await typeInto(cell, '1');
  assert.equal(await lesson(page).locator('.error[data-for="t2"]').textContent(), '');
  assert.deepEqual(await lesson(page).locator('tbody [data-out="y"] input').evaluateAll((xs) => xs.map((x) => x.value)), ['1', '0', '1', '0']);
  await typeInto(lesson(page).locator('input[name="nlr"]'), '0');
  assert.match(await lesson(page).locator('.error[data-for="nlr"]').textContent(), /lr \(learning rate\) must be a number in \(0, 100\]/);
  assertClean(page);
});

test('the XOR comparison trains both models and states why', async () => {
  const page = await open();
  await lesson(page).locator('[data-role="compare"] summary').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-role="compare"]').dataset.state === 'done');
  assert.match(await out(page, 'compare-single'), /^one neuron: stopped after 20000 epochs above the target; .*\(not XOR\)$/);
  assert.match(await out(page, 'compare-hidden'), /^2-3-1 network: reached the target after \d+ epochs; rounded outputs 0, 1, 1, 0 \(XOR learned\)$/);
  assert.match(await out(page, 'compare-why'), /not linearly separable/);
  assertClean(page);
});

test('a link with too few typed weights says how many it gave', async () => {
  const page = await lab.open('lesson=neuron&ninit=explicit&nweights=1,2');
  const notice = lesson(page).locator('[data-out="notice"]');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="notice"]').textContent.trim() !== '');
  assert.match(await notice.textContent(), /needs 3 coordinate\(s\), got 2/);
  assert.doesNotMatch(await notice.textContent(), /got 0/);
  assertClean(page);
});

test('explicit weights start where typed; the notebook preset restores In[25]', async () => {
  const page = await open();
  const l = lesson(page);
  await l.locator('select[name="ninit"]').selectOption('explicit');
  const weights = l.locator('input[name="nweights"]');
  assert.equal(await weights.inputValue(), '-0.57089547, -0.43758178, 0.52004418');
  await typeInto(weights, '1, 2');
  assert.equal((await l.locator('.error[data-for="nweights"]').textContent()).trim(), 'weights b, w₁, w₂ (a network: W₁, b₁, w₂, b₂) needs 3 coordinate(s), got 2');
  await typeInto(weights, '0.25, -1, 2');
  assert.equal(await l.locator('.error[data-for="nweights"]').textContent(), '');
  assert.equal(await out(page, 'w-b'), '0.25');
  assert.equal(await out(page, 'w-w₂'), '2');
  assert.match(await page.evaluate(() => location.hash), /ninit=explicit&nweights=0.25%2C-1%2C2/);
  await press(page, 'notebook');
  assert.equal(await l.locator('select[name="ninit"]').inputValue(), 'notebook');
  assert.equal(await out(page, 'w-b'), '-0.57089547');
  assert.ok(await l.locator('[data-role="weights-label"]').isHidden());
  assertClean(page);
});
