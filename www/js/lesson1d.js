// Lesson 1: descent on a function of one variable — f, f′, the path, tangent and multi-start.

import { Plot } from './plot.js';
import { Lesson } from './lesson.js';
import { fmt, readForm, writeForm, pick } from './forms.js';
import { functionPicker } from './functions.js';
import { DiffLabPanel } from './difflab.js';
import { StepSizeView } from './stepsize.js';
import { ParamInputs } from './lesson2d/params.js';
import { mountQuiz } from './quiz/panel.js';
import { themed } from './a11y/palette.js';
import { statusNames } from './status.js';
import { t } from './i18n.js';

/** The plot's colours: custom properties of the palette (style.css), with light fallbacks. */
const PALETTE = {
  minimum: 'c-minimum', f: 'c-f', df: 'c-df', path: 'c-path', point: 'c-point',
  tangent: 'c-tangent', trail: 'c-trail', best: 'c-point', halo: 'c-halo',
};
/** The notebook's In[5] window. */
const BASE_VIEW = [-1, 4];
/** End points listed at most under the plot. */
const MAX_LISTED = 200;
/** Descent steps of a multi-start from which its runs go to the worker pool. */
const POOL_STEPS = 2e6;
/** Starts per worker tile. */
const STARTS_PER_TILE = 256;
const DF_LEGEND = { exact: 'l1.dflegend.exact', central: 'l1.dflegend', forward: 'l1.dflegend.forward' };

/** Mounts lesson 1 on its section; returns what the page and embedders drive it by. */
export function mount(section, app) {
  return new OneD(section, app).api();
}

/**
 * The job that computes a run and its multi-start `ms`: the single run first, then every
 * start (`advance`: on the worker pool when the runs are many and keep only summaries),
 * then the best run's trail if not kept.
 */
function phases(wasm, handle, ms, steps) {
  let phase = 'run';
  const step = (n, advance) => {
    if (phase === 'run') {
      if (handle.stepN(n) !== wasm.RunStatus.Running) phase = ms ? 'multi' : 'done';
    } else if (phase === 'multi') {
      const done = advance(n);
      if (done === null) return null;
      if (done) {
        if (ms.best() >= 0 && !ms.keepsHistory()) { ms.select(ms.best()); phase = 'trail'; } else phase = 'done';
      }
    } else if (phase === 'trail' && ms.advance(n)) phase = 'done';
    return phase === 'done';
  };
  const progress = () => (phase === 'run' ? handle.steps() / steps : ms ? ms.progress() : 1);
  return { step, progress };
}

/** Lesson 1's views on the shared lesson: the plot, the derivative lab and the multi-start list. */
class OneD extends Lesson {
  constructor(section, app) {
    const form = section.querySelector('form.controls');
    super(section, app, { name: '1d', form, work: true });
    this.STATUS_NAMES = statusNames(this.wasm);
    this.canvas = section.querySelector('[data-role="plot"]');
    this.COLORS = themed(PALETTE, this.canvas); // read at draw time, in this canvas's tree
    this.multiBox = section.querySelector('[data-role="multi"]');
    this.run = null; // { handle, xs, fs, gs, status, steps }
    this.multi = null; // { trails: Float64Array[], fTrails, best, ends, endValues, statuses, handle }
    this.curve = null; // { key, xs, fs, dfs }
    this.fitPath = false; // "zoom to path": the window holds every finite point of the path
    this.plot = new Plot(this.canvas, { onResize: () => this.draw() });
    this.picker = functionPicker(section.querySelector('[data-role="function"]'), this.wasm, 1);
    this.lab = new DiffLabPanel(section.querySelector('[data-role="difflab"]'), this.wasm, (h) => app.set({ labh: String(h) }));
    section.querySelector('[data-role="difflab"]').addEventListener('toggle', () => this.draw());
    // The lab's slider is log10 h over the table's range for h.
    const labRow = this.table.find((r) => r.key === 'labh');
    Object.assign(this.lab.slider, { min: String(Math.log10(labRow.min)), max: String(Math.log10(labRow.max)), title: labRow.help });
    this.fText = null; // the last function that compiled: the one in use
    // The method's own hyperparameters (ρ and c, tol, α); an edit bubbles to the form's rebuild.
    this.params = new ParamInputs(section.querySelector('[data-role="params"]'), form, this.wasm, this.table, () => {}, (name) => this.wasm.optimizerParams1D(name));
    this.arith = section.querySelector('[data-role="arith"]');
    this.arith.addEventListener('toggle', () => this.showArithmetic(this.transport.cursor));
    this.stepView = this.stepSizeView();
    this.listen();
    this.start([], () => this.multi?.handle ?? this.run?.handle);
    this.quiz = this.mountQuiz();
  }

