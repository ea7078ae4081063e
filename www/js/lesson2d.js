// Lesson 2: f(x, y) — contours and heatmap, a rotatable 3-D surface, multi-start, optimizers
// raced side by side, arrows, the arithmetic of each update, and basins of attraction.

import { Lesson } from './lesson.js';
import { clearErrors, fmt, readForm, writeForm, pick, sentence, showError } from './forms.js';
import { ParamInputs } from './lesson2d/params.js';
import { ContourView } from './lesson2d/contour.js';
import { SurfaceView } from './lesson2d/surface.js';
import { CostPanel } from './lesson2d/cost.js';
import { BasinPanel } from './lesson2d/basin.js';
import { StepSizeView } from './stepsize.js';
import { fillTable } from './lesson2d/table.js';
import { functionPicker } from './functions.js';
import { mountQuiz } from './quiz/panel.js';
import { statusNames } from './status.js';
import { colour } from './a11y/palette.js';
import { has, t } from './i18n.js';

/** Descent steps of a run set from which its runs go to the worker pool. */
const POOL_STEPS = 2e6;
/** Starts per worker tile. */
const STARTS_PER_TILE = 128;
/** Colours of racers (or of starts in single mode), visible on viridis and on white: the
 * palette's `--c-race-1` … `--c-race-10`, used in turn. */
const RACE_COLOURS = 10;
/** Runs with histories beyond which the cost curves are drawn in a task after the hand-over. */
const SPLIT_AFTER = 12;
/** The update order in words, for the status line. */
const ORDER_NOTE = { sequential: 'l2.order.sequential', simultaneous: 'l2.order.simultaneous', whole: 'l2.order.whole' };

/**
 * One run of the set: its summary in the shared columns (`startX`, `startY`, `endX`,
 * `endY`, `endValue`, `steps`, `status`), with the start and end read when asked (a set may
 * have tens of thousands of runs), and its history (`points`, `values`, `grads`) once fetched.
 */
class RunRow {
  constructor(summaries, index, status, optimizer, colour) {
    this.summaries = summaries;
    this.index = index;
    this.endValue = summaries.endValue[index];
    this.steps = summaries.steps[index];
    this.status = status;
    this.optimizer = optimizer;
    this.colour = colour;
    this.points = null;
    this.values = null;
    this.grads = null;
  }

  get start() { return [this.summaries.startX[this.index], this.summaries.startY[this.index]]; }

  get end() { return [this.summaries.endX[this.index], this.summaries.endY[this.index]]; }
}

/** Mounts lesson 2 on its section; returns what the page and embedders drive it by. */
export function mount(section, app) {
  return new TwoD(section, app).api();
}

/** A point in six significant digits, so that the link reproduces the run exactly. */
const sixDigits = (x, y) => [Number(x.toPrecision(6)), Number(y.toPrecision(6))];

/** Lesson 2's views on the shared lesson: contour map, surface, cost curves, runs and basins. */
class TwoD extends Lesson {
  constructor(section, app) {
    const form = section.querySelector('form[data-role="settings"]');
    super(section, app, { name: '2d', form, work: true });
    this.STATUS_NAMES = statusNames(this.wasm);
    this.el = form.elements;
    this.raceBox = section.querySelector('[data-role="race"]');
    this.starts = { multi: true, clicked: [] };
    this.runs = [];
    this.best = -1;
    this.selected = -1;
    this.fn = null; // { spec, key, label, view, fMin }: the last function that compiled, in use
    this.shown = null; // the config of the runs on screen
    this.picker = functionPicker(section.querySelector('[data-role="function"]'), this.wasm, 2, { onRecommend: (s) => app.set(s) });
    this.raceBoxes();
    this.params = new ParamInputs(section.querySelector('[data-role="params"]'), form, this.wasm, this.table, () => this.rebuild());
    this.views();
    this.stepView = this.stepSizeView();
    this.listen();
    this.firstLink();
    this.quiz = this.mountQuiz();
  }

