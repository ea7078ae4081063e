// Text alternatives for the plots: every canvas is focusable and named, and each lesson's
// main views are described by a table of the numbers they show (the path up to the step on
// screen), kept in sync while the table is open.

import { fmt } from '../forms.js';
import { t } from '../i18n.js';

/** Rows the table lists at most: step 0 and the last ones up to the step on screen. */
export const MAX_ROWS = 100;
/** Least time between two table refreshes while the transport plays, in ms. */
const PLAYING_MS = 500;

let ids = 0;
const uid = (stem) => `${stem}-${++ids}`;

/** Makes `canvas` a focusable image named `name` (kept if it has one) described by `describedBy`. */
export function focusable(canvas, { name, describedBy } = {}) {
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  if (name && !canvas.hasAttribute('aria-label') && !canvas.hasAttribute('aria-labelledby')) canvas.setAttribute('aria-label', name);
  if (describedBy) canvas.setAttribute('aria-describedby', describedBy);
}

/**
 * Adds a "numbers in these plots" table right after `anchor` in `section`; `path()` gives the
 * lesson's shown path `{caption, columns, k, row(i)}` (or null). Returns the <details>.
 */
export function dataTable(section, anchor, path) {
  const details = document.createElement('details');
  details.className = 'plot-data';
  details.id = uid(`${section.id}-numbers`);
  const summary = document.createElement('summary');
  summary.textContent = t('plots.numbers');
  summary.dataset.i18n = 'plots.numbers';
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  const table = document.createElement('table');
  const caption = document.createElement('caption');
  const thead = document.createElement('thead');
  const tbody = document.createElement('tbody');
  table.append(caption, thead, tbody);
  wrap.append(table);
  details.append(summary, wrap);
  anchor.after(details);

  let shape = '';
  const fill = () => {
    const p = path();
    if (!p) { caption.textContent = t('plots.norun'); tbody.replaceChildren(); return; }
    const first = Math.max(1, p.k - MAX_ROWS + 1);
    caption.textContent = `${p.caption}: ${p.columns[0]} = 0${first > 1 ? t('plots.andrange', { first, k: p.k }) : p.k > 0 ? t('plots.to', { k: p.k }) : ''}`;
    if (shape !== p.columns.join('|')) {
      shape = p.columns.join('|');
      const tr = document.createElement('tr');
      for (const c of p.columns) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = c;
        tr.append(th);
      }
      thead.replaceChildren(tr);
    }
    const rows = [];
    const steps = p.k >= 1 ? [0, ...Array.from({ length: p.k - first + 1 }, (_, j) => first + j)] : [0];
    for (const i of steps) {
      const tr = document.createElement('tr');
      p.row(i).forEach((v, j) => {
        const cell = document.createElement(j === 0 ? 'th' : 'td');
        if (j === 0) cell.scope = 'row';
        cell.textContent = j === 0 ? String(v) : Number.isNaN(v) ? '–' : fmt(v);
        tr.append(cell);
      });
      rows.push(tr);
    }
    tbody.replaceChildren(...rows);
  };
  let lastAt = -Infinity;
  details.addEventListener('toggle', () => { if (details.open) fill(); });
  section.querySelector('[data-role="transport"]')?.addEventListener('transport', (ev) => {
    if (!details.open || section.hidden) return;
    const now = performance.now();
    if (ev.detail.playing && now - lastAt < PLAYING_MS) return;
    lastAt = now;
    fill();
  });
  return details;
}

/** An id for `el` (its own, or a fresh one). */
export function idOf(el, stem) {
  el.id ||= uid(stem);
  return el.id;
}
