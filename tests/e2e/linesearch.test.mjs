// End-to-end tests of the line searches and Newton's method in lesson 2: each is chosen by
// the link and by the form, runs, shows its arithmetic (the Armijo trials, φ(γ) and the chosen
// γ, the Hessian and the damping), races beside gradient descent, and its "copy as Python"
// cell ends where the page does; a Newton run's CSV steps are x − H⁻¹∇f.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertClean, typeInto } from './harness.mjs';
import { capture, nthDownload, python } from './capture.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-2d');
const input = (page, key) => lesson(page).locator(`input[name="${key}"]`);
const press = (page, label) => lesson(page).getByRole('button', { name: label, exact: true }).click();
const table = async (page) => (await lesson(page).locator('table.runs tbody').textContent()).trim();
const arithmetic = async (page) => (await lesson(page).locator('[data-out="arithmetic"]').textContent()).trim();

async function open(hash) {
  const page = await lab.open(`lesson=2d&seed=3&${hash}`, { init: capture });
  await lesson(page).locator('table.runs tbody tr').first().waitFor();
  return page;
}

/** Steps once from the first run's start and returns the arithmetic panel's text. */
async function firstStep(page) {
  await lesson(page).locator('table.runs tbody tr').first().click();
  await press(page, 'step');
  await page.waitForFunction(() => /step 1 → 2/.test(document.querySelector('#lesson-2d [data-out="arithmetic"]').textContent));
  return arithmetic(page);
}

const METHODS = [
  {
    name: 'armijo',
    params: ['gamma2', 'armijo.rho', 'armijo.c'],
    typed: { 'armijo.rho': '0.7' },
    panel: [/Armijo: accept γ when f\(x_1 − γ·g\) ≤ f\(x_1\) − c·γ·‖g‖²/, /trial 1: γ = 1: f = .* > .* → shrink γ ← ρ·γ/, /trial \d+: γ = [\d.e-]+: f = .* ≤ .* → accepted/, /x_2 = x_1 − γ·g = /],
  },
  {
    name: 'exactls',
    params: ['gamma2', 'exactls.tol'],
    typed: { 'exactls.tol': '1e-7' },
    panel: [/φ\(γ\) = f\(x_1 − γ·g\): φ\(0\) = /, /bracket grown \d+ time\(s\) by the golden ratio/, /chosen γ\* = [\d.e-]+: φ\(γ\*\) = /, /x_2 = x_1 − γ\*·g = /],
  },
  {
    name: 'newton',
    params: ['newton.lr'],
    typed: { 'newton.lr': '0.5' },
    panel: [/^α = 1$/m, /H\(x_1\) = \[\[.*\]\] \(exact\)/, /H is positive definite \(smallest eigenvalue [\d.]+\): d = H⁻¹·g = /, /x_2 = x_1 − α·d = /],
  },
];

for (const m of METHODS) {
  test(`${m.name}: chosen by the link and by the form, it runs and shows its arithmetic`, async () => {
    // By the link, from (1.5, −1): steps with γ = 1 in the notebook's f.
    const page = await open(`opt=${m.name}&gamma2=1&multi2=0&starts2=1.5,-1&steps2=20`);
    assert.equal(await lesson(page).locator('select[name="opt"]').inputValue(), m.name);
    assert.deepEqual(await lesson(page).locator('[data-role="params"] input').evaluateAll((els) => els.map((e) => e.name)), m.params);
    assert.match(await table(page), new RegExp(m.name));
    // The lesson's order is the notebook's sequential one; these methods step the whole iterate.
    assert.match(await lesson(page).locator('[data-out="status"]').textContent(), /a line search or Newton step moves the whole iterate/);
    const text = await firstStep(page);
    for (const re of m.panel) assert.match(text, re, text);
    assertClean(page);

    // By the form: choose it, type one of its settings, and the link carries both.
    const form = await open('gamma2=1&multi2=0&starts2=1.5,-1&steps2=5');
    const before = await table(form);
    await lesson(form).locator('select[name="opt"]').selectOption(m.name);
    await form.waitForFunction((b) => document.querySelector('#lesson-2d table.runs tbody').textContent.trim() !== b, before);
    const chosen = await table(form);
    for (const [key, value] of Object.entries(m.typed)) {
      await typeInto(input(form, key), value);
      assert.equal((await lesson(form).locator(`.error[data-for="${key}"]`).textContent()).trim(), '', key);
    }
    await form.waitForFunction((b) => document.querySelector('#lesson-2d table.runs tbody').textContent.trim() !== b, chosen);
    const hash = await form.evaluate(() => location.hash);
    assert.match(hash, new RegExp(`(^#|&)opt=${m.name}(&|$)`), hash);
    for (const [key, value] of Object.entries(m.typed)) assert.ok(hash.includes(`${key}=${value}`), `${key} in ${hash}`);
    assertClean(form);

    // The docs page's settings table lists its rows, from the same registry.
    const docs = await lab.open('', { query: 'docs.html', started: false });
    for (const key of m.params) await docs.getByRole('cell', { name: key, exact: true }).first().waitFor();
    assertClean(docs);
  });
}