  raceColour(i) {
    return colour(`c-race-${(i % RACE_COLOURS) + 1}`, this.section);
  }

  /** The race's check boxes: one per optimizer the table offers. */
  raceBoxes() {
    for (const { value } of this.rows.get('opt').choices) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'race';
      box.value = value;
      label.append(box, ` ${value}`);
      this.raceBox.append(label);
    }
  }

  /** The contour map and the surface (a click or pick adds a start), the cost and basin panels. */
  views() {
    const { section, wasm } = this;
    const addStart = (x, y) => {
      if (this.quiz.take([x, y])) return;
      this.starts.clicked.push(sixDigits(x, y));
      this.rebuild({ select: 'newest' });
    };
    this.contour = new ContourView(section.querySelector('[data-role="contour"]'), wasm, { onClick: addStart, onView: () => {} });
    this.surface = new SurfaceView(section.querySelector('[data-role="surface"]'), wasm, {
      onRotate: (elev, azim) => {
        this.app.set({ elev: String(Math.round(elev)), azim: String(Math.round(azim)) });
        this.out('camera').textContent = t('l2.camera', { elev: Math.round(elev), azim: Math.round(azim) });
      },
      onPick: addStart,
    });
    this.cost = new CostPanel(section.querySelector('[data-role="cost"]'));
    this.basin = new BasinPanel(section, wasm, this.contour, () => ({ fn: this.fn.spec, config: this.shown, workers: this.app.values.workers }));
  }

  /** The step-size view of the selected run's step on screen; its chosen rate goes into the form. */
  stepSizeView() {
    const { app, form, el } = this;
    return new StepSizeView(this.section.querySelector('[data-role="stepsize-box"]'), {
      ask: (log, n) => {
        const r = this.runs[this.selected];
        return this.handle && r?.points ? this.handle.stepSize(this.selected, Math.min(this.transport.cursor, r.steps), 0, n, log) ?? null : null;
      },
      onGamma: (gamma) => {
        const row = this.params.rows()[0];
        writeForm(form, [row], { [row.key]: String(gamma) });
        el.namedItem(row.key).dispatchEvent(new Event('change', { bubbles: true }));
      },
      c: () => (this.runs[this.selected]?.optimizer === 'armijo' ? Number(app.values['armijo.c']) : undefined),
    });
  }

  /** Opens the link's settings; a function that does not compile gives way to the notebook's. */
  firstLink() {
    const { app } = this;
    const earlier = [];
    if (!this.showFunction(app.values.fn2)) {
      earlier.push(`${sentence(this.functionError)} ${t('l2.fallback')}`);
      showError(this.form, 'f', '');
      this.showFunction(this.table.find((r) => r.key === 'fn2').default);
      app.values.fn2 = this.fn.spec;
    }
    this.load(app.values);
    this.contour.setSpacing(this.el.levels.value);
    this.start(earlier);
  }

  load(values) {
    const { el, starts } = this;
    el.f.value = values.fn2;
    this.picker.sync();
    if (values.fn2 !== this.fn?.spec) this.showFunction(values.fn2);
    starts.multi = values.multi2 === '1';
    // The core checked every number; pairs of them are the clicked starts.
    const flat = (values.starts2 ?? '').split(',').filter(Boolean).map(Number);
    starts.clicked = [];
    for (let i = 0; i + 1 < flat.length; i += 2) starts.clicked.push([flat[i], flat[i + 1]]);
    this.params.show(values.opt, values);
    writeForm(this.form, this.table, values);
    const race = (values.race ?? '').split(',').filter(Boolean);
    for (const box of this.raceBox.querySelectorAll('input')) box.checked = race.includes(box.value);
    this.surface.setAngles(Number(values.elev), Number(values.azim));
    this.out('camera').textContent = t('l2.camera', { elev: values.elev, azim: values.azim });
  }

  racing() {
    return [...this.raceBox.querySelectorAll('input:checked')].map((b) => b.value);
  }

  /** The inputs checked against the 2-D table by the core: `{values, config}`. */
  checked() {
    const { app, table, starts } = this;
    return this.check({
      ...pick(app.values, table),
      ...readForm(this.form, table),
      seed: app.values.seed,
      fn2: this.fn.spec,
      race: this.racing().join(','),
      multi2: starts.multi ? '1' : '0',
      starts2: starts.clicked.flat().join(','),
    });
  }

  buildLinked() {
    this.build({ select: 'best', linked: true });
  }

  /**
   * Checks the inputs and creates the runs: throws, naming the key, on a bad or over-budget
   * setting. Then computes them in chunks with progress and Cancel, and swaps them in when
   * done. The runs on screen stay until then: Cancel or a failure leave them (and their
   * handle) in place.
   */
  build({ select = 'keep', linked = false } = {}) {
    const { fn, starts } = this;
    const race = this.racing();
    const raceMode = race.length >= 2;
    // Every raced optimizer runs with its own hyperparameters from the table.
    const check = this.checked();
    // An optimizer with a rate of its own says so (and suggests one when it barely moves).
    this.out('rate-note').textContent = check.note ?? '';
    this.work.job?.supersede();
    let next;
    try {
      const entries = raceMode ? check.racers : [];
      next = new this.wasm.Runs2D(fn.spec, check.config, entries, new Float64Array(starts.clicked.flat()), starts.multi);
    } catch (err) {
      next?.free();
      throw err;
    }
    const keepCursor = select === 'keep';
    // Runs from a link are adopted and drawn in a task of their own, even when they were
    // computed within the first slice: opening a link (its settings, the function's
    // compilation, the first slice) and drawing the runs never add up to one long task.
    // A form edit adopts small runs at once, so the link follows the form without delay.
    // Many runs that keep only summaries go to the worker pool, in tiles of starts.
    const tiles = !next.keepsHistory() && next.count() * check.config.steps >= POOL_STEPS
      ? { make: 'runs2d', args: { fn: fn.spec, config: check.config, race: raceMode ? check.racers : [], clicked: starts.clicked.flat(), multi: starts.multi }, count: next.startCount(), per: STARTS_PER_TILE }
      : null;
    this.compute(next, { label: t('l2.computing', { n: next.count() }), units: 256, tiles, defer: linked }, (state, err) => {
      if (state !== 'done') {
        this.discard([next], state, err, { where: 'error', cancelled: 'l2.cancelled', failed: 'l2.failed' });
        return;
      }
      this.show(next, check, { select, race, raceMode, keepCursor });
    });
  }

  /** Swaps in a computed handle: frees the old one and shows the new runs. */
  show(next, check, { select, race, raceMode, keepCursor }) {
    this.adopt(next, check);
    const { handle, transport } = this;
    this.shown = check.config;
    const racers = handle.racers();
    const count = handle.count();
    const names = Array.from({ length: racers }, (_, r) => handle.optimizer(r));
    // One copy of every summary column.
    const record = handle.summaries();
    const summaries = {};
    for (const key of ['startX', 'startY', 'endX', 'endY', 'endValue', 'steps', 'status']) summaries[key] = record[key];
    record.free();
    const runs = [];
    // The palette read once: tens of thousands of runs share its few colours.
    const inks = Array.from({ length: RACE_COLOURS }, (_, j) => this.raceColour(j));
    for (let i = 0; i < count; i++) {
      const racer = i % racers;
      const ink = inks[(raceMode ? racer : Math.floor(i / racers)) % RACE_COLOURS];
      runs.push(new RunRow(summaries, i, this.STATUS_NAMES[summaries.status[i]], names[racer], ink));
    }
    this.runs = runs;
    this.best = handle.best();
    if (select === 'newest' && runs.length) this.selected = runs.length - racers;
    else if (this.selected < 0 || this.selected >= runs.length || select === 'best') this.selected = this.best >= 0 ? this.best : 0;
    const last = runs.reduce((m, r) => Math.max(m, r.steps), 0);
    transport.setLast(last, { cursor: keepCursor ? Math.min(transport.cursor, last) : 0 });
    this.legend(raceMode ? race : null);
    this.basin.clear();
    // Many kept histories: their cost curves are drawn in a task of their own, so that
    // handing the runs over (table, paths in two views, curves) never makes one long task.
    const split = handle.keepsHistory() && runs.length > SPLIT_AFTER;
    this.withHistory(this.selected, () => this.rebuildViewsOnly({ split }));
  }

  /** Paths with their histories: every run's, or only the selected run's in a large set. */
  shownRuns() {
    const { handle } = this;
    const shown = handle.keepsHistory() ? this.runs : this.runs.filter((r) => r.index === this.selected);
    for (const r of shown) {
      if (!r.points) { r.points = handle.points(r.index); r.values = handle.values(r.index); r.grads = handle.grads(r.index); }
    }
    return shown;
  }

  /** Calls `then` once run `i`'s history is available (recomputed in chunks if not kept). */
  withHistory(i, then) {
    const h = this.handle;
    if (!h || i < 0 || h.hasHistory(i)) { then(); return; }
    if (!h.keepsHistory()) for (const r of this.runs) if (r.points) { r.points = null; r.values = null; r.grads = null; }
    h.select(i);
    this.compute(h, { label: t('l2.recomputing', { run: i + 1 }), units: 256, defer: true }, (state) => { if (state === 'done' && h === this.handle) then(); });
  }

  rebuildViewsOnly({ split = false } = {}) {
    const onSelect = (i) => { this.selected = i; this.withHistory(i, () => this.rebuildViewsOnly()); };
    fillTable(this.section.querySelector('table.runs tbody'), this.runs, { best: this.best, selected: this.selected, onSelect });
    if (split) {
      this.cost.clear();
      const { handle } = this;
      setTimeout(() => {
        if (handle !== this.handle) return;
        this.costCurves(this.transport.last);
        this.cost.draw(this.transport.cursor);
      }, 0);
    } else {
      this.costCurves(this.transport.last);
    }
    this.describe();
    this.draw();
  }

  legend(race) {
    const { section } = this;
    const box = section.querySelector('[data-role="legend"]');
    box.replaceChildren();
    const entry = (text, colour, racer) => {
      const s = document.createElement('span');
      s.className = 'racer';
      s.style.setProperty('--c', colour);
      s.textContent = text;
      if (racer) s.dataset.racer = racer;
      box.append(s);
    };
    if (race) race.forEach((name, i) => entry(name, this.raceColour(i), name));
    else entry(t('l2.legend.paths', { opt: this.el.opt.value }), this.raceColour(0));
    entry(t('l2.legend.arrow'), colour('c-arrow', section));
    entry(t('l2.legend.velocity'), colour('c-velocity', section));
    if (this.picker.entry?.points.length) entry(t('l2.legend.known'), colour('c-known-min', section));
  }

  costCurves(last) {
    const relative = this.section.querySelector('[name="cost-kind"]').value === 'rel';
    const log = this.section.querySelector('[name="cost-scale"]').value === 'log';
    this.cost.set(this.shownRuns().map((r) => ({
      ys: this.handle.costs(r.index, relative, log),
      colour: r.colour,
      diverged: r.status === 'diverged',
      selected: r.index === this.selected,
    })), { log, relative, last });
  }

  describe() {
    const { runs, selected, best, handle, shown } = this;
    const st = this.out('status');
    const r = runs[selected];
    const diverged = runs.filter((q) => q.status === 'diverged').length;
    if (!r) { st.textContent = ''; return; }
    const who = { run: selected + 1, opt: r.optimizer, steps: r.steps, f: fmt(r.endValue) };
    const head = {
      'max-steps': t('l2.status.maxsteps', who),
      converged: t('l2.status.converged', who),
      diverged: `${t('l2.status.run', who)} ${handle.divergence(selected) || t('l2.status.diverged', who)}`,
    }[r.status] ?? '';
    const tail = diverged ? ` ${t('l2.status.ndiverged', { n: diverged, of: runs.length })}` : '';
    const bestText = ` ${best >= 0 ? t('l2.status.best', { run: best + 1, f: fmt(runs[best].endValue) }) : t('l2.status.nobest')}`;
    const kept = handle.keepsHistory() ? '' : ` ${t('l2.status.kept', { n: runs.length })}`;
    const order = this.wasm.optimizerMovesWhole(r.optimizer) ? 'whole' : shown.order;
    st.textContent = `${head}${tail}${bestText}${kept} ${t(ORDER_NOTE[order])}`;
    st.dataset.status = diverged ? 'diverged' : r.status;
    this.describeCritical();
  }

  /** The critical step size over the function's view box, against the rate in use. */
  describeCritical() {
    const [a, b, c, d] = this.fn.view;
    const crit = this.handle.criticalStep(a, b, c, d);
    const lr = this.shown.gamma;
    this.out('critical').textContent = Number.isFinite(crit)
      ? t('l2.critical', { L: fmt(2 / crit), crit: fmt(crit) }) +
        (this.el.opt.value === 'gd' ? t(lr > crit ? 'l2.critical.above' : 'l2.critical.below', { gamma: fmt(lr) }) : t('l2.critical.other'))
      : '';
  }

  draw() {
    const { runs, selected, handle, transport } = this;
    if (!runs.length) return;
    const k = transport.cursor;
    const r = runs[selected];
    if (!r.points) return;
    const kk = Math.min(k, r.steps);
    const x = r.points[2 * kk];
    const y = r.points[2 * kk + 1];
    const v = handle.velocity(selected, kk);
    const arrows = Number.isFinite(x) && Number.isFinite(y)
      ? { x, y, grad: [-r.grads[2 * kk], -r.grads[2 * kk + 1]], velocity: v.length ? [v[0], v[1]] : null }
      : null;
    const shown = this.shownRuns();
    const scene = { k, runs: shown, selected: shown.indexOf(r), arrows, markers: this.picker.entry?.points ?? [], current: [x, y] };
    const t0 = performance.now();
    this.contour.setScene(scene);
    this.cost.draw(k);
    // Contour view + cost panel, for the frame budget (the field is cached between frames).
    this.section.dataset.frameMs = (performance.now() - t0).toFixed(2);
    this.surface.setScene(scene);
    this.readout(r, kk, x, y);
    if (!performance.getEntriesByName('descent:first-frame-2d').length) performance.mark('descent:first-frame-2d');
  }

  /** The readouts of run `r` at step `kk`, at (x, y). */
  readout(r, kk, x, y) {
    const out = (name) => this.out(name);
    out('run').textContent = `${this.selected + 1} (${r.optimizer})`;
    out('k').textContent = String(kk);
    out('x').textContent = fmt(x);
    out('y').textContent = fmt(y);
    out('f').textContent = fmt(r.values[kk]);
    out('grad').textContent = `(${fmt(r.grads[2 * kk])}, ${fmt(r.grads[2 * kk + 1])})`;
    out('arithmetic').textContent = this.handle.arithmetic(this.selected, kk).join('\n');
    this.stepView.refresh();
  }

  /** Switches every view to the function `spec` if it compiles; else shows why, where typed. */
  showFunction(spec) {
    let info;
    try {
      info = this.wasm.lesson2dFunction(spec);
    } catch (err) {
      this.functionError = err?.message ?? String(err);
      this.report(err);
      return false;
    }
    const fn = { spec, ...info, view: Array.from(info.view) };
    this.fn = fn;
    this.contour.setFunction(spec, fn.view);
    this.surface.setFunction(spec, fn.view);
    this.picker.accepted(spec);
    this.out('formula').textContent = `f(x, y) = ${has(`fn.${info.key}`) ? t(`fn.${info.key}`) : info.label}`;
    return true;
  }

  /** The buttons, and the inputs each of which rebuilds (or redraws) in its own way. */
  listen() {
    const { section, el, starts, contour, transport } = this;
    const on = (action, fn) => section.querySelector(`[data-action="${action}"]`).addEventListener('click', fn);
    on('multistart', () => { starts.multi = true; this.rebuild({ select: 'best' }); });
    on('clear', () => { starts.multi = false; starts.clicked = []; this.rebuild({ select: 'best' }); });
    on('zoom-path', () => {
      const b = this.handle?.pathBounds(this.selected, 1.0);
      if (b?.length === 4) contour.setView({ x0: b[0], x1: b[1], y0: b[2], y1: b[3] });
    });
    on('zoom-reset', () => contour.home());
    for (const name of ['cost-kind', 'cost-scale']) {
      section.querySelector(`[name="${name}"]`).addEventListener('change', () => { this.costCurves(transport.last); this.cost.draw(transport.cursor); });
    }
    el.opt.addEventListener('change', () => { this.params.show(el.opt.value, this.app.values); this.rebuild(); });
    el.f.addEventListener('change', () => {
      clearErrors(this.form);
      if (!this.showFunction(el.f.value)) return;
      starts.clicked = [];
      this.rebuild({ select: 'best' });
    });
    el.levels.addEventListener('change', () => { contour.setSpacing(el.levels.value); this.app.set({ levels: el.levels.value }); contour.request(); });
    for (const slot of this.form.querySelectorAll('[data-setting]')) {
      const input = el.namedItem(slot.dataset.setting);
      if (input !== el.opt && input !== el.levels) input.addEventListener('change', () => this.rebuild());
    }
    this.raceBox.addEventListener('change', () => this.rebuild());
  }

  mountQuiz() {
    const { transport, contour } = this;
    const quizK = () => Math.min(transport.cursor, this.runs[this.selected]?.steps ?? 0);
    return mountQuiz(this.section, this.app, {
      prompt: 'l2.quiz',
      choices: this.wasm.quizBehaviours(),
      at: () => [this.handle, `${this.selected}:${quizK()}`],
      next: ([x, y]) => this.handle?.quizNext(this.selected, quizK(), x, y, contour.view.x1 - contour.view.x0),
      choose: (c) => this.handle?.quizBehaviour(this.selected, quizK(), c),
      advance: () => transport.seek(transport.cursor + 1),
    });
  }

  /** What the page (keys, table of numbers) and embedders drive the lesson by. */
  api() {
    const { transport, starts } = this;
    return {
      key: (ev) => transport.key(ev),
      /** Adds a start at (x, y), as a click on the contour map does. */
      addStart: (x, y) => { starts.clicked.push(sixDigits(x, y)); this.rebuild({ select: 'newest' }); },
      /** The selected run's path, for the plots' table of numbers. */
      path: () => {
        const r = this.runs[this.selected];
        if (!r?.points) return null;
        return { caption: t('l2.table.run', { run: this.selected + 1, opt: r.optimizer }), columns: ['k', 'x', 'y', 'f(x, y)'], k: Math.min(transport.cursor, r.steps), row: (i) => [i, r.points[2 * i], r.points[2 * i + 1], r.values[i]] };
      },
      transport,
      /** The step on screen for embedders: k, (x_k, y_k), f and the selected run's status. */
      snapshot: () => {
        const r = this.runs[this.selected];
        if (!r) return null;
        const k = Math.min(transport.cursor, r.steps);
        const at = r.points ? [r.points[2 * k], r.points[2 * k + 1]] : null;
        return { k, last: transport.last, iterate: at, value: r.values ? r.values[k] : null, status: r.status };
      },
      /** Replaces the starts by the one start `[x, y]`, as a click on the contour map adds one. */
      setStart: ([x, y]) => {
        starts.multi = false;
        starts.clicked = [[x, y]];
        this.rebuild({ select: 'newest' });
      },
    };
  }
}
