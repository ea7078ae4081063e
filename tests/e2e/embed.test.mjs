// End-to-end tests of embedding: the <descent-lab> element on a host page under a sub-path
// (two elements, one wasm, attributes, events, flags), the chrome-less ?embed iframe in a
// 640×360 box, postMessage both ways with the allow-list and malformed messages, the strict
// Content-Security-Policy, and the message shown when the wasm cannot load.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { setup, serveDist, assertClean, viaWebDriver, NO_SERVICE_WORKER, DIST } from './harness.mjs';
import nodePath from 'node:path';
import { CAPTURE } from './wd-inpage.mjs';
import { GROUPS } from '../../www/js/embed/flags.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src *">`;

/** A host page two folders below the site: the element script by a relative URL. */
const TWO = `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>notes</title>
<script type="module" src="../../descent-lab.js"></script></head><body>
<h1>Week 1</h1>
<descent-lab id="a" lesson="1d" f="(x-1)**2" gamma="0.1" x0="3" seed="7" controls="transport,readout"></descent-lab>
<descent-lab id="b" lesson="1d" f="x**2" gamma="0.3" x0="-2" seed="7" lock="gamma"></descent-lab>
<descent-lab id="c" lesson="2d" gamma="0.05" steps="7" seed="7" view="all" hide="more,explain" lock="settings"></descent-lab>
</body></html>`;

/** An empty host page: tests add iframes to it. */
const EMPTY = `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>host</title></head><body></body></html>`;

let lab;
let other; // a second server: another origin
before(async () => {
  const pages = { '/notes/week1/two.html': TWO, '/notes/host.html': EMPTY };
  lab = await setup({ pages });
  other = await serveDist({ pages, inject: viaWebDriver ? () => `${CAPTURE}\n${NO_SERVICE_WORKER}` : undefined });
});
after(async () => { await lab?.close(); await other?.close(); });

/** Text of `selector` inside element `id`'s shadow root ('' while absent). */
const shadowText = (page, id, selector) => page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot?.querySelector(sel)?.textContent ?? '', [id, selector]);