test('the three methods race beside gradient descent, each with its own colour and runs', async () => {
  const page = await open('race=gd,armijo,exactls,newton&multi2=0&starts2=1.5,-1&gamma2=0.01&steps2=20&mode2=exact');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4);
  const names = await lesson(page).locator('table.runs tbody td:nth-child(2)').allTextContents();
  assert.deepEqual(names, ['gd', 'armijo', 'exactls', 'newton']);
  for (const name of ['armijo', 'exactls', 'newton']) {
    assert.equal(await lesson(page).locator(`input[name="race"][value="${name}"]`).isChecked(), true, name);
  }
  // Newton from (1.5, −1) reaches the minimum (√2, −√2) to the table's digits; gd does not.
  const rows = await lesson(page).locator('table.runs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
  assert.match(rows[3], /1\.41421356237/, rows[3]);
  assert.doesNotMatch(rows[0], /1\.41421356237/, rows[0]);
  assertClean(page);
});

test("Newton's damped step is said where the Hessian is not positive definite", async () => {
  // At (0.3, −0.1), H = [[−2.92, 4], [4, −3.88]]: both eigenvalues are negative.
  const page = await open('opt=newton&multi2=0&starts2=0.3,-0.1');
  await lesson(page).locator('table.runs tbody tr').first().click();
  await page.waitForFunction(() => /step 0 → 1/.test(document.querySelector('#lesson-2d [data-out="arithmetic"]').textContent));
  const text = await arithmetic(page);
  assert.match(text, /H\(x_0\) = \[\[-2\.92, 4\], \[4, -3\.88\]\] \(exact\)/, text);
  assert.match(text, /H is not positive definite \(smallest eigenvalue -[\d.]+\): damped step with a Levenberg-style shift τ = [\d.]+/, text);
  assert.match(text, /d = \(H \+ τI\)⁻¹·g = /, text);
  assertClean(page);

  // A typed function's Hessian comes from the expression language, exactly: H of x² + 3 sin y
  // at (1, 0) is [[2, 0], [0, 0]], singular, so shifted too.
  const typed = await open('opt=newton&fn2=x^2%20%2B%203*sin(y)&multi2=0&starts2=1,0&mode2=exact');
  await lesson(typed).locator('table.runs tbody tr').first().click();
  await typed.waitForFunction(() => /step 0 → 1/.test(document.querySelector('#lesson-2d [data-out="arithmetic"]').textContent));
  const t2 = await arithmetic(typed);
  assert.match(t2, /H\(x_0\) = \[\[2, 0\], \[0, 0\]\] \(exact\)/, t2);
  assert.match(t2, /H is not positive definite \(smallest eigenvalue 0\)/, t2);
  assertClean(typed);
});

test("a Newton run's CSV steps are x − H⁻¹∇f with the notebook's Hessian", async () => {
  const page = await open('opt=newton&multi2=0&starts2=1.5,-1&mode2=exact');
  await press(page, 'CSV');
  const lines = (await nthDownload(page, 1)).text.trim().split('\n');
  const header = lines[0].split(',');
  const col = (name) => { const i = header.indexOf(name); assert.ok(i >= 0, `${name} in ${header}`); return i; };
  const [ix, iy, igx, igy] = [col('x'), col('y'), col('df/dx'), col('df/dy')];
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.ok(rows.length >= 5, `${rows.length} rows`);
  let checked = 0;
  for (let k = 0; k + 1 < rows.length; k++) {
    const [x, y, gx, gy] = [rows[k][ix], rows[k][iy], rows[k][igx], rows[k][igy]];
    if (Math.hypot(gx, gy) < 1e-12) break;
    // H = [[12x² − 4, 4], [4, 12y² − 4]], positive definite along this run.
    const [a, b, d] = [12 * x * x - 4, 4, 12 * y * y - 4];
    const det = a * d - b * b;
    assert.ok(a > 0 && det > 0, `H positive definite at step ${k}`);
    const nx = x - (d * gx - b * gy) / det;
    const ny = y - (a * gy - b * gx) / det;
    const scale = 1e-12 * (1 + Math.abs(x) + Math.abs(y));
    assert.ok(Math.abs(nx - rows[k + 1][ix]) <= scale && Math.abs(ny - rows[k + 1][iy]) <= scale,
      `step ${k}: (${nx}, ${ny}) vs CSV (${rows[k + 1][ix]}, ${rows[k + 1][iy]})`);
    checked++;
  }
  assert.ok(checked >= 4, `${checked} steps checked`);
  assertClean(page);
});

