// End-to-end tests of lesson 1's methods (opt1): gradient descent, the backtracking (Armijo)
// and exact line searches and Newton's method, each chosen by the link and by the form, with
// its own hyperparameters under the menu, its arithmetic, its "copy as Python" cell and the
// core's message under a bad value.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertClean, typeInto, viewOf, toPixel } from './harness.mjs';
import { capture, python } from './capture.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-1d');
const input = (page, key) => lesson(page).locator(`[name="${key}"]`);
const readout = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).textContent()).trim();
const press = (page, label) => lesson(page).getByRole('button', { name: label, exact: true }).click();
const paramNames = (page) => lesson(page).locator('[data-role="params"] input').evaluateAll((els) => els.map((e) => e.name));

async function open(hash) {
  const page = await lab.open(`seed=3&${hash}`, { init: capture });
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="x"]').textContent.trim() !== '–');
  return page;
}

/** Opens "show the arithmetic" at x₀, reads the step 0 → 1 there, then takes that step. */
async function firstStep(page) {
  await lesson(page).locator('[data-role="arith"] summary').click();
  await page.waitForFunction(() => /step 0 → 1/.test(document.querySelector('#lesson-1d [data-out="arithmetic"]').textContent));
  const text = await readout(page, 'arithmetic');
  await press(page, 'step');
  return text;
}

const METHODS = [
  {
    name: 'armijo',
    params: ['armijo1.rho', 'armijo1.c'],
    typed: { 'armijo1.rho': '0.7' },
    // From x₀ = 3 with γ = 1: x − γ·4 = −1 gives f = 4 (no decrease), γ = 0.5 lands on 1.
    panel: [/^γ = 1$/m, /Armijo: accept γ when f\(x_0 − γ·g\) ≤ f\(x_0\) − c·γ·‖g‖² = 4 − 0\.0001·γ·16; ρ = 0\.5/,
      /trial 1: γ = 1: f = 4 > 3\.9984 → shrink γ ← ρ·γ/, /trial 2: γ = 0\.5: f = 0 ≤ 3\.9992 → accepted/, /x_1 = x_0 − γ·g = \(3\) − 0\.5·\(4\) = \(1\)/],
    python: /opt = Armijo\(lr=1, rho=0\.5, c=1e-4, f=f2\)/,
    x1: 1,
  },
  {
    name: 'exactls',
    params: ['exactls1.tol'],
    typed: { 'exactls1.tol': '1e-7' },
    panel: [/φ\(γ\) = f\(x_0 − γ·g\): φ\(0\) = 4/, /chosen γ\* = 0\.5: φ\(γ\*\) = /, /x_1 = x_0 − γ\*·g = \(3\) − 0\.5·\(4\) = \(1\)/],
    python: /opt = ExactLineSearch\(lr=1, tol=1e-10, f=f2, grad=grad2\)/,
    x1: 1,
  },
  {
    name: 'newton',
    params: ['newton1.lr'],
    typed: { 'newton1.lr': '0.5' },
    panel: [/^α = 1$/m, /H\(x_0\) = f″ = 2 \(exact\)/, /H is positive definite \(smallest eigenvalue 2\): d = H⁻¹·g = \(2\)/, /x_1 = x_0 − α·d = \(3\) − 1·\(2\) = \(1\)/],
    python: /opt = Newton\(lr=1, grad=grad2\)/,
    x1: 1,
  },
];

for (const m of METHODS) {
  test(`${m.name}: chosen by the link and by the form, it runs, shows its arithmetic and its Python`, async () => {
    // By the link, from x₀ = 3 on (x − 1)² with γ = 1 (Newton has its own α = 1).
    const page = await open(`opt1=${m.name}&gamma=1&mode=exact&x0=3`);
    assert.equal(await input(page, 'opt1').inputValue(), m.name);
    assert.deepEqual(await paramNames(page), m.params);
    const text = await firstStep(page);
    for (const re of m.panel) assert.match(text, re, text);
    assert.equal(await readout(page, 'k'), '1');
    assert.ok(Math.abs(Number(await readout(page, 'x')) - m.x1) < 1e-9, await readout(page, 'x'));
    await press(page, 'copy as Python');
    await page.waitForFunction(() => window.__clipboard.length > 0);
    const cell = await page.evaluate(() => window.__clipboard[window.__clipboard.length - 1]);
    assert.match(cell, m.python, cell);
    assert.match(cell, /x0, _ = opt\.step\(x0, 0\.0, Df\(x0\), 0\.0\)/, cell);
    const py = python();
    if (py) {
      const end = Number(execFileSync(py, ['-c', cell], { encoding: 'utf8' }).trim());
      assert.ok(Math.abs(end - 1) < 1e-9, `the cell ends at ${end}`);
    }
    assertClean(page);

    // By the form: choose it, type one of its settings, and the link carries both.
    const form = await open('x0=3');
    assert.deepEqual(await paramNames(form), []);
    await input(form, 'opt1').selectOption(m.name);
    await form.waitForFunction((n) => location.hash.includes(`opt1=${n}`), m.name);
    assert.deepEqual(await paramNames(form), m.params);
    for (const [key, value] of Object.entries(m.typed)) {
      await typeInto(input(form, key), value);
      assert.equal((await lesson(form).locator(`.error[data-for="${key}"]`).textContent()).trim(), '', key);
      await form.waitForFunction((kv) => location.hash.includes(kv), `${key}=${value}`);
    }
    // Back to gradient descent: its hyperparameters leave the form, and the notebook's run is back.
    await input(form, 'opt1').selectOption('gd');
    await form.waitForFunction(() => !location.hash.includes('opt1='));
    assert.deepEqual(await paramNames(form), []);
    assert.equal(await readout(form, 'rate-note'), '');
    assertClean(form);
  });
}

