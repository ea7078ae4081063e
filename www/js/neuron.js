// Lesson 3: a sigmoid neuron trained as a logic gate (notebook In[22]–In[35]), its decision
// boundary moving, and a hidden layer that learns XOR.

import { Plot } from './plot.js';
import { Transport } from './transport.js';
import { clearErrors, reportError, fmt, buildInputs, readForm, writeForm, pick, buildOrFallBack, sentence } from './forms.js';
import { drawSquare } from './neuron/square.js';
import { drawCost } from './neuron/costplot.js';
import { buildRows, fillRows, customTargets, TARGET_INPUTS } from './neuron/table.js';
import { showArithmetic } from './neuron/arith.js';
import { mountCompare, WHY } from './neuron/compare.js';
import { LandscapeView } from './neuron/landscape.js';
import { runJob } from './work.js';
import { mountExport } from './export/panel.js';
import { mountQuiz } from './quiz/panel.js';
import { t } from './i18n.js';

/** Least time between two redraws of the views while training, in ms. */
const REDRAW_MS = 200;

export function mount(section, app) {
  const { wasm } = app;
  const form = section.querySelector('[data-role="settings"]');
  const tableForm = section.querySelector('[data-role="table-form"]');
  const tbody = section.querySelector('[data-role="truth"] tbody');
  const out = (name) => section.querySelector(`[data-out="${name}"]`);
  const logBox = section.querySelector('[data-role="log"]');
  const arith = section.querySelector('[data-role="arith"]');
  const trainButton = section.querySelector('[data-action="train"]');
  const table = wasm.settingsTable('neuron');
  buildInputs(form, table);
  const defaults = Object.fromEntries(table.map((r) => [r.key, r.default]));
  let handle = null;
  let quiz = null; // the quiz panel, once mounted
  let training = false;
  let job = null; // the training job while it runs
  let targetsText = defaults.ntargets;
  let shown = null; // the config of the trainer on screen

  const square = new Plot(section.querySelector('[data-role="square"]'), { margin: { l: 34, r: 10, t: 10, b: 26 }, onResize: () => draw() });
  const cost = new Plot(section.querySelector('[data-role="cost"]'), { onResize: () => draw() });
  const transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => draw(), speed: 50, onEmpty: () => act('train') });
  const land = new LandscapeView(section.querySelector('[data-role="landscape-box"]'));
  const compare = mountCompare(section.querySelector('[data-role="compare"]'), { wasm, settings: () => settings(), cmap: () => form.elements.cmap.value });

  function load(values) {
    writeForm(form, table, values);
    targetsText = values.ntargets || defaults.ntargets;
    delete tbody.dataset.shape; // the rows show the new table
  }

  /** The settings of the trainer on screen (for the XOR comparison). */
  function settings() {
    return { ...shown };
  }

  /** Shows an error under the input its key names (a custom target under its row). */
  function showErr(err) {
    if (err?.field !== 'ntargets') { reportError(form, err, out('error')); return; }
    const row = TARGET_INPUTS[(err.item ?? 0) - 1];
    reportError(tableForm, row ? { message: err.message, field: row } : err, out('error'));
  }

  /** A fresh trainer at epoch 0 from the inputs; keeps the last good one on error. */
  function rebuild() {
    stopTraining();
    clearErrors(form);
    clearErrors(tableForm);
    out('error').textContent = '';
    out('notice').textContent = '';
    try {
      build();
    } catch (err) {
      showErr(err);
    }
  }

  /** Settings from a link: what cannot be built goes back to its default, with a notice. */
  function fromLink(values) {
    stopTraining();
    load(values);
    clearErrors(form);
    clearErrors(tableForm);
    out('error').textContent = '';
    out('notice').textContent = '';
    const extra = [];
    // The custom targets are typed in the table, not in the form: back to their default.
    const buildWithTargets = () => {
      try {
        build();
      } catch (err) {
        if (err?.field !== 'ntargets') throw err;
        extra.push(t('n.fallback.targets', { why: sentence(err.message) }));
        targetsText = defaults.ntargets;
        delete tbody.dataset.shape;
        build();
      }
    };
    let notices;
    try {
      notices = buildOrFallBack(form, table, buildWithTargets);
    } catch (err) {
      notices = [err?.message ?? String(err)];
    }
    notices.push(...extra);
    const note = out('notice').textContent;
    out('notice').textContent = [note, ...notices].filter(Boolean).join(' ');
  }

  /** Checks the inputs in the core, builds the trainer and swaps it in; throws naming the key. */
  function build() {
    const typed = { ...pick(app.values, table), ...readForm(form, table), seed: app.values.seed, ntargets: targetsText };
    const check = wasm.checkSettings('neuron', typed);
    const next = new wasm.NeuronTrainer(check.config);
    handle?.free();
    handle = next;
    land.setHandle(handle);
    shown = check.config;
    // Dependent settings the core resolved (a hidden layer's initial weights) show as set.
    if (check.note) writeForm(form, table, check.values);
    out('notice').textContent = check.note ?? '';
    const custom = check.values.ngate === 'custom';
    section.querySelector('[data-role="weights-label"]').hidden = check.values.ninit !== 'explicit';
    // Rows are rebuilt only when their shape changes, so typing in the custom table keeps focus.
    const shape = `${custom}:${check.values.ngate}:${custom ? '' : check.values.ntargets}`;
    if (tbody.dataset.shape !== shape) {
      buildRows(tbody, handle.inputs(), handle.targets(), custom);
      tbody.dataset.shape = shape;
    }
    app.set(pick(check.values, table));
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
    out('progress-text').textContent = t('n.progresstext', { epoch: p.epoch, max: p.maxEpochs, cost: c, target: fmt(p.targetCost) });
    describe(p);
  }

  function describe(p) {
    const st = out('status');
    st.dataset.status = p.status;
    const c = p.cost === null || p.cost === undefined ? '–' : fmt(p.cost);
    st.textContent = {
      converged: t('n.status.converged', { epoch: p.epoch, cost: c, target: fmt(p.targetCost) }),
      'max-steps': t('n.status.maxsteps', { max: p.maxEpochs, cost: c, target: fmt(p.targetCost) }),
      diverged: t('n.status.diverged', { epoch: p.epoch }),
      running: training ? t('n.status.training') : '',
    }[p.status] ?? '';
    const xor = shown?.gate === 'xor';
    const hidden = handle.hidden();
    // The XOR explanation is printed once: not here while the open comparison shows it.
    const below = section.querySelector('[data-out="compare-why"]')?.textContent === t(WHY);
    out('separable').textContent = !xor ? ''
      : hidden === 0 ? (below ? '' : t(WHY))
        : t('n.hiddenxor', { hidden });
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
    trainButton.textContent = t('n.stop');
    const h = handle;
    let drawn = 0;
    job = runJob({
      label: t('n.training'),
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
        trainButton.textContent = t('n.train');
        if (handle === h) afterTraining();
      },
    });
  }

  function act(action) {
    if (!handle) return;
    if (action === 'train') return train();
    stopTraining();
    if (action === 'restart') { handle.reset(); afterTraining(); return; }
    if (action === 'notebook') {
      writeForm(form, table, defaults);
      targetsText = defaults.ntargets;
      delete tbody.dataset.shape;
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
    // At the head, the sample just trained; scrubbed back, the last sample of epoch k.
    const last = atHead ? handle.lastSample() : handle.sampleAt(k);
    const current = last ? last.sample : -1;
    const cmap = form.elements.cmap.value;
    drawSquare(square, handle, view, { cmap, current, wasm });
    drawCost(cost, handle, k, logBox.checked);
    fillRows(tbody, handle, view, current);
    showArithmetic(arith, last, { hidden: handle.hidden(), start: k === 0 && handle.epoch() > 0 });
    quiz?.refresh();
    readout(view, k);
    land.show(view);
    out('square-legend').textContent = handle.hidden() === 0
      ? t('n.legend.line')
      : t('n.legend.curve');
  }

  /** Weight and bias readouts at view position `view` (epoch k). */
  function readout(view, k) {
    const w = handle.weightsAt(view);
    const dl = section.querySelector('[data-role="weights"]');
    const rows = [['epoch', String(k), t('n.w.epoch')]];
    const costs = handle.costs();
    rows.push(['mean cost', k >= 1 ? fmt(costs[k - 1]) : '–', t('n.w.cost')]);
    if (handle.hidden() === 0) {
      rows.push(['b', fmt(w[0])]);
      for (let i = 1; i < w.length; i++) rows.push([`w${'₀₁₂₃₄₅₆₇₈'[i]}`, fmt(w[i])]);
    } else {
      // A network's parameters, unit by unit, to 4 significant digits.
      const h = handle.hidden();
      const n = 2;
      const short = (v) => String(Number(v.toPrecision(4)));
      for (let j = 0; j < h; j++) rows.push([`hidden ${j + 1}`, `w = (${short(w[j * n])}, ${short(w[j * n + 1])}), b = ${short(w[h * n + j])}`, t('n.w.hidden', { j: j + 1 })]);
      rows.push(['output', `w = (${Array.from(w.subarray(h * n + h, h * n + 2 * h), short).join(', ')}), b = ${short(w[w.length - 1])}`, t('n.w.output')]);
    }
    dl.classList.toggle('network', handle.hidden() > 0);
    dl.replaceChildren(...rows.map(([key, v, label = key]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = label;
      dd.textContent = v;
      dd.dataset.out = `w-${key}`;
      div.append(dt, dd);
      return div;
    }));
  }

  for (const b of section.querySelectorAll('.train-bar [data-action]')) b.addEventListener('click', () => act(b.dataset.action));
  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'cmap') { draw(); compare.redraw(); return; }
    // Typing weights starts from the ones in use.
    if (ev.target.name === 'ninit' && ev.target.value === 'explicit' && !form.elements.nweights.value.trim() && handle) {
      form.elements.nweights.value = Array.from(handle.weightsAt(0), String).join(', ');
    }
    rebuild();
  });
  tableForm.addEventListener('change', () => { targetsText = customTargets(tableForm); rebuild(); });
  logBox.addEventListener('change', () => draw());
  app.onChange((values) => fromLink(values));

  fromLink(app.values);
  mountExport(section, { handle: () => handle });
  quiz = mountQuiz(section, app, {
    // The question names the sample it is about (the core's words).
    prompt: () => handle?.quizQuestion() ?? '',
    choices: [['rises', t('quiz.choice.rises')], ['falls', t('quiz.choice.falls')]],
    at: () => {
      const p = handle?.progress();
      return [handle, p ? `${p.epoch}:${p.position}` : 0];
    },
    choose: (c) => {
      const r = handle?.quizLine(c);
      if (r) section.querySelector('[data-action="sample"]').click();
      return r;
    },
  });
  return {
    key: (ev) => transport.key(ev),
    /** Trains to the stop rule from the epoch on screen (nothing if training already). */
    train: () => { if (handle && !training) train(); },
    /** Stops training where it is. */
    stop: () => stopTraining(),
    /** The epochs' mean cost up to the epoch shown, for the plots' table of numbers. */
    path: () => {
      if (!handle) return null;
      const costs = handle.costs();
      return { caption: t('n.table.caption'), columns: [t('n.w.epoch'), t('n.w.cost')], k: Math.min(transport.cursor, costs.length), row: (i) => [i, i >= 1 ? costs[i - 1] : NaN] };
    },
    transport,
    /** The epoch on screen for embedders: k, the weights, the mean cost and the status. */
    snapshot() {
      if (!handle) return null;
      const k = transport.cursor;
      const costs = handle.costs();
      const p = handle.progress();
      return { k, last: transport.last, iterate: Array.from(handle.weightsAt(k >= handle.epoch() ? -1 : k)), value: k >= 1 ? costs[k - 1] : null, status: p.status, done: p.done };
    },
  };
}
