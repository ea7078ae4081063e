// End-to-end tests of the lab in a reveal.js deck served from another origin, as a lecturer
// uses it: the example deck (www/examples/slides.html) with reveal.js from node_modules in
// place of its CDN copy and the lab from the site's own server. Keys typed in an element do
// not change slides; clicks map to the same start at scale 1 and 1.5; every element and
// iframe fits its slide at 1280×720 and 1920×1080; Escape then → changes slide; no warnings.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { setup, serveDist, assertClean, viaWebDriver, NO_SERVICE_WORKER, DIST } from './harness.mjs';
import { CAPTURE } from './wd-inpage.mjs';

// reveal.js as npm installs it for the tests (tests/package.json).
const REVEAL = fileURLToPath(new URL('../node_modules/reveal.js', import.meta.url));
const CDN = 'https://cdn.jsdelivr.net/npm/reveal.js@6.0.2/dist/';

/**
 * Put first in every page of both servers: keeps console warnings in window.__warnings; an
 * iframe also posts them to its parent, which keeps them too, with every lab message and
 * the window it came from (window.__labMessages).
 */
const RECORD = `(() => {
  const list = [];
  Object.defineProperty(window, '__warnings', { value: list });
  const warn = console.warn.bind(console);
  console.warn = (...a) => { const t = a.map(String).join(' '); list.push(t); if (parent !== window) parent.postMessage({ e2eWarning: t }, '*'); warn(...a); };
  if (parent === window) {
    const msgs = [];
    Object.defineProperty(window, '__labMessages', { value: msgs });
    addEventListener('message', (ev) => {
      if (typeof ev.data?.e2eWarning === 'string') list.push('iframe: ' + ev.data.e2eWarning);
      if (ev.data?.descent === 1) msgs.push({ source: ev.source, data: ev.data });
    });
  }
})();`;
const inject = () => (viaWebDriver ? `${RECORD}\n${CAPTURE}\n${NO_SERVICE_WORKER}` : RECORD);

let lab; // the harness: browser, pages
let site; // the lab's site, with the warning recorder
let deck; // the deck's origin
before(async () => {
  lab = await setup();
  site = await serveDist({ inject, cors: true });
  // The deck's server needs its own URL for the deck's text: it starts first, then serves it.
  const pages = {};
  deck = await serveDist({ inject, pages });
  const html = await fs.readFile(path.join(DIST, 'examples/slides.html'), 'utf8');
  const origin = new URL(deck.url).origin;
  pages['/deck/slides.html'] = html
    .replaceAll(CDN, '/reveal/')
    .replaceAll(' https://cdn.jsdelivr.net', '')
    .replaceAll("'self'", `'self' ${new URL(site.url).origin}`)
    .replaceAll('src="../descent-lab.js"', `src="${site.url}descent-lab.js"`)
    .replaceAll('src="../?embed&amp;', `src="${site.url}?embed&amp;origins=${encodeURIComponent(origin)}&amp;`);
  assert.ok(!pages['/deck/slides.html'].includes('cdn.jsdelivr'), 'every CDN address was replaced');
  for (const f of ['slides.js', 'slides.css']) pages[`/deck/${f}`] = await fs.readFile(path.join(DIST, 'examples', f));
  for (const f of ['reveal.js', 'reveal.css', 'theme/white.css', 'theme/black.css']) pages[`/reveal/${f}`] = await fs.readFile(path.join(REVEAL, 'dist', f));
});
after(async () => { await lab?.close(); await site?.close(); await deck?.close(); });

/** Opens the deck at slide `hash` (e.g. 'one-d'), without transitions, and waits for reveal.js and its labs. */
async function openDeck(hash, { width = 1280, height = 720, theme = 'white' } = {}) {
  const page = await lab.open('', { url: `${deck.url}deck/slides.html?transition=none&theme=${theme}#/${hash}`, width, height, started: false });
  await page.waitForFunction(() => window.Reveal?.isReady?.(), undefined, { timeout: 30000 });
  for (const id of ['lab-1d', 'lab-2d']) await atStep(page, id);
  await page.waitForFunction(() => window.__labMessages.filter((m) => m.data.type === 'ready').length >= 2, undefined, { timeout: 30000 });
  return page;
}

/** Waits until element `id` shows a step (`k`, or any). */
const atStep = (page, id, k = null) => page.waitForFunction(([id, k]) => {
  const t = document.getElementById(id).shadowRoot?.querySelector('[data-out="k"]')?.textContent;
  return k === null ? /^\d+$/.test(t ?? '') : t === String(k);
}, [id, k], { timeout: 30000 });

