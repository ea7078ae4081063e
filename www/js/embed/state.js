// The settings state of one embedded lesson (a <descent-lab> element): the same interface
// the lessons read from the page's App (values, set, seed, onChange), with its values taken
// from the element's attributes instead of location.hash.

import { warn } from './warnings.js';

/**
 * Settings as text by key, checked by the core's URL state table: `attributes` are
 * `{key: text}` pairs (unknown keys and bad values fall back to their defaults and are
 * reported in `errors`).
 */
export function parseSettings(wasm, attributes) {
  // encodeURIComponent, not URLSearchParams: a link's `+` is a plus, a space is %20.
  const hash = Object.entries(attributes).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return wasm.parseState(hash);
}

/** The application state of one embedded lesson. */
export class LabState {
  /**
   * @param wasm        the shared bindings
   * @param attributes  `{key: text}` from the element's attributes
   * @param onErrors    called with the messages of rejected values (may be empty)
   */
  constructor(wasm, attributes, onErrors = () => {}) {
    this.wasm = wasm;
    this.values = {};
    this.listeners = new Set();
    this.onErrors = onErrors;
    this.read(attributes);
  }

  /** Replaces every value by those of `attributes` (defaults for the rest). */
  read(attributes) {
    const { values, errors } = parseSettings(this.wasm, attributes);
    this.values = values;
    // As on the page: without a seed a fresh one is drawn (a `seed` attribute repeats a run).
    if (!this.values.seed) this.values.seed = String(this.wasm.freshSeed());
    this.onErrors(errors.map((e) => e[1]));
  }

  /** Merges `patch` into the state (an element has no link to write). */
  set(patch) {
    Object.assign(this.values, patch);
  }

  get seed() {
    return Number(this.values.seed);
  }

  /** Called with the new values when the host changes an attribute or sends settings. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  changed() {
    for (const fn of this.listeners) fn(this.values);
  }
}

/** The lesson names, from the page table's `lesson` row. */
export function lessonNames(wasm) {
  return wasm.settingsTable('page').find((r) => r.key === 'lesson').choices.map((c) => c.value);
}

/** Every settings row: the page's and every lesson's table. */
export function allRows(wasm) {
  return [wasm.settingsTable('page'), ...lessonNames(wasm).map((name) => wasm.settingsTable(name))].flat();
}

/** Every settings key: the page's and every lesson's table. */
export function allKeys(wasm) {
  return new Set(allRows(wasm).map((r) => r.key));
}

/**
 * Settings from a host as text by key: booleans become '1'/'0', numbers their text; keys
 * of no settings table are left out with a console warning.
 */
export function settingsPatch(wasm, settings) {
  const keys = allKeys(wasm);
  const out = {};
  for (const [k, v] of Object.entries(settings)) {
    if (!keys.has(k)) { warn('warn.setting', { key: JSON.stringify(k) }); continue; }
    out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

/** The values of the page's table and of lesson `name`'s table (what a host needs to see). */
export function lessonValues(wasm, values, name) {
  const keys = [...wasm.settingsTable('page'), ...wasm.settingsTable(name)].map((r) => r.key);
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
}
