// Lesson 1: descent on a function of one variable — f, f′, the path, tangent and multi-start.

import { Plot } from './plot.js';
import { Transport } from './transport.js';
import { clearErrors, reportError, fmt, buildInputs, readForm, writeForm, pick, buildOrFallBack } from './forms.js';
import { functionPicker } from './functions.js';
import { DiffLabPanel } from './difflab.js';
import { StepSizeView } from './stepsize.js';
import { WorkPanel, runJob } from './work.js';
import { pooled } from './tiles.js';
import { mountExport } from './export/panel.js';
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

export function mount(section, app) {
  const { wasm } = app;
  const STATUS_NAMES = statusNames(wasm);
  const form = section.querySelector('form.controls');
  const canvas = section.querySelector('[data-role="plot"]');
  const COLORS = themed(PALETTE, canvas); // read at draw time, in this canvas's tree
  const out = (name) => section.querySelector(`[data-out="${name}"]`);
  const multiBox = section.querySelector('[data-role="multi"]');
  const table = wasm.settingsTable('1d');
  buildInputs(form, table);
  let shownPatch = null; // the link values of the run on screen
  let run = null; // { handle, xs, fs, gs, status, steps }
  let multi = null; // { trails: Float64Array[], fTrails, best, ends, endValues, statuses, handle }
  let curve = null; // { key, xs, fs, dfs }
  let fitPath = false; // "zoom to path": the window holds every finite point of the path

  const plot = new Plot(canvas, { onResize: () => draw() });
  const picker = functionPicker(section.querySelector('[data-role="function"]'), wasm, 1);
  const lab = new DiffLabPanel(section.querySelector('[data-role="difflab"]'), wasm, (h) => app.set({ labh: String(h) }));
  section.querySelector('[data-role="difflab"]').addEventListener('toggle', () => draw());
  // The lab's slider is log10 h over the table's range for h.
  const labRow = table.find((r) => r.key === 'labh');
  Object.assign(lab.slider, { min: String(Math.log10(labRow.min)), max: String(Math.log10(labRow.max)), title: labRow.help });
  let fText = null; // the last function that compiled: the one in use
  const transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => draw() });
  const work = new WorkPanel(section, { anchor: form });
  const stepView = new StepSizeView(section.querySelector('[data-role="stepsize-box"]'), {
    ask: (log, n) => {
      const { x, g } = followedAt(transport.cursor);
      return Number.isFinite(x) && Number.isFinite(g) ? run.handle.stepSize(x, g, 0, n, log) : null;
    },
    onGamma: (gamma) => {
      writeForm(form, table.filter((r) => r.key === 'gamma'), { gamma: String(gamma) });
      form.elements.gamma.dispatchEvent(new Event('change', { bubbles: true }));
    },
  });

  function load(values) {
    writeForm(form, table, values);
    picker.sync();
    lab.h = Number(values.labh);
  }

  /** The inputs checked against the 1-D table by the core: `{values, config, starts}`. */
  function checked() {
    return wasm.checkSettings('1d', { ...pick(app.values, table), ...readForm(form, table), seed: app.values.seed });
  }

  /** Rebuilds the run (and the multi-start) from the inputs; keeps the last good run on error. */
  function rebuild(opts) {
    clearErrors(form);
    out('notice').textContent = '';
    try {
      build(opts);
    } catch (err) {
      reportError(form, err, out('status'));
      if (err?.field === 'f') picker.pointAt(err.column);
    }
  }

  /** Settings from a link: what cannot be built goes back to its default, with a notice. */
  function fromLink(values) {
    load(values);
    clearErrors(form);
    let notices;
    try {
      notices = buildOrFallBack(form, table, () => build());
    } catch (err) {
      notices = [err?.message ?? String(err)];
    }
    out('notice').textContent = notices.join(' ');
  }

  /**
   * Checks the inputs and creates the run (and the multi-start): throws, naming the key, on
   * a bad or over-budget setting. Then computes them in chunks with progress and Cancel, and
   * swaps them in when done. The run on screen stays until then: Cancel or a failure leave
   * it (and its handle) in place.
   */
  function build({ keepCursor = false } = {}) {
    const check = checked();
    const cfg = check.config;
    work.job?.supersede();
    let handle;
    let ms = null;
    try {
      handle = new wasm.Descent1D(cfg);
      if (check.values.multi === '1') ms = new wasm.MultiStart1D(cfg, check.starts);
    } catch (err) {
      handle?.free();
      throw err;
    }
    // The single run first, then every start (on the worker pool when the runs are many
    // and keep only summaries), then the best run's trail if not kept.
    let phase = 'run';
    let job = null;
    const runs = ms && !ms.keepsHistory() && ms.count() * cfg.steps >= POOL_STEPS
      ? pooled(ms, { make: 'multi1d', args: { config: cfg, starts: check.starts }, count: ms.startCount(), per: STARTS_PER_TILE }, {
        workers: app.values.workers,
        here: (n) => ms.advance(n),
        say: (notice) => { if (notice) out('notice').textContent = `${out('notice').textContent} ${notice}`.trim(); },
        isRunning: () => job?.running,
        onPool: (n) => { job.label = t('workers.threads', { label: job.label, n }); },
      })
      : { step: (n) => ms.advance(n), stop() {} };
    const step = (n) => {
      if (phase === 'run') {
        if (handle.stepN(n) !== wasm.RunStatus.Running) phase = ms ? 'multi' : 'done';
      } else if (phase === 'multi') {
        const done = runs.step(n);
        if (done === null) return null;
        if (done) {
          if (ms.best() >= 0 && !ms.keepsHistory()) { ms.select(ms.best()); phase = 'trail'; } else phase = 'done';
        }
      } else if (phase === 'trail' && ms.advance(n)) phase = 'done';
      return phase === 'done';
    };
    const progress = () => (phase === 'run' ? handle.steps() / cfg.steps : ms ? ms.progress() : 1);
    job = runJob({
      panel: work,
      label: ms ? t('l1.computing.n', { n: ms.count() }) : t('l1.computing'),
      units: 1024,
      step,
      progress,
      onDone: (state, err) => {
        if (state !== 'done') {
          runs?.stop();
          for (const h of [handle, ms]) { try { h?.free(); } catch { /* left borrowed by a failure */ } }
          if (state === 'superseded') return;
          out('status').textContent = state === 'cancelled'
            ? t('l1.cancelled')
            : t('l1.failed', { why: err?.message ?? err });
          if (run) { app.set(shownPatch); load(app.values); }
          return;
        }
        adopt(check, handle, ms, keepCursor);
      },
    });
  }

  /** Swaps in a computed run (and multi-start): frees the old handle and shows the new. */
  function adopt(check, handle, ms, keepCursor) {
    const cfg = check.config;
    fText = cfg.f;
    picker.accepted(cfg.f);
    out('df-legend').dataset.i18n = DF_LEGEND[cfg.mode] ?? DF_LEGEND.central;
    out('df-legend').textContent = t(out('df-legend').dataset.i18n);
    out('minima-legend').hidden = !picker.entry?.points.length;
    if (run?.handle !== handle) run?.handle.free();
    fitPath = false;
    run = { handle, xs: handle.xs(), fs: handle.values(), gs: handle.grads(), status: STATUS_NAMES[handle.status()], steps: handle.steps() };
    curve = null;
    // The multi-start's handle stays alive while it is on screen: the export reads its runs.
    multi?.handle.free();
    multi = null;
    if (ms) { showMulti(ms, check.starts); multi.handle = ms; }
    multiBox.hidden = !multi;
    shownPatch = pick(check.values, table);
    app.set(shownPatch);
    const last = Math.max(run.steps, multi ? multi.longest : 0);
    transport.setLast(last, { cursor: keepCursor ? transport.cursor : 0 });
    describe();
  }

  /** Copies a computed multi-start's trails (all, or the best one's) and lists its ends. */
  function showMulti(ms, starts) {
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
    multi = { trails, fTrails, grads, longest, best, ends: ms.ends(), endValues: ms.endValues(), statuses: Array.from(ms.statuses(), (code) => STATUS_NAMES[code]), starts: ms.starts(), lo: starts.lo, hi: starts.hi, kept };
    const list = out('ends');
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
    out('best').textContent = (multi.best < 0
      ? t('l1.alldiverged', { n: count })
      : t('l1.best', { n: count, seed: app.seed, run: multi.best + 1, x: fmt(multi.ends[multi.best]), f: fmt(multi.endValues[multi.best]) })) + keptNote;
  }

  /** The run's outcome in words. */
  function describe() {
    const s = run.status;
    const text = {
      'max-steps': t('l1.status.maxsteps', { steps: run.steps }),
      converged: t('l1.status.converged', { steps: run.steps }),
      diverged: `${t('l1.status.run')} ${run.handle.divergence()}`,
      running: '',
    }[s];
    const st = out('status');
    st.textContent = text;
    st.dataset.status = s;
  }

  /** The path the readouts follow: the single run's, or the best run's in multi-start mode. */
  function followed() {
    return multi && multi.best >= 0 ? { xs: multi.trails[multi.best], fs: multi.fTrails[multi.best] } : { xs: run.xs, fs: run.fs };
  }

  /**
   * The visible x-window: the notebook's [−1, 4] grown to hold the path (within |x| < 10⁶)
   * and the starts; after "zoom to path", every finite point of the followed path.
   */
  function xWindow() {
    let [a, b] = picker.entry ? picker.entry.view.slice(0, 2) : BASE_VIEW;
    const grow = (v) => { if (isFinite(v) && Math.abs(v) < 1e6) { a = Math.min(a, v); b = Math.max(b, v); } };
    if (fitPath) for (const v of followed().xs) if (isFinite(v)) { a = Math.min(a, v); b = Math.max(b, v); }
    if (run) for (const v of run.xs) grow(v);
    if (multi) { grow(multi.lo); grow(multi.hi); }
    const pad = (b - a) * 0.05;
    return [a - pad, b + pad];
  }

  function ensureCurve(a, b) {
    const key = `${a},${b},${form.elements.h.value}`;
    if (curve?.key === key) return curve;
    const n = 400;
    const s = run.handle.sampleCurve(a, b, n);
    curve = { key, xs: s.subarray(0, n), fs: s.subarray(n, 2 * n), dfs: s.subarray(2 * n, 3 * n) };
    return curve;
  }

  function draw() {
    if (!run) return;
    const k = transport.cursor;
    const [a, b] = xWindow();
    const c = ensureCurve(a, b);
    let lo = Infinity;
    let hi = -Infinity;
    for (const arr of [c.fs, c.dfs]) for (const v of arr) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (fitPath) for (const v of followed().fs) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.06;
    plot.resize();
    plot.setView(a, b, lo - pad, hi + pad);
    plot.clear();
    plot.axes({ xlabel: 'x', ylabel: 'f(x), f′(x)' });
    plot.clip();
    drawMinima(); // under the curves, so f stays visible through them
    plot.polyline(c.xs, c.dfs, { color: COLORS.df, width: 2 });
    plot.polyline(c.xs, c.fs, { color: COLORS.f, width: 2.5 });
    if (multi) drawMulti(k); else drawRun(k);
    plot.unclip();
    readout(k);
    lab.update(fText, currentX(k));
    stepView.refresh();
    if (!performance.getEntriesByName('descent:first-frame').length) performance.mark('descent:first-frame');
  }

  /** The catalogue entry's known minima, as hollow green rings (published in data-minima). */
  function drawMinima() {
    const pts = picker.entry?.points.filter((m) => m.kind !== 'saddle') ?? [];
    const xs = pts.map((m) => m.at[0]);
    const ys = pts.map((m) => m.value);
    plot.dots(xs, ys, { color: COLORS.minimum, r: 7, alpha: 0.35 });
    plot.dots(xs, ys, { color: COLORS.minimum, r: 3.5 });
    canvas.dataset.minima = JSON.stringify(pts.map((m) => [m.at[0], m.value]));
  }

  /** x_k of the run the readouts follow. */
  function currentX(k) {
    const xs = multi && multi.best >= 0 ? multi.trails[multi.best] : run.xs;
    return xs[Math.min(k, xs.length - 1)];
  }

  function drawRun(k) {
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

  function drawMulti(k) {
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
    } else canvas.dataset.edge = '';
  }

  /** x_k and the derivative its step used: of the single run, or of the best multi-start run. */
  function followedAt(k) {
    const best = multi && multi.best >= 0 ? multi.best : -1;
    const xs = best >= 0 ? multi.trails[best] : run.xs;
    const kk = Math.min(k, xs.length - 1);
    return { x: xs[kk], g: best >= 0 ? multi.grads[best][kk] : run.gs[kk] };
  }

  /** Readouts at step k: of the single run, or of the best run in multi-start mode. */
  function readout(k) {
    const best = multi && multi.best >= 0 ? multi.best : -1;
    const xs = best >= 0 ? multi.trails[best] : run.xs;
    const fs = best >= 0 ? multi.fTrails[best] : run.fs;
    const kk = Math.min(k, xs.length - 1);
    out('k').textContent = String(kk);
    out('x').textContent = fmt(xs[kk]);
    out('f').textContent = fmt(fs[kk]);
    out('df').textContent = best >= 0 ? fmt(multi.grads[best][kk]) : fmt(run.gs[kk]);
  }

  /** Starts a single run at x (six significant digits, so the link reproduces it). */
  function placeStart(x) {
    form.elements.x0.value = String(Number(x.toPrecision(6)));
    if (form.elements.multi.checked) form.elements.multi.checked = false;
    rebuild();
  }
  plot.canvas.addEventListener('click', (ev) => {
    const { x } = plot.toData(ev);
    if (quiz.take([x])) return;
    placeStart(x);
  });
  form.addEventListener('change', () => rebuild());
  section.querySelector('[data-action="zoom-path"]').addEventListener('click', () => { fitPath = true; curve = null; draw(); });
  section.querySelector('[data-action="zoom-reset"]').addEventListener('click', () => { fitPath = false; curve = null; draw(); });
  app.onChange((values) => fromLink(values));

  fromLink(app.values);
  mountExport(section, { handle: () => multi?.handle ?? run?.handle });
  const quiz = mountQuiz(section, app, {
    prompt: 'l1.quiz',
    choices: wasm.quizBehaviours(),
    at: () => [run, transport.cursor],
    next: ([x]) => run?.handle.quizNext(transport.cursor, x, plot.view.x1 - plot.view.x0),
    choose: (c) => run?.handle.quizBehaviour(transport.cursor, c),
    advance: () => transport.seek(transport.cursor + 1),
  });
  return {
    key: (ev) => transport.key(ev),
    placeStart,
    /** The path the readouts follow, for the plot's table of numbers. */
    path: () => {
      if (!run) return null;
      const best = multi && multi.best >= 0 ? multi.best : -1;
      const xs = best >= 0 ? multi.trails[best] : run.xs;
      const fs = best >= 0 ? multi.fTrails[best] : run.fs;
      const caption = best >= 0 ? t('l1.table.best', { run: best + 1 }) : t('l1.table.run');
      return { caption, columns: ['k', 'x', 'f(x)'], k: Math.min(transport.cursor, xs.length - 1), row: (i) => [i, xs[i], fs[i]] };
    },
    transport,
    /** The step on screen for embedders: k, x_k, f(x_k) and the run's status. */
    snapshot() {
      if (!run) return null;
      const best = multi && multi.best >= 0 ? multi.best : -1;
      const xs = best >= 0 ? multi.trails[best] : run.xs;
      const fs = best >= 0 ? multi.fTrails[best] : run.fs;
      const k = Math.min(transport.cursor, xs.length - 1);
      return { k, last: transport.last, iterate: [xs[k]], value: fs[k], status: best >= 0 ? multi.statuses[best] : run.status };
    },
    /** Starts the single run at `[x]`, as a click on the plot does. */
    setStart([x]) {
      form.elements.x0.value = String(x);
      form.elements.multi.checked = false;
      rebuild();
    },
  };
}
