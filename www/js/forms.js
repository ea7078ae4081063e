// Form helpers: read inputs as typed, and show a message under the input that caused it.

/** Reads a text input as a number (NaN for empty or non-numeric text; Rust names the field). */
export function num(input) {
  const s = input.value.trim();
  return s === '' ? NaN : Number(s);
}

/** Shows `message` (as text, never HTML) in the form's error slot for `name`. */
export function showError(form, name, message) {
  const slot = form.querySelector(`.error[data-for="${name}"]`);
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

/** Shows a binding error under the input named by `fieldOf[err.field]`, else in `fallback`. */
export function reportError(form, err, fieldOf, fallback) {
  const message = err?.message ?? String(err);
  const name = fieldOf[err?.field];
  if (!(name && showError(form, name, message)) && fallback) fallback.textContent = message;
}

/** Formats a number for a readout: 12 significant digits, trailing zeros dropped. */
export function fmt(v) {
  if (v === undefined || v === null) return '–';
  if (!isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e9 || Math.abs(v) < 1e-6)) return v.toExponential(8);
  return String(Number(v.toPrecision(12)));
}