/** Reveal's slide index, its scale, and the slide element's id. */
const where = (page) => page.evaluate(() => ({ h: Reveal.getIndices().h, scale: Reveal.getScale(), id: Reveal.getCurrentSlide().id }));

/** Goes to slide `id` and waits until it is shown. */
async function go(page, id) {
  await page.evaluate((id) => Reveal.slide([...document.querySelectorAll('.slides > section')].findIndex((s) => s.id === id)), id);
  await page.waitForFunction((id) => Reveal.getCurrentSlide().id === id && document.getElementById(id).classList.contains('present'), id);
  // Two frames: the elements refit to the slide they are now laid out in.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));
}

/** Focuses `selector` in element `id`'s shadow root. */
const focusIn = (page, id, selector) => page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel).focus(), [id, selector]);

/** Warnings of the deck and its iframes so far. */
const warnings = (page) => page.evaluate(() => [...window.__warnings]);

test('typing in an element does not change slides, nor does → on its focused button', async () => {
  const page = await openDeck('one-d');
  const before = await where(page);
  assert.equal(before.id, 'one-d');
  // Type into f(x) as a person would: the box gets every letter, the deck none ("n" is next slide).
  const box = await page.evaluate(() => {
    const input = document.getElementById('lab-1d').shadowRoot.querySelector('input[name="f"]');
    const r = input.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, visible: r.width > 0 && r.bottom <= innerHeight };
  });
  assert.ok(box.visible, 'the f(x) box is on screen');
  await page.mouse.click(box.x, box.y);
  await focusIn(page, 'lab-1d', 'input[name="f"]');
  await page.evaluate(() => { document.getElementById('lab-1d').shadowRoot.querySelector('input[name="f"]').value = ''; });
  await page.keyboard.type('sin(3x) p n');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  assert.equal(await page.evaluate(() => document.getElementById('lab-1d').shadowRoot.querySelector('input[name="f"]').value), 'sin(3x)');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await where(page), before, 'typing moved the deck');
  // A transport button focused: → steps the lab once and leaves the slide.
  await page.evaluate(() => document.getElementById('lab-1d').reset());
  await atStep(page, 'lab-1d', 0);
  await focusIn(page, 'lab-1d', '[data-action="step"]');
  await page.keyboard.press('ArrowRight');
  await atStep(page, 'lab-1d', 1);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 'lab-1d', 2);
  await page.keyboard.press('Home');
  await atStep(page, 'lab-1d', 0);
  assert.deepEqual(await where(page), before, '→ on the lab\'s button also moved the deck');
  // Escape leaves the lab: then → is the deck's again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => Reveal.getCurrentSlide().id === 'fragments');
  await atStep(page, 'lab-1d', 0);
  assert.equal((await where(page)).h, before.h + 1);
  assert.equal(await page.evaluate(() => Reveal.isOverview()), false, 'Escape in the lab did not open the overview');
  assert.deepEqual(await warnings(page), []);
  assertClean(page);
});

