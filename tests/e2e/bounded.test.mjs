// End-to-end tests of bounded work: oversize requests give a budget message or a chunked run
// with progress and Cancel, the lesson on screen keeps working, and no task blocks the page
// for more than 100 ms.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

/** The page's goal for its longest task, in ms; every task over it is reported. */
const LONG_TASK_GOAL_MS = 100;
/**
 * The longest task the test accepts, in ms. Unbounded work blocks for seconds; on a loaded
 * 2-core machine one 10 ms slice plus a repaint was seen to stretch to 190 ms, so the test
 * enforces a margin above the goal (`E2E_LONG_TASK_MS=100` enforces the goal itself).
 */
const LONG_TASK_MS = Number(process.env.E2E_LONG_TASK_MS ?? 250);
const section = (page, key) => page.locator(`#lesson-${key}`);

/**
 * Starts recording long tasks (Chromium's PerformanceObserver `longtask`). Resolves to
 * whether the engine supports it; without it the long-task check is skipped and says so.
 */
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

/** Asserts that no task since `watchLongTasks` took longer than the limit (or says it skipped). */
async function assertNoLongTask(t, page, supported) {
  if (!supported) {
    t.diagnostic('skipped the long-task check: this engine has no PerformanceObserver longtask');
    return;
  }
  // Let the observer deliver the last entries.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const tasks = await page.evaluate(() => window.longTasks);
  const worst = Math.max(0, ...tasks);
  t.diagnostic(`long tasks over 50 ms: ${tasks.length}, longest ${worst} ms; over the ${LONG_TASK_GOAL_MS} ms goal: ${tasks.filter((d) => d > LONG_TASK_GOAL_MS).length}`);
  assert.ok(worst <= LONG_TASK_MS, `a task blocked the page for ${worst} ms (tasks: ${tasks.join(', ')})`);
}

/** Opens lesson 2 on the notebook's 4 runs. */
async function open2d() {
  const page = await lab.open('lesson=2d&seed=3');
  await section(page, '2d').locator('table.runs tbody tr').first().waitFor();
  return page;
}

const rows2d = (page) => section(page, '2d').locator('table.runs tbody tr[data-run]').count();
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);

test('2-D: 10000 starts × 100000 steps is refused with a budget message, from a link and from the form', async (t) => {
  const page = await open2d();
  const longtask = await watchLongTasks(page);
  const two = section(page, '2d');
  // From a link: the budget message as a notice, and the lesson runs with the default N.
  await go(page, 'lesson=2d&seed=3&n2=10000&steps2=100000');
  await page.waitForFunction(() => /exceeds the budget/.test(document.querySelector('#lesson-2d [data-out="notice"]').textContent));
  assert.match(await two.locator('[data-out="notice"]').textContent(),
    /N \(starts\) × steps = 10000 × 100000 = 1000000000 descent steps exceeds the budget of 50000000 .*default N \(starts\)/);
  await page.waitForFunction(() => document.querySelector('#lesson-2d table.runs tbody tr[data-run]')
    && /took all 100000 steps|converged/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent), null, { timeout: 60000 });
  assert.equal(await rows2d(page), 4);
  // From the form: the message under N, and the runs on screen stay.
  await typeInto(two.locator('input[name="n2"]'), '10000');
  await page.waitForFunction(() => document.querySelector('#lesson-2d .error[data-for="n2"]').textContent !== '');
  assert.match(await two.locator('.error[data-for="n2"]').textContent(), /N \(starts\) × steps = 10000 × 100000 .* exceeds the budget/);
  assert.equal(await rows2d(page), 4, 'the previous 4 runs stay on screen');
  await assertNoLongTask(t, page, longtask);
  // The lesson still works: valid settings rebuild it.
  await typeInto(two.locator('input[name="steps2"]'), '100');
  await typeInto(two.locator('input[name="n2"]'), '6');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr[data-run]').length === 6);
  assert.equal(await two.locator('.error[data-for="n2"]').textContent(), '');
  assertClean(page);
});

test('2-D: 2000 starts × 20000 steps runs in chunks with progress; Cancel keeps the previous runs', async (t) => {
  const page = await open2d();
  const longtask = await watchLongTasks(page);
  await go(page, 'lesson=2d&seed=3&n2=2000&steps2=20000');
  const work = section(page, '2d').locator('[data-role="work"]');
  await work.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-role="work"] progress').value > 0);
  assert.match(await work.locator('[data-out="work"]').textContent(), /computing 2000 runs( on \d+ background threads)?: \d+ %/);
  await work.getByRole('button', { name: 'Cancel' }).click();
  await work.waitFor({ state: 'hidden' });
  assert.match(await section(page, '2d').locator('[data-out="error"]').textContent(), /Cancelled/);
  assert.equal(await rows2d(page), 4, 'the previous 4 runs stay on screen');
  assert.equal(await section(page, '2d').locator('input[name="n2"]').inputValue(), '4', 'the form shows the runs on screen');
  await assertNoLongTask(t, page, longtask);
  // Still working: stepping moves the cursor.
  await section(page, '2d').locator('[data-role="transport"] button').first().click();
  assertClean(page);
});

