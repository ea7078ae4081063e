// End-to-end tests of embed sizes: a <descent-lab> with no size attributes takes its
// container's width at a sensible aspect ratio (and at 320 px no text overlaps); the
// 640×360 iframe with controls=transport shows every row whole; the iframe's first
// `resized` message gives its real height; the docs say a cross-origin element needs CORS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'">`;

/** A host page: one element of `lesson` with no size attributes, in a column `width` px wide. */
const host = (width, lesson, attrs) => `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>notes</title>
<link rel="stylesheet" href="col${width}.css"><script type="module" src="../descent-lab.js"></script></head><body>
<div class="col"><p>Before the lab.</p><descent-lab id="lab" lesson="${lesson}" seed="7" ${attrs}></descent-lab><p id="after">After the lab.</p></div></body></html>`;

const PAGES = {};
for (const width of [800, 320]) {
  PAGES[`/notes/col${width}.css`] = `body { margin: 0; } .col { width: ${width}px; }`;
  for (const lesson of ['1d', '2d', 'neuron']) PAGES[`/notes/${lesson}-${width}.html`] = host(width, lesson, lesson === '2d' ? 'opt="adam"' : '');
}
PAGES['/notes/frame.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>host</title></head><body></body></html>`;

let lab;
before(async () => { lab = await setup({ pages: PAGES }); });
after(async () => { await lab?.close(); });

/** Waits until the element's transport shows its counter, then two frames for its fit. */
async function labReady(page) {
  await page.waitForFunction(() => /step \d+ \/ \d+/.test(document.getElementById('lab').shadowRoot?.querySelector('[data-out="counter"]')?.textContent ?? ''), undefined, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));
}

/** Pairs of text boxes that overlap by more than 2 px both ways (a control and its own text excepted). */
function overlaps(boxes) {
  const bad = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const w = Math.min(a.r, b.r) - Math.max(a.x, b.x);
      const h = Math.min(a.b, b.b) - Math.max(a.y, b.y);
      if (w > 2 && h > 2) bad.push(`"${a.text}" and "${b.text}"`);
    }
  }
  return bad;
}

for (const lesson of ['1d', '2d', 'neuron']) {
  test(`${lesson}: an element with no size attributes fits its container's width at a sensible aspect ratio; at 320 px no text overlaps`, async (t) => {
    for (const width of [800, 320]) {
      const page = await lab.open('', { url: `${lab.server.url}notes/${lesson}-${width}.html`, started: false, width: Math.max(width + 40, 360), height: 900 });
      await labReady(page);
      const m = await page.evaluate((width) => {
        const el = document.getElementById('lab');
        const root = el.shadowRoot;
        const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom }; };
        const section = root.querySelector('.lesson');
        // Every drawn line of text (each text node's client rects), and every control without children.
        const boxes = [];
        const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent.trim() || n.parentElement.closest('option, [hidden]')) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) boxes.push({ text: n.textContent.trim().slice(0, 24), x: r.x, y: r.y, r: r.right, b: r.bottom });
        }
        for (const c of section.querySelectorAll('input, select')) {
          const r = c.getBoundingClientRect();
          if (r.width > 0 && r.height > 0) boxes.push({ text: `<${c.tagName.toLowerCase()} ${c.name}>`, x: r.x, y: r.y, r: r.right, b: r.bottom });
        }
        return {
          el: box(el),
          transport: box(section.querySelector('[data-role="transport"]')),
          plot: box(section.querySelector('canvas.plot.fit-shown')),
          after: box(document.getElementById('after')),
          boxes,
          width,
        };
      }, width);
      t.diagnostic(`${lesson} in ${width} px: element ${m.el.w}×${Math.round(m.el.h)}, view ${Math.round(m.plot.w)}×${Math.round(m.plot.h)}`);
      assert.equal(m.el.w, width, 'the element takes the column\'s width');
      const ratio = m.el.h / m.el.w;
      const [lo, hi] = width >= 560 ? [0.45, 0.8] : [1.0, 1.8];
      assert.ok(ratio >= lo && ratio <= hi, `${lesson} ${width}: height ${m.el.h} for width ${m.el.w} (ratio ${ratio.toFixed(2)})`);
      assert.ok(m.after.y >= m.el.bottom - 1, 'the text after the element follows it');
      for (const part of ['transport', 'plot']) {
        const b = m[part];
        assert.ok(b.y >= m.el.y - 1 && b.bottom <= m.el.bottom + 1 && b.right <= m.el.right + 1, `${lesson} ${width}: the ${part} is inside the element: ${JSON.stringify(b)} in ${JSON.stringify(m.el)}`);
      }
      assert.ok(m.plot.h >= (width >= 560 ? 180 : 150), `${lesson} ${width}: the view is large enough to read: ${m.plot.h}px`);
      if (width === 320) assert.deepEqual(overlaps(m.boxes), [], `${lesson} at 320 px: overlapping text`);
      assertClean(page);
    }
  });
}

test('the 640×360 iframe with controls=transport shows every row whole, in each lesson', async () => {
  for (const lesson of ['1d', '2d', 'neuron']) {
    const page = await lab.open(`lesson=${lesson}&seed=7`, { query: '?embed&controls=transport', width: 640, height: 360 });
    await page.waitForFunction(() => /step \d+ \/ \d+/.test(document.querySelector('.lesson:not([hidden]) [data-out="counter"]')?.textContent ?? ''));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));
    const cut = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('.lesson:not([hidden]) *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || el.closest('.fit-side')) continue;
        if (r.top < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.top)}–${Math.round(r.bottom)} px`);
      }
      return out;
    });
    assert.deepEqual(cut, [], `${lesson}: parts cut by the 640×360 frame`);
    assertClean(page);
  }
});

test('the iframe\'s first resized message gives its real height', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/frame.html`, started: false });
  await page.evaluate(() => {
    window.__msgs = [];
    addEventListener('message', (ev) => { if (ev.data?.descent === 1) window.__msgs.push(ev.data); });
    const f = document.createElement('iframe');
    f.src = '../?embed#lesson=2d&opt=adam&seed=7';
    f.width = '640';
    f.height = '360';
    document.body.append(f);
  });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'resized'), undefined, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 800)));
  const got = await page.evaluate(() => ({
    sizes: window.__msgs.filter((m) => m.type === 'resized').map((m) => m.height),
    content: document.querySelector('iframe').contentDocument.documentElement.scrollHeight,
  }));
  assert.equal(got.sizes[0], got.content, `the first height is the page's height: ${JSON.stringify(got)}`);
  assert.ok(got.sizes.every((h) => h <= 360 + 1), `no height larger than the frame: ${got.sizes.join(', ')}`);
  assertClean(page);
});

test('the docs say that an element served from another origin needs CORS on the host of the files', async () => {
  const page = await lab.open('', { query: 'docs.html', started: false });
  await page.waitForFunction(() => document.readyState === 'complete');
  const text = await page.locator('#cors').textContent();
  assert.match(text, /another origin/);
  assert.match(text, /Access-Control-Allow-Origin/);
  assert.match(text, /\.wasm/);
  assertClean(page);
});