for (const opt of ['armijo', 'exactls', 'newton']) {
  test(`${opt}: the copied Python cell ends every run where the page does`, async (t) => {
    const py = python();
    if (!py) { t.skip('no python3 with numpy'); return; }
    // Few steps: once f's changes are at rounding level, the searches' comparisons are noise.
    const page = await open(`opt=${opt}&mode2=exact&steps2=8&gamma2=0.1`);
    await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4);
    await press(page, 'copy as Python');
    await page.waitForFunction(() => window.__clipboard.length > 0);
    const cell = await page.evaluate(() => window.__clipboard[window.__clipboard.length - 1]);
    assert.match(cell, /x0, y0 = opt\.step\(x0, y0, gx, gy\)/);
    const ends = execFileSync(py, ['-c', cell], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    assert.equal(ends.length, 4);
    await press(page, 'JSON');
    const json = JSON.parse((await nthDownload(page, 1)).text);
    const [ix, iy] = [json.columns.indexOf('x'), json.columns.indexOf('y')];
    for (let run = 1; run <= 4; run++) {
      const last = json.rows.filter((r) => r[0] === run).pop();
      const [x, y] = ends[run - 1];
      assert.ok(Math.abs(x - last[ix]) < 1e-9 && Math.abs(y - last[iy]) < 1e-9, `run ${run}: python (${x}, ${y}), page (${last[ix]}, ${last[iy]})`);
    }
    assertClean(page);
  });
}

/** The durations of tasks over 50 ms since the page loaded, or null without `longtask`. */
async function watchLongTasks(page) {
  return page.evaluate(() => {
    if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return false;
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    return true;
  });
}

for (const opt of ['exactls', 'newton']) {
  test(`${opt}: a basin map runs in slices (no task over 250 ms) and finds the notebook's two minima`, async (t) => {
    const page = await open(`opt=${opt}&bsteps=100`);
    const watching = await watchLongTasks(page);
    await lesson(page).locator('select[name="basin-n"]').selectOption('64');
    await press(page, 'basin map');
    await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').dataset.minima !== undefined, null, { timeout: 120000 });
    assert.equal(await lesson(page).locator('[data-out="basin"]').getAttribute('data-minima'), '2');
    if (watching) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      const tasks = await page.evaluate(() => window.longTasks);
      t.diagnostic(`long tasks over 50 ms: ${tasks.length}, longest ${Math.max(0, ...tasks)} ms`);
      assert.ok(Math.max(0, ...tasks) <= Number(process.env.E2E_LONG_TASK_MS ?? 250), `tasks: ${tasks.join(', ')}`);
    } else {
      t.diagnostic('skipped the long-task check: this engine has no PerformanceObserver longtask');
    }
    assertClean(page);
  });
}

test('a line search counts its step cost in the budget: a race that fits with GD is refused with exactls, from a link and from the form', async () => {
  // 1000 starts × 2000 steps of GD is 2·10⁶ descent steps; a step of the exact line search
  // counts 30, and with GD beside it the race is 1000 × 31 × 2000 = 6.2·10⁷ > 5·10⁷.
  const page = await open('n2=1000&steps2=2000&race=gd,exactls');
  const notice = lesson(page).locator('[data-out="notice"]');
  await page.waitForFunction(() => /exceeds the budget/.test(document.querySelector('#lesson-2d [data-out="notice"]').textContent));
  assert.match(await notice.textContent(), /N \(starts\) × step cost × steps = 1000 × 31 × 2000 = 62000000 descent steps exceeds the budget of 50000000/);
  // The same starts race GD and momentum (a step costs one each) without a word.
  const ok = await open('n2=1000&steps2=2000&race=gd,momentum');
  await ok.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr[data-run]').length > 0
    && !document.querySelector('#lesson-2d').dataset.working, null, { timeout: 60000 });
  assert.equal((await lesson(ok).locator('[data-out="notice"]').textContent()).trim(), '');
  // From the form: choosing Newton for 1000 starts × 5000 steps of GD puts the message under N.
  const form = await open('n2=1000&steps2=5000');
  await lesson(form).locator('select[name="opt"]').selectOption('newton');
  await form.waitForFunction(() => /step cost/.test(document.querySelector('#lesson-2d .error[data-for="n2"]')?.textContent ?? ''), null, { timeout: 30000 });
  assert.match(await lesson(form).locator('.error[data-for="n2"]').textContent(), /N \(starts\) × step cost × steps = 1000 × 20 × 5000 = 100000000 descent steps/);
  for (const p of [page, ok, form]) assertClean(p);
});
