// End-to-end tests of what a link says: a `+` in the hash is a plus, unknown keys and keys of
// another lesson are reported as a bad value is, and an optimizer with a rate of its own says
// that γ does not apply and suggests a rate that shows its behaviour.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
const readout = (page, lesson, name) => text(page, `#lesson-${lesson} [data-out="${name}"]`);

test('a + in the hash is a plus: x**2+y**2 runs x² + y², and x**2+1 compiles', async () => {
  const page = await lab.open('lesson=2d&seed=1&fn2=x**2+y**2&multi2=0&starts2=1,2');
  assert.equal(await page.locator('#lesson-2d input[name="f"]').inputValue(), 'x**2+y**2');
  // x² + y² at (1, 2) is 5; the product x²·y² would be 4.
  assert.equal(Number(await readout(page, '2d', 'f')), 5);
  assert.equal(await text(page, '#state-errors'), '');
  assert.equal(await text(page, '#f-error-2d'), '');
  // The link the page writes back keeps the plus as %2B.
  assert.match(await page.evaluate(() => location.hash), /fn2=x\*\*2%2By\*\*2/);

  const one = await lab.open('seed=1&f=x**2+1&x0=3');
  assert.equal(await one.locator('#lesson-1d input[name="f"]').inputValue(), 'x**2+1');
  assert.equal(await text(one, '#f-error-1d'), '');
  assert.equal(Number(await readout(one, '1d', 'f')), 10);
  assert.equal(await text(one, '#state-errors'), '');
  assertClean(page);
  assertClean(one);
});

test('an unknown key gets the notice of a bad value, with the nearest key', async () => {
  const page = await lab.open('seed=1&gama=0.5&h=-1');
  const notice = await text(page, '#state-errors');
  assert.match(notice, /^Link settings ignored: /);
  assert.match(notice, /gama is not a setting \(did you mean gamma\?\)/);
  assert.match(notice, /h \(difference step\) must be a number in \(0, 10\] \(got -1\)/);
  const neuron = await lab.open('lesson=neuron&seed=1&nbias=1,0,0,1&lr=0.3');
  assert.match(await text(neuron, '#state-errors'), /nbias is not a setting/);
  // The open lesson's own keys are suggested first: the neuron's rate, not lesson 1's `lo`.
  assert.match(await text(neuron, '#state-errors'), /lr is not a setting \(did you mean nlr\?\)/);
  // A key typed as HTML is shown as text.
  const hostile = await lab.open('seed=1&%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E=1');
  assert.match(await text(hostile, '#state-errors'), /<img src=x onerror=window.__pwned=1> is not a setting/);
  assert.equal(await hostile.evaluate(() => window.__pwned ?? 0), 0);
  for (const p of [page, neuron, hostile]) assertClean(p);
});

test('a key of another lesson without its lesson= is reported, and the lesson stays working', async () => {
  const page = await lab.open('seed=1&fn2=x**2');
  assert.equal(await page.locator('#lesson-1d').isVisible(), true);
  assert.match(await text(page, '#state-errors'), /fn2 \(f\(x, y\)\) is a setting of lesson 2d: the link needs lesson=2d/);
  // The link written back carries only what lesson 1 uses.
  assert.doesNotMatch(await page.evaluate(() => location.hash), /fn2/);
  const fine = await lab.open('lesson=2d&seed=1&fn2=x**2');
  assert.equal(await text(fine, '#state-errors'), '');
  assertClean(page);
  assertClean(fine);
});

test('an optimizer with its own rate says γ does not apply, and suggests a rate that moves', async () => {
  const page = await lab.open('lesson=2d&seed=1&opt=adam');
  const note = () => readout(page, '2d', 'rate-note');
  assert.equal(await note(), 'Adam has its own γ (0.001): the γ of gradient descent (0.01) does not apply. '
    + 'In 100 steps each coordinate moves at most about 0.1: try γ = 0.05 to see how it behaves.');
  await typeInto(page.locator('#lesson-2d input[name="adam.lr"]'), '0.05');
  await page.waitForFunction(() => !document.querySelector('#lesson-2d [data-out="rate-note"]').textContent.includes('try'));
  assert.equal(await note(), 'Adam has its own γ (0.05): the γ of gradient descent (0.01) does not apply.');
  // Plain descent uses γ itself: no note.
  await page.locator('#lesson-2d select[name="opt"]').selectOption('gd');
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="rate-note"]').textContent === '');
  assert.equal(await page.locator('#lesson-2d [data-out="rate-note"]').isVisible(), false);
  assertClean(page);
});

test('a bare hyperparameter name suggests the chosen method\'s key', async () => {
  const page = await lab.open('lesson=2d&seed=1&opt=adamw&lr=0.01');
  assert.match(await text(page, '#state-errors'), /lr is not a setting \(did you mean adamw\.lr\?\)/);
  assertClean(page);
});
