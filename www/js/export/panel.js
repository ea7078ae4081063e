// A lesson's export bar: PNG of a view, CSV and JSON of the runs, "copy as Python". The
// numbers, the file names and the Python cell come from the core's handle; this only saves
// or copies what it returns.

import { copyText } from './clipboard.js';
import { t } from '../i18n.js';

/** Seconds a download's blob URL stays valid (long enough for any browser to fetch it). */
const URL_LIFETIME_MS = 60_000;

/** Saves `blob` as `name` through a temporary `<a download>`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
}

function button(text, action, title) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = t(text);
  b.dataset.action = action;
  b.title = t(title);
  b.dataset.i18n = text;
  b.dataset.i18nTitle = title;
  return b;
}

/** The labelled menu of the section's views (canvases), each named by `nameOf`. */
function viewPicker(views, nameOf) {
  const select = document.createElement('select');
  select.name = 'export-view';
  select.setAttribute('aria-label', t('export.view.label'));
  select.dataset.i18nAriaLabel = 'export.view.label';
  views.forEach((c, i) => {
    const option = new Option(nameOf(c), String(i));
    if (c.dataset.i18nDataName) option.dataset.i18n = c.dataset.i18nDataName;
    select.add(option);
  });
  const label = document.createElement('label');
  const words = document.createElement('span');
  words.textContent = t('export.view');
  words.dataset.i18n = 'export.view';
  label.append(words, ' ', select);
  return { label, select };
}

/** The read-only box that shows the Python cell where the clipboard refuses it (hidden). */
function pythonBox() {
  const fallback = document.createElement('textarea');
  fallback.dataset.out = 'python';
  fallback.readOnly = true;
  fallback.rows = 12;
  fallback.hidden = true;
  fallback.setAttribute('aria-label', t('export.cell'));
  fallback.dataset.i18nAriaLabel = 'export.cell';
  return fallback;
}

/**
 * Fills `section`'s `[data-role="export"]` slot. `handle()` returns the core handle of the
 * runs on screen (with `csv`, `json`, `fileStem`, `python`), or null while there is none.
 * Views are the section's canvases, named by their `data-role` (else their class).
 */
export function mountExport(section, { handle }) {
  const bar = section.querySelector('[data-role="export"]');
  if (!bar) return;
  const views = [...section.querySelectorAll('canvas')];
  // The menu shows the name the markup gives a view; a file is named by its role.
  const fileKey = (c) => c.dataset.role || c.classList[0] || 'view';
  const nameOf = (c) => c.dataset.name || c.getAttribute('aria-label') || fileKey(c);
  const { label, select } = viewPicker(views, nameOf);
  const png = button('export.png', 'export-png', 'export.png.title');
  const csv = button('export.csv', 'export-csv', 'export.csv.title');
  const json = button('export.json', 'export-json', 'export.json.title');
  const py = button('export.python', 'export-python', 'export.python.title');
  const status = document.createElement('span');
  status.className = 'export-status';
  status.dataset.out = 'export-status';
  status.setAttribute('role', 'status');
  const fallback = pythonBox();
  bar.replaceChildren(label, png, csv, json, py, status, fallback);

  const say = (text) => { status.textContent = text; };
  const current = () => {
    const h = handle();
    if (!h) say(t('export.notyet'));
    return h;
  };
  const text = (kind, mime) => {
    const h = current();
    if (!h) return;
    const name = `${h.fileStem()}.${kind}`;
    download(new Blob([h[kind]()], { type: mime }), name);
    say(t('export.saved', { name }));
  };
  csv.addEventListener('click', () => text('csv', 'text/csv'));
  json.addEventListener('click', () => text('json', 'application/json'));
  png.addEventListener('click', () => {
    const h = current();
    const canvas = views[Number(select.value)];
    if (!h || !canvas) return;
    const name = `${h.fileStem()}-${fileKey(canvas)}.png`;
    canvas.toBlob((blob) => {
      if (!blob) { say(t('export.noimage')); return; }
      download(blob, name);
      say(t('export.savedpng', { name, w: canvas.width, h: canvas.height }));
    }, 'image/png');
  });
  py.addEventListener('click', async () => {
    const h = current();
    if (!h) return;
    let cell;
    try {
      cell = h.python();
    } catch (err) {
      fallback.hidden = true;
      say(`${err?.message ?? err}.`);
      return;
    }
    fallback.value = cell;
    const copied = await copyText(cell);
    fallback.hidden = copied;
    say(copied
      ? t('export.copied')
      : t('export.noclipboard'));
  });
}
