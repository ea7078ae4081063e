// The docs page's script: fills the tables of flags, groups and messages from the modules
// that implement them, and the settings tables from the core, so the docs cannot drift.

import { loadWasmInto } from './wasm.js';
import { FLAGS, GROUPS } from './flags.js';
import { INBOUND, OUTBOUND, VERSION } from './messages.js';
import { lessonNames } from './state.js';
import { keepOffline } from '../offline.js';

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

const table = (id) => document.getElementById(id);
for (const [name, about] of Object.entries(FLAGS)) row(table('flags-table'), [name, about]);
for (const [name, g] of Object.entries(GROUPS)) row(table('groups-table'), [name, g.about]);
for (const [type, m] of Object.entries(INBOUND)) row(table('in-table'), [type, m.fields || '—', m.about]);
for (const [type, about] of Object.entries(OUTBOUND)) row(table('out-table'), [type, about]);
for (const el of document.querySelectorAll('[data-out="version"]')) el.textContent = String(VERSION);

/** The valid values of a row in words. */
function valid(r) {
  if (r.kind === 'choice') return r.choices.map((c) => `${c.value} (${c.label})`).join(', ');
  return `${r.range}${r.unit ? ` ${r.unit}` : ''}`;
}

const status = document.getElementById('settings-status');
try {
  const wasm = await loadWasmInto(status);
  const box = document.getElementById('settings-tables');
  const titles = Object.fromEntries(wasm.settingsTable('page').find((r) => r.key === 'lesson').choices.map((c) => [c.value, c.label]));
  for (const name of ['page', ...lessonNames(wasm)]) {
    const h = document.createElement('h3');
    h.textContent = name === 'page' ? 'Every lesson' : `Lesson ${titles[name]} (lesson=${name})`;
    const t = document.createElement('table');
    t.className = 'doc-table settings';
    t.dataset.table = name;
    const head = t.createTHead().insertRow();
    for (const text of ['key', 'setting', 'valid values', 'default', 'meaning']) {
      const th = document.createElement('th');
      th.textContent = text;
      head.append(th);
    }
    t.createTBody();
    for (const r of wasm.settingsTable(name)) row(t, [r.key, r.label, valid(r), r.default === '' ? '—' : r.default, r.help]);
    box.append(h, t);
  }
  status.remove();
} catch {
  // loadWasmInto has said what failed in the status line.
}

keepOffline();
