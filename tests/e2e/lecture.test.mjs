// End-to-end tests of lecture mode: the key f (or the button) shows the lesson's main view
// and its transport filling the window (full screen where the browser grants it; the CSS
// layout where it refuses); the text size 100–200 % scales the page and the plots' labels;
// at 200 % browser zoom the transport is reachable; "reset this lesson" brings the
// defaults back; the quiz can hold its answers until the reveal.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, viewOf, toPixel } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

/** The main view of each lesson (the element lecture mode fills the window with) and its plot. */
const MAIN = { '1d': 'plot', '2d': 'contour', neuron: 'square' };

/** A browser that refuses full screen, as a headless one or a frame without the permission does. */
const refuse = () => {
  Element.prototype.requestFullscreen = function () { return Promise.reject(new TypeError('fullscreen refused')); };
};

/** Boxes of the lecture layout's parts (viewport px). */
const lectureLayout = (page, lesson) => page.evaluate(([lesson, role]) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom, right: r.right }; };
  const section = document.getElementById(`lesson-${lesson}`);
  return {
    lecture: document.body.classList.contains('lecture'),
    plot: box(section.querySelector(`canvas[data-role="${role}"]`)),
    transport: box(section.querySelector('[data-role="transport"]')),
    tabs: box(document.querySelector('.tabs')),
    settings: box(section.querySelector('form.controls')),
    inner: { w: innerWidth, h: innerHeight },
    tall: document.documentElement.scrollHeight,
    hash: location.hash,
  };
}, [lesson, MAIN[lesson]]);

const ready = (page, lesson) => page.waitForFunction((l) => /step \d+ \/ \d+/.test(document.querySelector(`#lesson-${l} [data-out="counter"]`)?.textContent ?? ''), lesson);

/** Checks that the lecture layout fills the window with the main view and the transport. */
function assertLecture(b, what) {
  assert.ok(b.lecture, `${what}: in lecture mode`);
  assert.equal(b.tabs.h, 0, `${what}: the page chrome is hidden`);
  assert.equal(b.settings.h, 0, `${what}: the settings are hidden`);
  assert.ok(b.tall <= b.inner.h + 1, `${what}: nothing to scroll (${b.tall} px in ${b.inner.h})`);
  assert.ok(b.plot.y >= 0 && b.plot.bottom <= b.inner.h && b.plot.right <= b.inner.w, `${what}: the view is on screen: ${JSON.stringify(b.plot)}`);
  assert.ok(b.transport.y >= 0 && b.transport.bottom <= b.inner.h, `${what}: the transport is on screen: ${JSON.stringify(b.transport)}`);
  assert.ok(b.plot.h >= 0.55 * b.inner.h, `${what}: the view takes most of the height (${Math.round(b.plot.h)} of ${b.inner.h} px)`);
}

