// End-to-end tests of the page's loading line over a slow network: while the wasm arrives
// the line counts the share received ("Loading the lab… 40 %", in the page's language), then
// the lab starts as usual.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, assertClean, prefers, DIST } from './harness.mjs';

/** The wasm comes in at 400 KB a second: about two seconds for the release build's. */
const SLOW = { '/descent-web_bg.wasm': 400_000 };

let lab;
before(async () => { lab = await setup({ slow: SLOW }); });
after(async () => { await lab?.close(); });

/** Before the page's scripts: keeps each text the loading line shows in `__loading`. */
function recordLoading() {
  window.__loading = [];
  new MutationObserver(() => {
    const text = document.getElementById('loading')?.textContent;
    if (text && text !== window.__loading.at(-1)) window.__loading.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** The percentages the loading line showed, in order, read with `pattern`. */
async function shares(page, pattern) {
  const texts = await page.evaluate(() => window.__loading);
  return texts.map((s) => pattern.exec(s)).filter(Boolean).map((m) => Number(m[1]));
}

test('the release build declares the wasm\'s size on its preload link', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const bytes = /<link rel="preload" href="descent-web_bg\.wasm"[^>]* data-bytes="(\d+)"/.exec(html)?.[1];
  assert.equal(Number(bytes), fs.statSync(path.join(DIST, 'descent-web_bg.wasm')).size);
});

test('over a slow network the loading line counts the wasm in, then the lab starts', async () => {
  const page = await lab.open('seed=1', { init: recordLoading });
  const seen = await shares(page, /^Loading the lab… (\d+) %$/);
  assert.ok(seen.length >= 3, `percentages shown: ${JSON.stringify(await page.evaluate(() => window.__loading))}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'the share only grows');
  assert.ok(seen.every((p) => p >= 0 && p <= 99), String(seen));
  assert.ok(seen.at(-1) >= 50, `the last share shown was ${seen.at(-1)} %`);
  // The lab then works as usual: lesson 1's counter and plot are there.
  await page.waitForFunction(() => /0 \/ 50/.test(document.querySelector('#lesson-1d [data-out="counter"]')?.textContent ?? ''));
  assertClean(page);
});

test('in Spanish the loading line counts in Spanish', async () => {
  const spain = prefers(['es-ES', 'es']);
  const page = await lab.open('seed=1', { init: `${recordLoading.toString()}; recordLoading(); (${spain.toString()})();` });
  const seen = await shares(page, /^Cargando el laboratorio… (\d+) %$/);
  assert.ok(seen.length >= 3, `percentages shown: ${JSON.stringify(await page.evaluate(() => window.__loading))}`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assertClean(page);
});
