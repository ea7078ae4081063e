// Lesson 3: a sigmoid neuron trained as a logic gate (notebook In[22]–In[35]), its decision
// boundary moving, and a hidden layer that learns XOR.

import { Plot } from './plot.js';
import { Transport } from './transport.js';
import { num, clearErrors, showError, fmt } from './forms.js';
import { drawSquare } from './neuron/square.js';
import { drawCost } from './neuron/costplot.js';
import { buildRows, fillRows, customTargets, TARGET_INPUTS } from './neuron/table.js';
import { showArithmetic } from './neuron/arith.js';
import { mountCompare, WHY } from './neuron/compare.js';
import { runJob } from './work.js';

/** Which input shows a binding error, by the field name Rust reports. */
const FIELD_OF = {
  'lr (learning rate)': 'lr',
  'target cost': 'cost',
  'max epochs': 'epochs',
  'H (hidden units)': 'hidden',
  init: 'init',
  'target (row 1)': 't0',
  'target (row 2)': 't1',
  'target (row 3)': 't2',
  'target (row 4)': 't3',
  targets: 't0',
  'weights (b, w₁, w₂)': 'weights',
  'network weights': 'weights',
};
/** Least time between two redraws of the views while training, in ms. */
const REDRAW_MS = 200;
/** Form input ↔ URL key. */
const URL_KEY = { gate: 'ngate', hidden: 'nhidden', act: 'nact', lr: 'nlr', order: 'norder', init: 'ninit', weights: 'nweights', cost: 'ncost', epochs: 'nepochs' };
/** The notebook's In[23]–In[32] settings (the URL table's defaults). */
const NOTEBOOK = { gate: 'and', hidden: '0', act: 'sigmoid', lr: '0.5', order: 'data', init: 'notebook', weights: '', cost: '0.001', epochs: '20000' };

