// The page's language: chosen from the `lang` setting or the browser, shown in the header's
// switch, and changed in place (the run on screen stays; only its words change).

import { chooseLang, lang, useLang } from './i18n.js';
import { relabelInputs } from './forms.js';

/** Puts the language in use into the whole page (its code is fetched the first time). */
async function applyTexts() {
  (await import('./i18n-dom.js')).applyTexts();
}

/**
 * Loads the language the page's values ask for and puts its texts into the page (the
 * markup is English already; the code that relabels it is fetched beside the catalogue).
 */
export async function startLanguage(values) {
  const chosen = chooseLang(values.lang);
  const dom = chosen === 'en' ? null : import('./i18n-dom.js');
  await useLang(chosen);
  document.documentElement.lang = lang();
  if (dom) (await dom).applyTexts();
}

/** Puts the language switch (the `lang` row of the page's table) after `slot` and keeps it in step. */
export function mountLanguage(slot, app) {
  const label = document.createElement('label');
  label.className = 'lang';
  const words = document.createElement('span');
  words.dataset.i18n = 'set.lang';
  // The switch's options name the languages; the word "language" is for screen readers.
  words.className = 'visually-hidden';
  const select = document.createElement('select');
  select.id = 'lang';
  const row = app.wasm.settingsTable('page').find((r) => r.key === 'lang');
  words.textContent = row.label;
  // Short options (auto, EN, ES) keep the header on one line; their names are their titles.
  for (const c of row.choices) {
    const option = new Option(c.value === 'auto' ? c.value : c.value.toUpperCase(), c.value);
    option.title = c.label;
    option.dataset.i18nTitle = `set.lang.${c.value}`;
    select.add(option);
  }
  select.dataset.i18nAriaLabel = 'set.lang';
  select.setAttribute('aria-label', row.label);
  select.dataset.i18nTitle = 'set.lang.help';
  select.title = row.help;
  label.append(words, ' ', select);
  slot.after(label);
  const sync = () => { select.value = app.values.lang || 'auto'; };
  select.addEventListener('change', async () => {
    app.set({ lang: select.value });
    await switchTo(chooseLang(select.value), app.wasm);
  });
  app.onChange(async () => {
    sync();
    if (chooseLang(app.values.lang) !== lang()) await switchTo(chooseLang(app.values.lang), app.wasm);
  });
  sync();
}

/** Shows the page in `next`: every text of the catalogue and every settings label. */
async function switchTo(next, wasm) {
  await useLang(next);
  document.documentElement.lang = next;
  await applyTexts();
  const tables = ['page', ...wasm.settingsTable('page').find((r) => r.key === 'lesson').choices.map((c) => c.value)];
  relabelInputs(document, new Map(tables.flatMap((name) => wasm.settingsTable(name)).map((r) => [r.key, r])));
  document.dispatchEvent(new CustomEvent('descent-lang', { detail: next }));
}
