// The XOR comparison: one neuron beside a 2-H-1 network, both trained to the stop rule.

import { Plot } from '../plot.js';
import { drawSquare } from './square.js';
import { runJob } from '../work.js';

export const WHY = 'XOR is not linearly separable: no straight line puts (1, 0) and (0, 1) on one side '
  + 'and (0, 0) and (1, 1) on the other. A single neuron’s boundary w·x + b = 0 is a straight line, so it '
  + 'cannot learn XOR however long it trains; a hidden layer bends the boundary into a curve, and the network can.';

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
    const how = p.status === 'converged' ? `reached the target after ${p.epoch} epochs` : `stopped after ${p.epoch} epochs above the target`;
    return `${label}: ${how}; rounded outputs ${rounded} ${ok ? '(XOR learned)' : '(not XOR)'}`;
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
      label: 'training',
      units: 64,
      step: (epochs) => {
        const a = single.trainChunk(epochs).done;
        const b = net.trainChunk(epochs).done;
        return a && b;
      },
      progress: () => 0,
      onDone: (state) => {
        if (state !== 'done' || handles?.single !== single) return;
        out('compare-single').textContent = describe(single, 'one neuron');
        out('compare-hidden').textContent = describe(net, `2-${hidden}-1 network`);
        // Printed once: not here when the lesson's status already explains XOR.
        const above = details.parentElement?.querySelector('[data-out="separable"]')?.textContent === WHY;
        out('compare-why').textContent = above ? '' : WHY;
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
