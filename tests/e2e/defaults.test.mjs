// End-to-end tests of the defaults that teach: the notebook's update order in lesson 2,
// recommended settings applied when a catalogue function is picked, divergence messages that
// name their cause, and the edge marker with "zoom to path" when the point leaves the plot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto, hasColorNear } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const section = (page, name) => page.locator(`#lesson-${name}`);
const out = async (page, name, key) => (await section(page, name).locator(`[data-out="${key}"]`).textContent()).trim();

test('lesson 2 opens in the notebook\'s sequential order and says so; simultaneous is one click away', async () => {
  const page = await lab.open('lesson=2d&seed=3');
  await section(page, '2d').locator('table.runs tbody tr').first().waitFor();
  assert.equal(await section(page, '2d').locator('select[name="order"]').inputValue(), 'sequential');
  assert.match(await out(page, '2d', 'status'), /Sequential update, as in the notebook's descent loop \(its cell In\[13\]\)/);
  await section(page, '2d').locator('select[name="order"]').selectOption('simultaneous');
  await page.waitForFunction(() => /Simultaneous update/.test(document.querySelector('#lesson-2d [data-out="status"]').textContent));
  assert.match(await page.evaluate(() => location.hash), /order=simultaneous/);
  assertClean(page);
});

test('picking Rosenbrock applies its recommended settings, says so, and no run diverges', async () => {
  const page = await lab.open('lesson=2d&seed=3');
  const l = section(page, '2d');
  await l.locator('table.runs tbody tr').first().waitFor();
  await l.locator('select[name="preset"]').selectOption('rosenbrock');
  assert.match(await out(page, '2d', 'recommended'), /^Rosenbrock: γ = 0\.001, 20000 steps, box 2, basin map 3000 steps — recommended for this function\./);
  assert.equal(await l.locator('input[name="gamma2"]').inputValue(), '0.001');
  assert.equal(await l.locator('input[name="steps2"]').inputValue(), '20000');
  assert.equal(await l.locator('input[name="box"]').inputValue(), '2');
  assert.equal(await l.locator('input[name="bsteps"]').inputValue(), '3000');
  // The longer runs are computed in slices: wait for the table of the new runs.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#lesson-2d table.runs tbody tr')];
    return rows.length === 4 && rows.every((r) => r.querySelectorAll('td')[5]?.textContent.trim() === '20000');
  }, null, { timeout: 60000 });
  const table = await l.locator('table.runs tbody').textContent();
  assert.doesNotMatch(table, /diverged/);
  // Every run ends near the minimum (1, 1).
  const best = Number(await l.locator('table.runs tr.best td').nth(4).textContent());
  assert.ok(best < 1e-4, `best f(end) = ${best}`);
  assert.match(await page.evaluate(() => location.hash), /gamma2=0.001/);
  assertClean(page);
});

test('picking a 1-D catalogue function sets its γ and steps with a note', async () => {
  const page = await lab.open('lesson=1d&seed=3');
  const l = section(page, '1d');
  await l.locator('select[name="preset"]').selectOption('double-well');
  assert.match(await out(page, '1d', 'recommended'), /^Tilted double well: γ = 0\.05, 200 steps/);
  assert.equal(await l.locator('input[name="gamma"]').inputValue(), '0.05');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').dataset.status !== 'running');
  assert.notEqual(await l.locator('[data-out="status"]').getAttribute('data-status'), 'diverged');
  // Typing a function of one's own clears the note.
  await l.locator('input[name="f"]').fill('x^2');
  assert.equal(await out(page, '1d', 'recommended'), '');
  assertClean(page);
});

test('a diverging run names its cause: log of a negative iterate, not the parabola hint', async () => {
  const page = await lab.open('lesson=1d&seed=3&f=log(x)&x0=0.5&gamma=1&multi=0');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').dataset.status === 'diverged');
  const status = await out(page, '1d', 'status');
  assert.match(status, /^The run diverged at step 1: f is undefined at the iterate x_1 = -1\.5/);
  assert.match(status, /log/);
  assert.doesNotMatch(status, /γ > 1/);
  assertClean(page);
});

test('on the notebook parabola γ = 1.5 overshoots and the page gives the γ > 1 hint', async () => {
  const page = await lab.open('lesson=1d&seed=3&gamma=1.5&multi=0');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').dataset.status === 'diverged');
  const status = await out(page, '1d', 'status');
  assert.match(status, /every step overshoots — γ·f″ ≈ 3 > 2/);
  assert.match(status, /On \(x−1\)², f″ = 2, so γ > 1 diverges\./);
  // A start where f overflows is out of range, with no γ hint.
  await typeInto(section(page, '1d').locator('input[name="f"]'), 'x^300');
  await typeInto(section(page, '1d').locator('input[name="x0"]'), '1e9');
  await page.waitForFunction(() => /start itself is out of range/.test(document.querySelector('#lesson-1d [data-out="status"]').textContent));
  assert.doesNotMatch(await out(page, '1d', 'status'), /γ > 1/);
  assertClean(page);
});

