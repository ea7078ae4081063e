// The page's languages: which one to show, its catalogue of texts by id (a JSON file per
// language, fetched only when that language is used), texts put into the page, and numbers
// written and read in the language's convention.

import { SITE } from './embed/wasm.js';

/** The languages the lab speaks; the first is the one every text is written in first. */
export const LANGS = ['en', 'es'];

/** The texts of every loaded language by id; the core's settings tables add their English. */
const loaded = { en: {} };
const pending = {};
let current = 'en';
let tag = 'en';
let decimal = '.';

/**
 * The language to show: `setting` (`en`, `es`) when it names one, else the first of the
 * browser's preferred languages that is Spanish (`es`, `es-*`) gives `es`, otherwise `en`.
 */
export function chooseLang(setting, preferred = navigator.languages ?? [navigator.language]) {
  if (LANGS.includes(setting)) return setting;
  return preferred.some((l) => /^es(-|$)/i.test(l)) ? 'es' : 'en';
}

/**
 * The locale whose numbers language `lang` uses: the browser's own region when it prefers a
 * variety of that language (`es-MX` writes 0.5, `es-ES` 0,5), else Spain's or plain English.
 */
export function numberLocale(lang, preferred = navigator.languages ?? [navigator.language]) {
  if (lang === 'en') return 'en';
  const own = preferred.find((l) => l.toLowerCase().startsWith(`${lang}-`));
  return own ?? `${lang}-ES`;
}

/** The decimal separator of `locale` (`.` or `,`). */
export function decimalOf(locale) {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}

/** Fetches the catalogue of `lang` once; resolves when its texts can be used. */
export function loadLang(lang) {
  pending[lang] ??= fetch(new URL(`i18n/${lang}.json`, SITE))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`i18n/${lang}.json: ${r.status}`))))
    .then((texts) => { loaded[lang] = { ...loaded[lang], ...texts }; });
  return pending[lang];
}

/**
 * Fetches the English of one lesson's own texts (`l2`, `n`: `i18n/en.l2.json`) once, so that
 * the first view downloads only the words it shows; the other catalogues hold every id.
 */
export function loadPart(part) {
  const key = `en.${part}`;
  pending[key] ??= fetch(new URL(`i18n/${key}.json`, SITE))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`i18n/${key}.json: ${r.status}`))))
    .then((texts) => { loaded.en = { ...texts, ...loaded.en }; });
  return pending[key];
}

/** Resolves once English and every catalogue asked for so far have arrived (or failed). */
export async function textsReady() {
  await Promise.allSettled([loadLang('en'), ...Object.values(pending)]);
}

/** Makes `lang` the language of every later text and number (its catalogue loaded first). */
export async function useLang(lang, preferred) {
  await loadLang(lang);
  applyLocale(lang, preferred);
}

/** Makes `lang` the language in use with its numbers' convention (its catalogue already loaded). */
export function applyLocale(lang, preferred) {
  current = lang;
  tag = numberLocale(lang, preferred);
  decimal = decimalOf(tag);
  core?.setTexts(coreTexts());
}

/** The bindings whose core speaks the language in use (see `localized`). */
let core = null;

/** The texts of the language in use as the core reads them (none for English), and its decimal separator. */
function coreTexts() {
  if (current === 'en') return '';
  const pairs = [...Object.entries(loaded[current]), ['number.decimal', decimal]];
  return pairs.map(([id, text]) => `${id}\u001f${text}`).join('\u001e');
}

/** The language in use (`en` or `es`) and its locale for numbers (`es-ES`, `es-MX`, `en`). */
export const lang = () => current;
export const locale = () => tag;

/** Adds English texts that live elsewhere (the core's settings tables) under their ids. */
export function addEnglish(texts) {
  for (const [id, text] of Object.entries(texts)) loaded.en[id] ??= text;
}

/**
 * The text of `id` in the language in use, its `{name}` places filled from `args`; English
 * when the language lacks it, the id itself when no catalogue has it.
 */
export function t(id, args) {
  const text = loaded[current]?.[id] ?? loaded.en[id] ?? id;
  return args ? text.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m)) : text;
}

/** Whether the catalogue in use has `id`. */
export const has = (id) => id in (loaded[current] ?? {}) || id in loaded.en;