/** Clicks, with the mouse, the centre of `selector` inside element `id`'s shadow root. */
async function clickIn(page, id, selector) {
  const r = await page.evaluate(([id, sel]) => {
    const el = document.getElementById(id).shadowRoot.querySelector(sel);
    el.scrollIntoView({ block: 'center' });
    const b = el.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, [id, selector]);
  await page.mouse.click(r.x, r.y);
}

/** Waits until element `id` shows step `k` in its readout. */
const atStep = (page, id, k) => page.waitForFunction(([id, k]) => document.getElementById(id).shadowRoot?.querySelector('[data-out="k"]')?.textContent === String(k), [id, k]);

/** Records the element's events in window.__events[id] (type, k, iterate). */
const recordEvents = (page, id) => page.evaluate((id) => {
  window.__events ??= {};
  const list = (window.__events[id] = []);
  for (const type of ['ready', 'step', 'converged', 'diverged', 'trained']) {
    document.getElementById(id).addEventListener(type, (ev) => list.push({ type, k: ev.detail.k, iterate: ev.detail.iterate, value: ev.detail.value }));
  }
}, id);

test('two <descent-lab> elements on a page under a sub-path run independently on one wasm', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/week1/two.html`, started: false });
  await atStep(page, 'a', 0);
  await atStep(page, 'b', 0);
  await recordEvents(page, 'a');
  await recordEvents(page, 'b');
  await clickIn(page, 'a', '[data-action="step"]');
  await clickIn(page, 'b', '[data-action="step"]');
  await atStep(page, 'a', 1);
  await atStep(page, 'b', 1);
  // x₁ = x₀ − γ f′(x₀): 3 − 0.1·2·(3 − 1) = 2.6 and −2 − 0.3·2·(−2) = −0.8.
  assert.ok(Math.abs(Number(await shadowText(page, 'a', '[data-out="x"]')) - 2.6) < 1e-6);
  assert.ok(Math.abs(Number(await shadowText(page, 'b', '[data-out="x"]')) + 0.8) < 1e-6);
  const events = await page.evaluate(() => window.__events);
  const step = (id) => events[id].find((e) => e.type === 'step' && e.k === 1);
  assert.ok(Math.abs(step('a').iterate[0] - 2.6) < 1e-6, JSON.stringify(events.a));
  assert.ok(Math.abs(step('b').iterate[0] + 0.8) < 1e-6, JSON.stringify(events.b));
  // One wasm instance: the glue and the wasm were fetched once.
  const loads = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /descent-web(_bg)?\.(js|wasm)$/.test(n)));
  assert.equal(loads.length, 2, loads.join(', '));
  // Flags: a shows only the transport and the readouts; b's γ is read-only.
  const shown = await page.evaluate(() => {
    const vis = (id, sel) => { const el = document.getElementById(id).shadowRoot.querySelector(sel); return Boolean(el && el.getBoundingClientRect().height > 0); };
    return { aForm: vis('a', 'form.controls'), aTransport: vis('a', '[data-role="transport"]'), aPlot: vis('a', 'canvas[data-role="plot"]'), bForm: vis('b', 'form.controls'),
      bGammaDisabled: document.getElementById('b').shadowRoot.querySelector('[name="gamma"]').disabled,
      bStepsDisabled: document.getElementById('b').shadowRoot.querySelector('[name="steps"]').disabled };
  });
  assert.deepEqual(shown, { aForm: false, aTransport: true, aPlot: true, bForm: true, bGammaDisabled: true, bStepsDisabled: false });
  // Lesson 2d takes gamma and steps for its own γ and steps (rows with the same label).
  await page.waitForFunction(() => document.getElementById('c').shadowRoot?.querySelector('[data-out="counter"]')?.textContent === 'step 0 / 7');
  assert.equal(await page.evaluate(() => document.getElementById('c').settings.gamma2), '0.05');
  // hide= and a locked group: no runs table or explanation; every setting read-only.
  const c = await page.evaluate(() => {
    const root = document.getElementById('c').shadowRoot;
    const vis = (sel) => root.querySelector(sel).getBoundingClientRect().height > 0;
    return { table: vis('table.runs'), explain: vis('.explain'), surface: vis('[data-role="surface"]'), opt: root.querySelector('[name="opt"]').disabled, gamma: root.querySelector('[name="gamma2"]').disabled };
  });
  assert.deepEqual(c, { table: false, explain: false, surface: true, opt: true, gamma: true });
  assertClean(page);
});

test('changing an attribute changes the lesson, and the element reports the new steps', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/week1/two.html`, started: false });
  await atStep(page, 'a', 0);
  await recordEvents(page, 'a');
  await page.evaluate(() => document.getElementById('a').setAttribute('gamma', '0.25'));
  await page.waitForFunction(() => window.__events.a.some((e) => e.type === 'step' && e.k === 0));
  await clickIn(page, 'a', '[data-action="step"]');
  await atStep(page, 'a', 1);
  // 3 − 0.25·2·(3 − 1) = 2.
  assert.ok(Math.abs(Number(await shadowText(page, 'a', '[data-out="x"]')) - 2) < 1e-6);
  // The other element kept its settings.
  assert.equal(await page.evaluate(() => document.getElementById('b').settings.gamma), '0.3');
  // Method calls drive it too, and a diverging run says so at its last step (γ > 1 on (x−1)²).
  await page.evaluate(() => document.getElementById('a').set({ gamma: 1.5 }));
  await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('[name="gamma"]').value === '1.5');
  await page.evaluate(() => document.getElementById('a').seek(1000));
  await page.waitForFunction(() => window.__events.a.some((e) => e.type === 'diverged' && e.k > 1));
  // An attribute naming another lesson remounts it.
  await page.evaluate(() => document.getElementById('a').setAttribute('lesson', 'neuron'));
  await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('[data-role="square"]'));
  assertClean(page);
});

/**
 * The controls= values the docs and the README show, and every group alone: each must fit
 * a 640×360 frame (the lesson shrinks its view and scrolls its side panel, never the page).
 */
const CONTROLS = ['', 'transport,readout', 'transport', 'transport,readout,status', ...Object.keys(GROUPS)];

