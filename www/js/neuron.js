// Lesson 3: a sigmoid neuron trained as a logic gate (notebook In[22]–In[35]), its decision
// boundary moving, and a hidden layer that learns XOR.

import { Plot } from './plot.js';
import { Lesson } from './lesson.js';
import { reportError, fmt, readForm, writeForm, pick, sentence } from './forms.js';
import { drawSquare } from './neuron/square.js';
import { drawCost } from './neuron/costplot.js';
import { buildRows, fillRows, customTargets, TARGET_INPUTS } from './neuron/table.js';
import { showArithmetic } from './neuron/arith.js';
import { mountCompare, WHY } from './neuron/compare.js';
import { LandscapeView } from './neuron/landscape.js';
import { editPoints, pointsOf, pointsText, toLines, fromLines } from './neuron/points.js';
import { runJob } from './work.js';
import { mountQuiz } from './quiz/panel.js';
import { t } from './i18n.js';

/** Least time between two redraws of the views while training, in ms. */
const REDRAW_MS = 200;

/** Mounts lesson 3 on its section; returns what the page and embedders drive it by. */
export function mount(section, app) {
  return new Neuron(section, app).api();
}

/** A readout of the weights: the key of its `data-out`, its value and its label. */
function weightRows(w, hidden) {
  const rows = [];
  if (hidden === 0) {
    rows.push(['b', fmt(w[0])]);
    for (let i = 1; i < w.length; i++) rows.push([`w${'₀₁₂₃₄₅₆₇₈'[i]}`, fmt(w[i])]);
    return rows;
  }
  // A network's parameters, unit by unit, to 4 significant digits.
  const h = hidden;
  const n = 2;
  const short = (v) => String(Number(v.toPrecision(4)));
  for (let j = 0; j < h; j++) rows.push([`hidden ${j + 1}`, `w = (${short(w[j * n])}, ${short(w[j * n + 1])}), b = ${short(w[h * n + j])}`, t('n.w.hidden', { j: j + 1 })]);
  rows.push(['output', `w = (${Array.from(w.subarray(h * n + h, h * n + 2 * h), short).join(', ')}), b = ${short(w[w.length - 1])}`, t('n.w.output')]);
  return rows;
}

/** Lesson 3's views on the shared lesson: the unit square, the cost, the truth table and training. */
class Neuron extends Lesson {
  constructor(section, app) {
    const form = section.querySelector('[data-role="settings"]');
    const tableForm = section.querySelector('[data-role="table-form"]');
    const transport = { speed: 50, onEmpty: () => this.act('train') };
    super(section, app, { name: 'neuron', form, forms: [form, tableForm], transport });
    this.tableForm = tableForm;
    this.tbody = section.querySelector('[data-role="truth"] tbody');
    this.logBox = section.querySelector('[data-role="log"]');
    this.arith = section.querySelector('[data-role="arith"]');
    this.trainButton = section.querySelector('[data-action="train"]');
    this.defaults = Object.fromEntries(this.table.map((r) => [r.key, r.default]));
    this.quiz = null; // the quiz panel, once mounted
    this.training = false;
    this.job = null; // the training job while it runs
    this.targetsText = this.defaults.ntargets;
    this.shown = null; // the config of the trainer on screen
    this.square = new Plot(section.querySelector('[data-role="square"]'), { margin: { l: 34, r: 10, t: 10, b: 26 }, onResize: () => this.draw() });
    this.cost = new Plot(section.querySelector('[data-role="cost"]'), { onResize: () => this.draw() });
    this.land = new LandscapeView(section.querySelector('[data-role="landscape-box"]'));
    this.compare = mountCompare(section.querySelector('[data-role="compare"]'), { wasm: this.wasm, settings: () => this.settings(), cmap: () => form.elements.cmap.value });
    this.pointsBox = this.ownPointsBox();
    editPoints(this.square, {
      range: this.wasm.NeuronTrainer.pointRange(),
      active: () => this.shown?.gate === 'points' && Boolean(this.handle),
      points: () => pointsOf(this.handle.inputs(), this.handle.targets()),
      label: () => Number(section.querySelector('[name="nclass"]:checked')?.value ?? 1),
      commit: (points) => this.editPoints(points),
      preview: (points) => this.previewPoints(points),
    });
    this.listen();
    this.start();
    this.quiz = this.mountQuiz();
  }