test('2-D: 3000 starts keep their summaries; the selected run\'s path is recomputed', async (t) => {
  const page = await open2d();
  const longtask = await watchLongTasks(page);
  await go(page, 'lesson=2d&seed=3&n2=3000&steps2=100');
  await page.waitForFunction(() => /recomputed/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent), null, { timeout: 60000 });
  const listed = await rows2d(page);
  assert.ok(listed >= 100 && listed <= 102, `${listed} rows listed`);
  assert.match(await section(page, '2d').locator('table.runs tbody').textContent(), /more runs not listed/);
  // Selecting a row recomputes that run: its start and end show in the readouts.
  await section(page, '2d').locator('table.runs tbody tr[data-run="7"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="run"]').textContent.startsWith('8 '));
  const cells = await section(page, '2d').locator('table.runs tbody tr[data-run="7"] td').allTextContents();
  // Run 8's start, as listed, is where the readout starts (cursor at 0).
  const x = await section(page, '2d').locator('[data-out="x"]').textContent();
  assert.ok(cells[2].startsWith(`(${x},`), `start ${cells[2]} vs x = ${x}`);
  await assertNoLongTask(t, page, longtask);
  assertClean(page);
});

test('1-D: 10000 starts × 100000 steps is refused; 10000 × 4000 runs in chunks and Cancel keeps the run', async (t) => {
  const page = await lab.open('seed=5');
  const one = section(page, '1d');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').textContent !== '');
  const longtask = await watchLongTasks(page);
  await typeInto(one.locator('input[name="steps"]'), '100000');
  await page.waitForFunction(() => /took all 100000 steps/.test(document.querySelector('#lesson-1d [data-out="status"]').textContent), null, { timeout: 60000 });
  await one.locator('input[name="multi"]').check();
  await typeInto(one.locator('input[name="n"]'), '10000');
  await page.waitForFunction(() => document.querySelector('#lesson-1d .error[data-for="n"]').textContent !== '');
  assert.match(await one.locator('.error[data-for="n"]').textContent(), /N \(starts\) × steps = 10000 × 100000 .* exceeds the budget/);
  assert.match(await one.locator('[data-out="status"]').textContent(), /took all 100000 steps/, 'the previous run stays');
  // A typed function of several transcendental terms makes the 4·10⁷ steps take seconds,
  // so that Cancel comes before the end on a fast machine too.
  await go(page, 'seed=5&multi=1&n=10000&steps=4000&f=sin(3*x)%2Bcos(x)**2%2Blog(1%2Bx**2)%2Bexp(-x**2)');
  const work = one.locator('[data-role="work"]');
  await work.waitFor({ state: 'visible' });
  assert.match(await work.locator('[data-out="work"]').textContent(), /computing 10000 runs( on \d+ background threads)?: \d+ %/);
  await work.getByRole('button', { name: 'Cancel' }).click();
  await work.waitFor({ state: 'hidden' });
  assert.match(await one.locator('[data-out="status"]').textContent(), /Cancelled/);
  assert.equal(await one.locator('input[name="steps"]').inputValue(), '100000', 'the form shows the run on screen');
  await assertNoLongTask(t, page, longtask);
  // Still working: a small multi-start completes and lists its ends.
  await go(page, 'seed=5&multi=1&n=20&steps=50');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-1d [data-out="ends"] li').length === 20);
  assertClean(page);
});

test('1-D: 5000 starts keep their end points; the best trail is recomputed for the readouts', async (t) => {
  const page = await lab.open('seed=5');
  const longtask = await watchLongTasks(page);
  await go(page, 'seed=5&multi=1&n=5000&steps=100');
  await page.waitForFunction(() => /recomputed/.test(document.querySelector('#lesson-1d [data-out="best"]').textContent), null, { timeout: 60000 });
  const best = await section(page, '1d').locator('[data-out="best"]').textContent();
  const end = Number(best.match(/ends at x = ([-\d.e]+)/)[1]);
  // Readouts follow the best run: at the last step x is its end.
  await section(page, '1d').getByRole('slider', { name: 'scrub through the steps' }).press('End');
  assert.equal(await section(page, '1d').locator('[data-out="k"]').textContent(), '100');
  assert.equal(Number(await section(page, '1d').locator('[data-out="x"]').textContent()), end);
  await assertNoLongTask(t, page, longtask);
  assertClean(page);
});

test('the basin map refuses grid × steps over its budget', async (t) => {
  const page = await lab.open('lesson=2d&seed=3&bsteps=100000');
  await section(page, '2d').locator('table.runs tbody tr').first().waitFor();
  const longtask = await watchLongTasks(page);
  await section(page, '2d').locator('select[name="basin-n"]').selectOption('256');
  await section(page, '2d').getByRole('button', { name: 'basin map', exact: true }).click();
  assert.match(await section(page, '2d').locator('[data-out="basin"]').textContent(), /basin grid × basin-map steps = 256 × 100000 .* exceeds the budget/);
  await assertNoLongTask(t, page, longtask);
  assertClean(page);
});

test('neuron training of the largest network to the epoch limit never blocks the page', async (t) => {
  const page = await lab.open('lesson=neuron&seed=1&ngate=xor&nhidden=8&ninit=seeded&nepochs=100000&ncost=0.000001&nlr=0.01');
  const nl = section(page, 'neuron');
  await nl.locator('[data-out="progress-text"]').waitFor();
  const longtask = await watchLongTasks(page);
  await nl.locator('.train-bar [data-action="train"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 60000 });
  assert.match(await nl.locator('[data-out="progress-text"]').textContent(), /epoch \d+ \/ 100000/);
  assert.equal(await nl.locator('.train-bar [data-action="train"]').textContent(), 'train to the stop rule');
  await assertNoLongTask(t, page, longtask);
  assertClean(page);
});
