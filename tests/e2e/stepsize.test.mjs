// End-to-end tests of the step-size view in lessons 1 and 2: φ(γ) = f(x − γ∇f) at the
// iterate on screen with its marks (γ, the exact minimiser, 2/L), the explanation's numbers,
// the γ marker dragged with the mouse or moved by keys setting the learning rate (form, link
// and runs follow), the log axis, and the view alone in an embed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel, countColor } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const PHI_RED = [214, 39, 40];
const view = (page, id) => page.locator(`#${id} [data-role="stepsize"]`);
const marks = async (page, id) => JSON.parse(await view(page, id).getAttribute('data-marks'));
const explanation = async (page, id) => (await page.locator(`#${id} [data-out="stepsize"]`).textContent()).trim();
const hashValue = async (page, key) => (await page.evaluate(() => location.hash)).match(new RegExp(`[#&]${key}=([^&]*)`))?.[1];

test('lesson 1: the parabola from its start has 2/L = 1 and its line minimum at γ* = 1/2', async () => {
  const page = await lab.open('x0=5');
  const m = await marks(page, 'lesson-1d');
  assert.equal(m.gamma, 0.01);
  assert.ok(Math.abs(m.curvature - 2) < 1e-6, `L = f″ = ${m.curvature}`);
  assert.ok(Math.abs(m.critical - 1) < 1e-6, `2/L = ${m.critical}`);
  // One step of γ = 1/2 from any x lands on the minimum x = 1 of (x − 1)².
  assert.ok(Math.abs(m.exact - 0.5) < 1e-8, `γ* = ${m.exact}`);
  const text = await explanation(page, 'lesson-1d');
  assert.match(text, /L = 2 /);
  assert.match(text, /2\/L = 1\b/);
  assert.match(text, /γ = 0\.01, \|1 − γL\| = 0\.98 < 1/);
  assert.match(text, /γ\* = 0\.5,/);
  assert.ok(await countColor(view(page, 'lesson-1d'), PHI_RED) > 200, 'φ is drawn');
  assertClean(page);
});

test('lesson 1: Shift+→ on the focused view doubles γ; the form, the link and the run follow', async () => {
  const page = await lab.open('x0=5');
  await view(page, 'lesson-1d').press('Shift+ArrowRight');
  await page.waitForFunction(() => location.hash.includes('gamma=0.02'));
  assert.equal(await page.locator('#lesson-1d input[name="gamma"]').inputValue(), '0.02');
  assert.equal((await marks(page, 'lesson-1d')).gamma, 0.02);
  // The run was recomputed with γ = 0.02: one step from 5 gives 5 − 0.02·8.
  await page.locator('#lesson-1d').getByRole('button', { name: 'step', exact: true }).click();
  const x1 = Number((await page.locator('#lesson-1d [data-out="x"]').textContent()).trim());
  assert.ok(Math.abs(x1 - (5 - 0.02 * 8)) < 1e-6, `x_1 = ${x1}`);
  await view(page, 'lesson-1d').press('ArrowLeft');
  await page.waitForFunction(() => location.hash.includes('gamma=0.018'));
  assertClean(page);
});

test('lesson 2: dragging the γ marker past 2/L sets the learning rate and says the error grows', async () => {
  const page = await lab.open('lesson=2d');
  const canvas = view(page, 'lesson-2d');
  await canvas.scrollIntoViewIfNeeded();
  const before = await marks(page, 'lesson-2d');
  assert.equal(before.gamma, 0.01);
  assert.ok(before.critical > 0.01 && Number.isFinite(before.exact), JSON.stringify(before));
  assert.match(await explanation(page, 'lesson-2d'), /< 1: that error shrinks/);
  const v = await viewOf(canvas);
  const box = await canvas.boundingBox();
  const from = toPixel(v, 0.01, v.y1);
  const target = Math.min(1.15 * before.critical, v.x1 * 0.98);
  const to = toPixel(v, target, v.y1);
  await page.mouse.move(box.x + from.px, box.y + v.t + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + to.px, box.y + v.t + 8, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => !location.hash.includes('gamma2=') || !/gamma2=0\.01(&|$)/.test(location.hash));
  const chosen = Number(await page.locator('#lesson-2d input[name="gamma2"]').inputValue());
  assert.ok(Math.abs(chosen - target) < 0.05 * target, `γ set to ${chosen}, dragged to ${target}`);
  assert.equal(Number(decodeURIComponent(await hashValue(page, 'gamma2'))), chosen);
  await page.waitForFunction((g) => JSON.parse(document.querySelector('#lesson-2d [data-role="stepsize"]').dataset.marks).gamma === g, chosen);
  assert.match(await explanation(page, 'lesson-2d'), /> 1: each step multiplies that error/);
  assertClean(page);
});

test('lesson 2: the log axis samples four decades of γ and keeps the marks', async () => {
  const page = await lab.open('lesson=2d');
  await page.locator('#lesson-2d select[name="stepsize-scale"]').selectOption('log');
  await page.waitForFunction(() => JSON.parse(document.querySelector('#lesson-2d [data-role="stepsize"]').dataset.marks).log);
  const v = await viewOf(view(page, 'lesson-2d'));
  assert.ok(Math.abs(v.x1 - v.x0 - 4) < 1e-9, `log₁₀ γ spans ${v.x0}..${v.x1}`);
  const m = await marks(page, 'lesson-2d');
  assert.equal(m.gamma, 0.01);
  assert.equal(m.samples, 240);
  assert.ok(await countColor(view(page, 'lesson-2d'), PHI_RED) > 200, 'φ is drawn');
  assertClean(page);
});

test('the step-size view follows the transport: a later iterate has its own marks', async () => {
  const page = await lab.open('lesson=2d');
  const first = await marks(page, 'lesson-2d');
  for (let i = 0; i < 5; i++) await page.locator('#lesson-2d').getByRole('button', { name: 'step', exact: true }).click();
  const later = await marks(page, 'lesson-2d');
  assert.notEqual(later.exact, first.exact);
  assertClean(page);
});

test('?embed&view=stepsize shows the step-size view alone', async () => {
  const page = await lab.open('lesson=2d', { query: '?embed&view=stepsize' });
  assert.ok(await view(page, 'lesson-2d').isVisible());
  assert.equal(await page.locator('#lesson-2d [data-role="contour"]').isVisible(), false);
  assert.ok(Number.isFinite((await marks(page, 'lesson-2d')).critical));
  assertClean(page);
});

test('with the Armijo line search the line is drawn with its c', async () => {
  const page = await lab.open('lesson=2d&opt=armijo&armijo.c=0.3');
  const m = await marks(page, 'lesson-2d');
  assert.equal(m.c, 0.3);
  assertClean(page);
});
