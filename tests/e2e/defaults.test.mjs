// End-to-end tests of the defaults that teach: the notebook's update order in lesson 2,
// recommended settings applied when a catalogue function is picked, divergence messages that
// name their cause, and the edge marker with "zoom to path" when the point leaves the plot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const section = (page, name) => page.locator(`#lesson-${name}`);
const out = async (page, name, key) => (await section(page, name).locator(`[data-out="${key}"]`).textContent()).trim();

test('lesson 2 opens in the notebook\'s sequential order and says so; simultaneous is one click away', async () => {
  const page = await lab.open('lesson=2d&seed=3');
  await section(page, '2d').locator('table.runs tbody tr').first().waitFor();
  assert.equal(await section(page, '2d').locator('select[name="order"]').inputValue(), 'sequential');
  assert.match(await out(page, '2d', 'status'), /Sequential update, as in the notebook's In\[13\]/);
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
