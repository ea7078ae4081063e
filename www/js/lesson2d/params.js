// Hyperparameter inputs built from the optimizer tables Rust exports; messages where typed.

import { num } from '../forms.js';

export class ParamInputs {
  /**
   * @param {HTMLElement} el  container for the inputs
   * @param {object} wasm     the bindings (optimizerParams, checkOptimizer)
   * @param {() => void} onChange  called after a valid edit
   */
  constructor(el, wasm, onChange) {
    this.el = el;
    this.wasm = wasm;
    this.onChange = onChange;
    this.typed = {}; // optimizer → {key: text}
    this.name = null;
  }

  /** Shows the inputs of optimizer `name`, keeping what was typed for it before. */
  show(name) {
    this.name = name;
    const rows = this.wasm.optimizerParams(name);
    const typed = (this.typed[name] ??= {});
    this.el.replaceChildren();
    for (const p of rows) {
      const label = document.createElement('label');
      label.append(`${p.label} `);
      let input;
      if (p.switch) {
        input = document.createElement('input');
        input.type = 'checkbox';
        input.checked = (typed[p.key] ?? String(p.default)) === '1';
        input.addEventListener('change', () => { typed[p.key] = input.checked ? '1' : '0'; this.edited(); });
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'decimal';
        input.size = 7;
        input.value = typed[p.key] ?? String(p.default);
        input.title = p.range;
        input.addEventListener('change', () => { typed[p.key] = input.value.trim(); this.edited(); });
      }
      input.name = `p-${p.key}`;
      input.dataset.param = p.key;
      const err = document.createElement('small');
      err.className = 'error';
      err.dataset.for = `p-${p.key}`;
      err.setAttribute('role', 'alert');
      label.append(input, err);
      this.el.append(label);
    }
  }

  /** Sets a typed value (e.g. γ from the URL) for optimizer `name`. */
  set(name, key, text) {
    (this.typed[name] ??= {})[key] = text;
  }

  /** `{key: number}` for optimizer `name` (defaults for what was never typed). */
  params(name = this.name) {
    const out = {};
    const typed = this.typed[name] ?? {};
    for (const p of this.wasm.optimizerParams(name)) {
      if (typed[p.key] === undefined) continue;
      out[p.key] = p.switch ? Number(typed[p.key]) : num({ value: typed[p.key] });
    }
    return out;
  }

  /** The current optimizer's γ as text. */
  lr() {
    const p = this.wasm.optimizerParams(this.name).find((r) => r.key === 'lr');
    return this.typed[this.name]?.lr ?? (p ? String(p.default) : '');
  }

  /** Checks in Rust; shows the message under the offending input. True when valid. */
  check(name = this.name) {
    for (const slot of this.el.querySelectorAll('.error')) slot.textContent = '';
    for (const input of this.el.querySelectorAll('input')) input.setAttribute('aria-invalid', 'false');
    const problem = this.wasm.checkOptimizer(name, this.params(name));
    if (!problem) return true;
    if (name === this.name) {
      const slot = this.el.querySelector(`.error[data-for="p-${problem.key}"]`);
      const input = this.el.querySelector(`input[data-param="${problem.key}"]`);
      if (slot) slot.textContent = problem.message;
      input?.setAttribute('aria-invalid', 'true');
    }
    this.lastProblem = problem.message;
    return false;
  }

  edited() {
    if (this.check()) this.onChange();
  }
}
