// The language catalogues (www/i18n/*.json): the same ids in every language, each id used
// by the page, the same {places} in each translation; and numbers written and read in the
// language's convention. (That the core's settings rows and catalogue entries all have a
// translation is checked against the built wasm in tests/e2e/i18n.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyLocale, chooseLang, decimalOf, numberLocale, readNumber, showNumber } from '../../www/js/i18n.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const load = (lang) => JSON.parse(readFileSync(join(ROOT, `www/i18n/${lang}.json`), 'utf8'));
/** English: the first view's texts and each later lesson's own (`en.l2.json`, `en.n.json`). */
const en = { ...load('en'), ...load('en.l2'), ...load('en.n') };

test('each later lesson\'s English file holds only that lesson\'s ids, and the first view\'s none of them', () => {
  const prefix = (id) => id.split('.')[0];
  assert.deepEqual([...new Set(Object.keys(load('en.l2')).map(prefix))], ['l2']);
  assert.deepEqual([...new Set(Object.keys(load('en.n')).map(prefix))].sort(), ['land', 'n']);
  assert.deepEqual(Object.keys(load('en')).filter((id) => ['l2', 'n', 'land'].includes(prefix(id))), []);
});
const es = load('es');

/**
 * Ids whose English lives with their owner: the core (settings rows, catalogue entries, quiz
 * behaviours), the docs page's modules (flags, groups, messages) and the embed's console
 * warnings (warn.*). The pages' markup owns the English of its data-i18n ids.
 */
const CORE = /^(set|fn|quiz\.choice|core|warn|docs\.(flag|group|in|out))\./;
const markup = ['www/index.html', 'www/docs.html', 'www/examples/course-notes.html', 'www/examples/slides.html'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
const inMarkup = (id) => markup.includes(`data-i18n="${id}"`) || new RegExp(`data-i18n-[a-z-]+="${id.replace(/\./g, '\\.')}"`).test(markup);

/** Every file of the front end under `dir` (scripts and pages), recursively. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' ? [] : sources(p);
    return /\.(js|html)$/.test(e.name) ? [p] : [];
  });
}

test('every id of the English catalogue has a Spanish text, and Spanish has no other id but the core\'s', () => {
  assert.deepEqual(Object.keys(en).filter((id) => !(id in es)), [], 'ids missing in es.json');
  assert.deepEqual(Object.keys(es).filter((id) => !(id in en) && !CORE.test(id) && !inMarkup(id)), [], 'ids only in es.json');
  assert.deepEqual(Object.keys(en).filter((id) => CORE.test(id) && !/^(fn\.typed|quiz\.choice\.(rises|falls))$/.test(id)), [],
    'the core\'s ids take their English from the core');
});

test('every text id of the pages\' markup has a Spanish text', () => {
  const ids = [...markup.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(ids.length > 100, `${ids.length} ids in the markup`);
  assert.deepEqual([...new Set(ids.filter((id) => !(id in es)))], []);
});

test('each translation has the same {places} as the English', () => {
  const places = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const differ = Object.keys(en).filter((id) => places(en[id]) !== places(es[id]));
  assert.deepEqual(differ, []);
});

test('every id of the catalogues is used by the pages, their scripts or the core', () => {
  const rust = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? rust(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []));
  const text = [...sources(join(ROOT, 'www')), ...rust(join(ROOT, 'crates/descent/src'))].map((f) => readFileSync(f, 'utf8')).join('\n');
  // Ids built at run time: a literal prefix followed by `${…}`.
  const prefixes = [...text.matchAll(/[`]([a-z0-9.-]+\.)\$\{/g)].map((m) => m[1]);
  const used = (id) => text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``)
    || prefixes.some((p) => id.startsWith(p));
  assert.deepEqual(Object.keys({ ...en, ...es }).filter((id) => !used(id)), []);
});

test('the language: the setting when it names one, else the first Spanish preference, else English', () => {
  assert.equal(chooseLang('es', ['en-US']), 'es');
  assert.equal(chooseLang('en', ['es-ES']), 'en');
  assert.equal(chooseLang('auto', ['de-DE', 'es-MX', 'en']), 'es');
  assert.equal(chooseLang('', ['en-GB', 'de']), 'en');
  assert.equal(chooseLang(undefined, ['ES']), 'es');
  assert.equal(chooseLang('fr', ['fr-FR']), 'en');
});

test('numbers follow the browser\'s region: a comma in es-ES, a point in es-MX and English', () => {
  assert.equal(numberLocale('es', ['es-MX', 'es']), 'es-MX');
  assert.equal(numberLocale('es', ['en-US']), 'es-ES');
  assert.equal(numberLocale('en', ['es-ES']), 'en');
  assert.equal(decimalOf('es-ES'), ',');
  assert.equal(decimalOf('es-MX'), '.');
  applyLocale('es', ['es-ES']);
  assert.equal(showNumber('0.001'), '0,001');
  assert.equal(showNumber('-1.5e-7'), '-1,5e-7');
  assert.equal(readNumber('0,5'), '0.5');
  assert.equal(readNumber('0.5'), '0.5', 'either separator in Spanish');
  applyLocale('es', ['es-MX']);
  assert.equal(showNumber('0.001'), '0.001');
  assert.equal(readNumber('0,5'), '0.5');
  applyLocale('en', ['en-US']);
  assert.equal(showNumber('0.001'), '0.001');
  assert.equal(readNumber('0,5'), '0,5', 'English reads a comma as it is (the core rejects it)');
});
