// Lesson 2: f(x, y) — contours and heatmap, a rotatable 3-D surface, multi-start, optimizers
// raced side by side, arrows, the arithmetic of each update, and basins of attraction.

import { Transport } from './transport.js';
import { clearErrors, reportError, fmt, buildInputs, readForm, writeForm, pick, buildOrFallBack, sentence } from './forms.js';
import { ParamInputs } from './lesson2d/params.js';
import { ContourView } from './lesson2d/contour.js';
import { SurfaceView } from './lesson2d/surface.js';
import { CostPanel } from './lesson2d/cost.js';
import { BasinPanel } from './lesson2d/basin.js';
import { StepSizeView } from './stepsize.js';
import { fillTable } from './lesson2d/table.js';
import { functionPicker } from './functions.js';
import { WorkPanel, runJob } from './work.js';
import { pooled } from './tiles.js';
import { mountExport } from './export/panel.js';
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

export function mount(section, app) {
  const { wasm } = app;
  const STATUS_NAMES = statusNames(wasm);
  const raceColour = (i) => colour(`c-race-${(i % RACE_COLOURS) + 1}`, section);
  const form = section.querySelector('form[data-role="settings"]');
  const el = form.elements;
  const out = (name) => section.querySelector(`[data-out="${name}"]`);
  const raceBox = section.querySelector('[data-role="race"]');
  const starts = { multi: true, clicked: [] };
  let handle = null;
  let shownPatch = null; // the link values of the runs on screen
  let runs = [];
  let best = -1;
  let selected = -1;

  const table = wasm.settingsTable('2d');
  const rows = buildInputs(form, table);
  const picker = functionPicker(section.querySelector('[data-role="function"]'), wasm, 2, { onRecommend: (s) => app.set(s) });
  let fn = null; // { spec, key, label, view, fMin }: the last function that compiled, in use
  // The race's check boxes: one per optimizer the table offers.
  for (const { value } of rows.get('opt').choices) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'race';
    box.value = value;
    label.append(box, ` ${value}`);
    raceBox.append(label);
  }

  const params = new ParamInputs(section.querySelector('[data-role="params"]'), form, wasm, table, () => rebuild());
  const contour = new ContourView(section.querySelector('[data-role="contour"]'), wasm, {
    onClick: (x, y) => {
      if (quiz.take([x, y])) return;
      // Six significant digits, so that the link reproduces the run exactly.
      starts.clicked.push([Number(x.toPrecision(6)), Number(y.toPrecision(6))]);
      rebuild({ select: 'newest' });
    },
    onView: () => {},
  });
  const surface = new SurfaceView(section.querySelector('[data-role="surface"]'), wasm, {
    onRotate: (elev, azim) => {
      app.set({ elev: String(Math.round(elev)), azim: String(Math.round(azim)) });
      out('camera').textContent = t('l2.camera', { elev: Math.round(elev), azim: Math.round(azim) });
    },
    onPick: (x, y) => {
      if (quiz.take([x, y])) return;
      starts.clicked.push([Number(x.toPrecision(6)), Number(y.toPrecision(6))]);
      rebuild({ select: 'newest' });
    },
  });
  const cost = new CostPanel(section.querySelector('[data-role="cost"]'));
  let shown = null; // the config of the runs on screen
  const basin = new BasinPanel(section, wasm, contour, () => ({ fn: fn.spec, config: shown, workers: app.values.workers }));
  const clearBasin = () => basin.clear();
  const transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => drawAll() });
  const work = new WorkPanel(section, { anchor: form });
  const stepView = new StepSizeView(section.querySelector('[data-role="stepsize-box"]'), {
    ask: (log, n) => {
      const r = runs[selected];
      return handle && r?.points ? handle.stepSize(selected, Math.min(transport.cursor, r.steps), 0, n, log) ?? null : null;
    },
    onGamma: (gamma) => {
      const row = params.rows()[0];
      writeForm(form, [row], { [row.key]: String(gamma) });
      el.namedItem(row.key).dispatchEvent(new Event('change', { bubbles: true }));
    },
    c: () => (runs[selected]?.optimizer === 'armijo' ? Number(app.values['armijo.c']) : undefined),
  });

  function load(values) {
    el.f.value = values.fn2;
    picker.sync();
    if (values.fn2 !== fn?.spec) showFunction(values.fn2);
    starts.multi = values.multi2 === '1';
    // The core checked every number; pairs of them are the clicked starts.
    const flat = (values.starts2 ?? '').split(',').filter(Boolean).map(Number);
    starts.clicked = [];
    for (let i = 0; i + 1 < flat.length; i += 2) starts.clicked.push([flat[i], flat[i + 1]]);
    params.show(values.opt, values);
    writeForm(form, table, values);
    const race = (values.race ?? '').split(',').filter(Boolean);
    for (const box of raceBox.querySelectorAll('input')) box.checked = race.includes(box.value);
    surface.setAngles(Number(values.elev), Number(values.azim));
    out('camera').textContent = t('l2.camera', { elev: values.elev, azim: values.azim });
  }

  function racing() {
    return [...raceBox.querySelectorAll('input:checked')].map((b) => b.value);
  }

  /** The inputs checked against the 2-D table by the core: `{values, config}`. */
  function checked() {
    const typed = {
      ...pick(app.values, table),
      ...readForm(form, table),
      seed: app.values.seed,
      fn2: fn.spec,
      race: racing().join(','),
      multi2: starts.multi ? '1' : '0',
      starts2: starts.clicked.flat().join(','),
    };
    return wasm.checkSettings('2d', typed);
  }

  /** Shows an error under its input (the optimizer's included), else under the form. */
  function report(err) {
    reportError(form, err, out('error'));
    if (err?.field === 'f') picker.pointAt(err.column);
  }

  /** Re-simulates every start with the current settings; keeps the last good runs on error. */
  function rebuild(opts) {
    clearErrors(form);
    out('error').textContent = '';
    out('notice').textContent = '';
    try {
      build(opts);
    } catch (err) {
      report(err);
    }
  }

  /** Settings from a link: what cannot be built goes back to its default, with a notice. */
  function fromLink(values, earlier = []) {
    load(values);
    clearErrors(form);
    let notices;
    try {
      notices = buildOrFallBack(form, table, () => build({ select: 'best', linked: true }));
    } catch (err) {
      notices = [err?.message ?? String(err)];
    }
    out('notice').textContent = [...earlier, ...notices].join(' ');
  }

  /**
   * Checks the inputs and creates the runs: throws, naming the key, on a bad or over-budget
   * setting. Then computes them in chunks with progress and Cancel, and swaps them in when
   * done. The runs on screen stay until then: Cancel or a failure leave them (and their
   * handle) in place.
   */
  function build({ select = 'keep', linked = false } = {}) {
    const race = racing();
    const raceMode = race.length >= 2;
    // Every raced optimizer runs with its own hyperparameters from the table.
    const check = checked();
    // An optimizer with a rate of its own says so (and suggests one when it barely moves).
    out('rate-note').textContent = check.note ?? '';
    work.job?.supersede();
    let next;
    try {
      const entries = raceMode ? check.racers : [];
      next = new wasm.Runs2D(fn.spec, check.config, entries, new Float64Array(starts.clicked.flat()), starts.multi);
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
    compute(next, `computing ${next.count()} runs`, (state, err) => {
      if (state !== 'done') { discard(next, state, err); return; }
      adopt(next, check, { select, race, raceMode, keepCursor });
    }, linked, tiles);
  }

  /**
   * Runs `h.advance` as a job on the lesson's work panel (on the worker pool first, for
   * `tiles`); `then(state, error)` at the end.
   */
  function compute(h, label, then, defer = false, tiles = null) {
    let job = null;
    const here = (n) => h.advance(n);
    const pool = tiles && pooled(h, tiles, {
      workers: app.values.workers,
      here,
      say: (notice) => { if (notice) out('notice').textContent = `${out('notice').textContent} ${notice}`.trim(); },
      isRunning: () => job?.running,
      onPool: (n) => { job.label = t('workers.threads', { label, n }); },
    });
    const onDone = (state, err) => { if (state !== 'done') pool?.stop(); then(state, err); };
    job = runJob({ panel: work, label, step: pool ? pool.step : here, progress: () => h.progress(), units: 256, onDone, defer });
    return job;
  }

  /** Frees a handle that will not be shown, and says why (nothing when a newer one replaced it). */
  function discard(h, state, err) {
    try { h.free(); } catch { /* a handle left borrowed by a failure is dropped with the page */ }
    if (state === 'superseded') return;
    out('error').textContent = state === 'cancelled'
      ? t('l2.cancelled')
      : t('l2.failed', { why: err?.message ?? err });
    if (handle) { app.set(shownPatch); load(app.values); }
  }

  /** Swaps in a computed handle: frees the old one and shows the new runs. */
  function adopt(next, check, { select, race, raceMode, keepCursor }) {
    if (handle !== next) handle?.free();
    handle = next;
    shown = check.config;
    const racers = handle.racers();
    const count = handle.count();
    const names = Array.from({ length: racers }, (_, r) => handle.optimizer(r));
    // One copy of every summary column.
    const record = handle.summaries();
    const summaries = {};
    for (const key of ['startX', 'startY', 'endX', 'endY', 'endValue', 'steps', 'status']) summaries[key] = record[key];
    record.free();
    runs = [];
    for (let i = 0; i < count; i++) {
      const racer = i % racers;
      const ink = raceColour(raceMode ? racer : Math.floor(i / racers));
      runs.push(new RunRow(summaries, i, STATUS_NAMES[summaries.status[i]], names[racer], ink));
    }
    best = handle.best();
    if (select === 'newest' && runs.length) selected = runs.length - racers;
    else if (selected < 0 || selected >= runs.length || select === 'best') selected = best >= 0 ? best : 0;
    shownPatch = pick(check.values, table);
    app.set(shownPatch);
    const last = runs.reduce((m, r) => Math.max(m, r.steps), 0);
    transport.setLast(last, { cursor: keepCursor ? Math.min(transport.cursor, last) : 0 });
    legend(raceMode ? race : null);
    clearBasin();
    withHistory(selected, () => rebuildViewsOnly());
  }

  /** Paths with their histories: every run's, or only the selected run's in a large set. */
  function shownRuns() {
    const shown = handle.keepsHistory() ? runs : runs.filter((r) => r.index === selected);
    for (const r of shown) {
      if (!r.points) { r.points = handle.points(r.index); r.values = handle.values(r.index); r.grads = handle.grads(r.index); }
    }
    return shown;
  }

  /** Calls `then` once run `i`'s history is available (recomputed in chunks if not kept). */
  function withHistory(i, then) {
    if (!handle || i < 0 || handle.hasHistory(i)) { then(); return; }
    if (!handle.keepsHistory()) for (const r of runs) if (r.points) { r.points = null; r.values = null; r.grads = null; }
    handle.select(i);
    const h = handle;
    compute(h, t('l2.recomputing', { run: i + 1 }), (state) => { if (state === 'done' && h === handle) then(); }, true);
  }

  function rebuildViewsOnly() {
    const onSelect = (i) => { selected = i; withHistory(i, () => rebuildViewsOnly()); };
    fillTable(section.querySelector('table.runs tbody'), runs, { best, selected, onSelect });
    costCurves(transport.last);
    describe();
    drawAll();
  }

  function legend(race) {
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
    if (race) race.forEach((name, i) => entry(name, raceColour(i), name));
    else entry(t('l2.legend.paths', { opt: el.opt.value }), raceColour(0));
    entry(t('l2.legend.arrow'), colour('c-arrow', section));
    entry(t('l2.legend.velocity'), colour('c-velocity', section));
    if (picker.entry?.points.length) entry(t('l2.legend.known'), colour('c-known-min', section));
  }

  function costCurves(last) {
    const relative = section.querySelector('[name="cost-kind"]').value === 'rel';
    const log = section.querySelector('[name="cost-scale"]').value === 'log';
    cost.set(shownRuns().map((r) => ({
      ys: handle.costs(r.index, relative, log),
      colour: r.colour,
      diverged: r.status === 'diverged',
      selected: r.index === selected,
    })), { log, relative, last });
  }

  function describe() {
    const st = out('status');
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
    const order = wasm.optimizerMovesWhole(r.optimizer) ? 'whole' : shown.order;
    st.textContent = `${head}${tail}${bestText}${kept} ${t(ORDER_NOTE[order])}`;
    st.dataset.status = diverged ? 'diverged' : r.status;
    const [a, b, c, d] = fn.view;
    const crit = handle.criticalStep(a, b, c, d);
    const lr = shown.gamma;
    out('critical').textContent = Number.isFinite(crit)
      ? t('l2.critical', { L: fmt(2 / crit), crit: fmt(crit) }) +
        (el.opt.value === 'gd' ? t(lr > crit ? 'l2.critical.above' : 'l2.critical.below', { gamma: fmt(lr) }) : t('l2.critical.other'))
      : '';
  }

  function drawAll() {
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
    const shown = shownRuns();
    const scene = { k, runs: shown, selected: shown.indexOf(r), arrows, markers: picker.entry?.points ?? [], current: [x, y] };
    const t0 = performance.now();
    contour.setScene(scene);
    cost.draw(k);
    // Contour view + cost panel, for the frame budget (the field is cached between frames).
    section.dataset.frameMs = (performance.now() - t0).toFixed(2);
    surface.setScene(scene);
    out('run').textContent = `${selected + 1} (${r.optimizer})`;
    out('k').textContent = String(kk);
    out('x').textContent = fmt(x);
    out('y').textContent = fmt(y);
    out('f').textContent = fmt(r.values[kk]);
    out('grad').textContent = `(${fmt(r.grads[2 * kk])}, ${fmt(r.grads[2 * kk + 1])})`;
    out('arithmetic').textContent = handle.arithmetic(selected, kk).join('\n');
    stepView.refresh();
    if (!performance.getEntriesByName('descent:first-frame-2d').length) performance.mark('descent:first-frame-2d');
  }

  const on = (action, fn) => section.querySelector(`[data-action="${action}"]`).addEventListener('click', fn);
  on('multistart', () => { starts.multi = true; rebuild({ select: 'best' }); });
  on('clear', () => { starts.multi = false; starts.clicked = []; rebuild({ select: 'best' }); });
  on('zoom-path', () => {
    const b = handle?.pathBounds(selected, 1.0);
    if (b?.length === 4) contour.setView({ x0: b[0], x1: b[1], y0: b[2], y1: b[3] });
  });
  on('zoom-reset', () => contour.home());
  for (const name of ['cost-kind', 'cost-scale']) {
    section.querySelector(`[name="${name}"]`).addEventListener('change', () => { costCurves(transport.last); cost.draw(transport.cursor); });
  }
  el.opt.addEventListener('change', () => { params.show(el.opt.value, app.values); rebuild(); });
  /** Switches every view to the function `spec` if it compiles; else shows why, where typed. */
  function showFunction(spec) {
    let info;
    try {
      info = wasm.lesson2dFunction(spec);
    } catch (err) {
      report(err);
      return false;
    }
    fn = { spec, ...info, view: Array.from(info.view) };
    contour.setFunction(spec, fn.view);
    surface.setFunction(spec, fn.view);
    picker.accepted(spec);
    out('formula').textContent = `f(x, y) = ${has(`fn.${info.key}`) ? t(`fn.${info.key}`) : info.label}`;
    return true;
  }
  el.f.addEventListener('change', () => {
    clearErrors(form);
    if (!showFunction(el.f.value)) return;
    starts.clicked = [];
    rebuild({ select: 'best' });
  });
  el.levels.addEventListener('change', () => { contour.setSpacing(el.levels.value); app.set({ levels: el.levels.value }); contour.request(); });
  for (const slot of form.querySelectorAll('[data-setting]')) {
    const input = el.namedItem(slot.dataset.setting);
    if (input !== el.opt && input !== el.levels) input.addEventListener('change', () => rebuild());
  }
  raceBox.addEventListener('change', () => rebuild());
  app.onChange((values) => fromLink(values));

  const earlier = [];
  if (!showFunction(app.values.fn2)) {
    earlier.push(`${sentence(out('error').textContent)} ${t('l2.fallback')}`);
    out('error').textContent = '';
    showFunction('notebook-2d');
    app.values.fn2 = fn.spec;
  }
  load(app.values);
  contour.setSpacing(el.levels.value);
  fromLink(app.values, earlier);
  mountExport(section, { handle: () => handle });
  const quizK = () => Math.min(transport.cursor, runs[selected]?.steps ?? 0);
  const quiz = mountQuiz(section, app, {
    prompt: 'l2.quiz',
    choices: wasm.quizBehaviours(),
    at: () => [handle, `${selected}:${quizK()}`],
    next: ([x, y]) => handle?.quizNext(selected, quizK(), x, y, contour.view.x1 - contour.view.x0),
    choose: (c) => handle?.quizBehaviour(selected, quizK(), c),
    advance: () => transport.seek(transport.cursor + 1),
  });
  return {
    key: (ev) => transport.key(ev),
    /** Adds a start at (x, y), as a click on the contour map does. */
    addStart: (x, y) => { starts.clicked.push([Number(x.toPrecision(6)), Number(y.toPrecision(6))]); rebuild({ select: 'newest' }); },
    /** The selected run's path, for the plots' table of numbers. */
    path: () => {
      const r = runs[selected];
      if (!r?.points) return null;
      return { caption: t('l2.table.run', { run: selected + 1, opt: r.optimizer }), columns: ['k', 'x', 'y', 'f(x, y)'], k: Math.min(transport.cursor, r.steps), row: (i) => [i, r.points[2 * i], r.points[2 * i + 1], r.values[i]] };
    },
    transport,
    /** The step on screen for embedders: k, (x_k, y_k), f and the selected run's status. */
    snapshot() {
      const r = runs[selected];
      if (!r) return null;
      const k = Math.min(transport.cursor, r.steps);
      const at = r.points ? [r.points[2 * k], r.points[2 * k + 1]] : null;
      return { k, last: transport.last, iterate: at, value: r.values ? r.values[k] : null, status: r.status };
    },
    /** Replaces the starts by the one start `[x, y]`, as a click on the contour map adds one. */
    setStart([x, y]) {
      starts.multi = false;
      starts.clicked = [[x, y]];
      rebuild({ select: 'newest' });
    },
  };
}
