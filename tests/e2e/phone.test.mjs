// End-to-end tests of the first screen: on a 360×740 phone each lesson shows its main plot
// and the transport without scrolling, with buttons of at least 44 px and a pause symbol
// that draws in any font; on a 1280×800 desktop the same holds; notices (a budget notice
// from a link) sit right under the transport, where they are seen without scrolling.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

/** The main plot of each lesson. */
const MAIN = { '1d': 'plot', '2d': 'contour', neuron: 'square' };

/** Boxes (viewport px) of the lesson's main plot, transport, its buttons and notice; the window and scroll. */
const layout = (page, lesson) => page.evaluate(([lesson, role]) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom }; };
  const section = document.getElementById(`lesson-${lesson}`);
  const transport = section.querySelector('[data-role="transport"]');
  return {
    plot: box(section.querySelector(`canvas[data-role="${role}"]`)),
    transport: box(transport),
    buttons: [...transport.querySelectorAll('button')].map(box),
    notice: box(section.querySelector('[data-out="notice"]')),
    inner: { w: innerWidth, h: innerHeight },
    scrollY,
    wide: document.documentElement.scrollWidth,
  };
}, [lesson, MAIN[lesson]]);

/** Waits until the lesson's transport shows its counter (the run is recorded). */
const ready = (page, lesson) => page.waitForFunction((l) => /step \d+ \/ \d+/.test(document.querySelector(`#lesson-${l} [data-out="counter"]`)?.textContent ?? ''), lesson);

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`at ${width}×${height} each lesson shows its main plot and the transport without scrolling`, async (t) => {
    for (const lesson of ['1d', '2d', 'neuron']) {
      const page = await lab.open(`lesson=${lesson}&seed=7`, { width, height });
      await ready(page, lesson);
      const b = await layout(page, lesson);
      const what = `${lesson} at ${b.inner.w}×${b.inner.h}`;
      t.diagnostic(`${what}: plot ${Math.round(b.plot.y)}–${Math.round(b.plot.bottom)} px, transport ${Math.round(b.transport.y)}–${Math.round(b.transport.bottom)} px`);
      assert.equal(b.scrollY, 0, `${what}: the page opens at its top`);
      assert.ok(b.plot.w > 200 && b.plot.h > 200, `${what}: the main plot is large: ${JSON.stringify(b.plot)}`);
      assert.ok(b.plot.y >= 0 && b.plot.bottom <= b.inner.h, `${what}: the main plot is on the first screen: ${JSON.stringify(b.plot)}`);
      assert.ok(b.transport.y >= 0 && b.transport.bottom <= b.inner.h, `${what}: the transport is on the first screen: ${JSON.stringify(b.transport)}`);
      assert.ok(b.wide <= b.inner.w, `${what}: no sideways scrolling (${b.wide} px wide)`);
      assert.equal(b.buttons.length, 4);
      for (const button of b.buttons) assert.ok(button.h >= 44 && button.w >= 44, `${what}: a transport button of ${button.w}×${button.h} px`);
      assertClean(page);
    }
  });
}

test('the pause symbol is drawn (two bars), not a character a font may lack', async () => {
  const page = await lab.open('lesson=1d&seed=7&steps=1000', { width: 360, height: 740 });
  await ready(page, '1d');
  const play = page.locator('#lesson-1d [data-role="transport"] button[data-action="play"]');
  await play.click();
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-action="play"]').getAttribute('aria-label') === 'pause');
  const icon = await page.evaluate(() => {
    const button = document.querySelector('#lesson-1d [data-action="play"]');
    const bars = button.querySelector('.icon-pause');
    const part = (which) => {
      const s = getComputedStyle(bars, which);
      return { content: s.content, w: parseFloat(s.width), bg: s.backgroundColor };
    };
    const r = bars?.getBoundingClientRect();
    return { text: button.textContent, box: r && { w: r.width, h: r.height }, before: bars && part('::before'), after: bars && part('::after'), colour: getComputedStyle(button).color };
  });
  assert.equal(icon.text, '', 'no character: the bars are drawn');
  assert.ok(icon.box && icon.box.w >= 8 && icon.box.h >= 10, `the symbol has a size: ${JSON.stringify(icon.box)}`);
  for (const bar of [icon.before, icon.after]) {
    assert.ok(bar.w >= 3, `a bar of ${bar.w} px`);
    assert.equal(bar.bg, icon.colour, 'each bar is filled in the text colour');
  }
  await play.click();
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-action="play"]').textContent === '▶');
  assertClean(page);
});

for (const [width, height] of [[1280, 800], [360, 740]]) {
  test(`at ${width}×${height} a link's budget notice sits right under the transport, on the first screen`, async (t) => {
    const page = await lab.open('lesson=2d&seed=3&n2=10000&steps2=100000', { width, height });
    await page.waitForFunction(() => /exceeds the budget/.test(document.querySelector('#lesson-2d [data-out="notice"]').textContent));
    await ready(page, '2d');
    const b = await layout(page, '2d');
    t.diagnostic(`transport ${Math.round(b.transport.y)}–${Math.round(b.transport.bottom)} px, notice ${Math.round(b.notice.y)}–${Math.round(b.notice.bottom)} px`);
    assert.ok(b.notice.y >= b.transport.bottom - 1 && b.notice.y - b.transport.bottom <= 24, `the notice follows the transport: ${JSON.stringify([b.transport, b.notice])}`);
    assert.ok(Math.abs(b.notice.x - b.transport.x) <= 1, 'in the same column');
    // On a desktop all of it is seen; on a phone at least its first lines.
    const seen = width > 640 ? b.notice.bottom : b.notice.y + 40;
    assert.ok(seen <= b.inner.h, `the notice is on the first screen: ${JSON.stringify(b.notice)}`);
    assertClean(page);
  });
}