  /** Under the intro, how a step of the chosen method differs from the notebook's (none for it). */
  describeMethod(opt) {
    const p = this.out('method-intro');
    p.hidden = !opt || opt === 'gd';
    p.textContent = p.hidden ? '' : t(`l1.method.${opt}`);
  }

  load(values) {
    this.params.show(values.opt1, values);
    writeForm(this.form, this.table, values);
    this.picker.sync();
    this.lab.h = Number(values.labh);
  }

  /**
   * Checks the inputs and creates the run (and the multi-start): throws, naming the key, on
   * a bad or over-budget setting. Then computes them in chunks with progress and Cancel, and
   * swaps them in when done. The run on screen stays until then: Cancel or a failure leave
   * it (and its handle) in place.
   */
  build({ keepCursor = false } = {}) {
    const { app, wasm, table, form } = this;
    const check = this.check({ ...pick(app.values, table), ...readForm(form, table), seed: app.values.seed });
    const cfg = check.config;
    this.out('rate-note').textContent = check.note ?? '';
    this.describeMethod(check.values.opt1);
    this.work.job?.supersede();
    let handle;
    let ms = null;
    try {
      handle = new wasm.Descent1D(cfg);
      if (check.values.multi === '1') ms = new wasm.MultiStart1D(cfg, check.starts);
    } catch (err) {
      handle?.free();
      throw err;
    }
    const tiles = ms && !ms.keepsHistory() && ms.count() * cfg.steps >= POOL_STEPS
      ? { make: 'multi1d', args: { config: cfg, starts: check.starts }, count: ms.startCount(), per: STARTS_PER_TILE }
      : null;
    const label = ms ? t('l1.computing.n', { n: ms.count() }) : t('l1.computing');
    this.compute(ms, { label, units: 1024, tiles, ...phases(wasm, handle, ms, cfg.steps) }, (state, err) => {
      if (state !== 'done') {
        this.discard([handle, ms], state, err, { where: 'status', cancelled: 'l1.cancelled', failed: 'l1.failed' });
        return;
      }
      this.show(check, handle, ms, keepCursor);
    });
  }

  /** Swaps in a computed run (and multi-start): frees the old handle and shows the new. */
  show(check, handle, ms, keepCursor) {
    const cfg = check.config;
    this.fText = cfg.f;
    this.picker.accepted(cfg.f);
    const legend = this.out('df-legend');
    legend.dataset.i18n = DF_LEGEND[cfg.mode] ?? DF_LEGEND.central;
    legend.textContent = t(legend.dataset.i18n);
    this.out('minima-legend').hidden = !this.picker.entry?.points.length;
    this.adopt(handle, check);
    this.fitPath = false;
    this.run = { handle, xs: handle.xs(), fs: handle.values(), gs: handle.grads(), status: this.STATUS_NAMES[handle.status()], steps: handle.steps() };
    this.curve = null;
    // The multi-start's handle stays alive while it is on screen: the export reads its runs.
    this.multi?.handle.free();
    this.multi = null;
    if (ms) { this.showMulti(ms, check.starts); this.multi.handle = ms; }
    this.multiBox.hidden = !this.multi;
    const last = Math.max(this.run.steps, this.multi ? this.multi.longest : 0);
    this.transport.setLast(last, { cursor: keepCursor ? this.transport.cursor : 0 });
    this.describe();
  }

  /** Copies a computed multi-start's trails (all, or the best one's) and lists its ends. */
  showMulti(ms, starts) {
    const count = ms.count();
    const trails = [];
    const fTrails = [];
    const grads = [];
    let longest = 0;
    const steps = ms.stepCounts();
    const kept = ms.keepsHistory();
    const best = ms.best();
    const none = new Float64Array(0);
    for (let i = 0; i < count; i++) {
      // Without kept histories only the best run has a (recomputed) trail.
      const has = kept || i === best;
      trails.push(has ? ms.trail(i) : none);
      fTrails.push(has ? ms.trailValues(i) : none);
      grads.push(has ? ms.trailGrads(i) : none);
      longest = Math.max(longest, steps[i]);
    }
    this.multi = { trails, fTrails, grads, longest, best, ends: ms.ends(), endValues: ms.endValues(), statuses: Array.from(ms.statuses(), (code) => this.STATUS_NAMES[code]), starts: ms.starts(), lo: starts.lo, hi: starts.hi, kept };
    this.listEnds(count);
  }