  load(values) {
    writeForm(this.form, this.table, values);
    this.showPoints();
    this.targetsText = values.ntargets || this.defaults.ntargets;
    delete this.tbody.dataset.shape; // the rows show the new table
  }

  /** The own-points box: a text area in place of the setting's one-line input, for pasted lines. */
  ownPointsBox() {
    const input = this.form.elements.ndata;
    const box = document.createElement('textarea');
    for (const a of ['name', 'title', 'spellcheck']) box[a] = input[a];
    if (input.maxLength > 0) box.maxLength = input.maxLength;
    box.rows = 6;
    input.replaceWith(box);
    // The numbers follow the language's decimal separator.
    document.addEventListener('descent-lang', () => { if (box.isConnected) this.showPoints(); });
    return box;
  }

  /** Shows the points (the link's `x1,x2,label;…`, or the box's lines) one per line in the box. */
  showPoints() {
    this.pointsBox.value = toLines(fromLines(this.pointsBox.value));
  }

  /** Applies an edit of the points on the plane: the box, the trainer and the link follow. */
  editPoints(points) {
    this.pointsBox.value = toLines(pointsText(points));
    this.rebuild();
  }

  /** Draws `points` (triples) over the output on screen, while they are dragged. */
  previewPoints(points) {
    const xy = points.flatMap(([a, b]) => [a, b]);
    const cmap = this.form.elements.cmap.value;
    drawSquare(this.square, this.handle, -1, { cmap, wasm: this.wasm, points: [xy, points.map((p) => p[2])] });
  }

  /** The settings of the trainer on screen (for the XOR comparison). */
  settings() {
    return { ...this.shown };
  }

  /** Shows an error under the input its key names (a custom target under its row). */
  report(err) {
    if (err?.field !== 'ntargets') { reportError(this.form, err, this.out('error')); return; }
    const row = TARGET_INPUTS[(err.item ?? 0) - 1];
    reportError(this.tableForm, row ? { message: err.message, field: row } : err, this.out('error'));
  }

  halt() {
    this.stopTraining();
  }

  /** Builds for a link; the custom targets are typed in the table, not in the form: back to their default. */
  buildLinked(extra) {
    try {
      this.build();
    } catch (err) {
      if (err?.field !== 'ntargets') throw err;
      extra.push(t('n.fallback.targets', { why: sentence(err.message) }));
      this.targetsText = this.defaults.ntargets;
      delete this.tbody.dataset.shape;
      this.build();
    }
  }

  /** Checks the inputs in the core, builds the trainer and swaps it in; throws naming the key. */
  build() {
    const { app, table, form, tbody } = this;
    const typed = { ...pick(app.values, table), ...readForm(form, table), seed: app.values.seed, ntargets: this.targetsText };
    typed.ndata = fromLines(typed.ndata ?? '');
    const check = this.check(typed);
    const next = new this.wasm.NeuronTrainer(check.config);
    this.adopt(next, check);
    const handle = next;
    this.land.setHandle(handle);
    this.shown = check.config;
    // Dependent settings the core resolved (a hidden layer's initial weights) show as set.
    if (check.note) { writeForm(form, table, check.values); this.showPoints(); }
    this.out('notice').textContent = check.note ?? '';
    const custom = check.values.ngate === 'custom';
    this.section.querySelector('[data-role="weights-label"]').hidden = check.values.ninit !== 'explicit';
    const own = check.values.ngate === 'points';
    for (const role of ['points-label', 'points-class', 'points-hint']) this.section.querySelector(`[data-role="${role}"]`).hidden = !own;
    this.square.canvas.dataset.edit = own ? 'points' : '';
    // Rows are rebuilt only when their shape changes, so typing in the custom table keeps focus.
    const shape = `${custom}:${check.values.ngate}:${custom ? '' : check.values.ntargets}:${own ? check.values.ndata : ''}`;
    if (tbody.dataset.shape !== shape) {
      buildRows(tbody, handle.inputs(), handle.targets(), custom);
      tbody.dataset.shape = shape;
    }
    this.section.dataset.hidden = String(handle.hidden());
    this.compare.refresh();
    this.afterTraining();
  }

