// End-to-end tests of lesson 2 (f(x, y)), acting as a person in headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel, hasColorNear, countColor, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-2d');
const readout = async (page, name) => (await lesson(page).locator(`[data-out="${name}"]`).textContent()).trim();
const press = (page, label) => lesson(page).getByRole('button', { name: label, exact: true }).click();
const contourOf = (page) => lesson(page).locator('canvas[data-role="contour"]');
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const RACER = ['#ff2a2a', '#ff9f1c', '#e040fb'].map(hex);

async function open(hash = '') {
  const page = await lab.open(`lesson=2d&seed=3${hash ? `&${hash}` : ''}`);
  await lesson(page).locator('table.runs tbody tr').first().waitFor();
  return page;
}

/** Clicks the contour view at data point (x, y). */
async function clickAt(page, x, y) {
  const canvas = contourOf(page);
  const { px, py } = toPixel(await viewOf(canvas), x, y);
  await canvas.click({ position: { x: px, y: py } });
}

/**
 * The notebook's f2 and its central-difference gradient (In[9], In[12]): In[13]'s sequential
 * loop (y's partial at the new x, the lesson's default), or the simultaneous textbook step.
 */
function notebookSteps(x, y, k, { gamma = 0.01, h = 1e-3, order = 'sequential' } = {}) {
  const f = (a, b) => a ** 4 + b ** 4 - 2 * (a - b) ** 2;
  for (let i = 0; i < k; i++) {
    const gx = (f(x + h, y) - f(x - h, y)) / (2 * h);
    const nx = x - gamma * gx;
    const gy = order === 'sequential' ? (f(nx, y + h) - f(nx, y - h)) / (2 * h) : (f(x, y + h) - f(x, y - h)) / (2 * h);
    [x, y] = [nx, y - gamma * gy];
  }
  return [x, y, f(x, y)];
}

test('the page opens on the notebook: 4 seeded starts, 100 steps, the best run marked', async () => {
  const page = await open();
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 4);
  assert.equal(await lesson(page).locator('table.runs tr.best').count(), 1);
  const best = await lesson(page).locator('table.runs tr.best td').nth(4).textContent();
  assert.ok(Math.abs(Number(best) + 8) < 1e-3, `best f(end) = ${best}, the notebook's −8`);
  await lesson(page).getByRole('slider').press('End');
  assert.equal(await readout(page, 'k'), '100');
  // The catalogue marks the two minima and the saddle.
  assert.equal(await contourOf(page).getAttribute('data-markers'), '3');
  assertClean(page);
});

test('click a start on the contour view, step, and the readout is the core\'s numbers', async () => {
  const page = await open();
  await clickAt(page, 0.5, 1.0);
  assert.equal(await readout(page, 'run'), '5 (gd)');
  const x0 = Number(await readout(page, 'x'));
  const y0 = Number(await readout(page, 'y'));
  assert.ok(Math.abs(x0 - 0.5) < 0.05 && Math.abs(y0 - 1.0) < 0.05, `start (${x0}, ${y0})`);
  for (let i = 0; i < 3; i++) await press(page, 'step');
  assert.equal(await readout(page, 'k'), '3');
  const [x3, y3, f3] = notebookSteps(x0, y0, 3);
  assert.ok(Math.abs(Number(await readout(page, 'x')) - x3) < 1e-9);
  assert.ok(Math.abs(Number(await readout(page, 'y')) - y3) < 1e-9);
  assert.ok(Math.abs(Number(await readout(page, 'f')) - f3) < 1e-9);
  // And bit for bit what a fresh core handle computes from the same start.
  const core = await page.evaluate(() => {
    const w = window.wasmBindings;
    const start = document.querySelector('#lesson-2d table.runs tr:nth-child(5) td:nth-child(3)').textContent.split(/[(,)]/);
    const r = new w.Runs2D('notebook-2d', {}, [], new Float64Array([Number(start[1]), Number(start[2])]), false);
    r.finish();
    const p = r.points(0);
    r.free();
    return [p[6], p[7]];
  });
  assert.ok(Math.abs(core[0] - x3) < 1e-9 && Math.abs(core[1] - y3) < 1e-9);
  const arith = await readout(page, 'arithmetic');
  assert.match(arith, /^step 3 → 4 \(gd\)\nx_3 = /);
  assert.match(arith, /x_4 = x_3 − γ·∇f\(x_3\)/);
  // Step back returns to x_2 in every view; the 3-D view follows the same cursor.
  await press(page, 'step back');
  assert.equal(await readout(page, 'k'), '2');
  // The link carries the clicked start: a fresh page shows the same five runs.
  const hash = await page.evaluate(() => location.hash.slice(1));
  assert.match(hash, /starts2=/);
  const again = await lab.open(hash);
  const rows = (p) => p.locator('#lesson-2d table.runs tbody').textContent();
  await again.locator('#lesson-2d table.runs tbody tr').nth(4).waitFor();
  assert.equal(await rows(again), await rows(page));
  assertClean(page);
  assertClean(again);
});

