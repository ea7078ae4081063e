// End-to-end tests of what differs between browser engines: the interpreter fallback for
// run-time compiled functions (forced by breaking wasm function tables the way some WebKit
// releases do), their scalar loops where wasm SIMD is refused, and the alignment of the
// echoed MathML formula.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, needs, viewOf, toPixel, hasColorNear, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const F_RED = [214, 39, 40];
const lesson1 = (page) => page.locator('#lesson-1d');
const readout = async (l, name) => (await l.locator(`[data-out="${name}"]`).first().textContent()).trim();

/**
 * Run before the page's scripts: a function stored into a funcref table (by `set`, or as
 * `grow`'s initial value) is dropped, so a `call_indirect` through its slot traps on a null
 * entry, as in WebKit before its bug 315856 was fixed. Externref tables are left alone.
 */
function breakFuncrefTables() {
  const t = WebAssembly.Table.prototype;
  const { set, grow } = t;
  const funcref = (table) => { try { grow.call(table, 0, {}); return false; } catch { return true; } };
  t.set = function (i, v, ...rest) { if (v != null && funcref(this)) return undefined; return set.call(this, i, v, ...rest); };
  t.grow = function (n, v, ...rest) { return v != null && funcref(this) ? grow.call(this, n) : grow.call(this, n, v, ...rest); };
}

test('with broken wasm function tables, lesson 1 still loads, draws (x-1)^2 and steps, interpreted', async () => {
  const page = await lab.open('seed=3&x0=3', { init: breakFuncrefTables });
  const l = lesson1(page);
  const canvas = l.locator('canvas[data-role="plot"]');
  const view = await viewOf(canvas);
  for (const x of [-0.5, 1.0, 2.2]) {
    const { px, py } = toPixel(view, x, (x - 1) ** 2);
    assert.ok(await hasColorNear(canvas, px, py, F_RED), `f drawn at x = ${x}`);
  }
  for (let i = 0; i < 5; i++) await l.getByRole('button', { name: 'step', exact: true }).click();
  assert.equal(await readout(l, 'k'), '5');
  const x5 = 1 + 2 * 0.98 ** 5;
  assert.ok(Math.abs(Number(await readout(l, 'x')) - x5) < 1e-9, 'x_5 from the closed form');
  assert.doesNotMatch(await readout(l, 'status'), /null|error|table/i);
  assert.equal(await page.evaluate(() => window.wasmBindings.typedBackend()), 'interpreted');
  assertClean(page);
});

test('run-time compiled functions are used in this engine: the probe passes and they run', async () => {
  const page = await lab.open('seed=3');
  assert.equal(await page.evaluate(() => window.wasmBindings.typedBackend()), 'compiled');
  assertClean(page);
});

/**
 * Run before the page's scripts: counts the run-time generated modules (those exporting
 * `fgn`) that `new WebAssembly.Module` compiles in `__generated`, as `{ simd, scalar }`
 * by whether they have `v128` locals followed by `block` and `loop` (how the SIMD loops
 * begin); with `refuse`, it refuses those as an engine without wasm SIMD would. The page's
 * own module is compiled by `WebAssembly.compile*`, untouched.
 */
function watchSimd(refuse) {
  const Real = WebAssembly.Module;
  const has = (b, seq) => b.some((_, i) => seq.every((v, k) => b[i + k] === v));
  window.__generated = { simd: 0, scalar: 0 };
  function Module(bytes) {
    const b = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    if (has(b, [3, 0x66, 0x67, 0x6e])) {
      const simd = has(b, [0x7b, 0x02, 0x40, 0x03, 0x40]);
      window.__generated[simd ? 'simd' : 'scalar'] += 1;
      if (simd && refuse) throw new WebAssembly.CompileError('no SIMD in this engine (test)');
    }
    return new Real(bytes);
  }
  Module.prototype = Real.prototype;
  WebAssembly.Module = Module;
}

/** Draws lesson 2's basin map of a 64² grid; resolves to its summary (without its time) and a hash of the contour canvas. */
async function basinMap(page) {
  const l = page.locator('#lesson-2d');
  await l.locator('select[name="basin-n"]').selectOption('64');
  await l.getByRole('button', { name: 'basin map', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#lesson-2d [data-out="basin"]').dataset.minima !== undefined, null, { timeout: 60_000 });
  const text = (await l.locator('[data-out="basin"]').textContent()).replace(/ in \d+ ms/, '');
  // The finished map is drawn on the next animation frame: hash the canvas after it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const pixels = await l.locator('canvas[data-role="contour"]').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]) | 0;
    return h;
  });
  return { text, pixels };
}