  /** Rewinds to the epoch on screen, so that training continues from what is shown. */
  fromCursor() {
    if (this.transport.cursor < this.handle.epoch()) this.handle.rewind(this.transport.cursor);
  }

  /** Follows the head of the history after the trainer moved. */
  afterTraining() {
    const p = this.handle.progress();
    this.transport.setLast(p.epoch, { cursor: p.epoch });
    this.progress(p);
  }

  progress(p) {
    const bar = this.out('progress');
    bar.max = p.maxEpochs;
    bar.value = p.epoch;
    const state = p.done ? 'done' : this.training ? 'training' : 'idle';
    bar.dataset.state = state;
    this.section.dataset.training = state;
    const c = p.cost === null || p.cost === undefined ? '–' : fmt(p.cost);
    this.out('progress-text').textContent = t('n.progresstext', { epoch: p.epoch, max: p.maxEpochs, cost: c, target: fmt(p.targetCost) });
    this.describe(p);
  }

  describe(p) {
    const st = this.out('status');
    st.dataset.status = p.status;
    const c = p.cost === null || p.cost === undefined ? '–' : fmt(p.cost);
    st.textContent = {
      converged: t('n.status.converged', { epoch: p.epoch, cost: c, target: fmt(p.targetCost) }),
      'max-steps': t('n.status.maxsteps', { max: p.maxEpochs, cost: c, target: fmt(p.targetCost) }),
      diverged: t('n.status.diverged', { epoch: p.epoch }),
      running: this.training ? t('n.status.training') : '',
    }[p.status] ?? '';
    const xor = this.shown?.gate === 'xor';
    const hidden = this.handle.hidden();
    // The XOR explanation is printed once: not here while the open comparison shows it.
    const below = this.section.querySelector('[data-out="compare-why"]')?.textContent === t(WHY);
    this.out('separable').textContent = !xor ? ''
      : hidden === 0 ? (below ? '' : t(WHY))
        : t('n.hiddenxor', { hidden });
  }

  stopTraining() {
    if (!this.training) return;
    this.job?.cancel();
  }

  /**
   * Trains to the stop rule in chunks (the shared work helper), so the page stays responsive;
   * the lesson's own epoch bar shows the progress and the train button, labelled "stop",
   * cancels.
   */
  train() {
    if (this.training) { this.stopTraining(); return; }
    this.fromCursor();
    if (this.handle.progress().done) { this.afterTraining(); return; }
    this.training = true;
    this.trainButton.textContent = t('n.stop');
    const h = this.handle;
    let drawn = 0;
    this.job = runJob({
      label: t('n.training'),
      units: 16,
      step: (epochs) => h.trainChunk(epochs).done,
      progress: () => { const p = h.progress(); return p.epoch / p.maxEpochs; },
      // The bar moves with each progress report; the views (cost curve, input plane, table)
      // redraw a few times a second, so drawing a long history does not crowd out the training slices.
      onProgress: () => {
        const now = performance.now();
        if (now - drawn < REDRAW_MS) { this.progress(h.progress()); return; }
        drawn = now;
        // In a task of its own, so that a slice and a redraw never add up to one long task.
        setTimeout(() => { if (this.handle === h && this.training) this.afterTraining(); });
      },
      onDone: () => {
        this.training = false;
        this.trainButton.textContent = t('n.train');
        if (this.handle === h) this.afterTraining();
      },
    });
  }

  act(action) {
    const { handle } = this;
    if (!handle) return;
    if (action === 'train') return this.train();
    this.stopTraining();
    if (action === 'restart') { handle.reset(); this.afterTraining(); return; }
    if (action === 'notebook') {
      writeForm(this.form, this.table, this.defaults);
      this.showPoints();
      this.targetsText = this.defaults.ntargets;
      delete this.tbody.dataset.shape;
      this.rebuild();
      return;
    }
    this.fromCursor();
    if (action === 'sample') handle.stepSample();
    else if (action === 'epoch') handle.stepEpoch();
    this.afterTraining();
  }

