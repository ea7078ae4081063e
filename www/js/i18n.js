// The page's languages: which one to show, its catalogue of texts by id (a JSON file per
// language, fetched only when that language is used), and numbers written and read in the
// language's convention. (Putting a language into the page's markup is i18n-dom.js.)

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
  return fetchTexts(lang, (texts) => { loaded[lang] = { ...loaded[lang], ...texts }; });
}

/** Fetches `i18n/<name>.json` once and gives its texts to `use`; the promise of that. */
function fetchTexts(name, use) {
  const file = `i18n/${name}.json`;
  pending[name] ??= fetch(new URL(file, SITE))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${file}: ${r.status}`))))
    .then(use);
  return pending[name];
}

/**
 * Fetches the English of one lesson's own texts (`l2`, `n`: `i18n/en.l2.json`) once, so that
 * the first view downloads only the words it shows; the other catalogues hold every id.
 */
export function loadPart(part) {
  return fetchTexts(`en.${part}`, (texts) => { loaded.en = { ...texts, ...loaded.en }; });
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
 * Records `text`, a page's markup, as the English of `id` unless a catalogue or the core gave
 * one, so the page can go back to it.
 */
export function learn(id, text) {
  if (text && !(id in loaded.en)) loaded.en[id] = text;
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
