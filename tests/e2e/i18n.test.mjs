// End-to-end tests of the page's languages: a browser that prefers Spanish (or #lang=es, or
// <descent-lab lang="es">, or the iframe's hash) gets every lesson in Spanish, with no
// English text of the catalogue left on screen; numbers in the region's convention (0,5 in
// es-ES, 0.5 in es-MX) and typed with either separator; the header's switch changes the
// language in place, keeping the run on screen; the core's settings rows and catalogue
// entries all have a Spanish text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertClean, typeInto, prefers } from './harness.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src *">`;
const NOTES = `<!doctype html><html lang="es"><head><meta charset="utf-8">${CSP}<link rel="icon" href="data:,"><title>apuntes</title>
<script type="module" src="../descent-lab.js"></script></head><body>
<h1>Semana 1</h1>
<descent-lab id="a" lang="es" lesson="2d" seed="7" quiz="1"></descent-lab>
</body></html>`;

let lab;
before(async () => { lab = await setup({ pages: { '/notes/es.html': NOTES } }); });
after(async () => { await lab?.close(); });

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
  const [en, es] = [{ ...await get('en'), ...await get('en.l2'), ...await get('en.n') }, await get('es')];
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
  // The core's sentences (core.*, numbered ~0, ~1… in the release build) are checked against
  // its sources by a Rust test, the docs' tables (docs.flag.*, …) by the docs page's module,
  // the console warnings (warn.*) by tests/scripts/i18n.test.mjs.
  const extra = Object.keys(es).filter((id) => !(id in all) && !/^(~|(core|warn|docs\.(flag|group|in|out))\.)/.test(id));
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
  // A host developer's console warnings speak the element's language too.
  const warnings = await page.evaluate(() => {
    const said = [];
    const warn = console.warn;
    console.warn = (...args) => said.push(args.join(' '));
    const lab = document.getElementById('a');
    for (const m of [{ descent: 2, type: 'step' }, { descent: 1, type: 'explode' }, { descent: 1, type: 'seek', k: -1 }, { descent: 1, type: 'train' }]) lab.send(m);
    console.warn = warn;
    return said;
  });
  assert.deepEqual(warnings, [
    'Descent: mensaje ignorado: esquema no admitido: descent debe ser 1, se dio 2',
    'Descent: mensaje ignorado: tipo desconocido "explode"; conocidos: set, start, step, back, play, pause, train, stop, reset, seek',
    'Descent: mensaje ignorado: seek: k debe ser un entero ≥ 0',
    'Descent: mensaje ignorado: la lección 2d no entrena',
  ]);
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

/** Init script: a browser that prefers es-ES, whose clipboard writes are kept in `window.__clipboard`. */
const SPAIN_CLIPBOARD = new Function(`Object.defineProperty(navigator, 'languages', { get: () => ['es-ES', 'es'] });
window.__clipboard = [];
Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text) => { window.__clipboard.push(text); } } });`);

/** Words of the core's English sentences that a Spanish text has no use for. */
const CORE_ENGLISH = /\b(step|steps|stopped|after|trial|accepted|shrink|condition|bracket|chosen|evaluations|exact|central differences|positive definite|smallest|damped|sequential order|partial|the|with|exceeds|budget|lower|descent|expected|got|requires|writes|cannot|Training|finished|written out|coordinate at a time|initial weights)\b/;

/** The Python with numpy the cells run in (as the export tests find it), or null. */
function python() {
  const root = new URL('../../', import.meta.url).pathname;
  for (const p of [process.env.DESCENT_PYTHON, `${root}target/bench-venv/bin/python`, 'python3'].filter(Boolean)) {
    try { execFileSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }); return p; } catch { /* next */ }
  }
  return null;
}

