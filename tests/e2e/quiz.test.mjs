// End-to-end tests of the predict-then-reveal quiz: a link opens a lesson in quiz mode,
// a click near the next iterate scores, a click far away does not, the reveal shows the
// arithmetic, and the choice questions are judged by the core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page, id) => page.locator(`#lesson-${id}`);
const out = async (page, id, name) => (await lesson(page, id).locator(`[data-out="${name}"]`).textContent()).trim();
const choose = (page, id, label) => lesson(page, id).getByRole('button', { name: label, exact: true }).click();

/** Clicks `canvas` at data point (x, y). */
async function clickAt(canvas, x, y) {
  const { px, py } = toPixel(await viewOf(canvas), x, y);
  await canvas.click({ position: { x: px, y: py } });
}

test('lesson 1 in quiz mode: a click near x₁ scores 1/1 with the arithmetic, a far one 1/2', async () => {
  const page = await lab.open('seed=3&quiz=1');
  assert.equal(await lesson(page, '1d').locator('input[name="quiz"]').isChecked(), true, 'the link opened quiz mode');
  const plot = lesson(page, '1d').locator('canvas[data-role="plot"]');
  const view = await viewOf(plot);
  // x₁ = 3 − 0.01·f′(3) = 2.96; click there at mid-height.
  await clickAt(plot, 2.96, (view.y0 + view.y1) / 2);
  await page.waitForFunction(() => /score 1\/1/.test(document.querySelector('#lesson-1d [data-out="quiz-score"]').textContent));
  const reveal = await out(page, '1d', 'quiz-reveal');
  assert.match(reveal, /x_1 = x_0 − γ·f′\(x_0\) = 3 − 0\.01·4 = 2\.96/);
  assert.match(reveal, /: right \(within/);
  assert.equal(await out(page, '1d', 'k'), '1', 'the revealed step is shown');
  assert.equal(await lesson(page, '1d').locator('input[name="x0"]').inputValue(), '3', 'a guess does not move the start');
  await clickAt(plot, 0, (view.y0 + view.y1) / 2);
  await page.waitForFunction(() => /score 1\/2/.test(document.querySelector('#lesson-1d [data-out="quiz-score"]').textContent));
  assert.match(await out(page, '1d', 'quiz-reveal'), /x_2 = x_1 − γ·f′\(x_1\) = 2\.96 − 0\.01·3\.92 = 2\.9208[\s\S]*not close enough/);
  assert.equal(await out(page, '1d', 'k'), '2');
  await choose(page, '1d', 'settles steadily');
  assert.match(await out(page, '1d', 'quiz-reveal'), /It settles steadily; you said it settles steadily: right\./);
  assert.equal(await out(page, '1d', 'quiz-score'), 'score 2/3');
  assertClean(page);
});

test('lesson 1 at γ = 1.5: the core says the run diverges, and a question counts once per step', async () => {
  const page = await lab.open('seed=3&quiz=1&gamma=1.5');
  await choose(page, '1d', 'keeps swinging');
  assert.match(await out(page, '1d', 'quiz-reveal'), /diverged at step \d+[\s\S]*It diverges; you said it keeps swinging: not this time\./);
  assert.equal(await out(page, '1d', 'quiz-score'), 'score 0/1');
  // A second answer at the same step is not scored.
  await choose(page, '1d', 'diverges');
  assert.equal(await out(page, '1d', 'quiz-reveal'), 'You have answered this question at this step: step on to the next one.');
  assert.equal(await out(page, '1d', 'quiz-score'), 'score 0/1');
  await lesson(page, '1d').getByRole('button', { name: 'step', exact: true }).click();
  await choose(page, '1d', 'diverges');
  assert.equal(await out(page, '1d', 'quiz-score'), 'score 1/2');
  // Back to step 0: answered there already.
  await lesson(page, '1d').getByRole('slider', { name: 'scrub through the steps' }).press('Home');
  await choose(page, '1d', 'settles steadily');
  assert.equal(await out(page, '1d', 'quiz-score'), 'score 1/2');
  assertClean(page);
});

test('lesson 1: a guess of "no step" is wrong, the outcomes do not overlap, and a still run says so', async () => {
  const page = await lab.open('seed=3&quiz=1');
  const plot = lesson(page, '1d').locator('canvas[data-role="plot"]');
  const view = await viewOf(plot);
  // x₀ = 3 itself: x₁ = 2.96 is 0.04 away, a whole step: not right.
  await clickAt(plot, 3, (view.y0 + view.y1) / 2);
  await page.waitForFunction(() => /score 0\/1/.test(document.querySelector('#lesson-1d [data-out="quiz-score"]').textContent));
  assert.match(await out(page, '1d', 'quiz-reveal'), /Your guess 3\.\d* is 0\.0\d* away from x_1 = 2\.96: not close enough \(within 0\.02 counts\)/);
  // γ = 0.75: every step turns back and the run converges: one outcome, "settles, overshooting".
  const over = await lab.open('seed=3&quiz=1&gamma=0.75');
  await choose(over, '1d', 'settles, overshooting');
  assert.match(await out(over, '1d', 'quiz-reveal'), /the steps shrank[\s\S]*It settles, overshooting; you said it settles, overshooting: right\./);
  const choices = await lesson(over, '1d').locator('.quiz-choices button').allTextContents();
  assert.deepEqual(choices, ['settles steadily', 'settles, overshooting', 'keeps swinging', 'diverges']);
  // At the minimum nothing moves: said plainly, with no "0 turns back out of 0".
  const still = await lab.open('seed=3&quiz=1&x0=1');
  await choose(still, '1d', 'settles steadily');
  const reveal = await out(still, '1d', 'quiz-reveal');
  assert.match(reveal, /it does not move, the gradient there is 0\.[\s\S]*right\./);
  assert.doesNotMatch(reveal, /out of 0/);
  for (const p of [page, over, still]) assertClean(p);
});

test('quiz mode is a setting: the switch writes it into the link and a plot click places a start again', async () => {
  const page = await lab.open('seed=3');
  const toggle = lesson(page, '1d').locator('input[name="quiz"]');
  assert.equal(await toggle.isChecked(), false);
  assert.equal(await lesson(page, '1d').locator('[data-out="quiz-prompt"]').isVisible(), false);
  await toggle.click();
  await page.waitForFunction(() => location.hash.includes('quiz=1'));
  assert.match(await page.evaluate(() => document.getElementById('share').href), /quiz=1/);
  await toggle.click();
  await page.waitForFunction(() => !location.hash.includes('quiz=1'));
  const plot = lesson(page, '1d').locator('canvas[data-role="plot"]');
  const view = await viewOf(plot);
  await clickAt(plot, 2, (view.y0 + view.y1) / 2);
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('#lesson-1d input[name="x0"]').value) - 2) < 0.05);
  assertClean(page);
});