for (const lesson of ['1d', '2d', 'neuron']) {
  test(`?embed ${lesson}: no chrome, and with every controls= of the docs it fits a 640×360 frame`, async (t) => {
    for (const controls of CONTROLS) {
      const query = controls ? `?embed&controls=${controls}` : '?embed';
      const page = await lab.open(`lesson=${lesson}&seed=7`, { query, width: 640, height: 360 });
      // Two frames and the fit's own frame: the layout has settled.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
      const boxes = await page.evaluate(() => {
        const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height }; };
        const lessonEl = document.querySelector('.lesson:not([hidden])');
        return {
          header: box(document.querySelector('header.top')),
          view: box(lessonEl.querySelector('canvas.embed-chosen')),
          transport: box(lessonEl.querySelector('[data-role="transport"]')),
          link: document.querySelector('.open-full') && { target: document.querySelector('.open-full').target, rel: document.querySelector('.open-full').rel },
          page: document.documentElement.scrollHeight,
          wide: document.documentElement.scrollWidth,
        };
      });
      const what = `${lesson} ${query}`;
      assert.equal(boxes.header.h, 0, 'the header is hidden');
      const parts = controls === '' || controls.split(',').includes('transport') ? ['view', 'transport'] : ['view'];
      for (const part of parts) {
        const b = boxes[part];
        assert.ok(b && b.w > 100 && b.h > 20, `${what}: ${part} is shown: ${JSON.stringify(b)}`);
        assert.ok(b.x >= 0 && b.y >= 0 && b.right <= 640 && b.bottom <= 360, `${what}: ${part} fits 640×360: ${JSON.stringify(b)}`);
      }
      assert.ok(boxes.page <= 360 && boxes.wide <= 640, `${what}: the page needs ${boxes.wide}×${boxes.page} px`);
      // The README's transport-and-readout frame keeps a large view; more parts shrink it, to a floor.
      const least = ['transport', 'transport,readout'].includes(controls) ? 200 : controls === '' ? 120 : 150;
      assert.ok(boxes.view.h >= least, `${what}: the view is large enough to read: ${boxes.view.h}px`);
      t.diagnostic(`${query}: view ${Math.round(boxes.view.w)}×${Math.round(boxes.view.h)} at y ${Math.round(boxes.view.y)}; transport bottom at ${Math.round(boxes.transport?.bottom)} px`);
      assert.deepEqual(boxes.link, { target: '_blank', rel: 'noopener' });
      assertClean(page);
    }
  });
}

/** Adds an iframe of `src` to the host page and records its messages in window.__msgs. */
async function frame(page, src) {
  await page.evaluate((src) => {
    window.__msgs = [];
    addEventListener('message', (ev) => { if (ev.data?.descent === 1) window.__msgs.push(ev.data); });
    const f = document.createElement('iframe');
    f.src = src;
    f.width = '640';
    f.height = '360';
    document.body.append(f);
  }, src);
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'ready'), undefined, { timeout: 30000 });
}

/** Posts `message` to the host page's iframe. */
const post = (page, message) => page.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);