test('the sequential order replays the notebook\'s In[13] loop', async () => {
  const page = await open('order=sequential');
  await lesson(page).getByRole('slider').press('End');
  const row = lesson(page).locator('table.runs tbody tr').first();
  const start = (await row.locator('td').nth(2).textContent()).match(/-?[\d.e-]+/g).map(Number);
  const f = (a, b) => a ** 4 + b ** 4 - 2 * (a - b) ** 2;
  let [x, y] = start;
  for (let i = 0; i < 100; i++) {
    x += -0.01 * (f(x + 1e-3, y) - f(x - 1e-3, y)) / 2e-3;
    y += -0.01 * (f(x, y + 1e-3) - f(x, y - 1e-3)) / 2e-3;
  }
  const end = (await row.locator('td').nth(3).textContent()).match(/-?[\d.e-]+/g).map(Number);
  assert.ok(Math.abs(end[0] - x) < 1e-9 && Math.abs(end[1] - y) < 1e-9, `${end} vs ${[x, y]}`);
  assertClean(page);
});

test('dragging the 3-D view changes its pixels and the angles', async () => {
  const page = await open();
  const canvas = lesson(page).locator('canvas[data-role="surface"]');
  const before = await canvas.evaluate((c) => c.toDataURL());
  assert.equal(await canvas.getAttribute('data-elev'), '57');
  assert.equal(await canvas.getAttribute('data-azim'), '25');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  const after = await canvas.evaluate((c) => c.toDataURL());
  assert.notEqual(after, before);
  assert.notEqual(await canvas.getAttribute('data-azim'), '25');
  assert.match(await page.evaluate(() => location.hash), /azim=/);
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 4, 'a drag adds no start');
  assertClean(page);
});

/** The typed starts of the link (starts2), as [x, y] pairs. */
async function linkStarts(page) {
  const m = (await page.evaluate(() => location.hash)).match(/starts2=([^&]*)/);
  const v = m ? decodeURIComponent(m[1]).split(',').map(Number) : [];
  return v.flatMap((_, i) => (i % 2 ? [] : [[v[i], v[i + 1]]]));
}

test('a click or a one-finger tap on the 3-D surface adds a start there; a drag or a tap beside it does not', async () => {
  const page = await open();
  const canvas = lesson(page).locator('canvas[data-role="surface"]');
  const rows = () => lesson(page).locator('table.runs tbody tr').count();
  assert.equal(await rows(), 4);
  const box = await canvas.boundingBox();
  // A click on the middle of the drawn surface: one start, inside the box, in the link.
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 5);
  const [first] = await linkStarts(page);
  assert.ok(first.every((v) => Math.abs(v) <= 3), `start ${first} in [-3, 3]²`);
  assert.equal(await canvas.getAttribute('data-elev'), '57', 'a click does not turn the view');
  // A one-finger touch tap elsewhere on the surface: a second, different start.
  await canvas.evaluate((c) => {
    const r = c.getBoundingClientRect();
    const at = { clientX: r.left + r.width * 0.62, clientY: r.top + r.height * 0.6, pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true };
    c.dispatchEvent(new PointerEvent('pointerdown', at));
    c.dispatchEvent(new PointerEvent('pointerup', at));
  });
  await page.waitForFunction(() => document.querySelectorAll('#lesson-2d table.runs tbody tr').length === 6);
  const starts = await linkStarts(page);
  assert.equal(starts.length, 2);
  assert.ok(Math.hypot(starts[1][0] - first[0], starts[1][1] - first[1]) > 0.1, `${starts[1]} differs from ${first}`);
  // A tap in the empty corner of the canvas adds nothing.
  await canvas.click({ position: { x: 3, y: 3 } });
  await page.waitForTimeout(300);
  assert.equal(await rows(), 6);
  assertClean(page);
});