test('Newton ends at x = 1 after one step from any start on (x − 1)², in the single run and the multi-start', async () => {
  for (const x0 of ['-7.5', '9']) {
    const page = await open(`opt1=newton&x0=${x0}&steps=5`);
    await press(page, 'step');
    assert.equal(await readout(page, 'k'), '1');
    // f′ by the notebook's central difference: exact for a parabola up to rounding.
    assert.ok(Math.abs(Number(await readout(page, 'x')) - 1) < 1e-9, await readout(page, 'x'));
    assert.ok(Math.abs(Number(await readout(page, 'f'))) < 1e-18, await readout(page, 'f'));
    assert.equal(await readout(page, 'rate-note'), "Newton's method has its own α (1): the γ of gradient descent (0.01) does not apply.");
    // The step-size view marks the γ Newton took: α/f″ = 1/2, the exact minimiser along −f′.
    await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="stepsize"]').textContent.trim() !== '');
    assertClean(page);
  }
  const multi = await open('opt1=newton&multi=1&n=20&steps=3');
  await multi.waitForFunction(() => document.querySelectorAll('#lesson-1d [data-out="ends"] li').length === 20);
  const ends = await lesson(multi).locator('[data-out="ends"] li').allTextContents();
  for (const e of ends) assert.match(e, /→ x = 1, f = 0 /, e);
  assertClean(multi);
});

test('a bad hyperparameter gets the core\'s message under its field, and a link\'s is reported', async () => {
  const page = await open('opt1=armijo');
  const before = await readout(page, 'x');
  await typeInto(input(page, 'armijo1.rho'), '1.5');
  const error = lesson(page).locator('.error[data-for="armijo1.rho"]');
  await page.waitForFunction(() => document.querySelector('#lesson-1d .error[data-for="armijo1.rho"]').textContent.trim() !== '');
  assert.match(await error.textContent(), /ρ \(shrink factor\) must be a number in \(0, 1\) \(got 1\.5\)/);
  assert.equal(await readout(page, 'x'), before, 'the run on screen stays');
  await typeInto(input(page, 'armijo1.rho'), '0.25');
  await page.waitForFunction(() => document.querySelector('#lesson-1d .error[data-for="armijo1.rho"]').textContent.trim() === '');
  await typeInto(input(page, 'armijo1.c'), '0');
  await page.waitForFunction(() => /c \(sufficient decrease\) must be a number in \(0, 1\)/.test(document.querySelector('#lesson-1d .error[data-for="armijo1.c"]').textContent));
  assertClean(page);

  const link = await open('opt1=newton&newton1.lr=-2');
  assert.equal(await input(link, 'newton1.lr').inputValue(), '1');
  assert.match(await link.locator('body').textContent(), /Link settings ignored: α \(Newton step length\) must be a number in \(0, 10000\] \(got -2\)/);
  assertClean(link);
});

test('the intro says how the chosen method steps, and the quiz reveals and grades that method\'s step', async () => {
  const cases = [
    { opt: 'newton', intro: /^Newton's method divides the slope by the curvature/, reveal: /x_1 = x_0 − α·d = \(3\) − 1·\(2\) = \(1\)/, score: 'score 1/1' },
    { opt: 'exactls', intro: /^With the exact line search, each step moves to the γ that minimises φ\(γ\)/, reveal: /chosen γ\* = 0\.5[\s\S]*x_1 = x_0 − γ\*·g = \(3\) − 0\.5·\(4\) = \(1\)/, score: 'score 1/1' },
    { opt: 'armijo', intro: /^With the backtracking line search \(Armijo\)/, reveal: /trial 1: γ = 0\.01: f = 3\.8416 ≤ 3\.99998 → accepted[\s\S]*x_1 = 2\.96: not close enough/, score: 'score 0/1' },
  ];
  for (const c of cases) {
    const page = await open(`quiz=1&opt1=${c.opt}`);
    assert.match(await readout(page, 'method-intro'), c.intro);
    // On (x − 1)² from x₀ = 3, Newton and the exact line search land on 1 in one step; Armijo
    // accepts γ = 0.01 and moves to 2.96, so a guess of 1 is wrong there.
    const plot = lesson(page).locator('canvas[data-role="plot"]');
    const view = await viewOf(plot);
    const { px, py } = toPixel(view, 1, (view.y0 + view.y1) / 2);
    await plot.click({ position: { x: px, y: py } });
    await page.waitForFunction((want) => document.querySelector('#lesson-1d [data-out="quiz-score"]').textContent.trim() === want, c.score);
    assert.match(await readout(page, 'quiz-reveal'), c.reveal, c.opt);
    assertClean(page);
  }
  const page = await open('opt1=armijo');
  await lesson(page).locator('[name="opt1"]').selectOption('gd');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="method-intro"]').hidden);
  assertClean(page);
});