export function mount(section, app) {
  const { wasm } = app;
  const form = section.querySelector('[data-role="settings"]');
  const tableForm = section.querySelector('[data-role="table-form"]');
  const tbody = section.querySelector('[data-role="truth"] tbody');
  const out = (name) => section.querySelector(`[data-out="${name}"]`);
  const logBox = section.querySelector('[data-role="log"]');
  const arith = section.querySelector('[data-role="arith"]');
  const trainButton = section.querySelector('[data-action="train"]');
  let handle = null;
  let training = false;
  let job = null; // the training job while it runs
  let targetsText = '1,0,0,0';

  const square = new Plot(section.querySelector('[data-role="square"]'), { margin: { l: 34, r: 10, t: 10, b: 26 }, onResize: () => draw() });
  const cost = new Plot(section.querySelector('[data-role="cost"]'), { onResize: () => draw() });
  const transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => draw(), speed: 50 });
  const compare = mountCompare(section.querySelector('[data-role="compare"]'), { wasm, settings: () => settings(), cmap: () => form.elements.cmap.value });

  function load(values) {
    for (const [name, key] of Object.entries(URL_KEY)) form.elements[name].value = values[key];
    targetsText = values.ntargets || '1,0,0,0';
  }

  /** The settings as typed; Rust checks them. */
  function settings() {
    const e = form.elements;
    return {
      gate: e.gate.value,
      targets: targetsText,
      hidden: Number(e.hidden.value),
      activation: e.act.value,
      lr: num(e.lr),
      order: e.order.value,
      seed: app.seed,
      init: e.init.value,
      // Typed numbers, read as typed (NaN for a non-number); Rust checks them.
      weights: e.weights.value.split(/[\s,;]+/).filter(Boolean).map(Number),
      targetCost: num(e.cost),
      maxEpochs: num(e.epochs),
    };
  }

  function showErr(err) {
    const name = FIELD_OF[err?.field];
    const message = err?.message ?? String(err);
    const target = TARGET_INPUTS.includes(name) ? tableForm : form;
    if (!(name && showError(target, name, message))) out('error').textContent = message;
  }

  /** A fresh trainer at epoch 0 from the inputs; keeps the last good one on error. */
  function rebuild() {
    stopTraining();
    clearErrors(form);
    clearErrors(tableForm);
    out('error').textContent = '';
    let next;
    try {
      next = new wasm.NeuronTrainer(settings());
    } catch (err) {
      showErr(err);
      return;
    }
    handle?.free();
    handle = next;
    const custom = form.elements.gate.value === 'custom';
    section.querySelector('[data-role="weights-label"]').hidden = form.elements.init.value !== 'explicit';
    buildRows(tbody, handle.inputs(), handle.targets(), custom);
    const patch = Object.fromEntries(Object.entries(URL_KEY).map(([name, key]) => [key, form.elements[name].value.trim()]));
    patch.ntargets = targetsText;
    app.set(patch);
    section.dataset.hidden = String(handle.hidden());
    compare.refresh();
    afterTraining();
  }

  /** Rewinds to the epoch on screen, so that training continues from what is shown. */
  function fromCursor() {
    if (transport.cursor < handle.epoch()) handle.rewind(transport.cursor);
  }

  /** Follows the head of the history after the trainer moved. */
  function afterTraining() {
    const p = handle.progress();
    transport.setLast(p.epoch, { cursor: p.epoch });
    progress(p);
  }

  function progress(p) {
    const bar = out('progress');
    bar.max = p.maxEpochs;
    bar.value = p.epoch;
    const state = p.done ? 'done' : training ? 'training' : 'idle';
    bar.dataset.state = state;
    section.dataset.training = state;
    const c = p.cost === null || p.cost === undefined ? '–' : fmt(p.cost);
    out('progress-text').textContent = `epoch ${p.epoch} / ${p.maxEpochs} · cost ${c} (target ${fmt(p.targetCost)})`;
    describe(p);
  }

  function describe(p) {
    const st = out('status');
    st.dataset.status = p.status;
    const c = p.cost === null || p.cost === undefined ? '–' : fmt(p.cost);
    st.textContent = {
      converged: `Training finished after ${p.epoch} epochs: the epoch's mean cost ${c} fell below the target ${fmt(p.targetCost)}.`,
      'max-steps': `Stopped at the maximum of ${p.maxEpochs} epochs: the mean cost ${c} is still above the target ${fmt(p.targetCost)}.`,
      diverged: `Training diverged at epoch ${p.epoch}: the cost or a weight became non-finite. Try a smaller lr.`,
      running: training ? 'Training…' : '',
    }[p.status] ?? '';
    const xor = form.elements.gate.value === 'xor';
    const hidden = handle.hidden();
    out('separable').textContent = !xor ? ''
      : hidden === 0 ? WHY
        : `With a hidden layer of ${hidden} units the boundary (output ½) is a curve, not a line, so the network can separate XOR.`;
  }

  function stopTraining() {
    if (!training) return;
    job?.cancel();
  }

  /**
   * Trains to the stop rule in chunks (the shared work helper), so the page stays responsive;
   * the lesson's own epoch bar shows the progress and the train button, labelled "stop",
   * cancels.
   */
  function train() {
    if (training) { stopTraining(); return; }
    fromCursor();
    if (handle.progress().done) { afterTraining(); return; }
    training = true;
    trainButton.textContent = 'stop';
    const h = handle;
    let drawn = 0;
    job = runJob({
      label: 'training',
      units: 16,
      step: (epochs) => h.trainChunk(epochs).done,
      progress: () => { const p = h.progress(); return p.epoch / p.maxEpochs; },
      // The bar moves every frame; the views (cost curve, square, table) redraw a few times
      // a second, so drawing a long history does not crowd out the training slices.
      onProgress: () => {
        const now = performance.now();
        if (now - drawn < REDRAW_MS) { progress(h.progress()); return; }
        drawn = now;
        // In a task of its own, so that a slice and a redraw never add up to one long task.
        setTimeout(() => { if (handle === h && training) afterTraining(); });
      },
      onDone: () => {
        training = false;
        trainButton.textContent = 'train to the stop rule';
        if (handle === h) afterTraining();
      },
    });
  }

  function act(action) {
    if (action === 'train') return train();
    stopTraining();
    if (action === 'restart') { handle.reset(); afterTraining(); return; }
    if (action === 'notebook') {
      for (const [name, v] of Object.entries(NOTEBOOK)) form.elements[name].value = v;
      rebuild();
      return;
    }
    fromCursor();
    if (action === 'sample') handle.stepSample();
    else if (action === 'epoch') handle.stepEpoch();
    afterTraining();
  }

  function draw() {
    if (!handle) return;
    const k = transport.cursor;
    const atHead = k >= handle.epoch();
    const view = atHead ? -1 : k;
    const last = handle.lastSample();
    const current = atHead && last ? last.sample : -1;
    const cmap = form.elements.cmap.value;
    drawSquare(square, handle, view, { cmap, current, wasm });
    drawCost(cost, handle, k, logBox.checked);
    fillRows(tbody, handle, view, current);
    showArithmetic(arith, last, { stale: !atHead, hidden: handle.hidden() });
    readout(view, k);
    out('square-legend').textContent = handle.hidden() === 0
      ? 'colour: the output a over the square; white line: w·x + b where a = ½ (the decision line); dots: the samples, coloured by target'
      : 'colour: the output a over the square; white curve: where a = ½ (the boundary); dots: the samples, coloured by target';
  }

  /** Weight and bias readouts at view position `view` (epoch k). */
  function readout(view, k) {
    const w = handle.weightsAt(view);
    const dl = section.querySelector('[data-role="weights"]');
    const rows = [['epoch', String(k)]];
    const costs = handle.costs();
    rows.push(['mean cost', k >= 1 ? fmt(costs[k - 1]) : '–']);
    if (handle.hidden() === 0) {
      rows.push(['b', fmt(w[0])]);
      for (let i = 1; i < w.length; i++) rows.push([`w${'₀₁₂₃₄₅₆₇₈'[i]}`, fmt(w[i])]);
    } else {
      // A network's parameters, unit by unit, to 4 significant digits.
      const h = handle.hidden();
      const n = 2;
      const short = (v) => String(Number(v.toPrecision(4)));
      for (let j = 0; j < h; j++) rows.push([`hidden ${j + 1}`, `w = (${short(w[j * n])}, ${short(w[j * n + 1])}), b = ${short(w[h * n + j])}`]);
      rows.push(['output', `w = (${Array.from(w.subarray(h * n + h, h * n + 2 * h), short).join(', ')}), b = ${short(w[w.length - 1])}`]);
    }
    dl.classList.toggle('network', handle.hidden() > 0);
    dl.replaceChildren(...rows.map(([t, v]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = t;
      dd.textContent = v;
      dd.dataset.out = `w-${t}`;
      div.append(dt, dd);
      return div;
    }));
  }

  for (const b of section.querySelectorAll('.train-bar [data-action]')) b.addEventListener('click', () => act(b.dataset.action));
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'cmap') { draw(); compare.redraw(); return; }
    // Typing weights starts from the ones in use.
    if (ev.target.name === 'init' && ev.target.value === 'explicit' && !form.elements.weights.value.trim() && handle) {
      form.elements.weights.value = Array.from(handle.weightsAt(0), String).join(', ');
    }
    rebuild();
  });
  tableForm.addEventListener('change', () => { targetsText = customTargets(tableForm); rebuild(); });
  logBox.addEventListener('change', () => draw());
  app.onChange((values) => { load(values); rebuild(); });

  load(app.values);
  rebuild();
  return {
    key: (ev) => transport.key(ev),
  };
}
