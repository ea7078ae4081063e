// End-to-end tests of the page's languages: a browser that prefers Spanish (or #lang=es, or
// <descent-lab lang="es">, or the iframe's hash) gets every lesson in Spanish, with no
// English text of the catalogue left on screen; numbers in the region's convention (0,5 in
// es-ES, 0.5 in es-MX) and typed with either separator; the header's switch changes the
// language in place, keeping the run on screen; the core's settings rows and catalogue
// entries all have a Spanish text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto } from './harness.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src *">`;
const NOTES = `<!doctype html><html lang="es"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>apuntes</title>
<script type="module" src="../descent-lab.js"></script></head><body>
<h1>Semana 1</h1>
<descent-lab id="a" lang="es" lesson="2d" seed="7" quiz="1"></descent-lab>
</body></html>`;

let lab;
before(async () => { lab = await setup({ pages: { '/notes/es.html': NOTES } }); });
after(async () => { await lab?.close(); });

/** Init scripts: a browser whose preferred languages are `langs`. */
const prefers = (langs) => new Function(`Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(langs)} });`);
const SPAIN = prefers(['es-ES', 'es']);
const MEXICO = prefers(['es-MX', 'es']);

const ready = (page, lesson) => page.waitForFunction((l) => /\d+ \/ \d+/.test(document.querySelector(`#lesson-${l} [data-out="counter"]`)?.textContent ?? ''), lesson);

/**
 * The English texts of the catalogue that differ from their Spanish (the core's settings rows,
 * catalogue entries and quiz answers included), as the fragments a page would show: the text
 * between `{places}`, at least 10 characters long.
 */
const englishFragments = (page) => page.evaluate(async () => {
  const get = async (lang) => (await fetch(`/i18n/${lang}.json`)).json();
  const [en, es] = [await get('en'), await get('es')];
  const w = window.wasmBindings;
  const core = {};
  for (const name of ['page', '1d', '2d', 'neuron']) {
    for (const r of w.settingsTable(name)) {
      core[`set.${r.key}`] = r.label;
      core[`set.${r.key}.help`] = r.help;
      for (const c of r.choices ?? []) core[`set.${r.key}.${c.value}`] = c.label;
    }
  }
  for (const e of w.catalogue(0)) {
    core[`fn.${e.id}`] = e.name;
    core[`fn.${e.id}.note`] = e.note;
    if (e.param) core[`fn.${e.id}.param`] = e.param.name;
  }
  for (const [v, l] of w.quizBehaviours()) core[`quiz.choice.${v}`] = l;
  // The pages' markup is the English of its ids: an element's text with {0}, {1}… for its
  // child elements, or an attribute's value.
  const markup = {};
  for (const page of ['/index.html', '/docs.html', '/examples/course-notes.html', '/examples/slides.html']) {
    const doc = new DOMParser().parseFromString(await (await fetch(page)).text(), 'text/html');
    for (const el of doc.querySelectorAll('[data-i18n]')) {
      let i = 0;
      const parts = [...el.childNodes].map((n) => (n.nodeType === 1 ? `{${i++}}` : n.nodeType === 3 ? n.textContent : ''));
      markup[el.dataset.i18n] = parts.join('').replace(/\s+/g, ' ').trim();
    }
    for (const el of doc.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.name.startsWith('data-i18n-')) markup[a.value] = el.getAttribute(a.name.slice(10)) ?? '';
    }
  }
  const all = { ...core, ...markup, ...en };
  const missing = Object.keys(all).filter((id) => !(id in es));
  // The core's sentences (core.*) are checked against its sources by a Rust test, the docs'
  // tables (docs.flag.*, …) by the docs page's module.
  const extra = Object.keys(es).filter((id) => !(id in all) && !/^(core|docs\.(flag|group|in|out))\./.test(id));
  const fragments = [];
  for (const [id, text] of Object.entries(all)) {
    if (es[id] === text) continue;
    // A fragment the Spanish text shares (a formula, a name) is no sign of English.
    for (const part of text.split(/\{\w+\}/)) if (part.trim().length >= 10 && !es[id].includes(part.trim())) fragments.push([id, part.trim()]);
  }
  return { missing, extra, fragments };
});

/** Every text a person reads in `root` (a selector of the page, or a shadow root's host): text, titles, labels. */
const shownText = (page, host) => page.evaluate((host) => {
  const root = host ? document.querySelector(host).shadowRoot : document.body;
  let all = root.innerText ?? [...root.children].map((c) => c.innerText).join('\n');
  // Code samples (the docs' <pre>) are code, the same in every language.
  for (const pre of root.querySelectorAll('pre')) all = all.replace(pre.innerText, '');
  const parts = [all];
  for (const el of root.querySelectorAll('[title], [aria-label], option')) {
    if (el.closest('[hidden]')) continue;
    parts.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '', el.tagName === 'OPTION' ? el.textContent : '');
  }
  return parts.join('\n');
}, host);

const leftovers = (text, fragments) => fragments.filter(([, f]) => text.includes(f)).map(([id, f]) => `${id}: ${f}`);

test('every id of the catalogues and every settings row and catalogue entry of the core has a Spanish text', async () => {
  const page = await lab.open('', { init: SPAIN });
  const { missing, extra } = await englishFragments(page);
  assert.deepEqual(missing, [], 'ids without a Spanish text');
  assert.deepEqual(extra, [], 'Spanish ids no one uses');
  assertClean(page);
});

