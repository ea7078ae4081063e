// The run table (In[14]–In[18]): start, end, f(end), steps, status; the best run marked.

import { fmt } from '../forms.js';

const pair = (p, k) => `(${fmt(p[2 * k])}, ${fmt(p[2 * k + 1])})`;

/** Fills `tbody` with one row per run; clicking a row calls `onSelect(i)`. */
export function fillTable(tbody, runs, { best, selected, onSelect }) {
  tbody.replaceChildren();
  runs.forEach((r, i) => {
    const tr = document.createElement('tr');
    tr.dataset.run = String(i);
    if (i === best) tr.classList.add('best');
    if (i === selected) tr.classList.add('selected');
    const cells = [
      `${i + 1}${i === best ? ' ★ best' : ''}`,
      r.optimizer,
      pair(r.points, 0),
      pair(r.points, r.steps),
      fmt(r.values[r.steps]),
      String(r.steps),
      r.status,
    ];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    if (r.status === 'diverged') tr.lastChild.classList.add('diverged');
    tr.style.setProperty('--c', r.colour);
    tr.firstChild.style.borderLeft = `4px solid ${r.colour}`;
    tr.addEventListener('click', () => onSelect(i));
    tbody.append(tr);
  });
}
