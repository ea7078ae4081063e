// End-to-end tests of lesson 1 (the 1-D descent), acting as a person in headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel, hasColorNear, countColor, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const F_RED = [214, 39, 40];
const lesson = (page) => page.locator('#lesson-1d');
const readout = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).textContent()).trim();
const press = (page, label) => lesson(page).getByRole('button', { name: label, exact: true }).click();

/** Clicks the plot at data abscissa x (any height inside the plot). */
async function clickAtX(page, x) {
  const canvas = lesson(page).locator('canvas[data-role="plot"]');
  const view = await viewOf(canvas);
  const { px } = toPixel(view, x, 0);
  await canvas.click({ position: { x: px, y: view.t + 40 } });
}

test('click a start point, step five times, and x_5 matches the closed form', async () => {
  const page = await lab.open('seed=3');
  await clickAtX(page, 3);
  const x0 = Number(await lesson(page).locator('input[name="x0"]').inputValue());
  assert.ok(Math.abs(x0 - 3) < 0.05, `clicked start ${x0} should be near 3`);
  assert.equal(Number(await readout(page, 'x')), x0);
  for (let i = 0; i < 5; i++) await press(page, 'step');
  assert.equal(await readout(page, 'k'), '5');
  const gamma = 0.01;
  const expected = 1 + (x0 - 1) * (1 - 2 * gamma) ** 5;
  const shown = Number(await readout(page, 'x'));
  assert.ok(Math.abs(shown - expected) < 1e-9, `x_5 = ${shown}, closed form ${expected}`);
  const fShown = Number(await readout(page, 'f'));
  assert.ok(Math.abs(fShown - (expected - 1) ** 2) < 1e-9);
  assert.ok(Math.abs(Number(await readout(page, 'df')) - 2 * (expected - 1)) < 1e-9);
  assertClean(page);
});

test('play, then pause: the step counter advanced and stays', async () => {
  const page = await lab.open('seed=3');
  await press(page, 'play');
  await page.waitForTimeout(700);
  await press(page, 'pause');
  const k = Number(await readout(page, 'k'));
  assert.ok(k > 0, `k advanced to ${k}`);
  await page.waitForTimeout(300);
  assert.equal(Number(await readout(page, 'k')), k, 'paused: the counter no longer moves');
  assertClean(page);
});

test('step back returns to the previous readout; keys step too', async () => {
  const page = await lab.open('seed=3');
  for (let i = 0; i < 3; i++) await press(page, 'step');
  const before3 = await readout(page, 'x');
  await press(page, 'step');
  assert.notEqual(await readout(page, 'x'), before3);
  await press(page, 'step back');
  assert.equal(await readout(page, 'x'), before3);
  assert.equal(await readout(page, 'k'), '3');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await readout(page, 'k'), '4');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await readout(page, 'k'), '2');
  assertClean(page);
});

test('γ = 1.5 makes the page say the run diverged; bad γ shows a message under the input', async () => {
  const page = await lab.open('seed=3');
  await typeInto(lesson(page).locator('input[name="gamma"]'), '1.5');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').dataset.status === 'diverged');
  assert.match(await readout(page, 'status'), /diverged at step \d+/);
  const slider = lesson(page).getByRole('slider', { name: 'scrub through the steps' });
  await slider.press('End');
  assert.ok(Math.abs(Number(await readout(page, 'x'))) > 1e6, 'the last iterate left the bound');
  await typeInto(lesson(page).locator('input[name="gamma"]'), '-2');
  const msg = lesson(page).locator('.error[data-for="gamma"]');
  assert.equal((await msg.textContent()).trim(), 'γ (learning rate) must be a number in (0, 10000] (got -2)');
  assert.equal(await lesson(page).locator('input[name="gamma"]').getAttribute('aria-invalid'), 'true');
  // The last good run stays on screen and still steps.
  await press(page, 'back to the start');
  await press(page, 'step');
  assert.equal(await readout(page, 'k'), '1');
  await typeInto(lesson(page).locator('input[name="gamma"]'), '<b>x</b>');
  assert.match(await msg.textContent(), /got "<b>x<\/b>"\)$/);
  assert.equal(await lesson(page).locator('.error b').count(), 0, 'typed text is never HTML');
  assertClean(page);
});