for (const [lesson, hash] of [['1d', 'lesson=1d&quiz=1&multi=1'], ['2d', 'lesson=2d&quiz=1'], ['neuron', 'lesson=neuron&quiz=1']]) {
  test(`a browser that prefers es-ES gets lesson ${lesson} in Spanish, with no English text of the catalogue`, async () => {
    const page = await lab.open(hash, { init: SPAIN, width: 1280, height: 800 });
    await ready(page, lesson);
    if (lesson === 'neuron') {
      await page.locator('#lesson-neuron [data-action="sample"]').click();
      await page.waitForFunction(() => /^Muestra 1 /.test(document.querySelector('[data-out="arith-sample"]').textContent));
    } else {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((l) => /^paso 1 \//.test(document.querySelector(`#lesson-${l} [data-out="counter"]`).textContent), lesson);
    }
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    const { fragments } = await englishFragments(page);
    const text = await shownText(page);
    assert.deepEqual(leftovers(text, fragments), [], 'English catalogue text on the Spanish page');
    for (const words of ['semilla', 'modo cuestionario', 'idioma', 'reproducir'].slice(0, 3)) assert.ok(text.includes(words), words);
    assertClean(page);
  });
}

test('es-ES writes a decimal comma and es-MX a point; Spanish input takes either, the link keeps a point', async () => {
  for (const [init, sep] of [[SPAIN, ','], [MEXICO, '.']]) {
    const page = await lab.open('lesson=1d&gamma=0.25&x0=3', { init });
    await ready(page, '1d');
    await page.keyboard.press('ArrowRight');
    // x₁ = 3 − 0.25·f′(3) = 3 − 0.25·4 ≈ 2 (central difference: 2.0000000…).
    await page.waitForFunction(() => document.querySelector('#lesson-1d [data-out="k"]').textContent === '1');
    const gamma = await page.locator('#lesson-1d [name="gamma"]').inputValue();
    assert.equal(gamma, `0${sep}25`, 'the form shows γ in the region\'s convention');
    const f = await page.locator('#lesson-1d [data-out="f"]').textContent();
    assert.match(f, sep === ',' ? /^1(,\d+)?$/ : /^1(\.\d+)?$/);
    const input = page.locator('#lesson-1d [name="gamma"]');
    for (const [typed, canonical] of [['0,1', '0.1'], ['0.2', '0.2']]) {
      await typeInto(input, typed);
      await page.waitForFunction((c) => location.hash.includes(`gamma=${c}`), canonical);
      assert.equal(await page.locator('#lesson-1d .error[data-for="gamma"]').textContent(), '');
    }
    assertClean(page);
  }
});

test('#lang=es gives Spanish to an English browser; the switch goes back to English in place, keeping the run', async () => {
  const page = await lab.open('lesson=2d&lang=es&seed=7', { init: prefers(['en-US', 'en']), width: 1280, height: 800 });
  await ready(page, '2d');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^paso 3 \//.test(document.querySelector('#lesson-2d [data-out="counter"]').textContent));
  const x = await page.locator('#lesson-2d [data-out="x"]').textContent();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.locator('#lang').inputValue(), 'es');
  await page.locator('#lang').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => /^step 3 \//.test(document.querySelector('#lesson-2d [data-out="counter"]').textContent));
  assert.equal(await page.locator('#lesson-2d [data-out="x"]').textContent(), x.replace(',', '.'), 'the same run, at the same step');
  assert.match(await page.evaluate(() => location.hash), /lang=en/);
  const text = await shownText(page);
  for (const words of ['learning rate', 'optimizer', 'Click the contour map']) assert.ok(text.includes(words), words);
  assertClean(page);
});

test('<descent-lab lang="es"> and the iframe with lang=es in its hash show Spanish', async () => {
  const page = await lab.open('', { url: `${lab.server.url}notes/es.html`, started: false, init: prefers(['en-US']) });
  await page.waitForFunction(() => /\d+ \/ \d+/.test(document.getElementById('a').shadowRoot?.querySelector('[data-out="counter"]')?.textContent ?? ''));
  const { fragments } = await englishFragments(page).catch(() => ({ fragments: null }));
  const text = await shownText(page, '#a');
  assert.ok(text.includes('tasa de aprendizaje') && text.includes('optimizador'), text.slice(0, 300));
  if (fragments) assert.deepEqual(leftovers(text, fragments), []);
  assertClean(page);

  const frame = await lab.open('lesson=1d&lang=es', { query: '?embed&controls=transport,readout,settings', init: prefers(['en-US']) });
  await ready(frame, '1d');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'es');
  assert.match(await frame.locator('#lesson-1d [data-out="counter"]').textContent(), /^paso 0 \//);
  assertClean(frame);
});

test('the docs page in Spanish (#lang=es, or a Spanish browser) shows no English text of the catalogue', async () => {
  for (const [hash, init] of [['lang=es', prefers(['en-US'])], ['', SPAIN]]) {
    const page = await lab.open('', { url: `${lab.server.url}docs.html${hash ? `#${hash}` : ''}`, started: false, init });
    await page.waitForFunction(() => document.querySelectorAll('#settings-tables table').length >= 4 && document.documentElement.lang === 'es');
    const { fragments } = await englishFragments(page);
    const text = await shownText(page);
    assert.deepEqual(leftovers(text, fragments), [], 'English catalogue text on the Spanish docs page');
    for (const words of ['Enlazar una ejecución', 'Todos los ajustes', 'tasa de aprendizaje', 'reproducir, pausa']) assert.ok(text.includes(words), words);
    assertClean(page);
  }
});
