// A polite live region per lesson that narrates the step on screen (k, iterate, value), at
// most once a second while playing and at once when playback stops.

import { t } from '../i18n.js';

/** Least time between two narrations while the transport plays, in ms. */
export const PLAYING_MS = 1000;

/** The readout's label for `dt`: its text without the subscript k (x_k reads "x"). */
function label(dt) {
  const copy = dt.cloneNode(true);
  for (const sub of copy.querySelectorAll('sub')) if (sub.textContent.trim() === 'k') sub.remove();
  return copy.textContent.trim();
}

/** One sentence from the lesson's readouts, e.g. "Step 3 of 100: x = 1.2, f(x) = 0.04." */
export function readoutSentence(section, last) {
  // The lesson's readouts: its own, or in the side panel of a fitted embed (js/embed/fit.js).
  const dl = section.querySelector(':scope > dl.readout, :scope > .fit-side > dl.readout');
  if (!dl) return '';
  let head = '';
  const parts = [];
  for (const div of dl.querySelectorAll(':scope > div')) {
    const dt = div.querySelector('dt');
    const dd = div.querySelector('dd');
    if (!dt || !dd) continue;
    const name = label(dt);
    const value = dd.textContent.trim();
    const which = dd.dataset.out === 'k' ? 'live.step' : dd.dataset.out === 'w-epoch' ? 'live.epoch' : '';
    if (!head && which) head = t(which, { k: value, last });
    else parts.push(`${name} = ${value}`);
  }
  return t('live.sentence', { head: head || t('live.nostep'), parts: parts.join(t('live.sep')) });
}

/** Adds the live region to `section` and narrates its transport's `transport` events. */
export function narrate(section) {
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  live.dataset.role = 'live';
  section.append(live);
  const bar = section.querySelector('[data-role="transport"]');
  let lastAt = -Infinity;
  bar?.addEventListener('transport', (ev) => {
    if (section.hidden) return;
    const { playing, last } = ev.detail;
    const now = performance.now();
    if (playing && now - lastAt < PLAYING_MS) return;
    lastAt = now;
    live.textContent = readoutSentence(section, last);
  });
  return live;
}
