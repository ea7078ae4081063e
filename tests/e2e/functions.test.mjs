// End-to-end tests of typed functions, the catalogue and the derivative lab in the 1-D lesson.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel, hasColorNear, countColor, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const GREEN = [44, 160, 44];
const lesson = (page) => page.locator('#lesson-1d');
const readout = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).textContent()).trim();
const press = (page, label) => lesson(page).getByRole('button', { name: label, exact: true }).click();
const fInput = (page) => lesson(page).locator('input[name="f"]');

test('type (x-1)**2, step, and the readout follows it; the function is echoed as MathML', async () => {
  const page = await lab.open('seed=3&f=x%5E2%2F2');
  await typeInto(fInput(page), '(x-1)**2');
  const math = lesson(page).locator('[data-out="mathml"] math');
  await math.waitFor();
  assert.equal(await math.locator('msup').count(), 1);
  assert.match(await math.textContent(), /x−1/);
  for (let i = 0; i < 5; i++) await press(page, 'step');
  assert.equal(await readout(page, 'k'), '5');
  const x5 = 1 + 2 * 0.98 ** 5; // from x0 = 3, gamma = 0.01
  assert.ok(Math.abs(Number(await readout(page, 'x')) - x5) < 1e-9);
  assert.ok(Math.abs(Number(await readout(page, 'f')) - (x5 - 1) ** 2) < 1e-9);
  // The notebook's function is the default, so the canonical link leaves it out.
  assert.doesNotMatch(await page.evaluate(() => location.hash), /f=/);
  assertClean(page);
});

test('x^^2 shows the message and column under the input, and the previous function still runs', async () => {
  const page = await lab.open('seed=3');
  await typeInto(fInput(page), 'x^^2');
  const msg = lesson(page).locator('.error[data-for="f"]');
  assert.equal((await msg.textContent()).trim(), "unexpected '^' at column 3");
  assert.equal(await fInput(page).getAttribute('aria-invalid'), 'true');
  assert.equal(await fInput(page).evaluate((el) => el.selectionStart), 2, 'the caret is put at column 3');
  // The last valid function, the notebook's (x-1)^2, is still the one that runs.
  await press(page, 'step');
  assert.equal(await readout(page, 'k'), '1');
  assert.ok(Math.abs(Number(await readout(page, 'x')) - 2.96) < 1e-12);
  await typeInto(fInput(page), 'x + z');
  assert.equal((await msg.textContent()).trim(), "unknown name 'z': the variable is x");
  await typeInto(fInput(page), '<b>x</b>');
  assert.equal((await msg.textContent()).trim(), "unexpected character '<' at column 1");
  assert.equal(await lesson(page).locator('.error b').count(), 0, 'typed text is never HTML');
  assertClean(page);
});

test('the gradient mode picker switches between exact and finite differences', async () => {
  const page = await lab.open('seed=3&f=x%5E3&x0=3');
  assert.equal(Number(await readout(page, 'df')), 27.000001, 'central difference: 27 + h²');
  await lesson(page).locator('select[name="mode"]').selectOption('exact');
  assert.equal(Number(await readout(page, 'df')), 27);
  assert.equal(await readout(page, 'df-legend'), 'f′(x) exact');
  await lesson(page).locator('select[name="mode"]').selectOption('forward');
  assert.ok(Math.abs(Number(await readout(page, 'df')) - 27.009001) < 1e-6, 'forward: 27 + 9h + h²');
  assertClean(page);
});

test('picking a catalogue function loads its formula and marks its minima', async () => {
  const page = await lab.open('seed=3');
  await lesson(page).locator('select[name="preset"]').selectOption('double-well');
  assert.equal(await fInput(page).inputValue(), 'x^4 - 2*x^2 + 0.5*x');
  const canvas = lesson(page).locator('canvas[data-role="plot"]');
  await page.waitForFunction(() => JSON.parse(document.querySelector('#lesson-1d canvas[data-role="plot"]').dataset.minima || '[]').length === 2);
  const minima = JSON.parse(await canvas.getAttribute('data-minima'));
  const view = await viewOf(canvas);
  for (const [x, y] of minima) {
    const { px, py } = toPixel(view, x, y);
    assert.ok(await hasColorNear(canvas, px, py, GREEN, { radius: 6, tol: 60 }), `a marker at (${x}, ${y})`);
  }
  assert.match(await readout(page, 'note'), /Two valleys/);
  // Editing the formula makes it the student's own: no catalogue minima any more.
  await typeInto(fInput(page), 'x^4 - 2*x^2 + 0.6*x');
  assert.equal(await lesson(page).locator('select[name="preset"]').inputValue(), '');
  assert.equal(await canvas.getAttribute('data-minima'), '[]');
  // A link with a catalogue formula selects it again.
  // A space is %20 (a + is a plus).
  const linked = await lab.open('seed=3&f=1%20-%20exp%28-%28x-1%29%5E2%29');
  assert.equal(await lesson(linked).locator('select[name="preset"]').inputValue(), 'plateau');
  // The 2-D catalogue, which the 2-D lesson draws, lists Himmelblau's four minima.
  const n = await page.evaluate(() => window.wasmBindings.catalogue(2).find((e) => e.id === 'himmelblau').points.length);
  assert.equal(n, 4);
  for (const p of [page, linked]) assertClean(p);
});

test('the derivative lab plots both errors, marks the best h, and follows the slider', async () => {
  const page = await lab.open('seed=3&f=exp%28x%29&x0=1&mode=exact');
  const panel = lesson(page).locator('[data-role="difflab"]');
  const canvas = panel.locator('canvas');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-role="difflab"] canvas').dataset.best);
  const best = JSON.parse(await canvas.getAttribute('data-best'));
  assert.ok(best.forward[0] > 1e-10 && best.forward[0] < 1e-6, `best forward h ${best.forward[0]}`);
  assert.ok(best.central[0] > 1e-7 && best.central[0] < 1e-3, `best central h ${best.central[0]}`);
  assert.ok(best.central[1] < best.forward[1], 'central beats forward at their best');
  assert.ok(await countColor(canvas, [31, 119, 180]) > 50, 'the forward curve is drawn');
  assert.ok(await countColor(canvas, [44, 160, 44]) > 50, 'the central curve is drawn');
  assert.match(await panel.locator('[data-out="lab"]').textContent(), /With h = 1\.0e-3: forward error 1\.4e-3, central error 4\.5e-7/);
  await panel.locator('input[name="labh"]').fill('-8');
  assert.equal((await panel.locator('[data-out="h"]').textContent()).trim(), '1.0e-8');
  assert.match(await page.evaluate(() => location.hash), /labh=1e-8(&|$)/);
  assertClean(page);
});
