// End-to-end tests of links that ask for the most work the budgets accept: 60,600 runs of
// six racers, a high-frequency function's contours, the kept-history limits, the run-steps
// limit with Adam and central differences, and the largest basin map. Each opens, the page
// keeps answering (a step click is handled, a frame comes promptly) and, in Chromium, every
// main-thread task over the 100 ms goal is reported (PerformanceObserver `longtask`; other
// engines lack it). A test fails on a task or a frame over a margin above the goal (250 ms:
// a loaded 2-core machine's noise); `E2E_LONG_TASK_MS=100` holds the goal itself, as
// `scripts/bench.sh` does.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, needs, engine } from './harness.mjs';

let lab;
/** The longest task of every case, for the summary printed at the end. */
const longest = [];
before(async () => { lab = await setup(); });
after(async () => {
  if (longest.length) {
    const worst = longest.reduce((a, b) => (b.ms > a.ms ? b : a));
    const over = longest.filter((c) => c.ms > GOAL_MS).length;
    console.log(`# many-run links (${engine}): longest main-thread task ${worst.ms} ms (${worst.name}); cases over the ${GOAL_MS} ms goal: ${over}; per case: ${longest.map((c) => `${c.name} ${c.ms} ms`).join(', ')}`);
  }
  await lab?.close();
});

/** The project's goal for the longest main-thread task and the latest frame, in ms. */
const GOAL_MS = 100;
/** The longest task, and the latest frame, a test accepts, in ms: the goal plus a margin. */
const LONG_TASK_MS = Number(process.env.E2E_LONG_TASK_MS ?? 250);
const FRAME_MS = LONG_TASK_MS;
const section = (page, key) => page.locator(`#lesson-${key}`);
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);

/** 100 clicked starts in [−3, 3]², as six-digit numbers (the link's `starts2`). */
const clicked = Array.from({ length: 200 }, (_, i) => (((i * 7919) % 6001) / 1000 - 3).toFixed(3)).join(',');
const LINK_60600 = `lesson=2d&seed=1&n2=10000&race=gd,momentum,nesterov,adagrad,rmsprop,adam&steps2=1&starts2=${clicked}`;
const LINK_CONTOURS = 'lesson=2d&seed=1&fn2=sin(40*x)*sin(40*y)&box=5';

/** Records every long task (where the engine reports them) from the page's first script. */
function recordLongTasks() {
  window.longTasks = [];
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask' });
}

/** Opens lesson 2 on its default runs with the long-task recorder installed. */
async function open2d() {
  const page = await lab.open('lesson=2d&seed=3', { init: recordLongTasks });
  await section(page, '2d').locator('table.runs tbody tr[data-run]').first().waitFor();
  return page;
}

/** Forgets the long tasks so far (those of opening the page before the link). */
const forgetLongTasks = (page) => page.evaluate(() => { window.longTasks.length = 0; });

/** How long the next animation frame takes to come, in ms. */
const frameDelay = (page) => page.evaluate(() => new Promise((resolve) => {
  const t0 = performance.now();
  requestAnimationFrame(() => resolve(performance.now() - t0));
}));

/**
 * A subtest asserting that no task since the last `forgetLongTasks` took over the limit;
 * it is skipped in an engine without `longtask` entries (the case's other checks still
 * count). Records the longest task for the summary.
 */
async function assertNoLongTask(t, page, name, again = null) {
  // Let the observer deliver the last entries.
  const settle = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  await settle(page);
  await t.test(`no main-thread task over ${LONG_TASK_MS} ms`, async (st) => {
    if (!(await needs(st, page, "PerformanceObserver.supportedEntryTypes.includes('longtask') || undefined"))) return;
    let tasks = await page.evaluate(() => window.longTasks);
    let worst = Math.max(0, ...tasks);
    if (worst > LONG_TASK_MS && again) {
      // A case that sits near the limit is measured once more in a fresh page (a shared
      // machine's noise); both figures are printed, and the second must hold.
      st.diagnostic(`${name}: ${worst} ms on the first try; measured again`);
      const second = await again();
      await settle(second);
      tasks = await second.evaluate(() => window.longTasks);
      worst = Math.max(0, ...tasks);
    }
    longest.push({ name, ms: worst });
    st.diagnostic(`${name}: tasks over 50 ms: ${tasks.length}, longest ${worst} ms; over the ${GOAL_MS} ms goal: ${tasks.filter((d) => d > GOAL_MS).length}`);
    assert.ok(worst <= LONG_TASK_MS, `${name}: a task blocked the page for ${worst} ms (tasks: ${tasks.join(', ')})`);
  });
}

/** Asserts that the page answers: a frame comes within FRAME_MS and a step click moves k. */
async function assertAnswers(t, page, key = '2d') {
  const delays = [];
  for (let i = 0; i < 5; i++) delays.push(await frameDelay(page));
  const late = Math.max(...delays);
  t.diagnostic(`next frame after at most ${late.toFixed(1)} ms`);
  if (engine === 'chromium') assert.ok(late <= FRAME_MS, `a frame came ${late.toFixed(1)} ms late`);
  const transport = section(page, key).locator('[data-role="transport"]');
  await transport.locator('[data-action="reset"]').click();
  const before = await section(page, key).locator('[data-out="k"]').textContent();
  await transport.locator('[data-action="step"]').click();
  await page.waitForFunction(([sel, b]) => document.querySelector(sel).textContent !== b, [`#lesson-${key} [data-out="k"]`, before], { timeout: 2000 });
}

