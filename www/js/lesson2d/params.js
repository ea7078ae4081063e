// The chosen optimizer's hyperparameter inputs, built from the rows of a lesson's settings table
// that the optimizer factory lists for it (γ, μ, β₁, ε, …): only those the optimizer uses.

import { buildInputs, writeForm } from '../forms.js';

export class ParamInputs {
  /**
   * @param {HTMLElement} el    container for the inputs, inside `form`
   * @param {HTMLFormElement} form  the lesson's settings form
   * @param {object} wasm       the bindings (optimizerParams)
   * @param {object[]} table    the lesson's settings table
   * @param {() => void} onChange  called after an edit
   * @param {(name: string) => {setting: string}[]} [listed]  the rows' keys of optimizer
   *   `name` (default: the 2-D lesson's, `wasm.optimizerParams`)
   */
  constructor(el, form, wasm, table, onChange, listed = (name) => wasm.optimizerParams(name)) {
    this.el = el;
    this.form = form;
    this.wasm = wasm;
    this.table = table;
    this.onChange = onChange;
    this.listed = listed;
    this.name = null;
  }

  /** The table rows of optimizer `name`'s hyperparameters, in the factory's order. */
  rows(name = this.name) {
    const byKey = new Map(this.table.map((r) => [r.key, r]));
    return this.listed(name).map((p) => byKey.get(p.setting)).filter(Boolean);
  }

  /** Shows the inputs of optimizer `name`, each holding its text in `values` (`{key: text}`). */
  show(name, values) {
    this.name = name;
    const rows = this.rows(name);
    this.el.replaceChildren();
    for (const row of rows) {
      const slot = document.createElement('label');
      slot.dataset.setting = row.key;
      this.el.append(slot);
    }
    buildInputs(this.el, rows);
    writeForm(this.form, rows, values);
    for (const row of rows) {
      this.form.elements.namedItem(row.key).addEventListener('change', () => this.onChange());
    }
  }
}
