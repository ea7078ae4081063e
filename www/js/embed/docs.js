// The docs page's script: fills the tables of flags, groups and messages from the modules
// that implement them, and the settings tables from the core, so the docs cannot drift; in
// the language of #lang= (its switch in the header), else of the browser.

import { loadWasmInto } from './wasm.js';
import { FLAGS, GROUPS } from './flags.js';
import { INBOUND, OUTBOUND, VERSION } from './messages.js';
import { lessonNames } from './state.js';
import { keepOffline } from '../offline.js';
import { addEnglish, chooseLang, lang, localized, t, useLang } from '../i18n.js';
import { applyTexts } from '../i18n-dom.js';

/** Appends a row of text cells (the first as code) to the table's body. */
function row(table, cells) {
  const tr = document.createElement('tr');
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    if (i === 0) { const code = document.createElement('code'); code.textContent = text; td.append(code); } else td.textContent = text;
    tr.append(td);
  });
  table.tBodies[0].append(tr);
}

// The modules' own words are the English of the docs' ids.
addEnglish(Object.fromEntries([
  ...Object.entries(FLAGS).map(([name, about]) => [`docs.flag.${name}`, about]),
  ...Object.entries(GROUPS).map(([name, g]) => [`docs.group.${name}`, g.about]),
  ...Object.entries(INBOUND).flatMap(([type, m]) => [[`docs.in.${type}`, m.about], ...(m.fields ? [[`docs.in.${type}.fields`, m.fields]] : [])]),
  ...Object.entries(OUTBOUND).map(([type, about]) => [`docs.out.${type}`, about]),
]));

const table = (id) => document.getElementById(id);

/** Fills the tables of flags, groups and messages in the language in use. */
function fillModules() {
  for (const id of ['flags-table', 'groups-table', 'in-table', 'out-table']) table(id).tBodies[0].replaceChildren();
  for (const name of Object.keys(FLAGS)) row(table('flags-table'), [name, t(`docs.flag.${name}`)]);
  for (const name of Object.keys(GROUPS)) row(table('groups-table'), [name, t(`docs.group.${name}`)]);
  for (const [type, m] of Object.entries(INBOUND)) row(table('in-table'), [type, m.fields ? t(`docs.in.${type}.fields`) : '—', t(`docs.in.${type}`)]);
  for (const type of Object.keys(OUTBOUND)) row(table('out-table'), [type, t(`docs.out.${type}`)]);
  for (const el of document.querySelectorAll('[data-out="version"]')) el.textContent = String(VERSION);
}

/** The valid values of a row in words. */
function valid(r) {
  if (r.kind === 'choice') return r.choices.map((c) => `${c.value} (${c.label})`).join(', ');
  return `${r.range}${r.unit ? ` ${r.unit}` : ''}`;
}

/** Fills the settings tables from the core's rows, in the language in use. */
function fillSettings(wasm) {
  const box = document.getElementById('settings-tables');
  box.replaceChildren();
  const titles = Object.fromEntries(wasm.settingsTable('page').find((r) => r.key === 'lesson').choices.map((c) => [c.value, c.label]));
  for (const name of ['page', ...lessonNames(wasm)]) {
    const h = document.createElement('h3');
    h.textContent = name === 'page' ? t('docs.every') : t('docs.lesson', { title: titles[name], name });
    const tab = document.createElement('table');
    tab.className = 'doc-table settings';
    tab.dataset.table = name;
    const head = tab.createTHead().insertRow();
    for (const id of ['docs.th.key', 'docs.th.setting', 'docs.th.valid', 'docs.th.default', 'docs.th.meaning']) {
      const th = document.createElement('th');
      th.textContent = t(id);
      head.append(th);
    }
    tab.createTBody();
    for (const r of wasm.settingsTable(name)) row(tab, [r.key, r.label, valid(r), r.default === '' ? '—' : r.default, r.help]);
    box.append(h, tab);
  }
}

/** The language the address asks for (#lang=es), else the browser's. */
const wanted = () => chooseLang(new URLSearchParams(location.hash.slice(1)).get('lang') ?? '');

let wasm = null;
async function show() {
  await useLang(wanted());
  document.documentElement.lang = lang();
  applyTexts();
  fillModules();
  if (wasm) fillSettings(wasm);
}

const status = document.getElementById('settings-status');
await show().catch((err) => console.error(err));
addEventListener('hashchange', () => { if (/lang=/.test(location.hash)) show().catch((err) => console.error(err)); });
try {
  wasm = localized(await loadWasmInto(status));
  fillSettings(wasm);
  status.remove();
} catch {
  // loadWasmInto has said what failed in the status line.
}

keepOffline();
