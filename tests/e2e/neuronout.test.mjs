// End-to-end tests of the neuron driven from outside and from its own transport: the
// `train` and `stop` messages of the ?embed iframe, the element's train() and stop(),
// ▶ before any training starts it, and the arithmetic panel follows the scrubbed epoch.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean } from './harness.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src *">`;
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>host</title>
<script type="module" src="../descent-lab.js"></script></head><body>
<descent-lab id="n" lesson="neuron" seed="1"></descent-lab>
</body></html>`;
const EMPTY = `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>host</title></head><body></body></html>`;

let lab;
before(async () => { lab = await setup({ pages: { '/notes/element.html': HOST, '/notes/host.html': EMPTY } }); });
after(async () => { await lab?.close(); });

const neuron = (page) => page.locator('#lesson-neuron');
const text = async (page, name) => (await neuron(page).locator(`[data-out="${name}"]`).textContent()).trim();

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
const post = (page, message) => page.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);

test('the ?embed iframe trains on a train message, stops on stop, and sends trained', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/host.html`, started: false });
  await frame(page, '../?embed&controls=transport#lesson=neuron&seed=1');
  await post(page, { descent: 1, type: 'train' });
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'trained'), undefined, { timeout: 30000 });
  const trained = await page.evaluate(() => window.__msgs.find((m) => m.type === 'trained'));
  // The notebook's AND neuron reaches the stop rule at epoch 2561.
  assert.equal(trained.k, 2561);
  assert.equal(trained.status, 'converged');
  assert.ok(trained.cost < 0.001, JSON.stringify(trained));
  // A long training (the cost target 0 is never met) stops on `stop`, before its limit.
  await post(page, { descent: 1, type: 'set', settings: { lesson: 'neuron', ncost: 0, nepochs: 100000, nhidden: 8 } });
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-neuron [name="nhidden"]').value === '8');
  await page.evaluate(() => { window.__msgs = []; });
  // Both messages at once: training starts on the first and stops on the second.
  await page.evaluate(() => {
    const w = document.querySelector('iframe').contentWindow;
    w.postMessage({ descent: 1, type: 'train' }, '*');
    w.postMessage({ descent: 1, type: 'stop' }, '*');
  });
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.querySelector('#lesson-neuron').dataset.training === 'idle');
  await page.waitForTimeout(300);
  const epoch = await page.evaluate(() => Number(document.querySelector('iframe').contentDocument.querySelector('#lesson-neuron progress').value));
  assert.ok(epoch < 100000, `stopped at epoch ${epoch}`);
  assert.equal(await page.evaluate(() => window.__msgs.some((m) => m.type === 'trained')), false);
  assertClean(page);
});

test('<descent-lab lesson="neuron"> has train() and stop(), and fires trained', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/element.html`, started: false });
  await page.waitForFunction(() => document.getElementById('n').shadowRoot?.querySelector('#lesson-neuron [data-out="progress-text"]')?.textContent.startsWith('epoch'), undefined, { timeout: 30000 });
  const methods = await page.evaluate(() => [typeof document.getElementById('n').train, typeof document.getElementById('n').stop]);
  assert.deepEqual(methods, ['function', 'function']);
  await page.evaluate(() => {
    const el = document.getElementById('n');
    window.__trained = null;
    el.addEventListener('trained', (ev) => { window.__trained = ev.detail; });
    el.train();
  });
  await page.waitForFunction(() => window.__trained !== null, undefined, { timeout: 30000 });
  const detail = await page.evaluate(() => window.__trained);
  assert.equal(detail.k, 2561);
  assert.equal(detail.status, 'converged');
  // stop() while idle is harmless; the epoch on screen stays.
  assert.equal(await page.evaluate(() => document.getElementById('n').stop()), true);
  assertClean(page);
});

test('▶ before any training trains the neuron', async () => {
  const page = await lab.open('lesson=neuron&seed=1');
  assert.match(await text(page, 'progress-text'), /^epoch 0 \//);
  await neuron(page).locator('[data-role="transport"] [data-action="play"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="status"]').dataset.status === 'converged', undefined, { timeout: 30000 });
  assert.match(await text(page, 'progress-text'), /^epoch 2561 \//);
  // The same in the embed with only the transport shown.
  const embed = await lab.open('lesson=neuron&seed=1', { query: '?embed&controls=transport' });
  await neuron(embed).locator('[data-role="transport"] [data-action="play"]').click();
  await embed.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="status"]').dataset.status === 'converged', undefined, { timeout: 30000 });
  assert.match(await neuron(embed).locator('[data-role="transport"]').textContent(), /2561/);
  assertClean(page);
  assertClean(embed);
});

test('the arithmetic panel follows the scrubbed epoch', async () => {
  const page = await lab.open('lesson=neuron&seed=1');
  const epochButton = neuron(page).locator('[data-action="epoch"]');
  for (let i = 0; i < 5; i++) await epochButton.click();
  await page.waitForFunction(() => /^epoch 5 \//.test(document.querySelector('#lesson-neuron [data-out="progress-text"]').textContent));
  // At the head after 5 epochs: the arithmetic of epoch 5's last sample, as it was trained.
  const arith = (n) => neuron(page).locator(`[data-role="arith"] [data-out="${n}"]`).textContent();
  const read = async () => Object.fromEntries(await Promise.all(['arith-sample', 'z', 'a', 'delta', 'dw', 'db'].map(async (n) => [n, (await arith(n)).trim()])));
  const atFive = await read();
  assert.match(atFive['arith-sample'], /^Sample 4 of epoch 5: x = \(0, 0\), y = 0$/);
  await neuron(page).locator('[data-action="train"]').click();
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="status"]').dataset.status === 'converged', undefined, { timeout: 30000 });
  assert.notEqual((await arith('z')).trim(), atFive.z, 'the last epoch shows its own sample');
  // Scrub back to epoch 5: the panel shows what it showed when epoch 5 was trained.
  const slider = neuron(page).getByRole('slider');
  await slider.press('Home');
  for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="w-epoch"]').textContent === '5');
  assert.deepEqual(await read(), atFive);
  await slider.press('Home');
  await page.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="w-epoch"]').textContent === '0');
  assert.equal(await text(page, 'arith-sample'), 'Epoch 0: the initial weights, before any sample was trained.');
  assertClean(page);
});
