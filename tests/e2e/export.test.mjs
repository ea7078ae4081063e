// End-to-end tests of export and take-away: CSV, JSON and PNG downloads, "copy as Python"
// (the cell is run with python3 + numpy and ends where the page does), and "copy link".

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertClean } from './harness.mjs';
import { capture, nthDownload, python } from './capture.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });


const open = (hash, options = {}) => lab.open(hash, { init: capture, ...options });
const lesson = (page, id) => page.locator(`#lesson-${id}`);
const press = (page, id, label) => lesson(page, id).getByRole('button', { name: label, exact: true }).click();

/** Runs a cell; its printed lines as arrays of numbers (the "finished" line left out). */
function runCell(py, cell) {
  const out = execFileSync(py, ['-c', cell], { encoding: 'utf8' });
  return out.trim().split('\n').filter((l) => !/^(Training|Entrenamiento)/.test(l)).map((l) => l.trim().split(/\s+/).map(Number));
}

/** Clicks "copy as Python" and returns the cell the page copied. */
async function copyPython(page, id) {
  await press(page, id, 'copy as Python');
  await page.waitForFunction(() => window.__clipboard.length > 0);
  return page.evaluate(() => window.__clipboard[window.__clipboard.length - 1]);
}

const readout = async (page, id, name) => (await lesson(page, id).locator(`[data-out="${name}"]`).textContent()).trim();

test('lesson 1 multi-start: the CSV holds every run\'s steps; copy as Python says it repeats one run', async () => {
  const page = await open('seed=3&multi=1&n=5&steps=20&gamma=0.05');
  await lesson(page, '1d').locator('[data-out="ends"] li').nth(4).waitFor({ state: 'attached' });
  await press(page, '1d', 'CSV');
  const csv = await nthDownload(page, 1);
  assert.match(csv.name, /^descent-1d-gd-gamma0\.05-central-multi5-seed\d+\.csv$/);
  const [head, ...rows] = csv.text.trim().split('\n');
  assert.equal(head, 'run,optimizer,status,k,x,f,df/dx');
  const runs = new Map();
  for (const line of rows) {
    const [run, opt, , k, x, , df] = line.split(',');
    assert.equal(opt, 'gd');
    if (!runs.has(run)) runs.set(run, []);
    runs.get(run).push([Number(k), Number(x), Number(df)]);
  }
  assert.deepEqual([...runs.keys()], ['1', '2', '3', '4', '5'], 'every run, numbered from 1 as in the list');
  for (const [run, steps] of runs) {
    assert.equal(steps.length, 21, `run ${run}: steps + 1 rows`);
    // The rows are the run itself: x_{k+1} = x_k − γ·f′(x_k) with the recorded f′.
    for (let k = 0; k + 1 < steps.length; k++) {
      const [kk, x, df] = steps[k];
      assert.equal(kk, k);
      const want = x - 0.05 * df;
      assert.ok(Math.abs(steps[k + 1][1] - want) <= 1e-12 * Math.max(1, Math.abs(want)), `run ${run} step ${k}`);
    }
  }
  await press(page, '1d', 'copy as Python');
  const status = lesson(page, '1d').locator('[data-out="export-status"]');
  await page.waitForFunction(() => /repeats one run/.test(document.querySelector('#lesson-1d [data-out="export-status"]').textContent));
  assert.match(await status.textContent(), /turn multi-start off/);
  assertClean(page);
});