test('race mode with three optimizers: three legend entries and three curves', async () => {
  const page = await open();
  await press(page, 'clear starts');
  for (const name of ['gd', 'momentum', 'adam']) await lesson(page).locator(`input[name="race"][value="${name}"]`).check();
  await clickAt(page, -2, -1);
  assert.equal(await lesson(page).locator('[data-role="legend"] [data-racer]').count(), 3);
  const cost = lesson(page).locator('canvas[data-role="cost"]');
  assert.equal(await cost.getAttribute('data-curves'), '3');
  for (const [i, rgb] of RACER.entries()) {
    assert.ok(await countColor(cost, rgb, 25) > 30, `curve ${i} is drawn in its colour`);
  }
  assert.deepEqual(
    await lesson(page).locator('table.runs tbody td:nth-child(2)').allTextContents(),
    ['gd', 'momentum', 'adam'],
  );
  // Momentum shows its velocity in the arithmetic.
  await lesson(page).locator('table.runs tbody tr').nth(1).click();
  for (let i = 0; i < 2; i++) await press(page, 'step');
  assert.match(await readout(page, 'arithmetic'), /b_3 = μ·b_2 \+ \(1 − τ\)·g = 0\.9·/);
  assertClean(page);
});

test('a γ large enough to diverge shows the diverged mark in the view, table and cost panel', async () => {
  const page = await open();
  await typeInto(lesson(page).locator('input[name="gamma2"]'), '0.5');
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="status"]').dataset.status === 'diverged');
  assert.ok(await lesson(page).locator('table.runs td.diverged').count() >= 1);
  await lesson(page).getByRole('slider').press('End');
  const canvas = contourOf(page);
  const marks = JSON.parse(await canvas.getAttribute('data-diverged'));
  assert.ok(marks.length >= 1, 'a ✕ is drawn');
  const { px, py } = toPixel(await viewOf(canvas), marks[0].x, marks[0].y);
  assert.ok(await hasColorNear(canvas, px, py, [255, 0, 64], { radius: 8, tol: 30 }));
  assert.notEqual(await lesson(page).locator('canvas[data-role="cost"]').getAttribute('data-diverged'), '[]');
  assert.match(await readout(page, 'status'), /diverged/);
  // A bad value shows its message under the input typed into.
  await typeInto(lesson(page).locator('input[name="gamma2"]'), '-1');
  assert.equal((await lesson(page).locator('.error[data-for="gamma2"]').textContent()).trim(),
    'γ (learning rate) must be a number in (0, 10000] (got -1)');
  assertClean(page);
});

test('for a quadratic the page states 2/L, and γ above it diverges', async () => {
  const page = await open();
  await lesson(page).locator('select[name="preset"]').selectOption('bowl');
  assert.equal(await lesson(page).locator('input[name="f"]').inputValue(), '(x^2 + 10*y^2)/2');
  assert.match(await readout(page, 'critical'), /2\/L = 0\.2\b/);
  await typeInto(lesson(page).locator('input[name="gamma2"]'), '0.3');
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="status"]').dataset.status === 'diverged');
  assert.match(await readout(page, 'critical'), /γ = 0\.3 is above it/);
  assertClean(page);
});

test("the bowl's condition number is a slider: κ = 1000 gives 2/L = 0.002", async () => {
  const page = await open();
  const slider = lesson(page).getByRole('slider', { name: 'κ (condition number)' });
  assert.equal(await slider.isVisible(), false, 'no slider for the notebook function');
  await lesson(page).locator('select[name="preset"]').selectOption('bowl');
  assert.equal(await slider.isVisible(), true);
  await slider.press('End');
  await page.waitForFunction(() => document.querySelector('#lesson-2d input[name="f"]').value === '(x^2 + 1000*y^2)/2');
  assert.equal(await lesson(page).locator('select[name="preset"]').inputValue(), 'bowl', 'still the catalogue bowl');
  assert.match(await readout(page, 'critical'), /2\/L = 0\.002\b/);
  assert.equal(await contourOf(page).getAttribute('data-markers'), '1', 'its minimum is marked');
  assertClean(page);
});