/** A number's canonical text (`0.5`, `1e-8`) in the convention of the language in use. */
export const showNumber = (text) => (decimal === '.' ? String(text) : String(text).replace(/\./g, decimal));

/** What separates the numbers of a list shown (a point's coordinates): `; ` where the decimal separator is a comma. */
export const listSeparator = () => (decimal === ',' ? '; ' : ', ');

/**
 * What a person typed as a number, back in canonical form: in a language with a decimal
 * comma either separator is read as the decimal one (`0,5` and `0.5` are 0.5).
 */
export const readNumber = (text) => (current === 'en' ? String(text) : String(text).replace(/,/g, '.'));

/**
 * Puts the texts of the language in use into `root`: `[data-i18n]` elements get their text
 * (a text's `{0}`, `{1}`… stand for the element's child elements, in order, which keep
 * their own markup and texts), and `[data-i18n-title]`, `[data-i18n-aria-label]`, `[data-i18n-data-name]`,
 * `[data-i18n-placeholder]` their attributes.
 */
export function applyTexts(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    if (!kept.has(el)) learn(el.dataset.i18n, templateOf(el));
    fillElement(el, t(el.dataset.i18n));
  }
  for (const attr of ['title', 'aria-label', 'placeholder', 'data-name']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) {
      const id = el.getAttribute(data);
      if (el.hasAttribute(attr)) learn(id, el.getAttribute(attr));
      el.setAttribute(attr, t(id));
    }
  }
}

/**
 * A page's markup is written in English: the first time an id is seen there, its text is
 * that id's English (unless a catalogue or the core gave one), so the page can go back to it.
 */
function learn(id, text) {
  if (text && !(id in loaded.en)) loaded.en[id] = text;
}

/** The element children a `[data-i18n]` element keeps across languages (found once). */
const kept = new WeakMap();

function fillElement(el, text) {
  if (!kept.has(el)) kept.set(el, [...el.children]);
  const children = kept.get(el);
  if (!children.length) { el.textContent = text; return; }
  const nodes = text.split(/\{(\d+)\}/).map((part, i) => (i % 2 ? children[Number(part)] ?? '' : part));
  el.replaceChildren(...nodes);
}

/** An element's text as a catalogue writes it: child elements as `{0}`, `{1}`…, spaces folded. */
export function templateOf(el) {
  let i = 0;
  const parts = [...el.childNodes].map((n) => (n.nodeType === 1 ? `{${i++}}` : n.nodeType === 3 ? n.textContent : ''));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The ids of a settings row: `set.<key>` its label, `set.<key>.help`, `set.<key>.<value>` a choice's. */
const rowId = (key) => `set.${key}`;

/**
 * A settings row of the core with its label, help and choice labels in the language in use
 * (the core words its range in that language itself).
 */
function localRow(row) {
  const id = rowId(row.key);
  const english = { [id]: row.label, [`${id}.help`]: row.help };
  for (const c of row.choices ?? []) english[`${id}.${c.value}`] = c.label;
  addEnglish(english);
  return {
    ...row,
    label: t(id),
    help: t(`${id}.help`),
    choices: row.choices?.map((c) => ({ ...c, label: t(`${id}.${c.value}`) })),
  };
}

/**
 * The bindings `wasm` with `settingsTable(name)` giving the rows in the language in use (the
 * core's English labels are the English catalogue of the `set.*` ids); the rest unchanged.
 */
export function localized(wasm) {
  core = wasm;
  wasm.setTexts?.(coreTexts());
  const { settingsTable, catalogue, quizBehaviours } = wasm;
  return Object.create(wasm, {
    settingsTable: { value: (name) => settingsTable(name).map(localRow) },
    catalogue: { value: (dim) => catalogue(dim).map(localEntry) },
    quizBehaviours: { value: () => quizBehaviours().map(([value, label]) => [value, coreText(`quiz.choice.${value}`, label)]) },
  });
}

/** The text of `id` in the language in use, `english` (the core's words) being its English. */
function coreText(id, english) {
  addEnglish({ [id]: english });
  return t(id);
}

/** A catalogue entry of the core with its name, note and parameter's name in the language in use. */
function localEntry(e) {
  const id = `fn.${e.id}`;
  const param = e.param && { ...e.param, name: coreText(`${id}.param`, e.param.name) };
  return { ...e, name: coreText(id, e.name), note: coreText(`${id}.note`, e.note), param };
}