  /** Lists the multi-start's end points (at most MAX_LISTED) and names the best run. */
  listEnds(count) {
    const { multi } = this;
    const list = this.out('ends');
    list.replaceChildren();
    const shown = Math.min(count, MAX_LISTED);
    for (let i = 0; i < shown; i++) {
      const li = document.createElement('li');
      li.textContent = `x₀ = ${fmt(multi.starts[i])} → x = ${fmt(multi.ends[i])}, f = ${fmt(multi.endValues[i])} (${t(`status.${multi.statuses[i]}`)})`;
      if (i === multi.best) li.className = 'best';
      list.append(li);
    }
    if (shown < count) {
      const li = document.createElement('li');
      li.textContent = t('l1.more', { n: count - shown });
      list.append(li);
    }
    const keptNote = multi.kept ? '' : ` ${t('l1.kept')}`;
    this.out('best').textContent = (multi.best < 0
      ? t('l1.alldiverged', { n: count })
      : t('l1.best', { n: count, seed: this.app.seed, run: multi.best + 1, x: fmt(multi.ends[multi.best]), f: fmt(multi.endValues[multi.best]) })) + keptNote;
  }

  /** The run's outcome in words. */
  describe() {
    const { run } = this;
    const s = run.status;
    const text = {
      'max-steps': t('l1.status.maxsteps', { steps: run.steps }),
      converged: t('l1.status.converged', { steps: run.steps }),
      diverged: `${t('l1.status.run')} ${run.handle.divergence()}`,
      running: '',
    }[s];
    const st = this.out('status');
    st.textContent = text;
    st.dataset.status = s;
  }

  /** The index of the best run in multi-start mode, -1 when the readouts follow the single run. */
  bestShown() {
    return this.multi && this.multi.best >= 0 ? this.multi.best : -1;
  }

  /** The path the readouts follow: the single run's, or the best run's in multi-start mode. */
  followed() {
    const best = this.bestShown();
    return best >= 0 ? { xs: this.multi.trails[best], fs: this.multi.fTrails[best] } : { xs: this.run.xs, fs: this.run.fs };
  }

  /**
   * The visible x-window: the notebook's [−1, 4] grown to hold the path (within |x| < 10⁶)
   * and the starts; after "zoom to path", every finite point of the followed path.
   */
  xWindow() {
    let [a, b] = this.picker.entry ? this.picker.entry.view.slice(0, 2) : BASE_VIEW;
    const grow = (v) => { if (isFinite(v) && Math.abs(v) < 1e6) { a = Math.min(a, v); b = Math.max(b, v); } };
    if (this.fitPath) for (const v of this.followed().xs) if (isFinite(v)) { a = Math.min(a, v); b = Math.max(b, v); }
    if (this.run) for (const v of this.run.xs) grow(v);
    if (this.multi) { grow(this.multi.lo); grow(this.multi.hi); }
    const pad = (b - a) * 0.05;
    return [a - pad, b + pad];
  }

  ensureCurve(a, b) {
    const key = `${a},${b},${this.form.elements.h.value}`;
    if (this.curve?.key === key) return this.curve;
    const n = 400;
    const s = this.run.handle.sampleCurve(a, b, n);
    this.curve = { key, xs: s.subarray(0, n), fs: s.subarray(n, 2 * n), dfs: s.subarray(2 * n, 3 * n) };
    return this.curve;
  }

