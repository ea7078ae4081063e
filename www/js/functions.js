// The function picker: a typed f(x) or f(x, y) with its error under the input, the parsed
// function echoed as MathML, and the catalogue of classic functions as a picker.
// Rust parses, checks and prints; this module only moves text and nodes.

import { t } from './i18n.js';

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/**
 * Replaces `box`'s content with the MathML Rust printed from the parsed tree. The markup
 * is parsed as XML and imported node by node (never innerHTML); every text in it comes
 * from the tree (numbers, fixed names), not from what was typed.
 */
export function showMathML(box, mathml) {
  const doc = new DOMParser().parseFromString(mathml, 'application/xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== MATHML_NS || doc.querySelector('parsererror')) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(document.importNode(root, true));
}

/** Fills the catalogue's picker: "typed" first, then every entry by name. */
function catalogueOptions(select, entries) {
  const typed = document.createElement('option');
  typed.value = '';
  typed.textContent = t('fn.typed');
  typed.dataset.i18n = 'fn.typed';
  select.replaceChildren(typed);
  for (const e of entries) {
    const o = document.createElement('option');
    o.value = e.id;
    o.textContent = e.name;
    o.dataset.i18n = `fn.${e.id}`;
    select.append(o);
  }
}

/** A log-scale slider for an entry's parameter (the bowl's condition number κ), after `select`'s label. */
function paramSlider(select) {
  const label = document.createElement('label');
  label.className = 'param-slider';
  label.hidden = true;
  const name = document.createElement('span');
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.name = 'param';
  slider.min = '0';
  slider.max = '1000';
  const out = document.createElement('output');
  label.append(name, slider, out);
  select.closest('label').after(label);
  return { label, name, slider, out };
}

const toSlider = (p, { min, max }) => Math.round((1000 * Math.log(p / min)) / Math.log(max / min));
const fromSlider = (s, { min, max }) => Number((min * (max / min) ** (s / 1000)).toPrecision(3));

/**
 * Wires a function fieldset: `input[name=f]`, `select[name=preset]`, an error slot
 * `.error[data-for=f]`, a MathML box `[data-out=mathml]` and a note `[data-out=note]`.
 * `dim` is 1 or 2. Picking a catalogue entry writes its recommended settings into the form
 * (and hands them to `onRecommend`, for settings without a visible input) and says so in
 * `[data-out=recommended]`. Returns helpers the lesson calls; the lesson owns rebuilding.
 */
export function functionPicker(fieldset, wasm, dim, { onRecommend } = {}) {
  const input = fieldset.querySelector('input[name="f"]');
  const select = fieldset.querySelector('select[name="preset"]');
  const mathBox = fieldset.querySelector('[data-out="mathml"]');
  const note = fieldset.querySelector('[data-out="note"]');
  const entries = wasm.catalogue(dim);
  catalogueOptions(select, entries);
  const param = paramSlider(select);

  /** The catalogue entry whose formula the text is (any valid parameter), and that parameter. */
  const entryOf = (text) => {
    const m = wasm.catalogueMatch(text, dim);
    const entry = m ? entries.find((e) => e.id === m.id) ?? null : null;
    return { entry, param: m?.param ?? null };
  };

  const api = {
    entries,
    /** The picked catalogue entry (null for a typed function). */
    entry: null,
    /** Puts `text` in the input and selects its catalogue entry if it is one. */
    setText(text) {
      input.value = text;
      api.sync();
    },
    /** Matches the picker and note to the input's text. */
    sync() {
      const { entry, param: p } = entryOf(input.value);
      api.entry = entry;
      select.value = entry?.id ?? '';
      note.textContent = entry?.note ?? '';
      param.label.hidden = !entry?.param;
      if (entry?.param) {
        param.name.textContent = `${entry.param.name} `;
        param.slider.setAttribute('aria-label', entry.param.name);
        param.slider.value = String(toSlider(p, entry.param));
        param.out.textContent = String(p);
      }
    },
    /** Echoes a successfully compiled function as MathML (and its canonical text as title). */
    accepted(text) {
      let f;
      try {
        f = new wasm.TypedFunction(text, dim);
      } catch {
        return;
      }
      showMathML(mathBox, f.mathml());
      mathBox.title = f.text();
      f.free();
    },
    /** Puts the caret at the column an error names. */
    pointAt(column) {
      if (!(column >= 1)) return;
      const i = Math.min(column - 1, input.value.length);
      input.setSelectionRange(i, Math.min(i + 1, input.value.length));
    },
  };
  listen(api, { wasm, input, select, param, recommendedNote: fieldset.querySelector('[data-out="recommended"]'), onRecommend });
  return api;
}

/** The picker's, the input's and the slider's events: each picks, types or moves the function. */
function listen(api, { wasm, input, select, param, recommendedNote, onRecommend }) {
  const { entries } = api;
  const { slider } = param;
  select.addEventListener('change', (ev) => {
    ev.stopPropagation(); // the input's change below rebuilds once
    const e = entries.find((x) => x.id === select.value);
    if (e) input.value = e.formula;
    if (e) recommend(e);
    api.sync();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  /** Applies `e`'s recommended settings: the form's inputs, the lesson's state, the note. */
  function recommend(e) {
    const settings = Object.fromEntries(e.recommended.settings);
    for (const [key, text] of Object.entries(settings)) {
      const el = input.form?.elements.namedItem(key);
      if (el && !(el instanceof RadioNodeList)) el.value = text;
    }
    onRecommend?.(settings);
    if (recommendedNote) recommendedNote.textContent = e.recommended.note;
  }
  input.addEventListener('input', () => {
    if (recommendedNote) recommendedNote.textContent = '';
    api.sync();
  });
  slider.addEventListener('input', (ev) => {
    ev.stopPropagation();
    if (api.entry?.param) param.out.textContent = String(fromSlider(Number(slider.value), api.entry.param));
  });
  slider.addEventListener('change', (ev) => {
    ev.stopPropagation(); // the input's change below rebuilds once
    const e = api.entry;
    if (!e?.param) return;
    input.value = wasm.catalogueFormula(e.id, fromSlider(Number(slider.value), e.param));
    api.sync();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
