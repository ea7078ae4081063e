// The run table (In[14]–In[18]): start, end, f(end), steps, status; the best run marked.

import { fmt } from '../forms.js';
import { listSeparator, t } from '../i18n.js';

/** How the table names a run's status (the CSV keeps the core's word), and what it means. */
const STATUS = {
  converged: ['status.converged', 'status.converged.help'],
  diverged: ['status.diverged', 'status.diverged.help'],
  'max-steps': ['status.max-steps', 'status.max-steps.help'],
};

/** Rows listed at most; the best and the selected run are always listed. */
export const MAX_ROWS = 100;

const pair = (p) => `(${fmt(p[0])}${listSeparator()}${fmt(p[1])})`;

/**
 * Fills `tbody` with one row per run (the first {@link MAX_ROWS}, plus the best and the
 * selected run); clicking a row calls `onSelect(i)`.
 */
export function fillTable(tbody, runs, { best, selected, onSelect }) {
  tbody.replaceChildren();
  const listed = runs.filter((r, i) => i < MAX_ROWS || i === best || i === selected);
  for (const r of listed) {
    const i = r.index;
    const tr = document.createElement('tr');
    tr.dataset.run = String(i);
    if (i === best) tr.classList.add('best');
    if (i === selected) tr.classList.add('selected');
    const cells = [
      `${i + 1}${i === best ? ` ★ ${t('l2.table.best')}` : ''}`,
      r.optimizer,
      pair(r.start),
      pair(r.end),
      fmt(r.endValue),
      String(r.steps),
      STATUS[r.status] ? t(STATUS[r.status][0]) : r.status,
    ];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    if (r.status === 'diverged') tr.lastChild.classList.add('diverged');
    if (STATUS[r.status]) tr.lastChild.title = t(STATUS[r.status][1]);
    tr.style.setProperty('--c', r.colour);
    tr.firstChild.style.borderLeft = `4px solid ${r.colour}`;
    tr.addEventListener('click', () => onSelect(i));
    tbody.append(tr);
  }
  if (listed.length < runs.length) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 7;
    td.textContent = t('l2.table.more', { n: runs.length - listed.length, max: MAX_ROWS });
    tr.append(td);
    tbody.append(tr);
  }
}