test('lesson 1: the CSV holds every recorded step, the JSON the same rows, named after the settings', async () => {
  const page = await open('seed=3&gamma=0.02');
  await press(page, '1d', 'CSV');
  const csv = await nthDownload(page, 1);
  assert.equal(csv.name, 'descent-1d-gd-gamma0.02-central-x0_3.csv');
  const lines = csv.text.trim().split('\n');
  assert.equal(lines[0], 'k,x,f,df/dx');
  assert.equal(lines.length, 1 + 51, 'a header and steps + 1 rows');
  const first = lines[1].split(',').map(Number);
  assert.deepEqual(first.slice(0, 3), [0, 3, 4]);
  assert.ok(Math.abs(first[3] - 4) < 1e-9);
  const last = lines[51].split(',').map(Number);
  assert.equal(last[0], 50);
  assert.ok(Math.abs(last[1] - (1 + 2 * 0.96 ** 50)) < 1e-12, `x_50 = ${last[1]}`);
  await lesson(page, '1d').getByRole('slider', { name: 'scrub through the steps' }).press('End');
  assert.equal(Number(await readout(page, '1d', 'x')), Number(last[1].toPrecision(12)));
  await press(page, '1d', 'JSON');
  const json = await nthDownload(page, 2);
  assert.equal(json.name, 'descent-1d-gd-gamma0.02-central-x0_3.json');
  const data = JSON.parse(json.text);
  assert.deepEqual(data.columns, ['k', 'x', 'f', 'df/dx']);
  assert.equal(data.rows.length, 51);
  assert.deepEqual(data.rows[50], last);
  assert.match(await readout(page, '1d', 'export-status'), /Saved descent-1d-.*\.json/);
  assertClean(page);
});

test('lesson 2: the JSON holds every run, the PNG has the canvas size at the device pixel ratio', async () => {
  const page = await open('lesson=2d&seed=5', { scale: 2 });
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4);
  await press(page, '2d', 'JSON');
  const json = await nthDownload(page, 1);
  assert.equal(json.name, 'descent-2d-gd-gamma0.01-seed5.json');
  const data = JSON.parse(json.text);
  assert.deepEqual(data.columns, ['run', 'optimizer', 'status', 'k', 'x', 'y', 'f', 'df/dx', 'df/dy']);
  assert.equal(data.rows.length, 4 * 101);
  assert.deepEqual(data.rows.map((r) => r[0]).filter((v, i, a) => a.indexOf(v) === i), [1, 2, 3, 4]);
  // A row's partials are the gradient its step used (in the notebook's sequential order,
  // y's partial at the new x): with γ = 0.01 they move the iterate to the next row exactly.
  let steps = 0;
  for (const [i, row] of data.rows.entries()) {
    const next = data.rows[i + 1];
    if (!next || next[0] !== row[0]) continue;
    const [, , , k, x, y, , gx, gy] = row;
    assert.equal(next[4], x - 0.01 * gx, `run ${row[0]} step ${k}: x`);
    assert.equal(next[5], y - 0.01 * gy, `run ${row[0]} step ${k}: y`);
    steps += 1;
  }
  assert.equal(steps, 4 * 100);
  await lesson(page, '2d').locator('select[name="export-view"]').selectOption({ label: 'contour map' });
  await press(page, '2d', 'save PNG');
  const png = await nthDownload(page, 2, { bytes: true });
  assert.equal(png.name, 'descent-2d-gd-gamma0.01-seed5-contour.png');
  assert.deepEqual(png.bytes.slice(1, 4), [80, 78, 71], 'a PNG signature');
  const be32 = (b, i) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  const size = await lesson(page, '2d').locator('canvas[data-role="contour"]').evaluate((c) => ({
    w: c.width, h: c.height, cssW: c.getBoundingClientRect().width, cssH: c.getBoundingClientRect().height,
  }));
  assert.equal(be32(png.bytes, 16), size.w);
  assert.equal(be32(png.bytes, 20), size.h);
  assert.equal(size.w, Math.round(size.cssW * 2), 'the canvas is drawn at devicePixelRatio 2');
  assertClean(page);
});

test('lesson 1: the copied Python cell, run with numpy, ends where the page does', async (t) => {
  const py = python();
  if (!py) { t.skip('no python3 with numpy'); return; }
  const page = await open('seed=3&f=sin(3x)%20%2B%20x%5E2%2F4&mode=forward&gamma=0.05&x0=2&steps=120');
  const cell = await copyPython(page, '1d');
  assert.match(cell, /^import numpy as np/);
  assert.match(await readout(page, '1d', 'export-status'), /Python cell copied/);
  const [[x]] = runCell(py, cell);
  await lesson(page, '1d').getByRole('slider', { name: 'scrub through the steps' }).press('End');
  const shown = Number(await readout(page, '1d', 'x'));
  assert.ok(Math.abs(x - shown) <= 1e-9 * (1 + Math.abs(shown)), `python ${x}, page ${shown}`);
  await press(page, '1d', 'CSV');
  const last = (await nthDownload(page, 1)).text.trim().split('\n').pop().split(',').map(Number);
  assert.ok(Math.abs(x - last[1]) <= 1e-9 * (1 + Math.abs(x)), `python ${x}, CSV ${last[1]}`);
  assertClean(page);
});

