// Lecture mode and the header's view tools: full screen for the lesson's main view and its
// transport (the key f), the text size (which the plots' labels follow), and "reset this
// lesson". Lecture mode and the text size are page settings (`lecture`, `text`), so a link
// carries them; their rows come from the core's page table.

import { t } from './i18n.js';

/** The text sizes the menu offers, in % (a link may ask for any size in the table's range). */
const SIZES = [100, 125, 150, 175, 200];

/** Whether the browser can make an element full screen. */
const canFullscreen = () => typeof document.documentElement.requestFullscreen === 'function' && document.fullscreenEnabled !== false;

/**
 * Sets the page's text size to `pct` % and tells the plots, whose labels follow the text,
 * to measure again (`descent:text`).
 */
function applyText(pct) {
  const root = document.documentElement;
  const value = `${pct}%`;
  if (root.style.fontSize === value || (pct === 100 && root.style.fontSize === '')) return;
  if (pct === 100) root.style.removeProperty('font-size');
  else root.style.fontSize = value;
  dispatchEvent(new CustomEvent('descent:text', { detail: { pct } }));
}

/** The text-size menu, built from the `text` row. */
function textMenu(row, onPick) {
  const label = document.createElement('label');
  label.className = 'text-size';
  label.title = row.help;
  const select = document.createElement('select');
  select.id = 'text-size';
  select.setAttribute('aria-label', row.label);
  select.dataset.i18nAriaLabel = 'set.text';
  for (const pct of SIZES.filter((p) => p >= row.min && p <= row.max)) select.append(new Option(`${pct}${row.unit}`, String(pct)));
  select.addEventListener('change', () => onPick(select.value));
  const words = document.createElement('span');
  words.textContent = row.label;
  words.dataset.i18n = 'set.text';
  label.append(words, ' ', select);
  return { label, select };
}

/**
 * Fills `el` (the header's tool group) and keeps the page in step with the `lecture` and
 * `text` settings. `reread()` shows the settings of the link again (after a reset).
 */
export function mountLecture(el, app, reread) {
  const rows = new Map(app.wasm.settingsTable('page').map((r) => [r.key, r]));
  const lectureRow = rows.get('lecture');
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'lecture';
  button.textContent = lectureRow.label;
  button.title = lectureRow.help;
  button.dataset.i18n = 'set.lecture';
  button.dataset.i18nTitle = 'set.lecture.help';
  button.setAttribute('aria-pressed', 'false');
  const textRow = rows.get('text');
  const text = textMenu(textRow, (v) => { app.set({ text: v }); sync(); });
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.id = 'reset-lesson';
  reset.textContent = t('lecture.reset');
  reset.title = t('lecture.reset.title');
  reset.dataset.i18n = 'lecture.reset';
  reset.dataset.i18nTitle = 'lecture.reset.title';
  el.replaceChildren(button, text.label, reset);

  // Whether this page asked for full screen (so that leaving it leaves lecture mode too).
  let ours = false;
  const show = (on) => {
    document.body.classList.toggle('lecture', on);
    button.setAttribute('aria-pressed', String(on));
  };
  const sync = () => {
    const pct = Number(app.values.text) || 100;
    if (![...text.select.options].some((o) => o.value === String(pct))) text.select.append(new Option(`${pct}${textRow.unit}`, String(pct)));
    text.select.value = String(pct);
    applyText(pct);
    show(app.values.lecture === '1');
  };
  const setLecture = (on) => {
    app.set({ lecture: on ? '1' : '0' });
    show(on);
    if (on && canFullscreen() && !document.fullscreenElement) {
      // A browser that refuses (no user gesture, a headless one, a frame without the
      // permission) keeps the lecture layout, which fills the window.
      ours = true;
      document.documentElement.requestFullscreen().catch(() => { ours = false; });
    } else if (!on && document.fullscreenElement && ours) {
      ours = false;
      document.exitFullscreen().catch(() => {});
    }
  };
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && ours) { ours = false; setLecture(false); }
  });
  button.addEventListener('click', () => setLecture(app.values.lecture !== '1'));
  reset.addEventListener('click', () => {
    const keys = new Set(app.wasm.settingsTable(app.values.lesson).map((r) => r.key));
    const kept = Object.fromEntries(Object.entries(app.values).filter(([k]) => !keys.has(k)));
    app.values = kept;
    app.write();
    reread();
  });
  app.onChange(sync);
  sync();
  return {
    /** The keys of lecture mode: f toggles it, Escape leaves it. True if handled. */
    key(ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return false;
      if (ev.key === 'f' || ev.key === 'F') { ev.preventDefault(); setLecture(app.values.lecture !== '1'); return true; }
      if (ev.key === 'Escape' && !ev.defaultPrevented && app.values.lecture === '1') { setLecture(false); return true; }
      return false;
    },
  };
}
