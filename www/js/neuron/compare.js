// The XOR comparison: one neuron beside a 2-H-1 network, both trained to the stop rule.

import { Plot } from '../plot.js';
import { drawSquare } from './square.js';
import { runJob } from '../work.js';
import { t } from '../i18n.js';

/** The id of the text that says why one neuron cannot learn XOR. */
export const WHY = 'n.why';

/**
 * Mounts the comparison in `details`; it trains when opened (and again after `refresh`).
 * @param {HTMLDetailsElement} details
 * @param {{wasm: object, settings: () => object, cmap: () => string}} opts
 */
export function mountCompare(details, { wasm, settings, cmap }) {
  const out = (name) => details.querySelector(`[data-out="${name}"]`);
  let handles = null;
  const plots = {};
  const draw = () => {
    if (!handles || !details.open) return;
    for (const key of ['single', 'hidden']) drawSquare(plots[key], handles[key], -1, { cmap: cmap(), wasm });
  };
  for (const key of ['single', 'hidden']) {
    plots[key] = new Plot(details.querySelector(`[data-role="compare-${key}"]`), { margin: { l: 30, r: 8, t: 8, b: 24 }, onResize: draw });
  }

  function describe(handle, label) {
    const p = handle.progress();
    const rounded = Array.from(handle.roundedAt(-1)).join(', ');
    const ok = rounded === Array.from(handle.targets()).join(', ');
    const how = t(p.status === 'converged' ? 'n.cmp.reached' : 'n.cmp.stopped', { epoch: p.epoch });
    return t(ok ? 'n.cmp.learned' : 'n.cmp.not', { who: label, how, rounded });
  }

  let job = null;

  function run() {
    job?.cancel();
    for (const h of Object.values(handles ?? {})) h.free();
    handles = null;
    const base = { ...settings(), gate: 'xor', init: 'seeded', maxEpochs: 20000 };
    const hidden = base.hidden >= 2 ? base.hidden : 3;
    try {
      handles = {
        single: new wasm.NeuronTrainer({ ...base, hidden: 0 }),
        hidden: new wasm.NeuronTrainer({ ...base, hidden }),
      };
    } catch (err) {
      out('compare-why').textContent = err?.message ?? String(err);
      return;
    }
    const { single, hidden: net } = handles;
    details.dataset.state = 'training';
    // Both train to the stop rule in chunks (the shared work helper).
    job = runJob({
      label: t('n.training'),
      units: 64,
      step: (epochs) => {
        const a = single.trainChunk(epochs).done;
        const b = net.trainChunk(epochs).done;
        return a && b;
      },
      progress: () => 0,
      onDone: (state) => {
        if (state !== 'done' || handles?.single !== single) return;
        out('compare-single').textContent = describe(single, t('n.cmp.one'));
        out('compare-hidden').textContent = describe(net, t('n.cmp.net', { hidden }));
        // Printed once: not here when the lesson's status already explains XOR.
        const above = details.parentElement?.querySelector('[data-out="separable"]')?.textContent === t(WHY);
        out('compare-why').textContent = above ? '' : t(WHY);
        details.dataset.state = 'done';
        draw();
      },
    });
  }

  details.addEventListener('toggle', () => { if (details.open) run(); });
  return {
    refresh() { if (details.open) run(); },
    redraw: draw,
  };
}
