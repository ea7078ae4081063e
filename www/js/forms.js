// Form helpers: inputs built from the settings tables the core exports, read and written as
// typed text, and messages shown under the input whose key the core's error names.

import { readNumber, showNumber, t } from './i18n.js';

/** Reads a text input as a number (NaN for empty or non-numeric text; Rust names the field). */
export function num(input) {
  const s = readNumber(input.value.trim());
  return s === '' ? NaN : Number(s);
}

/** The tooltip of a row: its help and its valid values. */
const helpOf = (row) => t('form.valid', { help: row.help, range: `${row.range}${row.unit ? ` ${row.unit}` : ''}` });

/** The rows of the inputs built by `buildInputs`, by their slot (to relabel them). */
const built = new WeakMap();

/** The control for one table row: a check box, a select with the row's choices, or a text box. */
function control(row) {
  if (row.kind === 'flag') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    return box;
  }
  if (row.kind === 'choice') {
    const select = document.createElement('select');
    for (const c of row.choices) {
      const option = new Option(c.label, c.value);
      option.dataset.i18n = `set.${row.key}.${c.value}`;
      select.add(option);
    }
    return select;
  }
  const input = document.createElement('input');
  input.type = 'text';
  input.spellcheck = false;
  if (row.kind === 'number') input.inputMode = 'decimal';
  if (row.kind === 'integer') input.inputMode = 'numeric';
  input.size = { number: 8, integer: 7 }[row.kind] ?? 24;
  if (row.maxLength) input.maxLength = row.maxLength;
  return input;
}

/**
 * Fills every `[data-setting="key"]` slot inside `root` with the row's label, its input
 * (named by the key) and an error slot; the help and the valid range become the tooltip.
 * Returns the rows by key.
 */
export function buildInputs(root, table) {
  const rows = new Map(table.map((r) => [r.key, r]));
  for (const slot of root.querySelectorAll('[data-setting]')) {
    const row = rows.get(slot.dataset.setting);
    if (!row) continue;
    const input = control(row);
    input.name = row.key;
    const help = helpOf(row);
    built.set(slot, row);
    input.title = help;
    const error = document.createElement('small');
    error.className = 'error';
    error.dataset.for = row.key;
    error.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.className = 'setting-label';
    text.textContent = row.label;
    text.dataset.i18n = `set.${row.key}`;
    if (row.kind === 'flag') slot.replaceChildren(input, ' ', text, error);
    else slot.replaceChildren(text, ' ', input, error);
    slot.title = help;
  }
  return rows;
}

/**
 * Puts the labels and tooltips of the inputs `buildInputs` made in `root` into the language
 * in use; `rows` gives each key's row in that language.
 */
export function relabelInputs(root, rows) {
  for (const slot of root.querySelectorAll('[data-setting]')) {
    const row = built.has(slot) && rows.get(slot.dataset.setting);
    if (!row) continue;
    const help = helpOf(row);
    slot.title = help;
    const input = slot.querySelector(`[name="${CSS.escape(row.key)}"]`);
    if (input) input.title = help;
  }
}

/** Whether a row holds numbers a person types in the language's convention. */
const numeric = (row) => row.kind === 'number' || row.kind === 'list';

/** `{key: text}` for every row of `table` that has an input in `form`, as typed. */
export function readForm(form, table) {
  const out = {};
  for (const row of table) {
    const input = form.elements.namedItem(row.key);
    if (!input || input instanceof RadioNodeList) continue;
    const text = input.value.trim();
    out[row.key] = input.type === 'checkbox' ? (input.checked ? '1' : '0') : numeric(row) ? readList(row, text) : text;
  }
  return out;
}

/** Shows `values[key]` in every input of `form` named by a row of `table`. */
export function writeForm(form, table, values) {
  for (const row of table) {
    const input = form.elements.namedItem(row.key);
    if (!input || input instanceof RadioNodeList || values[row.key] === undefined) continue;
    if (input.type === 'checkbox') input.checked = values[row.key] === '1';
    else input.value = numeric(row) ? showList(row, values[row.key]) : values[row.key];
  }
}

/** A number, or a list of them (`;`-separated where the decimal is a comma), as the language writes it. */
function showList(row, text) {
  if (row.kind !== 'list') return showNumber(text);
  const items = String(text).split(',');
  const shown = items.map(showNumber);
  return shown.some((v, i) => v !== items[i]) ? shown.join('; ') : String(text);
}

/** What a person typed for a number row back in canonical form (either decimal separator in Spanish). */
function readList(row, text) {
  if (row.kind !== 'list') return readNumber(text);
  // In a list a comma separates items unless `;` does (then a comma is a decimal one).
  return text.includes(';') ? text.split(';').map((v) => readNumber(v.trim())).join(',') : text;
}

/** The values of `values` whose keys are rows of `table`. */
export function pick(values, table) {
  return Object.fromEntries(table.filter((r) => values[r.key] !== undefined).map((r) => [r.key, values[r.key]]));
}

/** `text` ended as a sentence (a full stop added unless it already ends in one). */
export const sentence = (text) => (/[.!?…:]$/.test(String(text).trim()) ? String(text).trim() : `${String(text).trim()}.`);

/**
 * Builds with `build()`, for settings that came from a link: when it fails on a setting of
 * `table` with an input in `form`, that input goes back to its default and it tries again.
 * Returns the notices to show (one per setting replaced); rethrows what it cannot fix.
 */
export function buildOrFallBack(form, table, build) {
  const notices = [];
  // The first error of each setting replaced: when its default fails too (it depends on
  // another setting, e.g. typed weights), that first error is the one that says why.
  const first = new Map();
  for (let tries = 0; ; tries++) {
    try {
      build();
      return notices;
    } catch (err) {
      const row = table.find((r) => r.key === err?.field);
      const input = row && form.elements.namedItem(row.key);
      if (first.has(row?.key)) throw first.get(row.key);
      if (!input || tries >= table.length) throw err;
      first.set(row.key, err);
      notices.push(t('form.fallback', { why: sentence(err.message ?? err), label: row.label }));
      writeForm(form, [row], { [row.key]: row.default });
    }
  }
}

/** Shows `message` (as text, never HTML) in the form's error slot for `name`. */
export function showError(form, name, message) {
  const slot = form.querySelector(`.error[data-for="${CSS.escape(name)}"]`);
  const input = form.elements.namedItem(name);
  if (input && 'setAttribute' in input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  if (slot) slot.textContent = message ?? '';
  return Boolean(slot);
}

/** Clears every error slot of the form. */
export function clearErrors(form) {
  for (const slot of form.querySelectorAll('.error[data-for]')) slot.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.setAttribute('aria-invalid', 'false');
}

/** Shows a binding error under the input named by the key in `err.field`, else in `fallback`. */
export function reportError(form, err, fallback) {
  const message = err?.message ?? String(err);
  const name = err?.field;
  if (!(name && showError(form, name, message)) && fallback) fallback.textContent = message;
}

/** A number that is not finite as a reader writes it: ∞, −∞ or NaN (not JavaScript's "Infinity"). */
export function nonFinite(v) {
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? '∞' : '−∞';
}

/** Formats a number for a readout: 12 significant digits, trailing zeros dropped, the language's decimal sign. */
export function fmt(v) {
  if (v === undefined || v === null) return '–';
  if (!isFinite(v)) return nonFinite(v);
  if (v !== 0 && (Math.abs(v) >= 1e9 || Math.abs(v) < 1e-6)) return showNumber(v.toExponential(8));
  return showNumber(String(Number(v.toPrecision(12))));
}