test('postMessage: step, seek and set drive the iframe, which answers with its steps and height', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/host.html`, started: false });
  await frame(page, '../?embed#lesson=1d&x0=3&gamma=0.1&seed=3');
  const ready = await page.evaluate(() => window.__msgs.find((m) => m.type === 'ready'));
  assert.equal(ready.lesson, '1d');
  assert.equal(ready.settings.gamma, '0.1');
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'resized' && m.height > 100));
  await post(page, { descent: 1, type: 'step' });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k === 1));
  const s1 = await page.evaluate(() => window.__msgs.find((m) => m.type === 'step' && m.k === 1));
  assert.ok(Math.abs(s1.iterate[0] - 2.6) < 1e-6 && Math.abs(s1.value - 1.6 ** 2) < 1e-6, JSON.stringify(s1));
  await post(page, { descent: 1, type: 'seek', k: 5 });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k === 5));
  // The iframe shows it (same origin here, so the host can look inside).
  assert.equal(await page.evaluate(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-1d [data-out="k"]').textContent), '5');
  const kNow = () => page.evaluate(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-1d [data-out="k"]').textContent);
  await post(page, { descent: 1, type: 'back' });
  await page.waitForFunction(() => window.__msgs.at(-1).type === 'step' && window.__msgs.at(-1).k === 4);
  await post(page, { descent: 1, type: 'reset' });
  await page.waitForFunction(() => window.__msgs.at(-1).k === 0);
  await post(page, { descent: 1, type: 'play' });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k >= 3));
  await post(page, { descent: 1, type: 'pause' });
  await page.waitForFunction(() => !document.querySelector('iframe').contentDocument.querySelector('#lesson-1d [data-action="play"]').getAttribute('aria-label').includes('pause'));
  const paused = await kNow();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(await kNow(), paused, 'pause stops the animation');
  await post(page, { descent: 1, type: 'set', settings: { gamma: 0.5 } });
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-1d [name="gamma"]').value === '0.5');
  await post(page, { descent: 1, type: 'step' });
  // γ = 0.5 on (x−1)² jumps to the minimum in one step: 3 − 0.5·2·2 = 1.
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k === 1 && Math.abs(m.iterate[0] - 1) < 1e-6));
  await post(page, { descent: 1, type: 'start', at: [-1] });
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-1d [name="x0"]').value === '-1');
  assertClean(page);
});

test('postMessage from another origin is ignored unless the iframe allows that origin', async () => {
  const host = `${other.url}notes/host.html`;
  const site = lab.server.url;
  const page = await lab.open('', { url: host, started: false });
  await frame(page, `${site}?embed#lesson=1d&x0=3`);
  await post(page, { descent: 1, type: 'step' });
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(await page.evaluate(() => window.__msgs.some((m) => m.type === 'step' && m.k === 1)), false, 'a step from a disallowed origin moved the lesson');
  // The same page, allowed by the iframe's origins= parameter.
  const allowed = await lab.open('', { url: host, started: false });
  await frame(allowed, `${site}?embed&origins=${encodeURIComponent(other.url)}#lesson=1d&x0=3`);
  await post(allowed, { descent: 1, type: 'step' });
  await allowed.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k === 1));
  assertClean(allowed);
});

test('malformed messages give a console warning, no error, and the iframe still answers', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/host.html`, started: false });
  await frame(page, '../?embed#lesson=2d');
  await page.evaluate(() => {
    const w = document.querySelector('iframe').contentWindow;
    window.__warnings = [];
    const warn = w.console.warn.bind(w.console);
    w.console.warn = (...args) => { window.__warnings.push(args.join(' ')); warn(...args); };
  });
  // Not the lab's schema (no `descent` field): other widgets' and slide decks' messages, ignored silently.
  const noise = ['hello', 'slide:start', null, 42, [1, 2], { event: 'command', func: 'playVideo' }];
  const bad = [{ descent: 2, type: 'step' }, { descent: 1, type: 'explode' }, { descent: 1, type: 'seek', k: -1 },
    { descent: 1, type: 'seek', k: 'ten' }, { descent: 1, type: 'set', settings: 'gamma=1' }, { descent: 1, type: 'start', at: [1, 2, 3] },
    { descent: 1, type: 'set', settings: { gamma2: { x: 1 } } }, { descent: null }];
  for (const m of [...noise, ...bad]) await post(page, m);
  await page.waitForFunction((n) => window.__warnings.length >= n, bad.length);
  await new Promise((r) => setTimeout(r, 300));
  const warnings = await page.evaluate(() => window.__warnings);
  assert.equal(warnings.length, bad.length, `one warning per malformed lab message, none for the others:\n${warnings.join('\n')}`);
  assert.ok(warnings.every((w) => w.startsWith('Descent: message ignored')), warnings.join('\n'));
  await post(page, { descent: 1, type: 'step' });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'step' && m.k === 1 && m.iterate.length === 2));
  assertClean(page);
});

test('every shipped page has a strict CSP, and the lessons run under it without a violation', async () => {
  const init = () => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  };
  for (const path of ['', 'docs.html', 'examples/course-notes.html']) {
    const page = await lab.open('', { query: path, init, started: path === '' });
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, `${path || 'index.html'}: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/, `${path || 'index.html'}: ${csp}`);
    const source = await fs.readFile(nodePath.join(DIST, path || 'index.html'), 'utf8');
    assert.doesNotMatch(source, /<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/i, `${path}: an inline script, style or handler`);
    if (path === '') {
      // Every lesson, and a typed function (compiled to wasm at run time).
      for (const tab of ['2d', 'neuron', '1d']) {
        await page.locator(`[data-lesson="${tab}"]`).click();
        await page.waitForFunction((t) => !document.getElementById(`lesson-${t}`).hidden, tab);
      }
      await page.locator('#lesson-1d input[name="f"]').fill('sin(3*x) + x^2/4');
      await page.locator('#lesson-1d input[name="f"]').press('Enter');
      await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="status"]').textContent.length > 0);
      // Functions are compiled to wasm at run time under the CSP ('wasm-unsafe-eval'), not interpreted.
      assert.equal(await page.evaluate(() => window.wasmBindings.typedBackend()), 'compiled', 'run-time compiled under the CSP');
    } else {
      await page.waitForFunction(() => document.readyState === 'complete');
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `${path || 'index.html'}: CSP violations`);
    assertClean(page);
  }
});