  draw() {
    if (!this.run) return;
    const { plot, COLORS } = this;
    const k = this.transport.cursor;
    const [a, b] = this.xWindow();
    const c = this.ensureCurve(a, b);
    let lo = Infinity;
    let hi = -Infinity;
    for (const arr of [c.fs, c.dfs]) for (const v of arr) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (this.fitPath) for (const v of this.followed().fs) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.06;
    plot.resize();
    plot.setView(a, b, lo - pad, hi + pad);
    plot.clear();
    plot.axes({ xlabel: 'x', ylabel: 'f(x), f′(x)' });
    plot.clip();
    this.drawMinima(); // under the curves, so f stays visible through them
    plot.polyline(c.xs, c.dfs, { color: COLORS.df, width: 2 });
    plot.polyline(c.xs, c.fs, { color: COLORS.f, width: 2.5 });
    if (this.multi) this.drawMulti(k); else this.drawRun(k);
    plot.unclip();
    this.readout(k);
    this.showArithmetic(k);
    this.lab.update(this.fText, this.currentX(k));
    this.stepView.refresh();
    if (!performance.getEntriesByName('descent:first-frame').length) performance.mark('descent:first-frame');
  }

  /** The catalogue entry's known minima, as hollow green rings (published in data-minima). */
  drawMinima() {
    const pts = this.picker.entry?.points.filter((m) => m.kind !== 'saddle') ?? [];
    const xs = pts.map((m) => m.at[0]);
    const ys = pts.map((m) => m.value);
    this.plot.dots(xs, ys, { color: this.COLORS.minimum, r: 7, alpha: 0.35 });
    this.plot.dots(xs, ys, { color: this.COLORS.minimum, r: 3.5 });
    this.canvas.dataset.minima = JSON.stringify(pts.map((m) => [m.at[0], m.value]));
  }

  /** x_k of the run the readouts follow. */
  currentX(k) {
    const { xs } = this.followed();
    return xs[Math.min(k, xs.length - 1)];
  }

  drawRun(k) {
    const { plot, COLORS, run } = this;
    const kk = Math.min(k, run.steps);
    plot.polyline(run.xs, run.fs, { color: COLORS.path, width: 1, n: kk + 1, alpha: 0.7 });
    plot.dots(run.xs, run.fs, { color: COLORS.path, r: 2.5, n: kk + 1 });
    const x = run.xs[kk];
    const y = run.fs[kk];
    const g = run.gs[kk];
    if (isFinite(x) && isFinite(y) && isFinite(g)) {
      const span = (plot.view.x1 - plot.view.x0) * 0.15;
      plot.polyline([x - span, x + span], [y - g * span, y + g * span], { color: COLORS.tangent, width: 2, dash: [6, 4] });
    }
    plot.dots([x], [y], { color: COLORS.point, r: 6, stroke: COLORS.halo });
    plot.edgeMarker(x, y);
  }

  drawMulti(k) {
    const { plot, COLORS, multi } = this;
    if (!multi.kept) {
      // Only end points are kept: one dot per run, the best run's trail below.
      plot.dots(multi.ends, multi.endValues, { color: COLORS.path, r: 2, alpha: 0.5 });
    }
    multi.trails.forEach((xs, i) => {
      if (!xs.length) return;
      const n = Math.min(k, xs.length - 1) + 1;
      const fs = multi.fTrails[i];
      if (i !== multi.best) {
        plot.polyline(xs, fs, { color: COLORS.trail, width: 1, alpha: 0.35, n });
        plot.dots([xs[n - 1]], [fs[n - 1]], { color: COLORS.path, r: 3 });
      }
    });
    if (multi.best >= 0) {
      const xs = multi.trails[multi.best];
      const fs = multi.fTrails[multi.best];
      const n = Math.min(k, xs.length - 1) + 1;
      plot.polyline(xs, fs, { color: COLORS.best, width: 2.5, n });
      plot.dots([xs[n - 1]], [fs[n - 1]], { color: COLORS.best, r: 6, stroke: COLORS.halo });
      plot.edgeMarker(xs[n - 1], fs[n - 1]);
    } else this.canvas.dataset.edge = '';
  }

  /** The step-size view of the step on screen; its chosen γ goes into the form. */
  stepSizeView() {
    const { form, table } = this;
    return new StepSizeView(this.section.querySelector('[data-role="stepsize-box"]'), {
      ask: (log, n) => {
        const { x, g } = this.followedAt(this.transport.cursor);
        return Number.isFinite(x) && Number.isFinite(g) ? this.run.handle.stepSize(x, g, 0, n, log) : null;
      },
      onGamma: (gamma) => {
        writeForm(form, table.filter((r) => r.key === 'gamma'), { gamma: String(gamma) });
        form.elements.gamma.dispatchEvent(new Event('change', { bubbles: true }));
      },
    });
  }