test('a typed f(x, y) drives every view; a typo is shown under the input', async () => {
  const page = await open();
  const input = lesson(page).locator('input[name="f"]');
  await typeInto(input, 'x^2 + * y');
  assert.match(await lesson(page).locator('.error[data-for="f"]').textContent(), /column 7/);
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 4, 'the last good runs stay');
  await typeInto(input, 'x^2 + 3*y^2 + x*y');
  assert.equal((await lesson(page).locator('.error[data-for="f"]').textContent()).trim(), '');
  assert.match(await readout(page, 'formula'), /x/);
  // Hessian [[2, 1], [1, 6]]: L = 4 + √5, so 2/L = 0.32071…
  assert.match(await readout(page, 'critical'), /2\/L = 0\.32071/);
  assert.match(await page.evaluate(() => location.hash), /fn2=/);
  await typeInto(lesson(page).locator('input[name="steps2"]'), '2000');
  // The longer runs are computed in slices: wait until the table shows the finished best run.
  await page.waitForFunction(() => {
    const cell = document.querySelectorAll('#lesson-2d table.runs tr.best td')[4];
    return cell && Math.abs(Number(cell.textContent)) < 1e-9;
  }, null, { timeout: 30000 }).catch(() => {});
  const best = lesson(page).locator('table.runs tr.best td').nth(4);
  assert.ok(Math.abs(Number(await best.textContent())) < 1e-9, 'descends to the minimum 0');
  await lesson(page).locator('select[name="basin-n"]').selectOption('64');
  await press(page, 'basin map');
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').dataset.minima !== undefined, null, { timeout: 60000 });
  assert.equal(await lesson(page).locator('[data-out="basin"]').getAttribute('data-minima'), '1');
  assertClean(page);
});

test('the basin map of the notebook function shows two colours; cancel stops it', async () => {
  const page = await open();
  await lesson(page).locator('select[name="basin-n"]').selectOption('64');
  await press(page, 'basin map');
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').dataset.minima !== undefined, null, { timeout: 60000 });
  assert.equal(await lesson(page).locator('[data-out="basin"]').getAttribute('data-minima'), '2');
  const canvas = contourOf(page);
  const orange = await countColor(canvas, [0xe6, 0x9f, 0x00], 12);
  const blue = await countColor(canvas, [0x56, 0xb4, 0xe9], 12);
  assert.ok(orange > 2000 && blue > 2000, `two basin colours: ${orange} and ${blue} pixels`);
  await lesson(page).locator('select[name="basin-n"]').selectOption('256');
  // Start and cancel in one task, before the first chunk runs (deterministic under load).
  await page.evaluate(() => {
    document.querySelector('#lesson-2d [data-action="basin"]').click();
    document.querySelector('#lesson-2d [data-action="basin-cancel"]').click();
  });
  assert.match(await readout(page, 'basin'), /cancelled at \d+ %/);
  assertClean(page);
});

test('zoom to path, wheel zoom and drag pan change the view box', async () => {
  const page = await open();
  const canvas = contourOf(page);
  /** Waits until the view box differs from `prev` (redraws happen on animation frames). */
  const changed = async (prev) => {
    await page.waitForFunction((p) => document.querySelector('#lesson-2d canvas[data-role="contour"]').dataset.view !== p, prev);
    return viewOf(canvas);
  };
  const v0 = await viewOf(canvas);
  await press(page, 'zoom to path');
  const v1 = await changed(JSON.stringify(v0));
  assert.notDeepEqual([v1.x0, v1.x1], [v0.x0, v0.x1]);
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  const v2 = await changed(JSON.stringify(v1));
  assert.ok(v2.x1 - v2.x0 < v1.x1 - v1.x0, 'wheel up zooms in');
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const v3 = await changed(JSON.stringify(v2));
  assert.ok(v3.x0 < v2.x0, 'dragging right pans left');
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 4, 'a drag is not a click');
  assertClean(page);
});