test('lesson 2 in quiz mode: a click at the selected run\'s next iterate scores', async () => {
  const page = await lab.open('lesson=2d&seed=5&quiz=1');
  await lesson(page, '2d').locator('table.runs tbody tr').first().waitFor();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="x"]').textContent !== '–');
  const x = Number(await out(page, '2d', 'x'));
  const y = Number(await out(page, '2d', 'y'));
  const [gx, gy] = (await out(page, '2d', 'grad')).replace(/[()]/g, '').split(',').map(Number);
  const contour = lesson(page, '2d').locator('canvas[data-role="contour"]');
  await clickAt(contour, x - 0.01 * gx, y - 0.01 * gy);
  await page.waitForFunction(() => /score 1\/1/.test(document.querySelector('#lesson-2d [data-out="quiz-score"]').textContent));
  const reveal = await out(page, '2d', 'quiz-reveal');
  assert.match(reveal, /x_1 = x_0 − γ·∇f\(x_0\)/);
  assert.match(reveal, /: right \(within/);
  assert.equal(await out(page, '2d', 'k'), '1');
  assert.equal(await lesson(page, '2d').locator('table.runs tbody tr').count(), 4, 'a guess adds no start');
  const view = await viewOf(contour);
  await clickAt(contour, view.x0 + 0.1 * (view.x1 - view.x0), view.y0 + 0.1 * (view.y1 - view.y0));
  await page.waitForFunction(() => /score 1\/2/.test(document.querySelector('#lesson-2d [data-out="quiz-score"]').textContent));
  assert.match(await out(page, '2d', 'quiz-reveal'), /not close enough/);
  assertClean(page);
});

test('neuron in quiz mode: which way the first samples move the line', async () => {
  const page = await lab.open('lesson=neuron&quiz=1');
  // The question names its sample before anything is answered.
  assert.match(await out(page, 'neuron', 'quiz-prompt'), /^Next sample: x = \(1, 1\), target y = 1\. Will its update/);
  // The notebook's first sample is (1, 1) with target 1 and output σ(−0.488) < 1: it rises.
  await choose(page, 'neuron', 'output rises');
  const reveal = await out(page, 'neuron', 'quiz-reveal');
  assert.match(reveal, /sample x = \(1, 1\), target y = 1: z = -0\.488433/);
  assert.match(reveal, /its output rises\.[\s\S]*You said it rises: right\./);
  assert.equal(await out(page, 'neuron', 'quiz-score'), 'score 1/1');
  // Then (1, 0) with target 0: its output falls.
  await page.waitForFunction(() => !/^No sample/.test(document.querySelector('#lesson-neuron [data-out="arith-sample"]').textContent));
  assert.match(await out(page, 'neuron', 'quiz-prompt'), /^Next sample: x = \(1, 0\), target y = 0\./);
  await choose(page, 'neuron', 'output rises');
  assert.match(await out(page, 'neuron', 'quiz-reveal'), /sample x = \(1, 0\), target y = 0[\s\S]*its output falls\.[\s\S]*not this time/);
  assert.equal(await out(page, 'neuron', 'quiz-score'), 'score 1/2');
  assertClean(page);
});