test('a wasm that cannot load replaces "Loading the lab…" with a clear message within 5 s', async (t) => {
  const broken = await serveDist({ pages: { '/descent-web_bg.wasm': null }, inject: viaWebDriver ? () => `${CAPTURE}\n${NO_SERVICE_WORKER}` : undefined });
  try {
    const page = await lab.open('', { url: broken.url, started: false });
    const t0 = Date.now();
    await page.waitForFunction(() => document.getElementById('loading')?.classList.contains('error'), undefined, { timeout: 5000 });
    const text = await page.locator('#loading').textContent();
    assert.match(text, /could not start: its WebAssembly module \(descent-web_bg\.wasm\) could not be loaded or compiled/);
    const ms = Date.now() - t0;
    t.diagnostic(`the message showed ${ms} ms after the page opened`);
    assert.ok(ms < 5000);
    // In Spanish, every word of the message but the browser's own reason.
    const es = await lab.open('', { url: `${broken.url}#lang=es`, started: false });
    await es.waitForFunction(() => document.getElementById('loading')?.classList.contains('error'), undefined, { timeout: 5000 });
    assert.match(await es.locator('#loading').textContent(), /^El laboratorio no pudo arrancar: no se pudo cargar o compilar su módulo WebAssembly \(descent-web_bg\.wasm\): .*Compruebe que/);
  } finally {
    await broken.close();
  }
});

test('the course-notes example: a button in the prose drives the iframe, which is sized to its height', async () => {
  const page = await lab.open('', { query: 'examples/course-notes.html', started: false });
  await page.waitForFunction(() => document.getElementById('k2').textContent === '0', undefined, { timeout: 30000 });
  // The element above the buttons has laid itself out, so the prose no longer moves.
  await page.waitForFunction(() => document.getElementById('one-d').shadowRoot?.querySelector('[data-out="k"]')?.textContent === '0');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  await page.locator('button[data-send="step"]').click();
  await page.waitForFunction(() => document.getElementById('k2').textContent === '1');
  await page.locator('button[data-send="seek"]').click();
  await page.waitForFunction(() => document.getElementById('k2').textContent === '30');
  // The iframe shows the step the prose reports.
  assert.equal(await page.evaluate(() => document.getElementById('two-d').contentDocument.querySelector('#lesson-2d [data-out="k"]').textContent), '30');
  // Its height follows the content height it reports, so nothing inside scrolls.
  const sizes = () => page.evaluate(() => {
    const f = document.getElementById('two-d');
    return { frame: f.clientHeight, content: f.contentDocument.documentElement.scrollHeight };
  });
  await page.waitForFunction(() => {
    const f = document.getElementById('two-d');
    return f.clientHeight > 300 && Math.abs(f.clientHeight - f.contentDocument.documentElement.scrollHeight) <= 1;
  }).catch(async () => assert.fail(`the iframe does not follow its content height: ${JSON.stringify(await sizes())}`));
  // The element beside it runs its own lesson: γ = 0.3 from x₀ = 3, one step to 1.8.
  await page.evaluate(() => document.getElementById('one-d').step());
  await page.waitForFunction(() => Math.abs(Number(document.getElementById('one-d').shadowRoot.querySelector('[data-out="x"]').textContent) - 1.8) < 1e-9);
  assertClean(page);
});
