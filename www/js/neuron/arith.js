// The arithmetic panel: z, a, a − y, σ′(z), δ, Δw, Δb of the last trained sample.

import { fmt } from '../forms.js';
import { listSeparator, t } from '../i18n.js';

const vec = (v) => `(${Array.from(v, fmt).join(listSeparator())})`;

/**
 * Shows `sample` (from `lastSample()` or `sampleAt(k)`, or null) in the panel; `start`: the
 * transport shows epoch 0 of a trainer that has trained.
 * @param {HTMLElement} panel
 */
export function showArithmetic(panel, sample, { hidden = 0, start = false } = {}) {
  const out = (name) => panel.querySelector(`[data-out="${name}"]`);
  const caption = out('arith-sample');
  if (!sample) {
    caption.textContent = t(start ? 'n.arith.epoch0' : 'n.arith.none');
    for (const n of ['z', 'a', 'err', 'dact', 'delta', 'dw', 'db']) out(n).textContent = '–';
    panel.dataset.sample = '';
    return;
  }
  caption.textContent = t('n.arith.sample', { sample: sample.sample + 1, epoch: sample.epoch + 1, x: vec(sample.x), y: fmt(sample.y) })
    + (hidden ? t('n.arith.hidden', { hidden }) : '');
  out('z').textContent = fmt(sample.z);
  out('a').textContent = fmt(sample.a);
  out('err').textContent = fmt(sample.error);
  out('dact').textContent = fmt(sample.dact);
  out('delta').textContent = fmt(sample.delta);
  out('dw').textContent = vec(sample.dw);
  out('db').textContent = fmt(sample.db);
  panel.dataset.sample = String(sample.sample);
}