test('a typed polynomial\'s basin map is the same pixels with SIMD loops, scalar loops (SIMD refused) and the interpreter', async () => {
  // x⁴ + y⁴ − 2(x − y)² + min(x, y)/4 + |x·y|/8: products, powers, a quotient, min and abs.
  const link = 'lesson=2d&seed=1&bsteps=300&workers=0&fn2=x^4%2By^4-2(x-y)^2%2Bmin(x%2Cy)/4%2Babs(x*y)/8';
  const maps = [];
  for (const init of [`(${watchSimd})(false)`, `(${watchSimd})(true)`, breakFuncrefTables]) {
    const page = await lab.open(link, { init });
    const interpreted = init === breakFuncrefTables;
    assert.equal(await page.evaluate(() => window.wasmBindings.typedBackend()), interpreted ? 'interpreted' : 'compiled');
    maps.push(await basinMap(page));
    if (!interpreted) {
      const { simd, scalar } = await page.evaluate(() => window.__generated);
      assert.ok(simd > 0, 'SIMD modules are offered');
      assert.equal(scalar, maps.length === 1 ? 0 : simd, 'scalar modules only where SIMD is refused, one for each');
    }
    assertClean(page);
  }
  assert.match(maps[0].text, /minima reached from 64² starts \(up to 300 steps each\)/);
  assert.deepEqual(maps[1], maps[0], 'scalar loops = SIMD loops');
  assert.deepEqual(maps[2], maps[0], 'interpreter = SIMD loops');
});

test('with broken wasm function tables, a polynomial typed in lesson 2 drives its views without an error', async () => {
  const page = await lab.open('lesson=2d&seed=3', { init: breakFuncrefTables });
  const l = page.locator('#lesson-2d');
  await typeInto(l.locator('input[name="f"]'), 'x^2 + 3*y^2 + x*y');
  assert.equal((await l.locator('.error[data-for="f"]').textContent()).trim(), '');
  assert.match(await readout(l, 'critical'), /2\/L = 0\.32071/);
  assert.match(await page.evaluate(() => location.hash), /fn2=/);
  assertClean(page);
});

test('the echoed MathML formula starts at the left edge of its box, in every engine', async () => {
  const page = await lab.open('seed=3');
  await typeInto(lesson1(page).locator('input[name="f"]'), 'x^4/4 - x');
  const math = lesson1(page).locator('[data-out="mathml"] math');
  await math.waitFor();
  // WebKit centres the content of a block <math> whatever text-align says.
  const [content, box] = await math.evaluate((m) => [m.firstElementChild ?? m, m.parentElement]
    .map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, width: r.width })));
  assert.ok(Math.abs(content.x - box.x) <= 2, `the formula starts at ${content.x}, its box at ${box.x}`);
  assert.ok(content.width < box.width / 2, `the formula (${content.width} px) is narrower than its box (${box.width} px)`);
  assertClean(page);
});

test('a transcendental function (interpreted) typed in lesson 1 steps to the numbers computed here', async () => {
  const page = await lab.open('seed=3&x0=2');
  const l = lesson1(page);
  await typeInto(l.locator('input[name="f"]'), 'sin(3x) + x^2/4');
  assert.equal((await l.locator('.error[data-for="f"]').textContent()).trim(), '');
  const f = (x) => Math.sin(3 * x) + x * x / 4;
  const h = 1e-3;
  let x = 2;
  for (let k = 0; k < 3; k++) x -= 0.01 * (f(x + h) - f(x - h)) / (2 * h);
  for (let k = 0; k < 3; k++) await l.getByRole('button', { name: 'step', exact: true }).click();
  assert.equal(await readout(l, 'k'), '3');
  assert.ok(Math.abs(Number(await readout(l, 'x')) - x) < 1e-9, `x_3 = ${await readout(l, 'x')}, computed ${x}`);
  assert.ok(Math.abs(Number(await readout(l, 'f')) - f(x)) < 1e-9);
  assertClean(page);
});

test('keyboard transport: → steps, Home resets, space plays and pauses', async () => {
  const page = await lab.open('seed=3');
  const l = lesson1(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await readout(l, 'k'), '3');
  await page.keyboard.press('Home');
  assert.equal(await readout(l, 'k'), '0');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('#lesson-1d [data-out="k"]').textContent) > 2);
  await page.keyboard.press(' ');
  const k = await readout(l, 'k');
  await page.waitForTimeout(300);
  assert.equal(await readout(l, 'k'), k, 'paused: the counter stays');
  await page.locator('[data-lesson="2d"]').click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await readout(page.locator('#lesson-2d'), 'k'), '1', 'the keys drive the visible lesson');
  assert.equal(await readout(l, 'k'), k, 'and leave the hidden one alone');
  assertClean(page);
});

test('an engine-specific page API is used where it exists and the test says it skipped elsewhere', async (t) => {
  const page = await lab.open('seed=3');
  if (!(await needs(t, page, 'performance.memory'))) return;
  const used = await page.evaluate(() => performance.memory.usedJSHeapSize);
  assert.ok(used > 0 && used < 2 ** 31, `JS heap ${used} bytes`);
  t.diagnostic(`JS heap after load: ${(used / 2 ** 20).toFixed(1)} MiB`);
  assertClean(page);
});