test('the canvas shows f in its colour where f should be drawn, on a 2× screen too', async () => {
  for (const scale of [1, 2]) {
    const page = await lab.open('seed=3', { scale });
    const canvas = lesson(page).locator('canvas[data-role="plot"]');
    const view = await viewOf(canvas);
    const width = await canvas.evaluate((c) => c.width);
    assert.equal(width, Math.round(view.w * scale), 'backing store follows devicePixelRatio');
    for (const x of [-0.5, 0.25, 1.0, 2.2, 3.5]) {
      const { px, py } = toPixel(view, x, (x - 1) ** 2);
      assert.ok(await hasColorNear(canvas, px, py, F_RED), `f's colour at x = ${x} (scale ${scale})`);
    }
    // Far from the curve there is none of it.
    const { px, py } = toPixel(view, 3.5, 0.5 * (view.y0 + view.y1) + 0.3 * (view.y1 - view.y0));
    assert.equal(await hasColorNear(canvas, px, py, F_RED, { radius: 1 }), false);
    assertClean(page);
  }
});

test('multi-start draws N runs, names the best, and the seed reproduces it', async () => {
  const page = await lab.open('seed=11&multi=1');
  const best = await readout(page, 'best');
  assert.match(best, /^Best of 50 starts \(seed 11\): run \d+ ends at x = /);
  assert.equal(await lesson(page).locator('ol.ends li').count(), 50);
  assert.equal(await lesson(page).locator('ol.ends li.best').count(), 1);
  const canvas = lesson(page).locator('canvas[data-role="plot"]');
  await lesson(page).getByRole('slider', { name: 'scrub through the steps' }).press('End');
  assert.ok(await countColor(canvas, [255, 127, 14]) > 20, 'the best run is highlighted');
  const again = await lab.open('seed=11&multi=1');
  assert.equal(await readout(again, 'best'), best, 'same seed, same runs');
  const other = await lab.open('seed=12&multi=1');
  assert.notEqual(await readout(other, 'best'), best);
  await typeInto(lesson(page).locator('input[name="n"]'), '0');
  assert.match(await lesson(page).locator('.error[data-for="n"]').textContent(), /N \(starts\) must be an integer from 1 to 10000/);
  for (const p of [page, again, other]) assertClean(p);
});

test('the URL carries the settings and a fresh page gets a seed', async () => {
  const page = await lab.open('');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /seed=\d+/);
  await typeInto(lesson(page).locator('input[name="gamma"]'), '0.2');
  assert.match(await page.evaluate(() => location.hash), /gamma=0.2/);
  const linked = await lab.open('gamma=0.3&h=nope&seed=5');
  assert.equal(await lesson(linked).locator('input[name="gamma"]').inputValue(), '0.3');
  assert.match(await linked.locator('#state-errors').textContent(), /h \(difference step\) must be a number/);
  assertClean(page);
  assertClean(linked);
});

test('?embed hides the page chrome for an iframe in course notes, and the lesson still works', async () => {
  const page = await lab.open('seed=4&lesson=2d', { query: '?embed' });
  assert.equal(await page.locator('.tabs').isVisible(), false);
  assert.equal(await page.locator('header h1').isVisible(), false);
  assert.equal(await page.locator('#lesson-2d').isVisible(), true);
  await page.locator('#lesson-2d').getByRole('button', { name: 'step', exact: true }).click();
  assert.equal((await page.locator('#lesson-2d [data-out="k"]').textContent()).trim(), '1');
  assertClean(page);
});