test('the key f puts each lesson in lecture mode (full screen refused: the layout fills the window), and f leaves it', async (t) => {
  for (const lesson of ['1d', '2d', 'neuron']) {
    const page = await lab.open(`lesson=${lesson}&seed=7`, { width: 1280, height: 800, init: refuse });
    await ready(page, lesson);
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.body.classList.contains('lecture'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const b = await lectureLayout(page, lesson);
    t.diagnostic(`${lesson}: view ${Math.round(b.plot.w)}×${Math.round(b.plot.h)}, transport ${Math.round(b.transport.y)}–${Math.round(b.transport.bottom)} px of ${b.inner.h}`);
    assertLecture(b, lesson);
    assert.match(b.hash, /lecture=1/, 'the link carries lecture mode');
    // The transport still works from the keyboard (the neuron has no steps before it trains).
    if (lesson !== 'neuron') {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((l) => /^step 1 \//.test(document.querySelector(`#lesson-${l} [data-out="counter"]`).textContent), lesson);
    }
    await page.keyboard.press('f');
    await page.waitForFunction(() => !document.body.classList.contains('lecture'));
    const back = await lectureLayout(page, lesson);
    assert.ok(back.tabs.h > 0 && back.settings.h > 0, 'the page is whole again');
    assert.doesNotMatch(back.hash, /lecture=/);
    assertClean(page);
  }
});

test('the lecture button asks for full screen, and a link opens in the lecture layout', async (t) => {
  const page = await lab.open('lesson=2d&seed=7', { width: 1280, height: 800 });
  await ready(page, '2d');
  await page.locator('#lecture').click();
  await page.waitForFunction(() => document.body.classList.contains('lecture'));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const full = await page.evaluate(() => document.fullscreenElement === document.documentElement);
  t.diagnostic(`${lab.engine}: full screen ${full ? 'granted' : 'refused'}`);
  assert.equal(await page.locator('#lecture').getAttribute('aria-pressed'), 'true');
  assertLecture(await lectureLayout(page, '2d'), 'the button');
  await page.locator('#lecture').click();
  await page.waitForFunction(() => !document.body.classList.contains('lecture') && !document.fullscreenElement);
  const linked = await lab.open('lesson=neuron&seed=7&lecture=1', { width: 1280, height: 800 });
  await ready(linked, 'neuron');
  await linked.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assertLecture(await lectureLayout(linked, 'neuron'), 'a link with lecture=1');
  assertClean(page);
  assertClean(linked);
});

test('the text size goes from 100% to 200%, and the plots\' labels and margins grow with it', async () => {
  const page = await lab.open('lesson=1d&seed=7', { width: 1280, height: 800 });
  await ready(page, '1d');
  const measure = () => page.evaluate(() => ({
    text: parseFloat(getComputedStyle(document.documentElement).fontSize),
    margin: JSON.parse(document.querySelector('#lesson-1d canvas[data-role="plot"]').dataset.view).l,
    hash: location.hash,
  }));
  const small = await measure();
  assert.equal(small.text, 16);
  await page.locator('#text-size').selectOption('200');
  await page.waitForFunction((m) => JSON.parse(document.querySelector('#lesson-1d canvas[data-role="plot"]').dataset.view).l >= 1.9 * m, small.margin);
  const big = await measure();
  assert.equal(big.text, 32, 'the page text is twice as large');
  assert.match(big.hash, /text=200/, 'the link carries the text size');
  // A link with a size the menu does not list: the core's range accepts it, the menu shows it.
  const linked = await lab.open('lesson=2d&seed=7&text=130', { width: 1280, height: 800 });
  await ready(linked, '2d');
  assert.equal(await linked.locator('#text-size').inputValue(), '130');
  const size = await linked.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(Math.abs(size - 20.8) < 0.01, `130% of 16 px: ${size}`);
  // Out of the range: a notice, and the default size.
  const wrong = await lab.open('lesson=1d&seed=7&text=300', { width: 1280, height: 800 });
  await ready(wrong, '1d');
  assert.match(await wrong.locator('#state-errors').textContent(), /text size/);
  assert.equal(await wrong.locator('#text-size').inputValue(), '100');
  for (const p of [page, linked, wrong]) assertClean(p);
});

test('at 200% browser zoom (a 640×400 window) the transport is reachable, in each lesson and in lecture mode', async (t) => {
  for (const lesson of ['1d', '2d', 'neuron']) {
    const page = await lab.open(`lesson=${lesson}&seed=7`, { width: 640, height: 400 });
    await ready(page, lesson);
    const step = page.locator(`#lesson-${lesson} [data-role="transport"] button[data-action="step"]`);
    await step.scrollIntoViewIfNeeded();
    const b = await step.boundingBox();
    const h = await page.evaluate(() => innerHeight);
    assert.ok(b && b.y >= 0 && b.y + b.height <= h, `${lesson}: the step button scrolls into view: ${JSON.stringify(b)}`);
    await step.click();
    if (lesson !== 'neuron') await page.waitForFunction((l) => /^step 1 \//.test(document.querySelector(`#lesson-${l} [data-out="counter"]`).textContent), lesson);
    const lecture = await lab.open(`lesson=${lesson}&seed=7&lecture=1&text=200`, { width: 640, height: 400, init: refuse });
    await ready(lecture, lesson);
    // With twice the text in a quarter of the room the lesson may scroll, inside the window.
    await lecture.locator(`#lesson-${lesson} [data-role="transport"]`).scrollIntoViewIfNeeded();
    const l = await lectureLayout(lecture, lesson);
    t.diagnostic(`${lesson}, lecture at 200% text in 640×400: transport ${Math.round(l.transport.y)}–${Math.round(l.transport.bottom)} px`);
    assert.ok(l.transport.y >= 0 && l.transport.bottom <= l.inner.h, `${lesson}: in lecture mode the transport is reachable: ${JSON.stringify(l.transport)}`);
    assert.ok(l.tall <= l.inner.h + 1, 'the page itself does not scroll');
    assertClean(page);
    assertClean(lecture);
  }
});

test('"reset this lesson" brings the lesson\'s defaults back and keeps the seed and the lesson', async () => {
  const page = await lab.open('lesson=1d&seed=7&gamma=0.5&steps=20&x0=2', { width: 1280, height: 800 });
  await ready(page, '1d');
  assert.equal(await page.locator('#lesson-1d input[name="gamma"]').inputValue(), '0.5');
  await page.locator('#reset-lesson').click();
  await page.waitForFunction(() => document.querySelector('#lesson-1d input[name="gamma"]').value === '0.01');
  assert.equal(await page.locator('#lesson-1d input[name="steps"]').inputValue(), '50');
  assert.equal(await page.locator('#lesson-1d input[name="x0"]').inputValue(), '3');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /seed=7/);
  assert.doesNotMatch(hash, /gamma|steps|x0/);
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="counter"]').textContent === 'step 0 / 50');
  assertClean(page);
});

test('a class quiz: the answer stays hidden until "reveal the answer" is pressed', async () => {
  const page = await lab.open('lesson=1d&seed=3&quiz=1&reveal=button', { width: 1280, height: 800 });
  await ready(page, '1d');
  const section = page.locator('#lesson-1d');
  assert.equal(await section.locator('select[name="reveal"]').inputValue(), 'button');
  const reveal = section.locator('[data-action="quiz-reveal"]');
  assert.equal(await reveal.isVisible(), false, 'nothing to reveal yet');
  // A guess of x₁ on the plot: taken, not judged, not shown.
  const plot = section.locator('canvas[data-role="plot"]');
  const view = await viewOf(plot);
  const { px, py } = toPixel(view, 2.96, (view.y0 + view.y1) / 2);
  await plot.click({ position: { x: px, y: py } });
  await reveal.waitFor();
  const hidden = (await section.locator('[data-out="quiz-reveal"]').textContent()).trim();
  assert.match(hidden, /hidden until/);
  assert.doesNotMatch(hidden, /x_1|right|close/);
  assert.equal((await section.locator('[data-out="quiz-score"]').textContent()).trim(), 'score 0/0');
  assert.equal((await section.locator('[data-out="k"]').textContent()).trim(), '0', 'the step is not shown yet');
  await reveal.click();
  await page.waitForFunction(() => /score 1\/1/.test(document.querySelector('#lesson-1d [data-out="quiz-score"]').textContent));
  assert.match(await section.locator('[data-out="quiz-reveal"]').textContent(), /x_1 = x_0 − γ·f′\(x_0\) = 3 − 0\.01·4 = 2\.96/);
  assert.equal((await section.locator('[data-out="k"]').textContent()).trim(), '1', 'the revealed step is shown');
  assert.equal(await reveal.isVisible(), false);
  // Answers at once again: the menu writes the setting into the link.
  await section.locator('select[name="reveal"]').selectOption('now');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /reveal=/);
  assertClean(page);
});