  draw() {
    const { handle } = this;
    if (!handle) return;
    const k = this.transport.cursor;
    const atHead = k >= handle.epoch();
    const view = atHead ? -1 : k;
    // At the head, the sample just trained; scrubbed back, the last sample of epoch k.
    const last = atHead ? handle.lastSample() : handle.sampleAt(k);
    const current = last ? last.sample : -1;
    const cmap = this.form.elements.cmap.value;
    drawSquare(this.square, handle, view, { cmap, current, wasm: this.wasm });
    drawCost(this.cost, handle, k, this.logBox.checked);
    fillRows(this.tbody, handle, view, current);
    showArithmetic(this.arith, last, { hidden: handle.hidden(), start: k === 0 && handle.epoch() > 0 });
    this.quiz?.refresh();
    this.readout(view, k);
    this.land.show(view);
    this.out('square-legend').textContent = handle.hidden() === 0
      ? t('n.legend.line')
      : t('n.legend.curve');
  }

  /** Weight and bias readouts at view position `view` (epoch k). */
  readout(view, k) {
    const { handle } = this;
    const w = handle.weightsAt(view);
    const dl = this.section.querySelector('[data-role="weights"]');
    const rows = [['epoch', String(k), t('n.w.epoch')]];
    const costs = handle.costs();
    rows.push(['mean cost', k >= 1 ? fmt(costs[k - 1]) : '–', t('n.w.cost')]);
    rows.push(...weightRows(w, handle.hidden()));
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

  listen() {
    const { form } = this;
    for (const b of this.section.querySelectorAll('.train-bar [data-action]')) b.addEventListener('click', () => this.act(b.dataset.action));
    form.addEventListener('change', (ev) => {
      if (ev.target.name === 'cmap') { this.draw(); this.compare.redraw(); return; }
      // Typing weights starts from the ones in use.
      if (ev.target.name === 'ninit' && ev.target.value === 'explicit' && !form.elements.nweights.value.trim() && this.handle) {
        form.elements.nweights.value = Array.from(this.handle.weightsAt(0), String).join(', ');
      }
      this.rebuild();
    });
    this.tableForm.addEventListener('change', () => { this.targetsText = customTargets(this.tableForm); this.rebuild(); });
    this.logBox.addEventListener('change', () => this.draw());
  }

  mountQuiz() {
    return mountQuiz(this.section, this.app, {
      // The question names the sample it is about (the core's words).
      prompt: () => this.handle?.quizQuestion() ?? '',
      choices: [['rises', t('quiz.choice.rises')], ['falls', t('quiz.choice.falls')]],
      at: () => {
        const p = this.handle?.progress();
        return [this.handle, p ? `${p.epoch}:${p.position}` : 0];
      },
      choose: (c) => {
        const r = this.handle?.quizLine(c);
        if (r) this.section.querySelector('[data-action="sample"]').click();
        return r;
      },
    });
  }

  /** What the page (keys, table of numbers) and embedders drive the lesson by. */
  api() {
    const { transport } = this;
    return {
      key: (ev) => transport.key(ev),
      /** Trains to the stop rule from the epoch on screen (nothing if training already). */
      train: () => { if (this.handle && !this.training) this.train(); },
      /** Stops training where it is. */
      stop: () => this.stopTraining(),
      /** The epochs' mean cost up to the epoch shown, for the plots' table of numbers. */
      path: () => {
        if (!this.handle) return null;
        const costs = this.handle.costs();
        return { caption: t('n.table.caption'), columns: [t('n.w.epoch'), t('n.w.cost')], k: Math.min(transport.cursor, costs.length), row: (i) => [i, i >= 1 ? costs[i - 1] : NaN] };
      },
      transport,
      /** The epoch on screen for embedders: k, the weights, the mean cost and the status. */
      snapshot: () => {
        const { handle } = this;
        if (!handle) return null;
        const k = transport.cursor;
        const costs = handle.costs();
        const p = handle.progress();
        return { k, last: transport.last, iterate: Array.from(handle.weightsAt(k >= handle.epoch() ? -1 : k)), value: k >= 1 ? costs[k - 1] : null, status: p.status, done: p.done };
      },
    };
  }
}