test('lesson 1: a point that leaves the plot gets an edge marker; zoom to path brings it back', async () => {
  const page = await lab.open('lesson=1d&seed=3&gamma=1.5&multi=0');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').dataset.status === 'diverged');
  const canvas = section(page, '1d').locator('canvas[data-role="plot"]');
  assert.equal(await canvas.getAttribute('data-edge'), '', 'x₀ = 3 is in view');
  await section(page, '1d').getByRole('slider', { name: 'scrub through the steps' }).press('End');
  const edge = JSON.parse(await canvas.getAttribute('data-edge'));
  assert.ok(Math.abs(Number(edge.x)) > 1e6, `the marked point is the last iterate: ${edge.x}`);
  // The marker is drawn where the data says, in its colour.
  assert.ok(await hasColorNear(canvas, edge.px, edge.py, [0xff, 0x00, 0x40], { radius: 6, tol: 40 }), 'the marker is on the canvas');
  const before = JSON.parse(await canvas.getAttribute('data-view'));
  await section(page, '1d').getByRole('button', { name: 'zoom to path', exact: true }).click();
  const after = JSON.parse(await canvas.getAttribute('data-view'));
  assert.notDeepEqual([after.x0, after.x1, after.y0, after.y1], [before.x0, before.x1, before.y0, before.y1]);
  const x = Number(edge.x);
  assert.ok(after.x0 <= x && x <= after.x1, `the window [${after.x0}, ${after.x1}] holds x = ${x}`);
  assert.equal(await canvas.getAttribute('data-edge'), '', 'no marker once the point is in view');
  await section(page, '1d').getByRole('button', { name: 'reset view', exact: true }).click();
  assert.deepEqual(JSON.parse(await canvas.getAttribute('data-view')).x0, before.x0);
  assertClean(page);
});

test('lesson 2: a start outside the contour window gets an edge marker; zoom to path fits it', async () => {
  const page = await lab.open('lesson=2d&seed=3&multi2=0&starts2=6,-5');
  const l = section(page, '2d');
  await l.locator('table.runs tbody tr').first().waitFor();
  const canvas = l.locator('canvas[data-role="contour"]');
  await page.waitForFunction(() => document.querySelector('#lesson-2d canvas[data-role="contour"]').dataset.edge);
  const edge = JSON.parse(await canvas.getAttribute('data-edge'));
  assert.deepEqual([Number(edge.x), Number(edge.y)], [6, -5]);
  assert.ok(await hasColorNear(canvas, edge.px, edge.py, [0xff, 0x00, 0x40], { radius: 6, tol: 40 }), 'the marker is on the canvas');
  const before = JSON.parse(await canvas.getAttribute('data-view'));
  await l.getByRole('button', { name: 'zoom to path', exact: true }).click();
  await page.waitForFunction((x0) => JSON.parse(document.querySelector('#lesson-2d canvas[data-role="contour"]').dataset.view).x0 !== x0, before.x0);
  const after = JSON.parse(await canvas.getAttribute('data-view'));
  assert.ok(after.x1 >= 6 && after.y0 <= -5, `the window holds the start: ${JSON.stringify(after)}`);
  assert.equal(await canvas.getAttribute('data-edge'), '');
  assertClean(page);
});

test('the XOR explanation is printed once, with the comparison open or closed', async () => {
  const page = await lab.open('lesson=neuron&seed=3&ngate=xor');
  const l = section(page, 'neuron');
  const count = async () => (await l.textContent()).split('not linearly separable').length - 1;
  await page.waitForFunction(() => /not linearly separable/.test(document.querySelector('#lesson-neuron [data-out="separable"]').textContent));
  assert.equal(await count(), 1);
  await l.locator('[data-role="compare"] summary').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-role="compare"]').dataset.state === 'done', null, { timeout: 60000 });
  assert.equal(await count(), 1, 'the comparison does not repeat it');
  assertClean(page);
});

test('every 2-D catalogue function, picked, runs its recommended settings: 3 of 4 starts do not diverge, or the note says why', async () => {
  const page = await lab.open('lesson=2d&seed=3');
  const l = section(page, '2d');
  await l.locator('table.runs tbody tr').first().waitFor();
  const ids = await l.locator('select[name="preset"] option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v && v !== 'notebook-2d'));
  assert.ok(ids.length >= 12, `${ids.length} entries`);
  for (const id of ids) {
    await l.locator('select[name="preset"]').selectOption(id);
    // The runs on screen are the new function's once the link names it.
    await page.waitForFunction(() => {
      const f = document.querySelector('#lesson-2d input[name="f"]').value;
      return new URLSearchParams(location.hash.slice(1)).get('fn2') === f && !document.querySelector('#lesson-2d').dataset.working;
    }, null, { timeout: 60000 });
    const statuses = await l.locator('table.runs tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[6]?.textContent ?? ''));
    const diverged = statuses.filter((s) => /diverged/.test(s)).length;
    const note = await out(page, '2d', 'recommended');
    assert.match(note, /recommended for this function/, id);
    const why = /defeat descent|no minimum|crawls|No single γ/.test(note);
    assert.ok(statuses.length - diverged >= 3 || why, `${id}: ${diverged} of ${statuses.length} diverged; note: ${note}`);
  }
  assertClean(page);
});