test('a two-finger pinch zooms the contour view', async () => {
  const page = await open();
  const canvas = contourOf(page);
  const v0 = await viewOf(canvas);
  const box = await canvas.boundingBox();
  const cx = box.width / 2;
  const cy = box.height / 2;
  // Two touch pointers move apart: spread 80 px → 160 px zooms in by 2.
  await canvas.evaluate((c, { cx, cy }) => {
    const r = c.getBoundingClientRect();
    const ev = (type, id, x) => c.dispatchEvent(new PointerEvent(type, {
      pointerId: id, pointerType: 'touch', isPrimary: id === 1, bubbles: true,
      clientX: r.left + x, clientY: r.top + cy,
    }));
    ev('pointerdown', 1, cx - 40);
    ev('pointerdown', 2, cx + 40);
    ev('pointermove', 1, cx - 60);
    ev('pointermove', 2, cx + 60);
    ev('pointermove', 1, cx - 80);
    ev('pointermove', 2, cx + 80);
    ev('pointerup', 1, cx - 80);
    ev('pointerup', 2, cx + 80);
  }, { cx, cy });
  await page.waitForFunction((p) => document.querySelector('#lesson-2d canvas[data-role="contour"]').dataset.view !== p, JSON.stringify(v0));
  const v1 = await viewOf(canvas);
  const ratio = (v0.x1 - v0.x0) / (v1.x1 - v1.x0);
  assert.ok(Math.abs(ratio - 2) < 0.05, `zoomed by ${ratio}`);
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 4, 'a pinch places no start');
  assertClean(page);
});

test('a frame with 50 paths stays interactive (its time printed)', async (t) => {
  const page = await open('n2=50');
  assert.equal(await lesson(page).locator('table.runs tbody tr').count(), 50);
  const frames = [];
  for (let i = 0; i < 10; i++) {
    await press(page, 'step');
    frames.push(Number(await lesson(page).getAttribute('data-frame-ms')));
  }
  frames.sort((a, b) => a - b);
  t.diagnostic(`contour frame with 50 paths + cost panel: median ${frames[5]} ms`);
  assert.ok(frames[5] < 50, 'a frame stays interactive');
  assertClean(page);
});

test('pick Himmelblau from the catalogue: its four minima are marked on the contour view', async () => {
  const page = await open();
  const canvas = contourOf(page);
  await lesson(page).locator('select[name="preset"]').selectOption('himmelblau');
  await page.waitForFunction(() => document.querySelector('#lesson-2d canvas[data-role="contour"]').dataset.markers === '4');
  const view = await viewOf(canvas);
  const GREEN = [44, 160, 44];
  const minima = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]];
  for (const [x, y] of minima) {
    const { px, py } = toPixel(view, x, y);
    assert.ok(px > view.l && px < view.w - view.r && py > view.t && py < view.h - view.b, `(${x}, ${y}) is in view`);
    // The ring has radius 7 px around the minimum.
    const ring = await Promise.all([[7, 0], [-7, 0], [0, 7], [0, -7]].map(([dx, dy]) => hasColorNear(canvas, px + dx, py + dy, GREEN, { radius: 2, tol: 30 })));
    assert.ok(ring.filter(Boolean).length >= 3, `a green ring around the minimum at (${x}, ${y})`);
  }
  assertClean(page);
});

test("each lesson keeps its own γ: changing it in 2-D leaves the 1-D lesson's alone", async () => {
  const page = await open();
  await typeInto(lesson(page).locator('input[name="gamma2"]'), '0.05');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /gamma2=0.05/);
  assert.doesNotMatch(hash, /[#&]gamma=/);
  await page.locator('[data-lesson="1d"]').click();
  assert.equal(await page.locator('#lesson-1d input[name="gamma"]').inputValue(), '0.01');
  const again = await lab.open(hash.slice(1));
  assert.equal(await lesson(again).locator('input[name="gamma2"]').inputValue(), '0.05', 'the link restores it');
  assertClean(page);
  assertClean(again);
});