test('the link of 60,600 runs (6 racers × 10,100 starts) opens without blocking the page', async (t) => {
  const page = await open2d();
  await forgetLongTasks(page);
  await go(page, LINK_60600);
  const two = section(page, '2d');
  await page.waitForFunction(() => /60600 runs keep their end points only/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent), null, { timeout: 60000 });
  assert.match(await two.locator('table.runs tbody').textContent(), /more runs not listed/);
  await assertAnswers(t, page);
  // A run chosen in the table is recomputed and shown.
  await two.locator('table.runs tbody tr[data-run="7"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="run"]').textContent.startsWith('8 '));
  await assertNoLongTask(t, page, '60,600 runs');
  assertClean(page);
});

test('sin(40x)·sin(40y) draws fewer contour levels, says so, and never blocks the page', async (t) => {
  const page = await open2d();
  await forgetLongTasks(page);
  await go(page, LINK_CONTOURS);
  const note = section(page, '2d').locator('[data-out="contour-note"]');
  await note.waitFor({ state: 'visible', timeout: 60000 });
  assert.match(await note.textContent(), /^\d+ of \d+ contour levels drawn: all of them would take about \d+ line segments \(the budget is \d+ line segments/);
  await page.waitForFunction(() => /Best:/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent), null, { timeout: 60000 });
  await assertAnswers(t, page);
  await assertNoLongTask(t, page, 'high-frequency contours');
  // A smooth function draws every level again, and the note goes.
  await go(page, 'lesson=2d&seed=1');
  await note.waitFor({ state: 'hidden' });
  assertClean(page);
});

/** Opens the kept-history limits (96 runs × 2001 recorded steps) and scrubs to the end and back. */
async function keptLimits() {
  const page = await open2d();
  await forgetLongTasks(page);
  await go(page, 'lesson=2d&seed=1&n2=16&steps2=2000&race=gd,momentum,nesterov,adagrad,rmsprop,adam');
  const status = section(page, '2d').locator('[data-out="status"]');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr[data-run]').length === 96
    && !document.querySelector('#lesson-2d').dataset.working, null, { timeout: 60000 });
  assert.doesNotMatch(await status.textContent(), /keep their end points only/, '96 runs keep every path');
  // The last step draws every kept path whole in the three views.
  const slider = section(page, '2d').getByRole('slider', { name: 'scrub through the steps' });
  await slider.press('End');
  assert.equal(await section(page, '2d').locator('[data-out="k"]').textContent(), '2000');
  await slider.press('Home');
  return page;
}

test('the kept-history limits (6 racers × 16 starts × 2000 steps, every path drawn) never block the page', async (t) => {
  const page = await keptLimits();
  await assertAnswers(t, page);
  await assertNoLongTask(t, page, 'kept-history limits', keptLimits);
  assertClean(page);
});

test('the run-steps limit (500 starts × 100000 steps of Adam, central differences) runs in slices; Cancel stops it', async (t) => {
  const page = await open2d();
  await forgetLongTasks(page);
  // On the page's thread (workers=0): its slices are what this measures.
  await go(page, 'lesson=2d&seed=1&opt=adam&mode2=central&n2=500&steps2=100000&workers=0');
  const work = section(page, '2d').locator('[data-role="work"]');
  await work.waitFor({ state: 'visible' });
  // A few seconds of slices, with the progress bar moving.
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-role="work"] progress').value > 0, null, { timeout: 30000 });
  const first = await work.locator('progress').evaluate((p) => p.value);
  await page.waitForTimeout(3000);
  const later = await work.locator('progress').evaluate((p) => p.value);
  assert.ok(later > first, `progress moves: ${first} → ${later}`);
  assert.match(await work.locator('[data-out="work"]').textContent(), /computing 500 runs( on \d+ background threads)?: \d+ %/);
  const late = await frameDelay(page);
  t.diagnostic(`a frame while computing came after ${late.toFixed(1)} ms`);
  if (engine === 'chromium') assert.ok(late <= FRAME_MS, `a frame came ${late.toFixed(1)} ms late while computing`);
  await work.getByRole('button', { name: 'Cancel' }).click();
  await work.waitFor({ state: 'hidden' });
  assert.match(await section(page, '2d').locator('[data-out="error"]').textContent(), /Cancelled/);
  await assertAnswers(t, page);
  await assertNoLongTask(t, page, 'run-steps limit');
  assertClean(page);
});

test('the largest basin map (256² × 750 steps) of a high-frequency function runs in slices; cancel stops it', async (t) => {
  const page = await open2d();
  await go(page, `${LINK_CONTOURS}&bsteps=750`);
  await section(page, '2d').locator('[data-out="contour-note"]').waitFor({ state: 'visible', timeout: 60000 });
  await page.waitForFunction(() => /Best:/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent), null, { timeout: 60000 });
  await forgetLongTasks(page);
  const two = section(page, '2d');
  await two.locator('select[name="basin-n"]').selectOption('256');
  await two.getByRole('button', { name: 'basin map', exact: true }).click();
  await page.waitForFunction(() => /basin map: [1-9]\d* %/.test(document.querySelector('#lesson-2d [data-out="basin"]').textContent), null, { timeout: 30000 });
  await page.waitForTimeout(2000);
  const late = await frameDelay(page);
  t.diagnostic(`a frame while mapping came after ${late.toFixed(1)} ms`);
  if (engine === 'chromium') assert.ok(late <= FRAME_MS, `a frame came ${late.toFixed(1)} ms late while mapping`);
  await two.locator('[data-action="basin-cancel"]').click();
  await page.waitForFunction(() => /basin map cancelled at \d+ %/.test(document.querySelector('#lesson-2d [data-out="basin"]').textContent));
  await assertAnswers(t, page);
  await assertNoLongTask(t, page, 'largest basin map');
  assertClean(page);
});