test('Escape in an iframe gives the keys back to the deck', async () => {
  const page = await openDeck('neuron');
  const frame = await page.evaluate(() => {
    const r = document.getElementById('frame-neuron').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(frame.x, frame.y);
  await page.waitForFunction(() => document.activeElement === document.getElementById('frame-neuron'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement !== document.getElementById('frame-neuron'));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => Reveal.getCurrentSlide().id === 'two-d');
  assert.ok(await page.evaluate(() => window.__labMessages.some((m) => m.data.type === 'left')), 'the iframe said it was left');
  assert.deepEqual(await warnings(page), []);
  assertClean(page);
});

/** Clicks data point (x, y) of canvas `role` in element `id`, mapped through the canvas's on-screen box. */
async function clickData(page, id, role, x, y) {
  const at = await page.evaluate(([id, role, x, y]) => {
    const c = document.getElementById(id).shadowRoot.querySelector(`canvas[data-role="${role}"]`);
    const v = JSON.parse(c.dataset.view);
    const r = c.getBoundingClientRect();
    const px = v.l + ((x - v.x0) / (v.x1 - v.x0)) * (v.w - v.l - v.r);
    const py = v.h - v.b - ((y - v.y0) / (v.y1 - v.y0)) * (v.h - v.t - v.b);
    return { x: r.left + (px * r.width) / v.w, y: r.top + (py * r.height) / v.h, backing: c.width / (r.width * devicePixelRatio) };
  }, [id, role, x, y]);
  await page.mouse.click(at.x, at.y);
  return at;
}

test('clicks on the elements\' plots map to the same start at scale 1 and 1.5', async (t) => {
  const got = {};
  for (const [width, height] of [[1000, 730], [1500, 1094]]) {
    const page = await openDeck('one-d', { width, height });
    const { scale } = await where(page);
    // Lesson 1: the x = −1 gridline sets the start there (within a pixel's worth of x).
    const at = await clickData(page, 'lab-1d', 'plot', -1, 0);
    await page.waitForFunction(() => document.getElementById('lab-1d').shadowRoot.querySelector('[name="x0"]').value !== '3');
    const x0 = Number(await page.evaluate(() => document.getElementById('lab-1d').shadowRoot.querySelector('[name="x0"]').value));
    const span1 = await page.evaluate(() => { const v = JSON.parse(document.getElementById('lab-1d').shadowRoot.querySelector('canvas[data-role="plot"]').dataset.view); return (v.x1 - v.x0) / (v.w - v.l - v.r); });
    // Lesson 2: the contour map's start at (1, −1).
    await go(page, 'two-d');
    await clickData(page, 'lab-2d', 'contour', 1, -1);
    await page.waitForFunction(() => {
      const root = document.getElementById('lab-2d').shadowRoot;
      return root.querySelector('[data-out="k"]').textContent === '0' && Math.abs(Number(root.querySelector('[data-out="x"]').textContent) - 1) < 0.2;
    }).catch(() => {});
    const xy = await page.evaluate(() => {
      const root = document.getElementById('lab-2d').shadowRoot;
      return [Number(root.querySelector('[data-out="x"]').textContent), Number(root.querySelector('[data-out="y"]').textContent)];
    });
    const span2 = await page.evaluate(() => { const v = JSON.parse(document.getElementById('lab-2d').shadowRoot.querySelector('canvas[data-role="contour"]').dataset.view); return (v.x1 - v.x0) / (v.w - v.l - v.r); });
    got[scale] = { x0, xy, span1, span2, backing: at.backing };
    t.diagnostic(`scale ${scale}: x0 = ${x0} (a pixel is ${span1.toPrecision(2)}), start (${xy.join(', ')}); backing store ${at.backing.toFixed(2)} × the on-screen size`);
    // One CSS pixel of the click (WebDriver rounds to whole pixels) is the tolerance.
    assert.ok(Math.abs(x0 + 1) <= 1.5 * span1, `scale ${scale}: x0 = ${x0}, not −1`);
    assert.ok(Math.abs(xy[0] - 1) <= 1.5 * span2 && Math.abs(xy[1] + 1) <= 1.5 * span2, `scale ${scale}: start (${xy}), not (1, −1)`);
    // The canvas is drawn at its size on screen, not its layout size.
    assert.ok(Math.abs(at.backing - 1) < 0.05, `scale ${scale}: backing store ${at.backing} × the on-screen size`);
    assert.deepEqual(await warnings(page), []);
    assertClean(page);
  }
  assert.deepEqual(Object.keys(got).map(Number).sort(), [1, 1.5], `the viewports give scales 1 and 1.5: ${Object.keys(got)}`);
});

test('every element and iframe fits its slide at 1280×720 and 1920×1080, in the white and black themes', async (t) => {
  for (const [width, height, theme] of [[1280, 720, 'white'], [1920, 1080, 'black']]) {
    const page = await openDeck('title', { width, height, theme });
    for (const id of ['one-d', 'fragments', 'two-d', 'neuron']) {
      await go(page, id);
      const fit = await page.evaluate((id) => {
        const slides = document.querySelector('.reveal .slides').getBoundingClientRect();
        const inside = (r) => r.left >= slides.left - 1 && r.right <= slides.right + 1 && r.top >= slides.top - 1 && r.bottom <= slides.bottom + 1;
        const box = (r) => [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
        const out = [];
        for (const el of document.getElementById(id).querySelectorAll('descent-lab')) {
          const root = el.shadowRoot;
          const inner = root.querySelector('.embed-root');
          const lesson = root.querySelector('.lesson:not([hidden])');
          const canvases = [...root.querySelectorAll('canvas.plot.fit-shown')];
          const shown = canvases.map((c) => c.getBoundingClientRect());
          const bar = root.querySelector('[data-role="transport"]').getBoundingClientRect();
          const dd = root.querySelector('dl.readout dd');
          out.push({ id: el.id, inside: inside(el.getBoundingClientRect()), box: box(el.getBoundingClientRect()), slides: box(slides),
            overflow: inner.scrollHeight - inner.clientHeight, lessonOverflow: lesson.scrollHeight - lesson.clientHeight,
            views: shown.length, viewInside: shown.every(inside), viewH: Math.min(...shown.map((r) => r.height)),
            transportInside: inside(bar) && bar.height > 0, theme: el.dataset.theme, text: getComputedStyle(dd).color,
            tab: canvases.every((c) => c.tabIndex === 0), margin: Math.min(...canvases.map((c) => JSON.parse(c.dataset.view).l)),
            bg: getComputedStyle(inner).backgroundColor });
        }
        for (const f of document.getElementById(id).querySelectorAll('iframe')) {
          const heights = window.__labMessages.filter((m) => m.source === f.contentWindow && m.data.type === 'resized').map((m) => m.data.height);
          out.push({ id: f.id, inside: inside(f.getBoundingClientRect()), box: box(f.getBoundingClientRect()), slides: box(slides), content: heights.at(-1), frame: f.clientHeight });
        }
        return out;
      }, id);
      for (const e of fit) {
        t.diagnostic(`${width}×${height} ${theme} ${id}: ${JSON.stringify(e)}`);
        assert.ok(e.inside, `${e.id} on slide ${id} at ${width}×${height} lies outside the slide: ${e.box} vs ${e.slides}`);
        if (e.content !== undefined) {
          assert.ok(e.content <= e.frame, `${e.id}: its content (${e.content} px) overflows its frame (${e.frame} px)`);
          continue;
        }
        assert.ok(e.overflow <= 1, `${e.id}: the element's content overflows its box by ${e.overflow} px`);
        assert.ok(e.views >= 1 && e.viewInside && e.viewH >= 120, `${e.id}: the view shows within the slide: ${JSON.stringify(e)}`);
        assert.ok(e.transportInside, `${e.id}: the transport shows within the slide`);
        assert.ok(e.tab, `${e.id}: its plots are focusable with Tab`);
        // Labels (and the margins that hold them) follow the slide's 42 px text: larger than the page's 11 px / 52 px.
        assert.ok(e.margin > 52, `${e.id}: the plot's left margin is ${e.margin} px, as for 16 px text`);
        // The black theme's light text: the element takes the dark theme, its text is light.
        const lum = (c) => { const [r, g, b] = c.match(/[\d.]+/g).map(Number); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        assert.equal(e.theme, theme === 'black' ? 'dark' : 'light', `${e.id}: theme="auto" on reveal's ${theme} theme`);
        assert.ok(Math.abs(lum(e.text) - lum(e.bg)) > 100, `${e.id}: readout text ${e.text} on ${e.bg}`);
      }
    }
    assert.deepEqual(await warnings(page), [], 'no warnings after a pass through the slides');
    assertClean(page);
  }
});

test('fragments drive an iframe, and a pass through the deck logs no warning', async () => {
  const page = await openDeck('fragments');
  const k = (source) => page.evaluate(() => {
    const f = document.getElementById('frame-2d');
    return window.__labMessages.filter((m) => m.source === f.contentWindow && m.data.type === 'step').at(-1)?.data.k;
  });
  await page.waitForFunction(() => window.__labMessages.some((m) => m.data.type === 'ready' && m.source === document.getElementById('frame-2d').contentWindow), undefined, { timeout: 30000 });
  for (const want of [1, 10, 100]) {
    await page.evaluate(() => Reveal.next());
    await page.waitForFunction((want) => {
      const f = document.getElementById('frame-2d');
      return window.__labMessages.filter((m) => m.source === f.contentWindow && m.data.type === 'step').at(-1)?.data.k === want;
    }, want);
  }
  await page.evaluate(() => Reveal.prev());
  await page.waitForFunction(() => {
    const f = document.getElementById('frame-2d');
    return window.__labMessages.filter((m) => m.source === f.contentWindow && m.data.type === 'step').at(-1)?.data.k === 10;
  });
  assert.equal(await k(), 10);
  // Twice through every slide: reveal.js posts slide:start and slide:stop to each iframe.
  for (let pass = 0; pass < 2; pass++) {
    await page.evaluate(() => Reveal.slide(0));
    for (let i = 0; i < 8; i++) await page.evaluate(() => Reveal.next());
  }
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.deepEqual(await warnings(page), [], 'no warnings');
  assertClean(page);
});
