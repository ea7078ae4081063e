// The function picker: a typed f(x) or f(x, y) with its error under the input, the parsed
// function echoed as MathML, and the catalogue of classic functions as a picker.
// Rust parses, checks and prints; this module only moves text and nodes.

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

/**
 * Wires a function fieldset: `input[name=f]`, `select[name=preset]`, an error slot
 * `.error[data-for=f]`, a MathML box `[data-out=mathml]` and a note `[data-out=note]`.
 * `dim` is 1 or 2. Returns helpers the lesson calls; the lesson owns rebuilding.
 */
export function functionPicker(fieldset, wasm, dim) {
  const input = fieldset.querySelector('input[name="f"]');
  const select = fieldset.querySelector('select[name="preset"]');
  const mathBox = fieldset.querySelector('[data-out="mathml"]');
  const note = fieldset.querySelector('[data-out="note"]');
  const entries = wasm.catalogue(dim);
  const typed = document.createElement('option');
  typed.value = '';
  typed.textContent = 'typed by you';
  select.replaceChildren(typed);
  for (const e of entries) {
    const o = document.createElement('option');
    o.value = e.id;
    o.textContent = e.name;
    select.append(o);
  }

  /** The catalogue entry whose formula is exactly the text, if any. */
  const entryOf = (text) => entries.find((e) => e.formula === text.trim()) ?? null;

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
      api.entry = entryOf(input.value);
      select.value = api.entry?.id ?? '';
      note.textContent = api.entry?.note ?? '';
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

  select.addEventListener('change', (ev) => {
    ev.stopPropagation(); // the input's change below rebuilds once
    const e = entries.find((x) => x.id === select.value);
    if (e) input.value = e.formula;
    api.sync();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  input.addEventListener('input', () => api.sync());
  return api;
}
