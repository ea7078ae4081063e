// The truth table: inputs, target, raw and rounded output and per-sample cost, with the
// sample being trained highlighted; in the custom table the targets are inputs.

import { fmt } from '../forms.js';
import { t } from '../i18n.js';

/** Input names of the custom targets, one per row. */
export const TARGET_INPUTS = ['t0', 't1', 't2', 't3'];

/**
 * Rebuilds the rows (call when the table or its editability changes).
 * @param {HTMLTableSectionElement} tbody
 */
export function buildRows(tbody, inputs, targets, custom) {
  tbody.replaceChildren();
  for (let i = 0; i < targets.length; i++) {
    const tr = document.createElement('tr');
    tr.dataset.row = String(i);
    const cell = (text, out) => {
      const td = document.createElement('td');
      if (out) td.dataset.out = out;
      td.textContent = text;
      tr.append(td);
      return td;
    };
    cell(String(inputs[2 * i]));
    cell(String(inputs[2 * i + 1]));
    const y = cell('', 'y');
    if (custom) {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.name = TARGET_INPUTS[i];
      input.value = String(targets[i]);
      input.setAttribute('aria-label', t('n.target.row', { row: i + 1 }));
      const err = document.createElement('small');
      err.className = 'error';
      err.dataset.for = TARGET_INPUTS[i];
      err.setAttribute('role', 'alert');
      y.append(input, err);
    } else {
      y.textContent = String(targets[i]);
    }
    cell('–', 'a');
    cell('–', 'rounded');
    cell('–', 'round1');
    cell('–', 'cost');
    tbody.append(tr);
  }
}

/** Fills the outputs at view position `k` and highlights row `current` (−1: none). */
export function fillRows(tbody, handle, k, current) {
  const a = handle.predictionsAt(k);
  const r = handle.roundedAt(k);
  const c = handle.sampleCostsAt(k);
  for (const tr of tbody.rows) {
    const i = Number(tr.dataset.row);
    tr.querySelector('[data-out="a"]').textContent = fmt(a[i]);
    tr.querySelector('[data-out="rounded"]').textContent = fmt(r[i]);
    // The notebook's In[35] prints round(a, 1).
    tr.querySelector('[data-out="round1"]').textContent = isFinite(a[i]) ? a[i].toFixed(1) : String(a[i]);
    tr.querySelector('[data-out="cost"]').textContent = fmt(c[i]);
    const on = i === current;
    tr.classList.toggle('current', on);
    if (on) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
  }
}

/** The custom targets as typed, joined for the core's parser. */
export function customTargets(form) {
  return TARGET_INPUTS.map((name) => form.elements[name]?.value.trim() ?? '').join(',');
}