test('the Python cell of a Spanish page has Spanish comments and prints, and prints the numbers of the English cell', async () => {
  const py = python();
  for (const [lesson, hash] of [['2d', 'lesson=2d&opt=armijo&multi2=0&starts2=1.5,-1&steps2=20&seed=7'], ['neuron', 'lesson=neuron']]) {
    const cells = {};
    for (const [lang, init] of [['es', SPAIN_CLIPBOARD], ['en', SPAIN_CLIPBOARD]]) {
      const page = await lab.open(`${hash}&lang=${lang}`, { init });
      await ready(page, lesson);
      await page.locator(`#lesson-${lesson} [data-action="export-python"]`).click();
      await page.waitForFunction(() => window.__clipboard.length > 0);
      cells[lang] = await page.evaluate(() => window.__clipboard.at(-1));
      assertClean(page);
    }
    const comments = cells.es.split('\n').filter((l) => /^\s*#/.test(l) || /print\('/.test(l));
    assert.ok(comments.length >= 3, cells.es);
    for (const line of comments) assert.doesNotMatch(line, CORE_ENGLISH, `${lesson}: English in the Spanish cell: ${line}`);
    assert.match(cells.es, lesson === '2d' ? /# Descenso por gradiente con búsqueda lineal con retroceso \(Armijo\)/ : /print\('Entrenamiento finalizado'\)/);
    const code = (cell) => cell.split('\n').filter((l) => !/^\s*#/.test(l) && !/print\('/.test(l)).join('\n');
    assert.equal(code(cells.es), code(cells.en), 'only the comments and printed words differ');
    if (py) {
      const run = (cell) => execFileSync(py, ['-c', cell], { encoding: 'utf8' }).split('\n').filter((l) => /^[-\d.e ]+$/i.test(l.trim()) && l.trim());
      assert.deepEqual(run(cells.es), run(cells.en), `${lesson}: both cells print the same numbers`);
    }
  }
});

/** Steps the first run of lesson 2 `n` times and returns the arithmetic panel's text. */
async function panelAfter(page, n) {
  await page.locator('#lesson-2d table.runs tbody tr').first().click();
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((k) => new RegExp(`^paso ${k} → ${k + 1} `).test(document.querySelector('#lesson-2d [data-out="arithmetic"]').textContent), n);
  return page.locator('#lesson-2d [data-out="arithmetic"]').textContent();
}

for (const [opt, words] of [['gd', /^γ = 0,02$/m], ['adam', /m̂_4 = m_4 \/ \(1 − β₁\^4\)/], ['armijo', /prueba 1: γ = 0,02: f = .* → (se reduce γ ← ρ·γ|aceptada)/], ['newton', /H es (no )?definida positiva \(menor valor propio/]]) {
  test(`the arithmetic panel of ${opt} is Spanish after a few steps, with es-ES numbers`, async () => {
    const page = await lab.open(`lesson=2d&opt=${opt}&multi2=0&starts2=1.5,-1&gamma2=0.02`, { init: SPAIN, width: 1280, height: 800 });
    await ready(page, '2d');
    const text = await panelAfter(page, 3);
    assert.match(text, words, text);
    assert.doesNotMatch(text, CORE_ENGLISH, text);
    // es-ES: decimal commas, coordinates separated by a semicolon.
    assert.match(text, /^x_3 = \(-?\d+(,\d+)?; -?\d+(,\d+)?\)$/m, text);
    assert.doesNotMatch(text, /\d\.\d/, 'no decimal point in es-ES');
    if (opt === 'gd') assert.match(await page.evaluate(() => location.hash), /gamma2=0\.02(&|$)/, 'the link keeps its point');
    assertClean(page);
  });
}

test('a budget refusal from a link and an invalid value read in Spanish', async () => {
  const page = await lab.open('lesson=2d&seed=3&n2=10000&steps2=100000', { init: SPAIN });
  await page.waitForFunction(() => /supera el presupuesto/.test(document.querySelector('#lesson-2d [data-out="notice"]').textContent));
  const notice = await page.locator('#lesson-2d [data-out="notice"]').textContent();
  assert.match(notice, /= 10000 × 100000 = 1000000000 pasos de descenso supera el presupuesto de 50000000 pasos de descenso \(unos 10 s de trabajo como mucho\): reduzca /, notice);
  assert.doesNotMatch(notice, CORE_ENGLISH, notice);
  assertClean(page);

  // An invalid value in a link: said where the notices are, and replaced by its default.
  const nesterov = await lab.open('lesson=2d&opt=nesterov&nesterov.mu=0', { init: SPAIN });
  await nesterov.waitForFunction(() => /se dio 0/.test(document.getElementById('state-errors').textContent));
  const said = await nesterov.locator('#state-errors').textContent();
  assert.match(said, /μ \(momento de Nesterov\) debe ser un número en \(0, 1\) \(se dio 0\)/, said);
  assert.doesNotMatch(said, CORE_ENGLISH, said);
  assertClean(nesterov);
});

test('the course-notes example follows a Spanish browser, and ?lang=es an English one, in its prose, element and iframe', async () => {
  for (const [query, init] of [['', SPAIN], ['?lang=es', prefers(['en-US', 'en'])]]) {
    const page = await lab.open('', { url: `${lab.server.url}examples/course-notes.html${query}`, started: false, init, width: 1280, height: 800 });
    await page.waitForFunction(() => document.documentElement.lang === 'es' && /Semana 3/.test(document.querySelector('h1').textContent));
    await page.waitForFunction(() => /paso \d+ \/ \d+/.test(document.getElementById('one-d').shadowRoot?.querySelector('[data-out="counter"]')?.textContent ?? ''));
    await page.waitForFunction(() => document.getElementById('k2').textContent === '0', undefined, { timeout: 30000 });
    const counter = await page.evaluate(() => document.getElementById('two-d').contentDocument.querySelector('#lesson-2d [data-out="counter"]').textContent);
    assert.match(counter, /^paso 0 \//, 'the iframe lesson is Spanish');
    const { fragments } = await englishFragments(page);
    const text = await shownText(page);
    assert.deepEqual(leftovers(text, fragments), [], 'English catalogue text on the Spanish notes');
    assert.deepEqual(leftovers(await shownText(page, '#one-d'), fragments), [], 'English in the element');
    assert.ok(text.includes('dar un paso') && text.includes('descenso por gradiente'), text.slice(0, 400));
    await page.locator('button[data-send="step"]').click();
    await page.waitForFunction(() => document.getElementById('k2').textContent === '1');
    assertClean(page);
  }
});