  /** x_k and the derivative its step used: of the single run, or of the best multi-start run. */
  followedAt(k) {
    const best = this.bestShown();
    const { xs } = this.followed();
    const kk = Math.min(k, xs.length - 1);
    return { x: xs[kk], g: best >= 0 ? this.multi.grads[best][kk] : this.run.gs[kk] };
  }

  /** "Show the arithmetic" of the method's step from x_k on the path the readouts follow (while open). */
  showArithmetic(k) {
    if (!this.run || !this.arith.open) return;
    const { xs } = this.followed();
    const kk = Math.min(k, xs.length - 1);
    const { x, g } = this.followedAt(kk);
    const lines = kk + 1 < xs.length ? this.run.handle.arithmetic(kk, x, g, xs[kk + 1]) : [t('l1.arith.end', { k: kk })];
    this.out('arithmetic').textContent = lines.join('\n');
  }

  /** Readouts at step k: of the single run, or of the best run in multi-start mode. */
  readout(k) {
    const best = this.bestShown();
    const { xs, fs } = this.followed();
    const kk = Math.min(k, xs.length - 1);
    this.out('k').textContent = String(kk);
    this.out('x').textContent = fmt(xs[kk]);
    this.out('f').textContent = fmt(fs[kk]);
    this.out('df').textContent = best >= 0 ? fmt(this.multi.grads[best][kk]) : fmt(this.run.gs[kk]);
  }

  /** Starts a single run at x (six significant digits, so the link reproduces it). */
  placeStart(x) {
    const { elements } = this.form;
    elements.x0.value = String(Number(x.toPrecision(6)));
    if (elements.multi.checked) elements.multi.checked = false;
    this.rebuild();
  }

  listen() {
    const zoom = (fit) => { this.fitPath = fit; this.curve = null; this.draw(); };
    this.plot.canvas.addEventListener('click', (ev) => {
      const { x } = this.plot.toData(ev);
      if (this.quiz.take([x])) return;
      this.placeStart(x);
    });
    // A new method shows its own hyperparameters before the form's rebuild reads them.
    this.form.elements.opt1.addEventListener('change', (ev) => this.params.show(ev.target.value, this.app.values));
    this.form.addEventListener('change', () => this.rebuild());
    this.section.querySelector('[data-action="zoom-path"]').addEventListener('click', () => zoom(true));
    this.section.querySelector('[data-action="zoom-reset"]').addEventListener('click', () => zoom(false));
  }

  mountQuiz() {
    const { transport } = this;
    return mountQuiz(this.section, this.app, {
      prompt: 'l1.quiz',
      choices: this.wasm.quizBehaviours(),
      at: () => [this.run, transport.cursor],
      next: ([x]) => this.run?.handle.quizNext(transport.cursor, x, this.plot.view.x1 - this.plot.view.x0),
      choose: (c) => this.run?.handle.quizBehaviour(transport.cursor, c),
      advance: () => transport.seek(transport.cursor + 1),
    });
  }

  /** What the page (keys, table of numbers) and embedders drive the lesson by. */
  api() {
    const { transport, form } = this;
    return {
      key: (ev) => transport.key(ev),
      placeStart: (x) => this.placeStart(x),
      /** The path the readouts follow, for the plot's table of numbers. */
      path: () => {
        if (!this.run) return null;
        const best = this.bestShown();
        const { xs, fs } = this.followed();
        const caption = best >= 0 ? t('l1.table.best', { run: best + 1 }) : t('l1.table.run');
        return { caption, columns: ['k', 'x', 'f(x)'], k: Math.min(transport.cursor, xs.length - 1), row: (i) => [i, xs[i], fs[i]] };
      },
      transport,
      /** The step on screen for embedders: k, x_k, f(x_k) and the run's status. */
      snapshot: () => {
        if (!this.run) return null;
        const best = this.bestShown();
        const { xs, fs } = this.followed();
        const k = Math.min(transport.cursor, xs.length - 1);
        return { k, last: transport.last, iterate: [xs[k]], value: fs[k], status: best >= 0 ? this.multi.statuses[best] : this.run.status };
      },
      /** Starts the single run at `[x]`, as a click on the plot does. */
      setStart: ([x]) => {
        form.elements.x0.value = String(x);
        form.elements.multi.checked = false;
        this.rebuild();
      },
    };
  }
}