for (const [order, opt] of [['sequential', 'gd'], ['simultaneous', 'gd'], ['sequential', 'adam']]) {
  test(`lesson 2 (${opt}, ${order}): the copied Python cell ends every run where the page does`, async (t) => {
    const py = python();
    if (!py) { t.skip('no python3 with numpy'); return; }
    const page = await open(`lesson=2d&seed=11&order=${order}&opt=${opt}`);
    await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 4);
    const cell = await copyPython(page, '2d');
    assert.match(cell, new RegExp(`${order} order`));
    assert.match(cell, opt === 'gd' ? /x0 \+= -gamma\*/ : /opt = Adam\(/);
    const ends = runCell(py, cell);
    assert.equal(ends.length, 4);
    await press(page, '2d', 'JSON');
    const rows = JSON.parse((await nthDownload(page, 1)).text).rows;
    for (let run = 1; run <= 4; run++) {
      const last = rows.filter((r) => r[0] === run).pop();
      const [x, y] = ends[run - 1];
      assert.ok(Math.abs(x - last[4]) < 1e-9 && Math.abs(y - last[5]) < 1e-9, `run ${run}: python (${x}, ${y}), page (${last[4]}, ${last[5]})`);
    }
    // The table shows each run's end to 12 digits: the same numbers.
    const table = await lesson(page, '2d').locator('table.runs tbody tr').first().textContent();
    assert.ok(table.includes(String(Number(ends[0][0].toPrecision(12)))), `${table} shows ${ends[0][0]}`);
    assertClean(page);
  });
}

test('neuron: the copied Python cell trains to the same weights and epoch count', async (t) => {
  const py = python();
  if (!py) { t.skip('no python3 with numpy'); return; }
  const page = await open('lesson=neuron&seed=2');
  await press(page, 'neuron', 'train to the stop rule');
  await page.waitForFunction(() => document.getElementById('lesson-neuron').dataset.training === 'done');
  const cell = await copyPython(page, 'neuron');
  assert.match(cell, /class Neuron\(\):/);
  const [weights, [epochs]] = runCell(py, cell);
  await press(page, 'neuron', 'CSV');
  const csv = await nthDownload(page, 1);
  assert.equal(csv.name, 'descent-neuron-and-lr0.5-seed2.csv');
  const lines = csv.text.trim().split('\n');
  assert.equal(lines[0], 'epoch,cost,b,w1,w2');
  assert.equal(lines.length, epochs + 2, 'a header and epochs + 1 rows');
  const last = lines.pop().split(',').map(Number);
  assert.equal(last[0], epochs);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(weights[i] - last[2 + i]) < 1e-9, `weight ${i}: python ${weights[i]}, page ${last[2 + i]}`);
  assert.match(await readout(page, 'neuron', 'status'), new RegExp(`after ${epochs} epochs`));
  assertClean(page);
});

test('what Python cannot repeat is said where the button is', async () => {
  const page = await open('lesson=2d&seed=5&race=gd,adam');
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 8);
  await press(page, '2d', 'copy as Python');
  assert.match(await readout(page, '2d', 'export-status'), /a race cannot be exported/);
  assert.equal(await page.evaluate(() => window.__clipboard.length), 0);
  assertClean(page);
});

test('copy link copies the canonical link and says so', async () => {
  const page = await open('seed=9&gamma=0.05');
  await page.getByRole('button', { name: 'copy link', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('share-status').textContent.length > 0);
  assert.equal((await page.locator('#share-status').textContent()).trim(), 'Link copied.');
  const link = await page.evaluate(() => window.__clipboard[0]);
  const href = await page.evaluate(() => document.getElementById('share').href);
  assert.equal(link, href);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/(init\/\d+\/)?#.*seed=9/, "absolute, with the settings");
  assert.match(link, /gamma=0\.05/);
  assertClean(page);
});
